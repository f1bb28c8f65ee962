"""A small on-disk cache for warm builds (``.cache/`` in the project).

Every folder the build keeps between builds is declared here, once, and read by the build,
the tests and the benchmarks: ``CACHE_DIR`` (``.cache/sam/``: the content model, the
outputs, the manifests of the site folders), ``SEARCH_DIR`` (the last search bundle),
``QR_DIR`` (the QR codes) and ``IMAGE_DIR`` (light copies of photos), all in ``CACHE_ROOT``.

A result is stored with the key of everything it was made from: the stat (name, size,
modification time) of its input files and of the code in ``hooks/``, plus any other
parts a caller adds. A different key means a miss and a fresh computation, so an
edited practice, a changed vocabulary or a code change never serve a stale result.
Delete ``CACHE_ROOT`` (``make clean``) to start cold.

``replacing`` and ``write`` are the one way the build writes a file it keeps (cache entries,
light copies of images): through a temporary file next to it, so a build that stops halfway
never leaves half a file and two builds at once never write into each other's.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CACHE_ROOT = Path(".cache")  # in the project; the workflows keep it from run to run
CACHE_DIR = CACHE_ROOT / "sam"  # the pickles of ``load`` and ``store``
SEARCH_DIR = CACHE_DIR / "pagefind"  # the last search bundle and its key
QR_DIR = CACHE_ROOT / "qr"  # every QR code drawn (printed/qr.py)
IMAGE_DIR = CACHE_ROOT / "images"  # light copies of photos (reading/images.py)
_HOOKS = Path(__file__).resolve().parents[1]  # hooks/: the adapter and the core


def stat_key(paths) -> list[tuple]:
    """Names, sizes and modification times: cheap, and changes whenever a file does."""
    stats = []
    for path in paths:
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            continue
        stats.append((str(path), stat.st_size, stat.st_mtime_ns))
    return stats


def code_key() -> list[tuple]:
    return stat_key(sorted(_HOOKS.rglob("*.py"))) + [(sys.version,)]


def digest(*parts) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def folder(root: Path) -> Path:
    return Path(root) / CACHE_DIR


def load(root: Path, name: str, key: str):
    """The value stored under ``name`` if it was stored with ``key``, else None."""
    path = folder(root) / f"{name}.pickle"
    try:
        with path.open("rb") as stream:
            stored_key, value = pickle.load(stream)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
        return None
    return value if stored_key == key else None


def store(root: Path, name: str, key: str, value) -> None:
    target = folder(root)
    try:
        target.mkdir(parents=True, exist_ok=True)
        with replacing(target / f"{name}.pickle") as temporary, temporary.open("wb") as stream:
            pickle.dump((key, value), stream, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:
        pass  # a read-only checkout still builds, just without the cache


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path next to ``path`` to write to; it replaces ``path`` when the block ends
    without an error and is removed when it does not. Its name is unique to this process and
    call (``<name>.<pid>-<random>.tmp``)."""
    path = Path(path)
    temporary = path.with_name(f"{path.name}.{os.getpid()}-{uuid.uuid4().hex[:12]}.tmp")
    try:
        yield temporary
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def link_or_copy(source, target) -> None:
    """Put a cached file at ``target`` as a hard link (instant; nothing ever writes into a
    cached file), or as a copy on another file system (`mkdocs serve` builds in /tmp).
    A file already at ``target`` is replaced, never written through."""
    try:
        os.unlink(target)
    except FileNotFoundError:
        pass
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def changed(folder: Path, sizes: dict[str, int]) -> list[str]:
    """The files of ``sizes`` (paths inside ``folder``, with the size each was written with)
    that are gone or of another size now: a folder kept or cached whole is reused only when
    this is empty (a cut-off or emptied file never reaches a site again)."""
    found = []
    for path, size in sizes.items():
        try:
            if os.stat(os.path.join(folder, path)).st_size != size:
                found.append(path)
        except OSError:
            found.append(path)
    return found


def write(path: Path, content: bytes | str) -> None:
    """Write a whole file at once (text as UTF-8), via ``replacing``."""
    with replacing(path) as temporary:
        if isinstance(content, str):
            temporary.write_text(content, encoding="utf-8")
        else:
            temporary.write_bytes(content)
