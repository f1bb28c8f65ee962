"""Loaded by Python at start-up when this folder is on PYTHONPATH (tests/test_linkcheck.py).

The process may connect to loopback addresses only, and no name is ever looked up on the
network: a name other than 'localhost' fails as a DNS failure would. Each attempt is
written to the file named by LOOPBACK_GUARD_LOG, so a test can prove where requests went.
"""

import ipaddress
import os
import socket

_LOG = os.environ.get("LOOPBACK_GUARD_LOG")
_getaddrinfo = socket.getaddrinfo
_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


def _log(line: str) -> None:
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(line + "\n")


def _loopback(host) -> bool:
    host = host.decode() if isinstance(host, bytes) else str(host)
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return host == "localhost"


def getaddrinfo(host, *args, **kwargs):
    if host is not None and not _loopback(host):
        _log(f"lookup {host}")
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known (loopback guard)")
    return _getaddrinfo(host, *args, **kwargs)


def _check(sock, address) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        _log(f"connect {address[0]}")
        if not _loopback(address[0]):
            raise ConnectionRefusedError(f"loopback guard: no connection to {address[0]}")


def connect(self, address):
    _check(self, address)
    return _connect(self, address)


def connect_ex(self, address):
    _check(self, address)
    return _connect_ex(self, address)


socket.getaddrinfo = getaddrinfo
socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
