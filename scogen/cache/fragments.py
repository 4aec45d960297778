"""The fragment pack: each record's piece of the whole-archive exports, kept
between builds so data/interviews.json and data/turns.csv are joined from bytes."""
from __future__ import annotations

import marshal
import mmap
import os
from pathlib import Path

from .keys import code_fingerprint


class FragmentPack:
    """Per interview (by ident) its piece of data/interviews.json and data/turns.csv,
    appended to one pack file, so the two whole-archive exports are put together
    from bytes instead of from every full record."""

    def __init__(self, folder: Path | None):
        stem = f"exports-{code_fingerprint()[:16]}"
        self.pack = folder / f"{stem}.pack" if folder else None
        self.index_file = folder / f"{stem}.idx" if folder else None
        self.index: dict[str, tuple[int, int, int]] = {}  # ident -> (offset, json, csv)
        self.new: dict[str, tuple[bytes, bytes]] = {}
        self._data: memoryview | None = None
        self._map = None
        if self.pack is None:
            return
        try:
            with open(self.index_file, "rb") as handle:
                size, index = marshal.load(handle)
            if os.path.getsize(self.pack) >= size:
                self.index = index
        except (OSError, EOFError, ValueError, TypeError):
            self.index = {}

    def get(self, ident: str):
        """(JSON piece, CSV piece) as bytes-like views into the pack, or None."""
        if ident in self.new:
            return self.new[ident]
        where = self.index.get(ident)
        if where is None:
            return None
        if self._data is None:
            try:
                with open(self.pack, "rb") as handle:
                    self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
                self._data = memoryview(self._map)
            except (OSError, ValueError):
                self.index = {}
                return None
        offset, n_json, n_csv = where
        data = self._data
        return data[offset:offset + n_json], data[offset + n_json:offset + n_json + n_csv]

    def put(self, ident: str, json_part: bytes, csv_part: bytes) -> None:
        self.new[ident] = (json_part, csv_part)

    def save(self, keep: set[str]) -> None:
        """Append the new pieces; rewrite the pack when it is mostly dead weight."""
        if self.pack is None or (not self.new and set(self.index) == keep):
            return
        try:
            size = os.path.getsize(self.pack) if self.pack.exists() else 0
            live = sum(self.index[i][1] + self.index[i][2] for i in keep if i in self.index)
            if size > 2 * live + (1 << 20):  # rewrite: keep only what is in use
                pieces = {i: (bytes(got[0]), bytes(got[1])) for i in keep
                          if (got := self.get(i)) is not None}
                tmp = self.pack.with_suffix(f".{os.getpid()}.tmp")
                index, offset = {}, 0
                with open(tmp, "wb") as handle:
                    for ident, (j, c) in pieces.items():
                        handle.write(j)
                        handle.write(c)
                        index[ident] = (offset, len(j), len(c))
                        offset += len(j) + len(c)
                os.replace(tmp, self.pack)
            else:
                index = {i: w for i, w in self.index.items() if i in keep}
                self.pack.parent.mkdir(parents=True, exist_ok=True)
                with open(self.pack, "ab") as handle:
                    offset = handle.tell()
                    for ident, (j, c) in self.new.items():
                        if ident in keep:
                            handle.write(j)
                            handle.write(c)
                            index[ident] = (offset, len(j), len(c))
                            offset += len(j) + len(c)
            tmp = self.index_file.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as handle:
                marshal.dump((offset, index), handle)
            os.replace(tmp, self.index_file)
        except OSError:
            pass
