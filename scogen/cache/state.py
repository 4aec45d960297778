"""The build state: what the last successful build read, so a build with no
changed input is skipped."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .keys import code_fingerprint


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
