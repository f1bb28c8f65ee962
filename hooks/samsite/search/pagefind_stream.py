"""Pagefind fed page by page while the site is still being written.

Pagefind's indexer runs as a service (``pagefind --service``): it reads requests on
standard input and answers on standard output, each a base64-encoded JSON message
followed by a comma. That is how Pagefind's own Python and Node packages drive it.
We speak it directly, for two reasons, both measured:

- Pagefind's Python package (``pagefind.index.PagefindIndex``) reads one answer per
  tenth of a second (``asyncio.sleep(0.1)`` in ``PagefindService._wait_for_responses``,
  pagefind 1.5): 50 pages took 5.1 s, so 10,000 would take 17 minutes.
- The command line (``pagefind --site``) needs the pages on disk: writing 10,000 lean
  pages to a temporary folder and deleting them again cost 4.5 s, and indexing could only
  start once the whole site was written.

Here a writer thread sends each page as soon as MkDocs has written it, and Pagefind indexes
it in its own process on another core while the build goes on; ``finish`` asks it for the
files of the bundle and the build writes them itself (``search_index.write_bundle``). The index
is the same as the command line's for the same pages (``tests/test_site_folders.py`` compares
them file by file).

Why not let the service write the bundle (``WriteFiles``): it writes each file through tokio's
``File`` without a flush, which hands the last piece of the file to a background thread and
goes on, so it answers before every file is on disk; and it ends with ``std::process::exit``
as soon as its standard input closes, which stops those threads halfway (pagefind 1.5:
``output/mod.rs``, ``service/mod.rs``). Closing the service right after its answer left an
empty or cut-off file (cut at a 4 KiB page: ``pagefind-component-ui.css`` at 32,768 bytes) in
1 bundle of 40, 6 of 200 with two runs at once, and 5 of 50 cold builds with two builds at
once. The same write drops an error (a full disk) without a word. ``GetFiles`` answers with
the bytes; ``search_index.write_bundle`` writes and checks them.
"""

from __future__ import annotations

import base64
import json
import queue
import subprocess
import tempfile
import threading

_STOP = object()


class PagefindError(Exception):
    """Pagefind refused a request or stopped; the message says what it answered."""


class PagefindStream:
    """One Pagefind service process and one index in it."""

    def __init__(self, executable: str, config: dict):
        self._stderr = tempfile.TemporaryFile()
        self._process = subprocess.Popen([executable, "--service"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=self._stderr)
        self._next_id = 0
        self._answers: dict[int, dict] = {}
        self._waiting: dict[int, threading.Event] = {}
        self._errors: list[str] = []
        self._lock = threading.Lock()
        self._outbox: queue.SimpleQueue = queue.SimpleQueue()
        self._reader = threading.Thread(target=self._read, name="pagefind-reader", daemon=True)
        self._writer = threading.Thread(target=self._write, name="pagefind-writer", daemon=True)
        self._reader.start()
        self._writer.start()
        answer = self._ask({"type": "NewIndex", "config": config})
        self._index = answer["index_id"]

    def add(self, path: str, html: str) -> None:
        """Queue a page (``path`` as in the site, e.g. 'praktijken/x/index.html'); never waits."""
        self._send({"type": "AddFile", "index_id": self._index, "file_path": path, "url": None,
                    "file_contents": html}, wait=False)

    def finish(self) -> dict[str, bytes]:
        """Every file of the bundle once every page is indexed: its path inside the bundle
        ('fragment/x.pf_fragment') and its content. Raises PagefindError."""
        try:
            answer = self._ask({"type": "GetFiles", "index_id": self._index})
            if self._errors:
                raise PagefindError(self._errors[0])
            return {file["path"]: base64.b64decode(file["content"]) for file in answer.get("files", ())}
        finally:
            self.close()

    def close(self) -> None:
        """Stop the service (also after an error or a build that stopped halfway)."""
        self._outbox.put(_STOP)
        self._writer.join(timeout=10)
        if self._process.poll() is None:
            self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
        self._stderr.close()

    # --- the protocol ----------------------------------------------------------------

    def _ask(self, payload: dict) -> dict:
        message_id, done = self._send(payload, wait=True)
        done.wait()  # set by the reader: on the answer, or when the service stops
        answer = self._answers.pop(message_id, None)
        if answer is None:
            raise PagefindError(self._stopped())
        if answer.get("type") == "Error":
            raise PagefindError(answer.get("message", "onbekende fout"))
        return answer

    def _send(self, payload: dict, wait: bool) -> tuple[int, threading.Event | None]:
        with self._lock:
            self._next_id += 1
            message_id = self._next_id
            done = None
            if wait:
                done = self._waiting[message_id] = threading.Event()
        self._outbox.put({"message_id": message_id, "payload": payload})
        return message_id, done

    def _write(self) -> None:
        stream = self._process.stdin
        while (message := self._outbox.get()) is not _STOP:
            try:
                stream.write(base64.b64encode(json.dumps(message).encode()) + b",")
                stream.flush()
            except (BrokenPipeError, OSError):
                self._errors.append(self._stopped())
                return
        try:
            stream.close()
        except OSError:
            pass

    def _read(self) -> None:
        stream = self._process.stdout
        pieces: list[bytes] = []  # of a message not yet complete: the bundle is one of tens of MB
        while chunk := stream.read1(1 << 20):
            *complete, rest = chunk.split(b",")
            for message in complete:
                if pieces:
                    message, pieces = b"".join([*pieces, message]), []
                self._receive(json.loads(base64.b64decode(message)))
            if rest:
                pieces.append(rest)
        with self._lock:  # the service stopped: nobody waits forever
            for event in self._waiting.values():
                event.set()

    def _receive(self, answer: dict) -> None:
        payload = answer.get("payload") or {}
        message_id = answer.get("message_id")
        with self._lock:
            event = self._waiting.pop(message_id, None)
        if event is not None:
            self._answers[message_id] = payload
            event.set()
        elif payload.get("type") == "Error":  # a page nobody waits for
            self._errors.append(payload.get("message", "onbekende fout"))

    def _stopped(self) -> str:
        self._stderr.seek(0)
        detail = self._stderr.read().decode(errors="replace").strip()
        return "Pagefind stopte onverwacht" + (f":\n{detail}" if detail else "")
