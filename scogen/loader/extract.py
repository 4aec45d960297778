"""From decoded text to paragraphs: ``(line, text)`` blocks.

Plain text: blank lines separate paragraphs; hard-wrapped lines inside a
paragraph are joined. Saved HTML pages are handled in ``html.py``.
"""
from __future__ import annotations

from dataclasses import dataclass

from .html import html_blocks  # noqa: F401  (saved pages: see html.py)



@dataclass(frozen=True, slots=True)
class Block:
    line: int
    text: str


def text_blocks(body: str, first_line: int = 1) -> list[Block]:
    """Paragraphs of a plain-text body, joining hard-wrapped lines."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    groups: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for offset, line in enumerate(lines):
        if line.strip():
            current.append((first_line + offset, line))
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    width = _wrap_width(groups)
    blocks: list[Block] = []
    for group in groups:
        blocks.extend(_split_group(group, width))
    return blocks


def _wrap_width(groups: list[list[tuple[int, str]]]) -> int | None:
    """The column a hard-wrapped file breaks at, or None when it is not wrapped.

    A file is hard-wrapped when most lines that are followed by another line
    of the same paragraph end near one common width (<= 100 columns).
    """
    inner = [len(text.rstrip()) for g in groups for _, text in g[:-1]]
    if len(inner) < 3:
        return None
    width = max(inner)
    if width > 100 or width < 40:
        return None  # nobody wraps text at fewer than 40 columns: those are short lines
    near = sum(1 for n in inner if n >= width - 20)
    return width if near >= 0.7 * len(inner) else None


def _split_group(group: list[tuple[int, str]], width: int | None) -> list[Block]:
    """One paragraph per line, unless the lines are wrapped continuations."""
    out: list[list[tuple[int, str]]] = []
    for line_no, text in group:
        if out and _continues(out[-1][-1][1], text, width):
            out[-1].append((line_no, text))
        else:
            out.append([(line_no, text)])
    return [Block(lines[0][0], " ".join(t.strip() for _, t in lines)) for lines in out]


def _continues(previous: str, line: str, width: int | None) -> bool:
    if _starts_turn(line):
        return False
    prev = previous.rstrip()
    if width is not None and len(prev) >= width - 20:
        return True
    # an unwrapped file: a line continues the previous one only when the
    # previous one visibly stops mid-sentence
    return bool(prev) and prev[-1] not in ".?!:;\"”’)]" and line[:1].islower()


def _starts_turn(line: str) -> bool:
    """A line that starts a new turn even inside a block of wrapped lines: the same
    label grammar the parser uses (labels.py), plus dashes and question numbers."""
    from . import labels
    return (labels.read_label(line) is not None or labels.read_dash(line.strip()) is not None
            or labels.read_marker(line).number is not None)
