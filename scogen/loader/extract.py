"""From decoded text to paragraphs: ``(line, text)`` blocks.

Plain text: blank lines separate paragraphs; hard-wrapped lines inside a
paragraph are joined. Saved HTML pages: the only place BeautifulSoup is used;
scripts, styles, navigation, banners and footers are dropped, and the
visible text of dropped furniture is reported as chrome.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Comment

# A line that starts a new turn even inside a block of wrapped lines.
_LABEL_START = re.compile(
    r"^\s*(?:\d{1,3}[.)]\s*)?(?:[-–—]\s+|[A-Z][\w.’'\- ]{0,60}?\s?(?:\([^)]{1,40}\))?\s?[:：])")


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
    if width > 100:
        return None
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
    if _LABEL_START.match(line):
        return False
    prev = previous.rstrip()
    if width is not None and len(prev) >= width - 20:
        return True
    # an unwrapped file: a line continues the previous one only when the
    # previous one visibly stops mid-sentence
    return bool(prev) and prev[-1] not in ".?!:;\"”’)]" and line[:1].islower()


# --- HTML -------------------------------------------------------------------

_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "form",
              "button", "select", "input", "head", "meta", "link")
_FURNITURE_TAGS = ("nav", "header", "footer", "aside")
_FURNITURE_HINT = re.compile(
    r"(?:^|[-_\s])(?:cookie|consent|banner|gdpr|nav|navbar|menu|breadcrumbs?|footer|"
    r"header|sidebar|share|sharing|social|related|comments?|advert|ads?|promo|"
    r"newsletter|subscribe|popup|modal|toolbar|skip)(?:$|[-_\s])", re.I)
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre",
               "dt", "dd", "figcaption", "caption", "td", "th", "div", "section",
               "article", "time", "address")


def html_blocks(html: str, first_line: int = 1) -> tuple[list[Block], list[str]]:
    """Paragraph blocks of a saved page and the furniture text dropped."""
    soup = BeautifulSoup(html, "html.parser")
    for node in soup.find_all(string=lambda s: isinstance(s, Comment)):
        node.extract()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    dropped: list[str] = []
    for tag in list(soup.find_all(True)):
        if tag.decomposed:
            continue
        if tag.name in _FURNITURE_TAGS or _is_furniture(tag):
            dropped.extend(_lines_of(tag))
            tag.decompose()
    title = soup.find("h1")
    root = soup.find("article") or soup.find("main") or soup.body or soup
    blocks: list[Block] = []
    if title is not None and root.find("h1") is None:
        blocks.append(Block(_line(title, first_line), _squash(title.get_text(" "))))
    for el in root.find_all(_BLOCK_TAGS):
        if el.find(_BLOCK_TAGS):  # a container: its children make the blocks
            continue
        text = _squash(el.get_text(""))
        if text:
            blocks.append(Block(_line(el, first_line), text))
    return blocks, dropped


def _is_furniture(tag) -> bool:
    if tag.name in ("html", "body", "article", "main"):
        return False
    attrs = " ".join(tag.get("class", []) or []) + " " + (tag.get("id") or "")
    role = tag.get("role") or ""
    return bool(_FURNITURE_HINT.search(attrs)) or role in ("navigation", "banner",
                                                              "contentinfo", "dialog")


def _lines_of(tag) -> list[str]:
    text = tag.get_text("\n")
    return [_squash(t) for t in text.split("\n") if t.strip()]


def _squash(text: str) -> str:
    """Collapse the newlines and indentation HTML source adds inside elements."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def _line(el, first_line: int) -> int:
    return (getattr(el, "sourceline", None) or 1) + first_line - 1
