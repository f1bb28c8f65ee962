"""A static file server that compresses like a real web host: gzip level 6.

Used by the tests (``site_url``) and by ``benchmarks/run.py``, so the bytes a browser
reports as transferred are the bytes a reader on a phone would download. Text types
are sent with ``Content-Encoding: gzip`` when the client accepts it; files that are
already compressed (Pagefind's chunks and WebAssembly, images) are sent as they are.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import threading
from pathlib import Path
from urllib.parse import urlsplit

COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".map"}
LEVEL = 6


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm",
                      ".xml": "application/xml", ".json": "application/json"}

    def log_message(self, *args):
        pass

    def send_head(self):
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the base class redirects to the trailing slash
            target = target / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not accepts or target.suffix not in COMPRESSIBLE or not target.is_file():
            return super().send_head()
        body = _compressed(str(target), target.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(target)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@functools.lru_cache(maxsize=4096)
def _compressed(path: str, mtime_ns: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=LEVEL, mtime=0)


def serve(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``directory`` on a free localhost port; returns its URL and the server."""
    handler = functools.partial(GzipHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server
