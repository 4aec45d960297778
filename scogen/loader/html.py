"""Saved HTML pages: the only place BeautifulSoup is used.

Scripts, styles, navigation, banners and footers are dropped, and the
visible text of dropped furniture is reported as chrome.
"""
from __future__ import annotations

import re

from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, Comment

# extract.py re-exports html_blocks and imports this module before its own
# ``Block`` is defined, so Block is looked up on the module when first used.
from . import extract as _extract

if TYPE_CHECKING:
    from .extract import Block

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
        blocks.append(_extract.Block(_line(title, first_line), _squash(title.get_text(" "))))
    for el in root.find_all(_BLOCK_TAGS):
        if el.find(_BLOCK_TAGS):  # a container: its children make the blocks
            continue
        text = _squash(el.get_text(""))
        if text:
            blocks.append(_extract.Block(_line(el, first_line), text))
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
