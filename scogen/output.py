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
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BuildError
from .urls import safe_join

MANIFEST = ".scogen-manifest.json"


@dataclass
class Publication:
    """Files for the next site: path -> bytes to write, or a key that says 'unchanged'."""

    out: Path
    previous: dict[str, str]  # path -> key of the site being replaced
    keys: dict[str, str] = field(default_factory=dict)
    written: int = 0
    linked: int = 0
    staging: Path | None = None

    def begin(self) -> Path:
        clean_leftovers(self.out)
        self.staging = self.out.parent / f".{self.out.name}.staging-{os.getpid()}"
        if self.staging.exists():
            shutil.rmtree(self.staging)
        self.staging.mkdir(parents=True)
        return self.staging

    def unchanged(self, path: str, key: str) -> bool:
        """Hard-link ``path`` from the current site if its key is the same."""
        if self.previous.get(path) != key:
            return False
        current = self.out / path
        if not current.is_file():
            return False
        target = self.staging / _checked(path)  # the staging folder is ours and fresh
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(current, target)
        except OSError:
            shutil.copy2(current, target)
        self.keys[path] = key
        self.linked += 1
        return True

    def link_tree(self, rel: str) -> None:
        """Hard-link a whole folder of the current site (kept under one key)."""
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

    def write(self, path: str, data: bytes | str, key: str) -> None:
        target = safe_join(self.staging, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        self.keys[path] = key
        self.written += 1

    def commit(self) -> None:
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
            _remove_old(self.staging, self.out, len(self.keys))
        else:
            os.rename(self.staging, self.out)
        self.staging = None

    def abort(self) -> None:
        if self.staging is not None and self.staging.exists():
            shutil.rmtree(self.staging, ignore_errors=True)
        self.staging = None


BACKGROUND_REMOVE_FROM = 5000  # files: a bigger old tree is removed after the build returns


def _remove_old(old: Path, out: Path, files: int) -> None:
    """Remove the replaced site. The new one is already in place, so for a large
    tree this happens in a detached process (the next build removes whatever a
    crash leaves behind)."""
    if files >= BACKGROUND_REMOVE_FROM and shutil.which("rm"):
        parked = out.parent / f".{out.name}.old-{os.getpid()}"
        os.rename(old, parked)
        subprocess.Popen(["rm", "-rf", "--", str(parked)], start_new_session=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return
    shutil.rmtree(old, ignore_errors=True)


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
    for prefix in (f".{out.name}.staging-", f".{out.name}.old-"):
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
