"""The only module that writes the site.

Everything goes into a staging folder beside the output (``.site.staging-<pid>``).
Files whose content did not change are hard-linked from the current site
instead of rewritten. When the staging folder is complete it is swapped
with the output atomically (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere
two renames), and the old tree is removed. A build that fails or is killed
at any moment leaves the previous site untouched; leftovers of killed builds
are removed by the next one.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import posixpath
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BuildError
from .urls import safe_join

MANIFEST = ".scogen-manifest.json"


@dataclass
class Publication:
    """Files for the next site: path -> bytes to write, or a key that says 'unchanged'.

    The staging folder starts as the *spare*: the site before the current one,
    kept beside it (``.site.spare``) after the last swap. Its files that are still
    right stay; only what changed since is rewritten, linked from the current site,
    or removed. Without a spare the staging folder starts empty and every unchanged
    file is hard-linked from the current site. Files are never written in place
    (the spare shares them with the current site): a changed file is unlinked and
    written anew.
    """

    out: Path
    previous: dict[str, str]  # path -> key of the site being replaced
    keys: dict[str, str] = field(default_factory=dict)
    written: int = 0
    linked: int = 0
    staging: Path | None = None
    base: dict[str, str] = field(default_factory=dict)  # path -> key of the staging folder
    _dirs: set = field(default_factory=set)
    _trash: Path | None = None

    def begin(self) -> Path:
        clean_leftovers(self.out)
        self.staging = self.out.parent / f".{self.out.name}.staging-{os.getpid()}"
        if self.staging.exists():
            shutil.rmtree(self.staging)
        spare = spare_path(self.out)
        try:
            os.rename(spare, self.staging)  # claimed: no other build can take it now
        except OSError:
            self.staging.mkdir(parents=True)
            return self.staging
        self.base = read_manifest(self.staging)
        try:
            os.unlink(self.staging / MANIFEST)  # from here on the folder is in flux
        except OSError:
            self.base = {}
        if not self.base:  # a spare without its manifest is not to be trusted
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging.mkdir(parents=True)
        return self.staging

    def unchanged(self, path: str, key: str) -> bool:
        """Keep ``path`` if the staging folder has it with this key, or hard-link it
        from the current site if that has it with this key."""
        if self.base.get(path) == key:
            self.keys[path] = key
            self.linked += 1
            return True
        if self.previous.get(path) != key:
            return False
        current = self.out / path
        target = self.staging / _checked(path)  # the staging folder is ours
        self._clear(target)
        try:
            os.link(current, target)
        except FileNotFoundError:
            return False
        except OSError:
            try:
                shutil.copy2(current, target)
            except OSError:
                return False
        self.keys[path] = key
        self.linked += 1
        return True

    def _clear(self, target: Path) -> None:
        """Make room for a new file: the parent folder exists, no old file is there."""
        parent = target.parent
        if parent not in self._dirs:
            parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(parent)
        if self.base:
            try:
                os.unlink(target)
            except FileNotFoundError:
                pass

    def link_tree(self, rel: str) -> None:
        """Hard-link a whole folder of the current site (kept under one key)."""
        self.remove_tree(rel)
        source = self.out / rel
        for path in sorted(source.rglob("*")):
            if path.is_file():
                target = safe_join(self.staging, path.relative_to(self.out).as_posix())
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(path, target)
                except OSError:
                    shutil.copy2(path, target)
                self.linked += 1

    def remove_tree(self, rel: str) -> None:
        """Drop a folder the staging folder inherited from the spare: moved out of the
        way at once (a search index is tens of thousands of files), removed after."""
        folder = safe_join(self.staging, rel)
        if not folder.is_dir():
            return
        trash = self.out.parent / f".{self.out.name}.old-{os.getpid()}"
        trash.mkdir(exist_ok=True)
        os.rename(folder, trash / f"{len(os.listdir(trash))}")
        self._trash = trash

    def write(self, path: str, data: bytes | str, key: str) -> None:
        target = safe_join(self.staging, path)
        self._clear(target)
        try:
            handle = open(target, "xb")
        except FileExistsError:  # never write into a file: it may be shared
            os.unlink(target)
            handle = open(target, "xb")
        with handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        self.keys[path] = key
        self.written += 1

    def _drop_stale(self) -> None:
        """Files the spare had that the new site does not; folders left empty."""
        emptied = set()
        for path in self.base:
            if path not in self.keys and not path.endswith("/"):
                try:
                    os.unlink(self.staging / path)
                except OSError:
                    continue
                emptied.add(posixpath.dirname(path))
        for folder in sorted(emptied, key=len, reverse=True):
            while folder:
                try:
                    os.rmdir(self.staging / folder)  # only if empty
                except OSError:
                    break
                folder = posixpath.dirname(folder)
        if "pagefind/" in self.base and "pagefind/" not in self.keys:
            self.remove_tree("pagefind")

    def commit(self) -> None:
        self._drop_stale()
        manifest = json.dumps(dict(sorted(self.keys.items())), indent=0)
        (self.staging / MANIFEST).write_text(manifest, encoding="utf-8")
        if self.out.exists() and not self.out.is_dir():
            raise BuildError("output path exists and is not a folder", str(self.out),
                             code="output.not_dir")
        if self.out.exists():
            if not _exchange(self.staging, self.out):
                old = self.out.parent / f".{self.out.name}.old-{os.getpid()}"
                os.rename(self.out, old)
                os.rename(self.staging, self.out)
                self.staging = old
            _keep_as_spare(self.staging, self.out)
        else:
            keep = self.out.parent / f".{self.out.name}.spare-new-{os.getpid()}"
            _link_copy(self.staging, keep)  # the first spare: a linked copy
            os.rename(self.staging, self.out)
            _keep_as_spare(keep, self.out)
        self.staging = None
        if self._trash is not None:
            _remove_old(self._trash, self.out)
            self._trash = None

    def abort(self) -> None:
        if self.staging is not None and self.staging.exists():
            shutil.rmtree(self.staging, ignore_errors=True)
        self.staging = None
        if self._trash is not None:
            shutil.rmtree(self._trash, ignore_errors=True)
            self._trash = None


def spare_path(out: Path) -> Path:
    return out.parent / f".{out.name}.spare"


def _keep_as_spare(old: Path, out: Path) -> None:
    """The replaced site becomes the spare the next build starts from. (If another
    build left a spare meanwhile, the older one is removed.)"""
    spare = spare_path(out)
    try:
        os.rename(old, spare)
        return
    except OSError:
        pass
    _remove_old(old, out)


def _link_copy(source: Path, target: Path) -> None:
    """A copy of a folder whose files are hard links (``cp -al``)."""
    if shutil.which("cp"):
        done = subprocess.run(["cp", "-al", "--", str(source), str(target)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if done.returncode == 0:
            return
        shutil.rmtree(target, ignore_errors=True)
    try:
        shutil.copytree(source, target, copy_function=os.link)
    except (OSError, shutil.Error):
        shutil.rmtree(target, ignore_errors=True)


BACKGROUND_REMOVE_FROM = 5000  # files: a bigger tree is removed after the build returns


def _remove_old(old: Path, out: Path) -> None:
    """Remove a replaced tree; a big one in a detached process (the next build
    removes whatever a crash leaves behind)."""
    if not shutil.which("rm") or not _at_least(old, BACKGROUND_REMOVE_FROM):
        shutil.rmtree(old, ignore_errors=True)
        return
    parked = out.parent / f".{out.name}.old-{os.getpid()}"
    if old != parked:
        if parked.exists():
            os.rename(old, parked / f"x{len(os.listdir(parked))}")
        else:
            os.rename(old, parked)
    subprocess.Popen(["rm", "-rf", "--", str(parked)], start_new_session=True,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _at_least(folder: Path, n: int) -> bool:
    """True if the folder holds at least n entries (counting stops there)."""
    seen = 0
    for _root, dirs, files in os.walk(folder):
        seen += len(dirs) + len(files)
        if seen >= n:
            return True
    return False


def _checked(rel: str) -> str:
    """A page path that stays inside the folder it is joined to (checked by its text)."""
    if not rel or rel.startswith(("/", "\\")) or "\\" in rel or \
            any(part in ("", ".", "..") for part in rel.split("/")):
        raise BuildError(f"page path {rel!r} would leave the output folder",
                         code="urls.escape")
    return rel


def read_manifest(out: Path) -> dict[str, str]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def clean_leftovers(out: Path) -> None:
    """Remove staging and old folders left by builds that were killed."""
    parent = out.parent if out.parent != Path("") else Path(".")
    if not parent.is_dir():
        return
    for prefix in (f".{out.name}.staging-", f".{out.name}.old-", f".{out.name}.spare-new-"):
        for leftover in parent.glob(prefix + "*"):
            pid = leftover.name[len(prefix):]
            if pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid)):
                continue  # a build running right now
            shutil.rmtree(leftover, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two folders (Linux renameat2); False where unsupported."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                   ctypes.c_uint]
    rc = fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return rc == 0
