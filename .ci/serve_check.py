"""Start `make serve` as a user would, wait until it answers, fetch three pages, stop it.

    python3 .ci/serve_check.py [make arguments ...]

The pages: the home page, the first practice and the links page of the first cahier.
Each must answer 200 with HTML. Exit 1 (with the server's output) otherwise. Stdlib only:
this runs before anything is installed.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 600  # seconds: the first `make serve` installs the packages and builds cold


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pages() -> list[str]:
    practice = sorted(p.stem for p in (ROOT / "praktijken").glob("*.md"))[0]
    cahier = sorted(p.name for p in (ROOT / "cahiers").iterdir() if (p / "index.md").is_file())[0]
    return ["", f"praktijken/{practice}/", f"cahiers/{cahier}/links/"]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


def main(make_args: list[str]) -> int:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = tempfile.TemporaryFile()
    server = subprocess.Popen(["make", *make_args, "serve", f"SERVE_ADDR=127.0.0.1:{port}"], cwd=ROOT,
                              stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + TIMEOUT
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"make serve stopped with exit status {server.returncode}")
            try:
                status, _ = fetch(base)
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"make serve did not answer on {base} within {TIMEOUT} s")
            time.sleep(2)
        for path in pages():
            status, body = fetch(base + path)
            if status != 200 or "<html" not in body:
                raise RuntimeError(f"make serve: {base}{path} answered {status}")
            print(f"make serve: 200 {base}{path}", flush=True)
        return 0
    except RuntimeError as error:
        log.seek(0)
        sys.stdout.write(log.read().decode("utf-8", "replace")[-5000:])
        print(f"FAILED: {error}", file=sys.stderr)
        return 1
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
