"""Reading raw files: the only loader module that opens files.

Reads regular files only, and at most ``MAX_BYTES`` of them; decodes bytes to
text (a byte-order mark's UTF-8/16/32, else UTF-8, then a reliable
legacy-encoding guess), control characters read as spaces; splits off an
optional YAML front-matter block
(bounded in size, aliases and value lengths); and reports unreadable, empty,
binary or pathologically nested input as an InputError naming the file.
"""
from __future__ import annotations

import datetime
import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..config import SafeYAMLLoader, yaml_problem
from ..errors import InputError

MAX_BYTES = 20 * 1024 * 1024  # a transcript larger than this is not a transcript
MAX_FRONT_CHARS = 64 * 1024  # a front-matter block: overrides, not a document
MAX_FRONT_VALUE = 2_000  # characters in one front-matter value (a title, a name, a lead)
# elements open at once in a saved page (real pages: < 100; an unclosed <p> stays open,
# so an old page of 3,000 unclosed paragraphs nests 3,000 deep); the HTML stage is linear
# in depth, this bounds what any later tree walk has to cope with
MAX_HTML_DEPTH = 5_000
# letters and digits in a row without a space or punctuation: glued text is split into
# words by the word model, whose cost and memory grow fast with a run's length (a
# 64,000-letter run once took 44 s and 1.2 GB); a whole glued paragraph is ~1,500
MAX_WORD_RUN = 4_000

# byte-order marks, longest first (UTF-32-LE's starts with UTF-16-LE's)
_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
         (b"\xef\xbb\xbf", "utf-8"), (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"))


@dataclass(frozen=True, slots=True)
class RawFile:
    path: Path
    text: str  # the whole decoded file, as is
    body: str  # the text after any front matter
    body_line: int  # 1-based line number of the body's first line
    front: dict  # front-matter overrides ({} when none)
    encoding: str
    is_html: bool


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them.

    Anything else is refused before it is read: a named pipe would block
    forever, a device (``/dev/zero``) never ends, a folder is not a text.
    The file is opened without blocking and checked on the open handle, so
    it cannot be swapped for a pipe between the check and the read.
    """
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise InputError(f"cannot read file: {_reason(exc)}", name,
                         code="read.unreadable") from None
    with os.fdopen(fd, "rb") as handle:
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise InputError(f"not a regular file ({kind_of(st.st_mode)}); only plain "
                                 "files are read", name, code="read.not_a_file")
            if st.st_size > limit:
                raise InputError(f"file is larger than {_size(limit)}; not a transcript",
                                 name, code="read.too_large")
            data = handle.read(limit + 1)
        except OSError as exc:
            raise InputError(f"cannot read file: {_reason(exc)}", name,
                             code="read.unreadable") from None
    if len(data) > limit:  # it grew while being read
        raise InputError(f"file is larger than {_size(limit)}; not a transcript", name,
                         code="read.too_large")
    return data


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    for test, what in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISDIR, "a folder"), (stat.S_ISLNK, "a symbolic link")):
        if test(mode):
            return what
    return "not a plain file"


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop (or too many links)"
    return exc.strerror or str(exc)


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit:,} bytes"


# control characters (not tab, newline, carriage return): invisible in a transcript,
# invalid in XML (a feed with one does not parse) and in HTML
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def read_raw(path: Path) -> RawFile:
    name = str(path)
    data = read_bytes(path)
    text, encoding = decode(data, name)
    # read as the spaces they stand for, so no output (page, feed, export) carries one
    text = _CONTROL.sub(" ", text)
    body, body_line, front = split_front_matter(text, name)
    if not body.strip():
        raise InputError("file is empty" if not text.strip() else
                         "file has front matter but no transcript text", name,
                         code="read.empty")
    is_html = looks_like_html(path, body)
    if is_html:
        check_html_depth(body, name, body_line)
    check_word_runs(body, name, body_line, is_html)
    return RawFile(path=path, text=text, body=body, body_line=body_line, front=front,
                   encoding=encoding, is_html=is_html)


def decode(data: bytes, name: str) -> tuple[str, str]:
    if not data.strip():
        raise InputError("file is empty", name, code="read.empty")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(f"text starts with a {codec.upper()} byte-order mark but "
                                 f"is not valid {codec.upper()} (at byte {exc.start + len(bom)})",
                                 name, code="read.encoding") from None
            if "\x00" in text:
                raise InputError("file is binary (contains NUL characters), not a text "
                                 "transcript", name, code="read.binary")
            if not text.strip():
                raise InputError("file is empty", name, code="read.empty")
            return text, codec
    if b"\x00" in data[:8192]:
        raise InputError("file is binary (contains NUL bytes), not a text transcript",
                         name, code="read.binary")
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


_SKIP_HTML = re.compile(r"<!--.*?(?:-->|\Z)|<(script|style|textarea|title)\b.*?(?:</\1\s*>|\Z)",
                        re.I | re.S)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta source track wbr param "
                  "keygen command basefont bgsound frame isindex spacer".split())


def check_html_depth(html: str, name: str, first_line: int = 1) -> None:
    """Refuse a page whose elements nest deeper than ``MAX_HTML_DEPTH`` (counted by
    one linear scan of its tags, as an HTML parser would nest them: unclosed
    ``<p>``/``<div>`` elements count as open)."""
    html = _SKIP_HTML.sub(lambda m: "\n" * m.group(0).count("\n"), html)
    depth = 0
    for match in _TAG.finditer(html):
        closing, tag, self_closing = match.groups()
        tag = tag.lower()
        if tag in _VOID or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > MAX_HTML_DEPTH:
            line = first_line + html.count("\n", 0, match.start())
            raise InputError(f"the page nests more than {MAX_HTML_DEPTH:,} elements inside "
                             "each other (unclosed tags?); not a saved transcript page",
                             name, line, code="read.html_depth")


_LONG_RUN = re.compile(r"[A-Za-z0-9\u00C0-\u024F]{%d,}" % (MAX_WORD_RUN + 1))
_ANY_TAG = re.compile(r"<[^>]*>")


def check_word_runs(body: str, name: str, first_line: int = 1, is_html: bool = False) -> None:
    """Refuse text with a run of more than ``MAX_WORD_RUN`` Latin letters and digits
    (no space, no punctuation): not text a person wrote, and too slow to repair.
    In a page, what is inside tags (an inline image's data) does not count."""
    text = body
    if is_html:
        blank = lambda m: "\n" * m.group(0).count("\n")  # noqa: E731 - keeps line numbers
        text = _ANY_TAG.sub(blank, _SKIP_HTML.sub(blank, body))
    match = _LONG_RUN.search(text)
    if match is not None:
        line = first_line + text.count("\n", 0, match.start())
        raise InputError(f"a run of {len(match.group(0)):,} letters and digits without a space "
                         f"or punctuation (at most {MAX_WORD_RUN:,}); not a transcript's text",
                         name, line, code="read.word_run")


class _FrontLoader(SafeYAMLLoader):
    max_scalar = MAX_FRONT_VALUE


def split_front_matter(text: str, name: str) -> tuple[str, int, dict]:
    """A leading ``---`` ... ``---`` YAML block; returns (body, body_line, data)."""
    if not text.startswith("---"):
        return text, 1, {}
    first = text.find("\n")
    if text[:first if first >= 0 else len(text)].rstrip() != "---":
        return text, 1, {}
    # the closing line, found without splitting the whole file into lines
    end = re.compile(r"^(?:---|\.\.\.)[ \t\r]*$", re.M).search(text, first + 1) \
        if first >= 0 else None
    if end is None:
        raise InputError("front matter starts with --- but never ends", name, 1,
                         code="read.front_matter")
    block = text[first + 1:end.start()]
    if len(block) > MAX_FRONT_CHARS:
        raise InputError(f"front matter is {len(block):,} characters long; at most "
                         f"{MAX_FRONT_CHARS:,} are allowed (it holds overrides, not text)",
                         name, 1, code="read.front_matter")
    block = block[:-1] if block.endswith("\n") else block
    data, key_lines = _load_front(block, name) if block.strip() else ({}, {})
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError("front matter must be a mapping of field: value",
                         name, 2, code="read.front_matter")
    _check_front(data, key_lines, name)
    body_start = text.find("\n", end.end())
    body = text[body_start + 1:] if body_start >= 0 else ""
    body_line = text.count("\n", 0, end.start()) + 2
    return body, body_line, data


def _load_front(block: str, name: str) -> tuple[object, dict[str, int]]:
    """The front matter's data and the line of each top-level key."""
    loader = _FrontLoader(block)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        problem, line = yaml_problem(exc)
        raise InputError(f"malformed front matter: {problem}", name,
                         line + 2 if line is not None else 1,
                         code="read.front_matter") from None
    except RecursionError:
        raise InputError("malformed front matter: nested too deeply", name, 1,
                         code="read.front_matter") from None
    finally:
        loader.dispose()
    lines = {}
    if isinstance(node, yaml.MappingNode):
        for key, _value in node.value:
            if isinstance(key, yaml.ScalarNode):
                lines.setdefault(key.value, key.start_mark.line + 2)
    return data, lines


_SCALAR = (str, int, float, datetime.date)


def _check_front(data: dict, lines: dict[str, int], name: str) -> None:
    """The shape of each known override (unknown keys are reported by annotate),
    so a wrong type is an error at its line rather than a crash later."""
    def fail(key, message):
        raise InputError(f"front matter: {key}: {message}", name, lines.get(str(key), 2),
                         code="read.front_matter")

    for key in ("title", "publisher", "interviewer", "lead", "date", "language", "document",
                "translation_of", "source_url"):
        value = data.get(key)
        if value is not None and (not isinstance(value, _SCALAR) or isinstance(value, bool)):
            fail(key, "must be text")
    date = data.get("date")
    if isinstance(date, datetime.datetime):
        date = date.date()
    if isinstance(date, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date.strip()):
        try:
            datetime.date.fromisoformat(date.strip())
        except ValueError:
            fail("date", f"{date.strip()!r} is not a real date")
    people = data.get("interviewees")
    if people is not None:
        if not isinstance(people, list) or not all(
                isinstance(p, str) or (isinstance(p, dict) and isinstance(p.get("name"), str)
                                       and isinstance(p.get("role"), (str, type(None))))
                for p in people):
            fail("interviewees", "must be a list of names or {name: ..., role: ...} mappings")
    speakers = data.get("speakers")
    if speakers is not None and (not isinstance(speakers, dict) or not all(
            isinstance(k, _SCALAR) and isinstance(v, _SCALAR) for k, v in speakers.items())):
        fail("speakers", "must map a label or name to a speaker's name")
    turns = data.get("turns")
    if turns is not None:
        if not isinstance(turns, dict):
            fail("turns", "must map turn numbers to fields, e.g. {3: {topics: [trade]}}")
        for number, fields in turns.items():
            if not isinstance(number, int) or isinstance(number, bool) or \
                    not isinstance(fields, dict):
                fail("turns", f"{number!r} must be a turn number mapping to fields")
            topics = fields.get("topics")
            if topics is not None and (not isinstance(topics, list) or
                                       not all(isinstance(t, str) for t in topics)):
                fail("turns", f"turn {number}: topics must be a list of topic slugs")
    reviewed = data.get("reviewed")
    if reviewed is not None and (not isinstance(reviewed, list) or
                                 not all(isinstance(r, _SCALAR) for r in reviewed)):
        fail("reviewed", "must be a list of repairs as they read in the raw text")
