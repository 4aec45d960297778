"""The archive index: one file read in one go, with what a build needs of every
record (titles, dates, who speaks in which turn, the warnings) and of every
transcript file (size, mtime, digest, words)."""
from __future__ import annotations

import marshal
import os
from pathlib import Path

from .keys import records_fingerprint


class ArchiveIndex:
    """One file: per transcript what its bytes are (by size and mtime) and which
    words it has; per record key the outline of the record. Read and written whole."""

    def __init__(self, folder: Path | None):
        self.file = folder / f"index-{records_fingerprint()[:16]}.m" if folder else None
        self.files: dict[str, tuple] = {}  # path -> (size, mtime_ns, digest, whole, runs)
        self.outlines: dict[str, tuple] = {}  # record key -> outline
        self.common: dict[str, bool] = {}  # word -> one of the common words (never split)
        self.changed = False
        if self.file is None:
            return
        try:
            with open(self.file, "rb") as handle:
                data = marshal.load(handle)
            self.files, self.outlines, self.common = data
        except (OSError, EOFError, ValueError, TypeError):
            self.files, self.outlines, self.common = {}, {}, {}

    def save(self, keep_keys: set[str], keep_files: set[str]) -> None:
        if self.file is None:
            return
        if set(self.outlines) != keep_keys:
            self.outlines = {k: v for k, v in self.outlines.items() if k in keep_keys}
            self.changed = True
        if set(self.files) != keep_files:
            self.files = {k: v for k, v in self.files.items() if k in keep_files}
            self.changed = True
        if not self.changed:
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.file.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as handle:
                marshal.dump((self.files, self.outlines, self.common), handle)
            os.replace(tmp, self.file)
        except OSError:
            pass
