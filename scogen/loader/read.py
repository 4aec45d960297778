"""Reading raw files: the only loader module that opens files.

Decodes bytes to text (UTF-8 first, then a reliable legacy-encoding guess),
splits off an optional YAML front-matter block, and reports unreadable,
empty or binary input as an InputError naming the file.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import InputError

MAX_BYTES = 20 * 1024 * 1024  # a transcript larger than this is not a transcript


@dataclass(frozen=True, slots=True)
class RawFile:
    path: Path
    text: str  # the whole decoded file, as is
    body: str  # the text after any front matter
    body_line: int  # 1-based line number of the body's first line
    front: dict  # front-matter overrides ({} when none)
    encoding: str
    is_html: bool


def read_raw(path: Path) -> RawFile:
    name = str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MB; "
                             "not a transcript", name, code="read.too_large")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", name,
                         code="read.unreadable") from None
    text, encoding = decode(data, name)
    body, body_line, front = split_front_matter(text, name)
    if not body.strip():
        raise InputError("file is empty" if not text.strip() else
                         "file has front matter but no transcript text", name,
                         code="read.empty")
    return RawFile(path=path, text=text, body=body, body_line=body_line, front=front,
                   encoding=encoding, is_html=looks_like_html(path, body))


def decode(data: bytes, name: str) -> tuple[str, str]:
    if not data.strip():
        raise InputError("file is empty", name, code="read.empty")
    if b"\x00" in data[:8192]:
        raise InputError("file is binary (contains NUL bytes), not a text transcript",
                         name, code="read.binary")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    guess = _guess_legacy(data)
    if guess is None:
        line = data[:first_bad].count(b"\n") + 1
        raise InputError(
            f"text is not UTF-8 (byte 0x{data[first_bad]:02x} at offset {first_bad}) and "
            "its encoding could not be recognised; save it as UTF-8",
            name, line, code="read.encoding")
    return data.decode(guess), guess


def _guess_legacy(data: bytes) -> str | None:
    """cp1251 (Cyrillic) or cp1252/latin-1, chosen only when the text reads cleanly."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - dependency of requests, but be safe
        return None
    best = from_bytes(data, cp_isolation=["cp1251", "cp1252", "latin_1", "koi8_r",
                                          "gb18030", "shift_jis"]).best()
    # only a guess that reads as a language: random bytes decode "cleanly" too
    if best is None or best.chaos > 0.2 or best.coherence < 0.3:
        return None
    return best.encoding


def looks_like_html(path: Path, text: str) -> bool:
    if path.suffix.lower() in (".html", ".htm", ".xhtml"):
        return True
    head = text.lstrip()[:500].lower()
    return head.startswith("<!doctype html") or head.startswith("<html")


def split_front_matter(text: str, name: str) -> tuple[str, int, dict]:
    """A leading ``---`` ... ``---`` YAML block; returns (body, body_line, data)."""
    if not text.startswith("---"):
        return text, 1, {}
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return text, 1, {}
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            block = "\n".join(lines[1:i])
            try:
                data = yaml.safe_load(block) if block.strip() else {}
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                line = mark.line + 2 if mark is not None else 1
                problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
                raise InputError(f"malformed front matter: {problem}", name, line,
                                 code="read.front_matter") from None
            if data is None:
                data = {}
            if not isinstance(data, dict):
                raise InputError("front matter must be a mapping of field: value",
                                 name, 2, code="read.front_matter")
            return "\n".join(lines[i + 1:]), i + 2, data
    raise InputError("front matter starts with --- but never ends", name, 1,
                     code="read.front_matter")
