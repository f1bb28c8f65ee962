"""Folders of the built site that only the build writes, kept from one build to the next.

The short links (``p/``, ``l/``, ``h/``), the QR codes of the sheets (``qr/``) and the
search bundle (``pagefind/``) are one small file or more per practice: some 30,000 files
at 10,000 practices. A site generator empties its output folder before every build
(MkDocs does), and deleting and creating that many files cost more than a fifth of a
warm build, while between two builds almost none of them change.

So, before the generator empties the site folder, each of these folders is moved aside
(a rename into a hidden folder inside the site folder, which MkDocs leaves alone: it never
deletes or publishes names that start with a dot). After the build it is moved back and
brought up to date file by file against the manifest of what the last build wrote there:
new and changed files are written, files that are gone are deleted. A folder without a
manifest (the first build, another site folder, a build that stopped halfway) is written
anew, and the hidden folder is always gone when a build ends.

The same move, without a manifest, spares the page folders that hold one folder per practice
(``praktijken/``): moved back before the generator writes the pages, with every file it
will not write again deleted, so it overwrites each page in place (``restore_pruned``).

The site folder belongs to the build: a file edited by hand inside these folders is not
noticed (delete the site folder, or run ``make clean``, to start cold).

Creating a folder costs about half a millisecond here and a file a fifth (ext4 on the build
machine): 10,000 short links are 7 s of a cold build. Nothing else writes into these
folders, so ``start_writing`` hands them to a process of its own (``python -m
samsite.build.site_folders``) that writes them on the other core while the generator renders
the pages; ``finish_writing`` waits for it. (A thread was tried first: it waited for the
interpreter lock after every system call and took 6 s for 2,000 files that a process
writes in 1 s.)

Plain Python, no MkDocs: ``set_aside`` before the output folder is emptied, ``write`` (or
``start_writing`` / ``finish_writing``) and ``keep`` once the files are known.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .. import cache, urls
from ..pages.generated import GeneratedFile

OWN_FOLDERS = (*urls.SHORT_FOLDERS, urls.QR)  # written only from GeneratedFile lists, file by file
PAGE_FOLDERS = (urls.PRACTICES,)  # written by the generator: one folder per page, kept and pruned
ASIDE = ".sam-vorige-build"  # hidden: the generator neither empties nor publishes it
# The manifests of the last site folder built, in the cache under this name. Another folder
# (e.g. that of `mkdocs serve`) starts without and takes the place: no cache per preview.
MANIFESTS = "site-folders"


_HOOKS = Path(__file__).resolve().parents[2]  # where `python -m samsite...` finds the package


class SiteFoldersError(Exception):
    """Writing the kept folders failed; the message is Dutch (editors read build output)."""


def owned(item: GeneratedFile) -> bool:
    """Whether a generated file lands in one of the folders kept between builds."""
    return item.dest_uri.split("/", 1)[0] in OWN_FOLDERS


class SiteFolders:
    """The kept folders of one site folder, for one build."""

    def __init__(self, site_dir: Path, root: Path):
        self.site = Path(site_dir).resolve()
        self.aside = self.site / ASIDE
        self.root = Path(root)
        self._manifests: dict[str, object] | None = None
        self._writing: subprocess.Popen | None = None

    # --- before the site folder is emptied -------------------------------------------

    def set_aside(self, names: Iterable[str]) -> None:
        """Move each folder out of the generator's way. A folder already aside (a build that
        stopped) stays there when the site holds none: it is still the last one written."""
        for name in names:
            current = self.site / name
            if not current.is_dir():
                continue
            self.aside.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(self.aside / name, ignore_errors=True)
            try:
                os.rename(current, self.aside / name)
            except OSError:
                self._forget(name)  # it stays where it is: the generator deletes it

    # --- before the generator writes the pages ------------------------------------------

    def restore_pruned(self, name: str, expected: Iterable[str]) -> None:
        """Move a page folder back before the generator writes into it, without every file that
        is not in ``expected`` (site-relative paths): the generator then overwrites each page
        where it was instead of making a folder and a file for it (half a millisecond and a
        fifth each, per practice), and nothing of a deleted or renamed page stays behind."""
        kept = self.aside / name
        if not kept.is_dir() or (self.site / name).exists():
            return
        try:
            os.rename(kept, self.site / name)
        except OSError:
            return
        wanted = set(expected)
        for folder, subfolders, names in os.walk(self.site / name, topdown=False):
            relative = os.path.relpath(folder, self.site).replace(os.sep, "/")
            for file_name in names:
                if f"{relative}/{file_name}" not in wanted:
                    os.unlink(os.path.join(folder, file_name))
            for subfolder in subfolders:
                try:
                    os.rmdir(os.path.join(folder, subfolder))  # only if nothing is left in it
                except OSError:
                    pass

    # --- after the pages are written -------------------------------------------------

    def write(self, files: Iterable[GeneratedFile]) -> None:
        """Bring every folder of ``OWN_FOLDERS`` up to date with ``files`` (those ``owned``)."""
        groups: dict[str, dict[str, GeneratedFile]] = {name: {} for name in OWN_FOLDERS}
        for item in files:
            groups[item.dest_uri.split("/", 1)[0]][item.dest_uri] = item
        olds = {name: self._take_back(name) for name in OWN_FOLDERS}
        for name in OWN_FOLDERS:  # while the folders change, no manifest describes them
            self._load().pop(name, None)
        self._save()
        writer = _Writer(self.site)
        for name, items in groups.items():
            wanted = {dest: _fingerprint(item) for dest, item in items.items()}
            old = olds[name]
            if old is None:
                shutil.rmtree(self.site / name, ignore_errors=True)
                old = {}
            for dest in old.keys() - wanted.keys():
                _unlink(self.site / dest)
                _remove_empty(self.site / dest, self.site / name)
            for dest, print_ in wanted.items():
                if old.get(dest) != print_:
                    writer.write(items[dest])
            self._load()[name] = wanted
        self._save()

    def start_writing(self, files: Iterable[GeneratedFile]) -> None:
        """``write`` in a process of its own; ``finish_writing`` waits for it."""
        self.aside.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=self.aside, suffix=".pickle", delete=False) as job:
            pickle.dump((str(self.site), str(self.root), list(files)), job, protocol=pickle.HIGHEST_PROTOCOL)
        self._writing = subprocess.Popen([sys.executable, "-m", "samsite.build.site_folders", job.name],
                                         cwd=_HOOKS, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def finish_writing(self) -> None:
        """Wait for ``start_writing``; raises SiteFoldersError if the writing failed."""
        process, self._writing = self._writing, None
        if process is None:
            return
        _, errors = process.communicate()
        self._manifests = None  # the writer recorded them: read again
        if process.returncode != 0:
            detail = errors.decode(errors="replace").strip().splitlines()
            raise SiteFoldersError(f"De korte links en QR-codes konden niet in de site geschreven worden "
                                   f"({detail[-1] if detail else f'code {process.returncode}'}).")

    def has(self, name: str) -> bool:
        """Whether a folder written with a manifest is waiting aside to be moved back."""
        return name in self._load() and (self.aside / name).is_dir()

    def keep(self, name: str, key: str) -> bool:
        """Move back a folder written as a whole (the search bundle) if it was written with
        ``key`` and each file it was written with is still there at its size (``cache.changed``);
        True if it is in place again. Else it is deleted and the caller writes it."""
        old = self._take_back(name)
        if isinstance(old, dict) and old.get("key") == key and not cache.changed(self.site / name, old["sizes"]):
            return True
        shutil.rmtree(self.site / name, ignore_errors=True)
        self._forget(name)
        return False

    def written(self, name: str, key: str, sizes: dict[str, int]) -> None:
        """Record that the caller wrote folder ``name`` as a whole, with ``key``: these files
        (paths inside it) of these sizes."""
        self._remember(name, {"key": key, "sizes": dict(sizes)})

    def done(self) -> None:
        """Nothing of the last build stays hidden in the site folder."""
        shutil.rmtree(self.aside, ignore_errors=True)

    # --- the manifests -----------------------------------------------------------------

    def _take_back(self, name: str):
        """The manifest of the folder set aside, moved back into place; None if there is none."""
        manifest = self._load().get(name)
        kept = self.aside / name
        if manifest is None or not kept.is_dir():
            return None
        shutil.rmtree(self.site / name, ignore_errors=True)
        try:
            os.rename(kept, self.site / name)
        except OSError:
            return None
        return manifest

    def _load(self) -> dict[str, object]:
        if self._manifests is None:
            self._manifests = cache.load(self.root, MANIFESTS, str(self.site)) or {}
        return self._manifests

    def _remember(self, name: str, manifest) -> None:
        self._load()[name] = manifest
        self._save()

    def _forget(self, name: str) -> None:
        if self._load().pop(name, None) is not None:
            self._save()

    def _save(self) -> None:
        cache.store(self.root, MANIFESTS, str(self.site), self._load())


def _bytes(item: GeneratedFile) -> bytes:
    return item.content.encode() if isinstance(item.content, str) else item.content


def _fingerprint(item: GeneratedFile) -> tuple:
    if item.path is None:
        return ("content", hashlib.sha1(_bytes(item)).hexdigest())
    stat = os.stat(item.path)
    return ("file", str(item.path), stat.st_size, stat.st_mtime_ns)


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _remove_empty(path: Path, top: Path) -> None:
    """The folders of a deleted file that are empty now, up to ``top`` (kept)."""
    folder = path.parent
    while folder != top and top in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


class _Writer:
    """Writes generated files below the site folder, each folder made once; cached files
    are linked (``cache.link_or_copy``)."""

    def __init__(self, site: Path):
        self.site = str(site)
        self.made: set[str] = set()

    def write(self, item: GeneratedFile) -> None:
        target = os.path.join(self.site, item.dest_uri)
        folder = os.path.dirname(target)
        if folder not in self.made:
            os.makedirs(folder, exist_ok=True)
            self.made.add(folder)
        if item.path is not None:
            cache.link_or_copy(item.path, target)
            return
        _unlink(target)  # a file from the last build may be a hard link into a cache: never write through it
        with open(target, "wb") as stream:
            stream.write(_bytes(item))


def _write_job(job: Path) -> None:
    """The writer process: the site folder, project root and files ``start_writing`` stored."""
    site, root, files = pickle.loads(job.read_bytes())
    job.unlink()
    SiteFolders(Path(site), Path(root)).write(files)


if __name__ == "__main__":
    _write_job(Path(sys.argv[1]))
