"""The only module that writes the site.

Everything goes into a staging folder beside the output (``.site.staging-<pid>``).
Files whose content did not change are hard-linked from the current site
instead of rewritten. When the staging folder is complete it is swapped
with the output atomically (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere
two renames), and the old tree is removed. A build that fails or is killed
at any moment leaves the previous site untouched; leftovers of killed builds
are removed by the next one.

scogen only ever replaces or removes what it wrote itself: ``check_output``
refuses, before anything is touched, an output folder that is not empty and
has no scogen manifest (unless forced), or that is, holds or lies inside the
content or templates folder, a project or home folder, or the file-system
root. One build at a time writes into an output folder (``OutputLock``, a
lock file beside it). Any failure to write is a ``BuildError`` naming the
path, after which the staging folder is gone and the previous site is as it
was.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import json
import os
import posixpath
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BuildError
from .urls import safe_join

MANIFEST = ".scogen-manifest.json"


def check_output(out: Path, *, content: Path | None = None, templates: Path | None = None,
                 force: bool = False) -> None:
    """Refuse an output folder scogen must not take over, before anything is touched.

    A build replaces the whole output folder (the old one becomes the spare and is
    later removed), so the folder must be one scogen wrote: missing, empty, or
    carrying scogen's manifest. ``force`` allows only a non-empty folder without a
    manifest; nothing allows the content or templates folder, a folder inside or
    around them, a project folder (one with ``.git``), a home folder or ``/``.
    """
    out = Path(out)

    def refuse(why: str, code: str, hint: str = "") -> None:
        raise BuildError(f"refusing to build into {out}: {why}; nothing was touched"
                         + (f" ({hint})" if hint else ""), str(out), code=code)

    try:
        real = out.resolve()
    except (OSError, RuntimeError):
        refuse("its path cannot be resolved (a symbolic link loop?)", "output.path")
    if real == real.parent:
        refuse("it is the root of the file system", "output.root")
    for label, folder in (("content", content), ("templates", templates)):
        if folder is None:
            continue
        try:
            other = Path(folder).resolve()
        except (OSError, RuntimeError):
            continue
        if real == other:
            refuse(f"it is the {label} folder", f"output.is_{label}")
        if other in real.parents:
            refuse(f"it is inside the {label} folder {folder}", f"output.in_{label}")
        if real in other.parents:
            refuse(f"it contains the {label} folder {folder}", f"output.has_{label}")
    for home in _homes():
        if real == home or real in home.parents:
            refuse("it is a home folder" if real == home else
                   f"it contains the home folder {home}", "output.home")
    if out.is_symlink():
        refuse("it is a symbolic link (a build replaces the folder, not what a link "
               "points to)", "output.symlink", f"give the folder itself: --out {real}")
    if out.exists() and not out.is_dir():
        refuse("it exists and is not a folder", "output.not_dir",
               "the site is written as a folder of its own")
    if not real.is_dir():
        return
    if (real / ".git").exists():
        refuse("it holds a .git folder (a project or repository, not a built site)",
               "output.project")
    if (real / MANIFEST).is_file():
        return
    try:
        with os.scandir(real) as entries:
            empty = next(entries, None) is None
    except OSError as exc:
        raise BuildError(f"cannot read the output folder: {exc.strerror or exc}", str(out),
                         code="output.unreadable") from None
    if not empty and not force:
        refuse("it is not empty and was not written by scogen (it has no "
               f"{MANIFEST}), and a build replaces everything in it", "output.not_ours",
               "choose an empty or new folder, or use --force to replace its contents")


def _homes() -> set[Path]:
    """This user's home folder and every folder directly under /home (or /Users)."""
    homes = set()
    for candidate in (os.environ.get("HOME"), os.path.expanduser("~")):
        if candidate and candidate != "/":
            homes.add(Path(candidate).resolve())
    for base in ("/home", "/Users"):
        try:
            homes.update(Path(base, name).resolve() for name in os.listdir(base))
        except OSError:
            pass
    return homes


class OutputLock:
    """One build at a time into an output folder: an exclusive ``flock`` on
    ``.<out>.lock`` beside it, which exists only while a build runs (the kernel
    releases the lock if the build dies; the next build removes the file). A
    second build waits up to ``wait`` seconds, calling ``on_wait(pid)`` once,
    then fails saying another build is running."""

    WAIT = 120.0

    def __init__(self, out: Path, wait: float | None = None, on_wait=None):
        self.out = Path(out)
        self.path = self.out.parent / f".{self.out.name}.lock"
        self.wait = self.WAIT if wait is None else wait
        self.on_wait = on_wait
        self._fd: int | None = None

    def __enter__(self) -> "OutputLock":
        deadline = time.monotonic() + self.wait
        told = False
        while True:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise write_error(exc, self.path) from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _read_pid(fd)
                os.close(fd)
                if time.monotonic() >= deadline:
                    raise BuildError(
                        f"another scogen build into {self.out} is running"
                        + (f" (process {holder})" if holder else "")
                        + "; try again when it has finished", str(self.out),
                        code="output.locked") from None
                if not told and self.on_wait is not None:
                    self.on_wait(holder)
                    told = True
                time.sleep(0.1)
                continue
            # the holder before us removes the file as it finishes: a lock taken on
            # a file that is no longer at the path is no lock; take it again
            try:
                same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except OSError:
                same = False
            if same:
                break
            os.close(fd)
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
        except OSError:
            pass  # the pid is only for the message
        self._fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            try:
                os.unlink(self.path)  # still holding the lock: nobody else has it
            except OSError:
                pass
            os.close(self._fd)  # releases the lock
            self._fd = None


def _read_pid(fd: int) -> str:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return text if text.isdigit() else ""


def write_error(exc: OSError, path: Path | str | None = None,
                out: Path | None = None) -> BuildError:
    """A failed write as a message naming the path (never a traceback). A path
    outside the output's parent folder (a template being read) is a read error."""
    where = exc.filename if exc.filename is not None else path
    reason = exc.strerror or str(exc)
    if out is not None and where is not None:
        beside = str(Path(out).absolute().parent)
        if not str(Path(os.fsdecode(where)).absolute()).startswith(beside):
            return BuildError(f"cannot read {where}: {reason}", str(where),
                              code="build.unreadable")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        reason += " (free some space and build again)"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason += (" (scogen writes the site, and its staging and spare folders beside "
                   "it, in the output's parent folder)")
    return BuildError(f"cannot write {where}: {reason}; the previous site is unchanged",
                      str(where) if where is not None else None, code="output.write")


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
    _safe: set = field(default_factory=set)  # folders _place has checked
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
        """Hard-link a whole folder of the current site (kept under one key). Its place
        is checked once: below it every folder is made here, fresh (the spare's was
        moved away), so no file's path needs resolving again (resolving each of a
        search bundle's ~6,500 files took 1.2 s of a 5,000-transcript rebuild)."""
        self.remove_tree(rel)
        source = self.out / rel
        folder = safe_join(self.staging, rel)
        for dirpath, dirnames, filenames in os.walk(source):  # links not followed
            dirnames.sort()
            target_dir = folder / os.path.relpath(dirpath, source)
            target_dir.mkdir(parents=True, exist_ok=True)
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                if not os.path.isfile(path):
                    continue
                target = target_dir / name
                try:
                    os.link(path, target)
                except OSError:
                    shutil.copy2(path, target)
                self.linked += 1

    def tree_for_tool(self, rel: str) -> Path:
        """An empty folder at ``rel`` of the new site, for a tool that writes a whole
        tree itself (Pagefind): the publication chooses and checks the path, drops
        what the spare held there, and publishes the tree with the rest of the site."""
        self.remove_tree(rel)
        folder = safe_join(self.staging, rel)
        folder.mkdir(parents=True, exist_ok=True)
        self.written += 1
        return folder

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

    def _place(self, path: str) -> Path:
        """``safe_join(staging, path)`` without resolving every path: the path's text is
        checked each time (relative, no '.' or '..' parts), and each folder on it once
        per build: not a symbolic link (a folder that is one is checked by resolving
        it, as ``safe_join`` does). The file itself is never written through: ``write``
        opens it with O_EXCL, which a link at its name refuses, and replaces the link."""
        _checked(path)
        self._folder_inside(posixpath.dirname(path))
        return self.staging / path

    def _folder_inside(self, folder: str) -> None:
        if folder in self._safe or not folder:
            return
        self._folder_inside(posixpath.dirname(folder))
        if os.path.islink(self.staging / folder):
            safe_join(self.staging, folder)  # raises if it leads out of the folder
        self._safe.add(folder)

    def write(self, path: str, data: bytes | str, key: str) -> None:
        target = self._place(path)
        self._clear(target)
        try:
            handle = open(target, "xb")
        except FileExistsError:  # never write into a file: it may be shared
            os.unlink(target)
            handle = open(target, "xb")
        try:
            with handle:
                handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        except OSError as exc:
            if exc.filename is None:
                exc.filename = str(target)
            raise
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
        for tree in self.base:  # a tool's whole tree (the search index's bundles)
            if tree.endswith("/") and tree not in self.keys:
                self.remove_tree(tree.rstrip("/"))

    def commit(self) -> None:
        self._drop_stale()
        manifest = json.dumps(dict(sorted(self.keys.items())), indent=0)
        target = self.staging / MANIFEST
        try:
            with open(target, "w", encoding="utf-8") as handle:
                handle.write(manifest)
        except OSError as exc:
            if exc.filename is None:
                exc.filename = str(target)
            raise
        if self.out.exists() and not self.out.is_dir():
            raise BuildError("output path exists and is not a folder", str(self.out),
                             code="output.not_dir")
        if self.out.exists():
            if not _exchange(self.staging, self.out):
                old = self.out.parent / f".{self.out.name}.old-{os.getpid()}"
                os.rename(self.out, old)
                try:
                    os.rename(self.staging, self.out)
                except OSError:
                    os.rename(old, self.out)  # put the previous site back
                    raise
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
