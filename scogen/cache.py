"""The build cache (``.scogen-cache/`` beside ``content/``, git-ignored).

Records are cached by a key made of the transcript's bytes, scogen's own
code, the topic/speaker config and the part of the archive vocabulary the
transcript uses, so a cached record is exactly what a fresh load would give.
A state file remembers what the last successful build read; when nothing at
all changed, the build is skipped.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
from functools import lru_cache
from pathlib import Path

from .model import Interview

CACHE_DIR = ".scogen-cache"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Changes whenever any of scogen's own source files changes."""
    h = hashlib.blake2b(digest_size=16)
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def cache_dir(content: Path) -> Path:
    return Path(content).resolve().parent / CACHE_DIR


class RecordCache:
    """Pickled Interview records, one file per key; never trusted across versions."""

    def __init__(self, folder: Path | None):
        self.folder = folder / "records" if folder else None
        self.hits = self.misses = 0

    def get(self, key: str) -> Interview | None:
        if self.folder is None:
            return None
        try:
            with open(self.folder / f"{key}.pickle", "rb") as handle:
                record = pickle.load(handle)  # noqa: S301 - our own cache folder
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
            self.misses += 1
            return None
        if not isinstance(record, Interview):
            self.misses += 1
            return None
        self.hits += 1
        return record

    def put(self, key: str, record: Interview) -> None:
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = self.folder / f".{key}.{os.getpid()}.tmp"
            with open(tmp, "wb") as handle:
                pickle.dump(record, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.folder / f"{key}.pickle")
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower


def record_key(data: bytes, config_key: str, vocabulary: frozenset[str]) -> str:
    h = hashlib.blake2b(digest_size=20)
    h.update(code_fingerprint().encode())
    h.update(config_key.encode())
    h.update("\x00".join(sorted(vocabulary)).encode())
    h.update(data)
    return h.hexdigest()


# --- "nothing changed" --------------------------------------------------------


def tree_state(*folders_and_files: Path) -> str:
    """Sizes and modification times of every input file, plus scogen's code."""
    h = hashlib.blake2b(digest_size=20)
    h.update(code_fingerprint().encode())
    for base in folders_and_files:
        paths = sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() \
            else [base]
        for path in paths:
            try:
                st = path.stat()
            except OSError:
                continue
            h.update(f"{path}\x00{st.st_size}\x00{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def last_state(folder: Path, out: Path) -> str | None:
    try:
        data = json.loads((folder / "state.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get(str(Path(out).resolve()))


def save_state(folder: Path, out: Path, state: str) -> None:
    path = folder / "state.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    data[str(Path(out).resolve())] = state
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".state.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass
