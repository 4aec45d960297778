"""The build state: what the last successful build read, so a build with no
changed input is skipped."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .keys import code_fingerprint


def tree_state(*folders_and_files: Path) -> str:
    """Sizes and modification times of every input file, plus scogen's code. Read with
    ``os.scandir`` (one stat a file, paths compared as strings: a no-op build of 5,000
    transcripts spent half its 0.3 s here with pathlib's rglob, is_file, stat and
    sorting of Path objects). A linked folder is not followed; a linked file counts by
    what it links to."""
    h = hashlib.blake2b(digest_size=20)
    h.update(code_fingerprint().encode())
    for base in folders_and_files:
        for path, st in _stats(Path(base)):
            h.update(f"{path}\x00{st.st_size}\x00{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _stats(base: Path) -> list[tuple[str, os.stat_result]]:
    """Every file under ``base`` (or ``base`` itself) with its stat, sorted by path."""
    if not base.is_dir():
        try:
            return [(str(base), base.stat())]
        except OSError:
            return []
    out, stack = [], [str(base)]
    while stack:
        try:
            with os.scandir(stack.pop()) as entries:
                for entry in entries:
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            stack.append(entry.path)
                        elif entry.is_file():
                            out.append((entry.path, entry.stat()))
                    except OSError:
                        continue
        except OSError:
            continue
    out.sort(key=lambda item: item[0])
    return out


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
