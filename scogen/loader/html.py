"""Saved HTML pages: the only place BeautifulSoup is used.

``html_page`` turns a saved page into the page's own paragraphs (``Block``),
the text of the furniture it dropped, and what the page says about itself
(``PageMeta``: ``<meta>``, Open Graph, JSON-LD, microdata, ``<time>``).

Blocks keep the page's structure: the article's own header (title, byline,
``<time>``) stays, because the parser reads those lines; the site's header,
navigation, cookie banner, share bar, related links, sidebars and footer are
dropped and their visible text is reported as chrome. Bold labels come through
as plain text (``<strong>Question:</strong>text`` -> ``Question: text``); the
``<br>`` lines of one ``<p>`` are joined, except that a line opening with a
speaker label or a dialogue dash starts a new block. Every block carries the
source line of its first character.

How (measured on 181 real saved pages and our fixtures; see the commit log):
the main element is the densest text container, widened to its ``<h1>``;
furniture is found by tag, role and class words, and link lists by link
density. trafilatura then votes on which of these blocks are the article's
text (it sees boilerplate that has no telling class) without touching their
text or lines, and fills in author and site when the markup names none.
Metadata (title, date, publisher, author) is our own code: it was right more
often than trafilatura's and htmldate's on the same pages.
"""
from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterator

from bs4 import (BeautifulSoup, Comment, Declaration, Doctype, MarkupResemblesLocatorWarning,
                 NavigableString, ProcessingInstruction, Tag, XMLParsedAsHTMLWarning)

# extract.py re-exports html_blocks and imports this module before its own
# ``Block`` is defined, so Block is looked up on the module when first used.
from . import extract as _extract
from .dates import find_date, is_date_line
from .labels import read_dash, read_label

if TYPE_CHECKING:
    from .extract import Block


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What a page says about itself; each value with the place it came from."""
    title: tuple[str, str] | None = None        # ("...", "og:title")
    date: tuple[str, str] | None = None         # ("YYYY-MM-DD", "article:published_time")
    publisher: tuple[str, str] | None = None    # ("...", "og:site_name")
    author: tuple[str, str] | None = None       # ("...", "meta author")
    description: tuple[str, str] | None = None
    lang: str | None = None                     # <html lang>
    url: str | None = None                      # canonical, else og:url


_NOT_TEXT = (Comment, Doctype, Declaration, ProcessingInstruction)
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg",
              "button", "select", "input", "textarea", "head", "meta", "link", "title")
_FURNITURE_TAGS = ("nav", "footer", "aside")
_FURNITURE_HINT = re.compile(
    r"(?:^|[-_\s])(?:cookies?|consent|banner|gdpr|nav|navbar|menu|breadcrumbs?|footer|"
    r"header|masthead|sidebar|share|sharing|social|related|comments?|advert|ads?|promo|"
    r"newsletter|subscribe|popup|modal|toolbar|skip|copyright|widget|pagination|"
    r"ticker)(?:$|[-_\s])", re.I)
# Class words that name site-wide furniture even when it holds an <h1> (a logo).
_SITE_WIDE = frozenset(("cookie", "cookies", "consent", "banner", "gdpr", "nav", "navbar", "menu",
                        "breadcrumb", "breadcrumbs", "footer", "masthead", "skip", "popup", "modal"))
_FURNITURE_ROLES = ("navigation", "banner", "contentinfo", "dialog", "complementary", "search")
# Elements that flow inside a line of text; every other tag starts a new block.
_INLINE = frozenset(("a", "abbr", "b", "strong", "i", "em", "span", "small", "sub", "sup",
                     "u", "mark", "q", "cite", "code", "time", "font", "s", "strike",
                     "label", "img", "bdi", "bdo", "br", "wbr", "big", "del", "ins", "kbd",
                     "var", "dfn", "tt", "data", "nobr", "acronym"))
_BOLD = frozenset(("b", "strong"))
_PARAGRAPHS = frozenset(("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre",
                         "dd", "dt", "figcaption", "td", "th", "caption", "address"))
# Class words of the elements of a byline bar ("By X · 3 May 2024 · Source").
_META_HINT = re.compile(
    r"(?:^|[-_\s])(?:author|authors|author-name|byline|writer|date|dateline|time|"
    r"published|pubdate|posted|source|timestamp)(?:$|[-_\s])", re.I)
_META_ITEMPROPS = frozenset(("author", "creator", "datepublished", "datecreated",
                             "datemodified", "publisher", "sourceorganization"))
_BYLINE_BAR_MAX = 200  # a line longer than this is prose with a date in it, not a byline bar
_SEPARATOR = re.compile(r"\s*(?:[·|•,;/]|\s[-–—]\s)\s*")
_SEPARATORS = " \t\r\n·|•,;/-–—"
_SITE_SEPARATOR = r"\s*(?:[|·•»_]|::|\s[-–—]|[-–—]\s)\s*"
_CJK_LABEL = re.compile(r"^[\u3400-\u9fff]{1,8}\s*[：:]")
_BY_PREFIX = re.compile(r"^(?:by|von|par|por|от|автор|作者|記者|记者|文|编辑|責任編輯|责任编辑)"
                        r"(?:\s*[:：]\s*|\s+)", re.I)
_ISO = re.compile(r"^\s*(?P<y>(?:19|20)\d\d)-?(?P<m>[01]\d)-?(?P<d>[0-3]\d)(?!\d)")
_ARTICLE_TYPES = re.compile(r"(?:Article|BlogPosting|Report|Posting|Interview)$", re.I)
_META_DATE_KEYS = ("article:published_time", "article:published", "og:published_time",
                   "published_time", "pdate",
                   "datepublished", "pubdate", "publishdate", "publish-date", "publish_date",
                   "date", "dc.date", "dc.date.issued", "dc.date.created", "dcterms.created",
                   "dcterms.issued", "dcterms.date", "citation_publication_date",
                   "citation_date", "sailthru.date", "parsely-pub-date", "article.published",
                   "article_date_original", "originalpublicationdate", "created", "firstpublisheddate")


def html_blocks(html: str, first_line: int = 1) -> tuple[list[Block], list[str]]:
    """Paragraph blocks of a saved page and the furniture text dropped."""
    blocks, dropped, _ = html_page(html, first_line)
    return blocks, dropped


def html_page(html: str, first_line: int = 1, *, model: bool = True
              ) -> tuple[list[Block], list[str], PageMeta]:
    """Blocks, dropped furniture text and the page's own metadata.

    ``model=False`` skips trafilatura's vote on the main text (hand rules only).
    """
    with warnings.catch_warnings():  # a page that looks like XML or a file name is still read
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(html, "html.parser")
    head = _HeadMeta(soup)
    title_tag = soup.find("title")
    title_line = _line_no(title_tag, first_line) if title_tag is not None else first_line
    for node in soup.find_all(string=lambda s: isinstance(s, _NOT_TEXT)):
        node.extract()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()

    dropped: list[str] = []
    body = soup.body or soup
    near_title = {id(h): d for h in body.find_all("h1") if (d := _date_near(h))}
    main_text = _prose_length(body)
    for tag in list(body.find_all(True)):
        if not _gone(tag) and _is_furniture(tag, main_text):
            dropped.extend(_lines_of(tag))
            tag.decompose()

    best = _densest(body)
    h1 = _main_h1(body, best)
    root = _main_root(body, h1, best)
    dropped.extend(_outside_text(body, root, h1))
    stats = _link_stats(root)
    keep = {id(a) for el in (best, h1) if el is not None for a in (el, *el.parents)}
    for tag in list(root.find_all(("div", "ul", "ol", "section", "table", "dl", "p"))):
        if not _gone(tag) and id(tag) not in keep and _is_link_list(tag, stats):
            dropped.extend(_lines_of(tag))
            tag.decompose()

    blocks: list[Block] = []
    meta_lines: set[Block] = set()
    if h1 is not None and not _inside(h1, root):
        blocks.extend(_element_blocks(h1, first_line))
    elif h1 is None and head.title_text:
        blocks.append(_extract.Block(title_line, _clean_title(head.title_text, head.site_names())))
    blocks.extend(_element_blocks(root, first_line, meta_lines))
    shown = near_title.get(id(h1)) if h1 is not None else None
    meta = _page_meta(head, root, h1, blocks, shown)
    if model:
        blocks, boilerplate = _main_text_only(blocks, html, meta_lines)
        dropped.extend(boilerplate)
        if meta.author is None or meta.publisher is None:
            meta = _with_trafilatura_names(meta, html)
    return blocks, dropped, meta


# --- boilerplate inside the main element ----------------------------------------------

_WORD = re.compile(r"\w+")
_HEADER_LINE = 150  # title, byline and date lines before the text are short
_HEADER_BLOCKS = 6


def _main_text_only(blocks: list[Block], html: str, meta_lines: set
                    ) -> tuple[list[Block], list[str]]:
    """Our blocks less those trafilatura's main-text model leaves out.

    trafilatura finds the article's text better than class names and text
    density do (teasers, captions, sign-up boxes without a telling class), but
    it merges and reflows paragraphs and knows no source lines; so it only
    votes on which of our blocks are the page's own text. The short lines
    before the first kept block (title, byline, date) stay: the parser reads
    them. If trafilatura finds nothing, every block stays.
    """
    from trafilatura import extract  # 0.1 s to import: only when a page is loaded

    text = extract(html, include_comments=False, include_tables=True, deduplicate=False,
                   fast=True)  # no second-opinion extractors: 30% quicker, same F1
    if not text:
        return blocks, []
    words = _WORD.findall(text)
    vocabulary = set(words)
    triples = set(zip(words, words[1:], words[2:]))
    keep = []
    for block in blocks:
        toks = _WORD.findall(block.text)
        if len(toks) < 3:
            keep.append(bool(toks) and all(t in vocabulary for t in toks))
        else:
            grams = list(zip(toks, toks[1:], toks[2:]))
            keep.append(sum(g in triples for g in grams) >= 0.5 * len(grams))
    if not any(keep):
        return blocks, []
    # the header: short lines before the first kept paragraph of prose
    body_start = next((i for i in range(1, len(blocks)) if keep[i] and len(blocks[i].text) > 60),
                      len(blocks))
    for i in range(min(body_start, _HEADER_BLOCKS)):
        keep[i] = keep[i] or i == 0 or blocks[i] in meta_lines or _header_line(blocks[i].text)
    kept = [b for b, k in zip(blocks, keep) if k]
    return kept, [b.text for b, k in zip(blocks, keep) if not k]


def _with_trafilatura_names(meta: PageMeta, html: str) -> PageMeta:
    """Author and site from trafilatura's metadata when the page's own markup
    names none (it also reads bylines written as plain text, and more
    site-name conventions). Measured: author 35 -> 37 of 45 real pages right,
    site 52 -> 53 of 62; its dates are not used (ours were right more often)."""
    from trafilatura import extract_metadata

    found = extract_metadata(html)
    if found is None:
        return meta
    author, publisher = meta.author, meta.publisher
    if author is None and found.author and _author_name(found.author.replace("; ", ", ")):
        author = (_author_name(found.author.replace("; ", ", ")), "trafilatura")
    if publisher is None and found.sitename and found.sitename.strip():
        publisher = (_squash(found.sitename), "trafilatura")
    return replace(meta, author=author, publisher=publisher)


def _header_line(text: str) -> bool:
    """A date line or a byline: what an article's header holds besides its title."""
    if len(text) > _HEADER_LINE:
        return False
    if is_date_line(text):
        return True
    words = text.split()
    # "By Marta Kellner", "Interview by Ruslan Abenov", "作者：李文涛", "Павел Ерохин"
    return 0 < len(words) <= 6 and all(_BYLINE_WORD.match(w) for w in words)


_BYLINE_WORD = re.compile(r"^(?:[^\W\d_][\w.'’\-]*[,:：]?|[^\W\d_]+[：:][^\W\d_]+)$")


# --- furniture ------------------------------------------------------------------------

def _is_furniture(tag: Tag, main_text: int) -> bool:
    name = tag.name
    if name in ("html", "body", "article", "main"):
        return False
    if name in _FURNITURE_TAGS:
        return True
    if name == "form":  # a search box or sign-up form, unless the page is one big form
        return not _holds_main_text(tag, main_text)
    if name == "header":
        return not _article_header(tag)
    role = (tag.get("role") or "").lower()
    if role in _FURNITURE_ROLES:
        return not _holds_main_text(tag, main_text)
    attrs = " ".join(tag.get("class") or []) + " " + (tag.get("id") or "")
    m = _FURNITURE_HINT.search(attrs)
    if not m:
        return False
    word = m.group().strip(" -_\t\n").lower()
    if word == "header" and _article_header(tag):
        return False
    if word not in _SITE_WIDE and tag.find("h1") is not None:
        return False  # a layout column named "sidebar" that holds the headline
    return not _holds_main_text(tag, main_text)


def _article_header(tag: Tag) -> bool:
    """A header that belongs to the article (its title), not to the site."""
    if tag.find_parent(("article", "main")) is not None:
        return True
    return tag.find("h1") is not None and tag.find("nav") is None \
        and (tag.get("role") or "").lower() != "banner"


def _holds_main_text(tag: Tag, main_text: int) -> bool:
    """A class word such as "sidebar" on a wrapper that holds most of the page's prose."""
    return main_text >= 200 and _prose_length(tag) >= 0.5 * main_text


def _prose_length(tag: Tag) -> int:
    """Characters of text not inside links."""
    total = 0
    stack = [tag]
    while stack:
        el = stack.pop()
        for child in el.children:
            if isinstance(child, Tag):
                if child.name != "a":
                    stack.append(child)
            elif isinstance(child, NavigableString) and not isinstance(child, Comment):
                total += len(child.strip())
    return total


def _lines_of(tag: Tag) -> list[str]:
    text = tag.get_text("\n")
    return [_squash(t) for t in text.split("\n") if t.strip()]


# --- the main part of the page ---------------------------------------------------------

def _main_h1(body: Tag, best: Tag | None) -> Tag | None:
    """The page's title: the ``<h1>`` nearest the main text (not a logo's)."""
    h1s = body.find_all("h1")
    if best is None or len(h1s) < 2:
        return h1s[0] if h1s else None
    depth = {id(el): i for i, el in enumerate([best, *best.parents])}

    def distance(h1: Tag) -> int:  # how far up from the text their common ancestor is
        return next((depth[id(a)] for a in h1.parents if id(a) in depth), len(depth))
    return min(h1s, key=distance)  # min keeps the first of equals


def _main_root(body: Tag, h1: Tag | None, best: Tag | None) -> Tag:
    """The element that holds the page's own text.

    The densest text container (text not in links, counted for its block and,
    half, for the block above), then the ``<article>`` or ``<main>`` around it
    if there is one, else that container widened to take in the page's
    ``<h1>`` when the title sits just above the text.
    """
    if best is None:
        return body
    for name in ("article", "main"):
        if best.name == name:
            return best
        around = best.find_parent(name)
        if around is not None:
            return around
    if h1 is not None and not _inside(h1, best):
        # Widen to the element holding both the title and the text, so the
        # byline and date between them stay, unless that brings in more text
        # than a header has.
        up = best.parent
        while up is not None and not _inside(h1, up):
            up = up.parent
        if up is not None and up is not body:
            extra = _prose_length(up) - _prose_length(best)
            if extra <= max(400, 0.3 * _prose_length(best)):
                return up
    return best


def _gone(tag: Tag) -> bool:
    """Decomposed with an ancestor. (``Tag.decomposed`` looks the name up as a
    child tag first, which walks the whole subtree: quadratic on deep pages.)"""
    return tag.__dict__.get("_decomposed", False)


def _link_stats(root: Tag) -> dict[int, tuple[int, int, bool]]:
    """Per element: (characters of text, characters inside links, holds a byline
    element), gathered bottom-up in one pass."""
    stats: dict[int, tuple[int, int, bool]] = {}
    for tag in reversed([root, *root.find_all(True)]):
        text = linked = 0
        meta = _is_meta_element(tag)
        for child in tag.children:
            if isinstance(child, Tag):
                t, l, m = stats.get(id(child), (0, 0, False))
                text, linked, meta = text + t, linked + l, meta or m
            elif isinstance(child, NavigableString) and not isinstance(child, Comment):
                text += len(child.strip())
        stats[id(tag)] = (text, text if tag.name == "a" else linked, meta)
    return stats


def _is_link_list(tag: Tag, stats: dict[int, tuple[int, int, bool]]) -> bool:
    """Related links, tag lists, "read more" teasers: text that is mostly links."""
    total, linked, has_byline = stats.get(id(tag), (0, 0, False))
    if total == 0 or has_byline:  # a byline bar with a linked author name stays
        return False
    return linked / total >= (0.9 if tag.name == "p" else 0.5)


def _densest(body: Tag) -> Tag | None:
    scores: dict[int, float] = {}
    tags: dict[int, Tag] = {}
    for node in body.find_all(string=True):
        if isinstance(node, Comment):
            continue
        n = len(node.strip())
        if n == 0:
            continue
        block = node.parent
        in_link = False
        while block is not None and block.name in _INLINE:
            in_link = in_link or block.name == "a"
            block = block.parent
        if block is None or in_link:
            continue
        if block.name in _PARAGRAPHS:  # a paragraph counts for the element that holds it
            block = block.parent
            if block is None:
                continue
        for weight, el in ((1.0, block), (0.5, block.parent)):
            if el is None or el.name in ("[document]", "html"):
                continue
            scores[id(el)] = scores.get(id(el), 0.0) + weight * n
            tags[id(el)] = el
    if not scores:
        return None
    return tags[max(scores, key=scores.__getitem__)]


def _inside(el: Tag, root: Tag) -> bool:
    return el is root or any(parent is root for parent in el.parents)


def _outside_text(body: Tag, root: Tag, h1: Tag | None) -> list[str]:
    """Visible text left outside the main element: furniture without a class word."""
    if root is body:
        return []
    keep = {id(root)}
    if h1 is not None:
        keep.add(id(h1))
    holding = {id(a) for a in root.parents}  # elements on the way down to root or h1
    if h1 is not None:
        holding |= {id(a) for a in h1.parents}
    out: list[str] = []
    stack = [iter(body.children)]  # no recursion: unclosed tags nest thousands deep
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif isinstance(child, Tag):
            if id(child) in keep:
                continue
            if id(child) in holding:
                stack.append(iter(child.children))
            else:
                out.extend(_lines_of(child))
        elif isinstance(child, NavigableString) and child.strip():
            out.append(_squash(child))
    return out


# --- blocks ---------------------------------------------------------------------------

@dataclass(slots=True)
class _Piece:
    text: str
    line: int
    kind: str = "text"  # "text" | "meta" (a byline-bar element) | "br"
    bold: bool = False


def _element_blocks(el: Tag, first_line: int, meta_lines: set | None = None) -> list[Block]:
    """The blocks of ``el``; those of byline bars and dated elements also go in ``meta_lines``."""
    blocks: list[Block] = []
    for run, marked in _runs(el):
        made = _run_blocks(run, first_line)
        if meta_lines is not None and (marked or any(p.kind == "meta" for p in run)):
            meta_lines.update(made)
        blocks.extend(made)
    return blocks


def _runs(el: Tag, marked: bool = False) -> list[tuple[list[_Piece], bool]]:
    """The runs of inline content of ``el``: one per paragraph-like stretch.

    Each run comes with whether it sits in a byline or date element. Walked
    with a stack, not recursion: a page of unclosed ``<p>`` or ``<font>`` tags
    nests thousands of levels deep.
    """
    runs: list[tuple[list[_Piece], bool]] = []
    line = getattr(el, "sourceline", None) or 1
    stack: list[tuple[Iterator, bool, list[_Piece]]] = [(iter(el.children), marked, [])]
    while stack:
        children, in_meta, run = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if run:
                runs.append((run, in_meta))
        elif isinstance(child, Tag) and child.name not in _INLINE:
            if run:
                runs.append((list(run), in_meta))
                run.clear()
            line = getattr(child, "sourceline", None) or line
            stack.append((iter(child.children), in_meta or _is_meta_block(child), []))
        elif isinstance(child, Tag):
            line = _inline_pieces(child, run, line)
        elif isinstance(child, NavigableString) and not isinstance(child, Comment):
            line = _add_text(run, str(child), line)
    return runs


def _is_meta_block(el: Tag) -> bool:
    """A byline or date paragraph: ``<p class="byline">``, ``<div itemprop="author">``."""
    return bool(_META_HINT.search(" ".join(el.get("class") or []))) or \
        (el.get("itemprop") or "").lower() in _META_ITEMPROPS


def _inline_pieces(el: Tag, out: list[_Piece], line: int) -> int:
    """The text pieces of an inline element, in order; returns the line reached."""
    stack: list[tuple[object, bool, bool]] = [(el, False, False)]
    while stack:
        node, bold, closing = stack.pop()
        if closing:  # <b>Question:</b>text reads "Question: text"
            if node.get_text("").rstrip().endswith(":"):
                out.append(_Piece(" ", line))
        elif isinstance(node, Tag):
            line = getattr(node, "sourceline", None) or line
            if node.name == "br":
                out.append(_Piece("", line, "br"))
            elif _is_meta_element(node):
                text = _squash(node.get_text(""))
                if text:
                    out.append(_Piece(text, line, "meta"))
                line += node.get_text("").count("\n")
            else:
                is_bold = bold or node.name in _BOLD
                if node.name in _BOLD:
                    stack.append((node, is_bold, True))
                stack.extend((child, is_bold, False) for child in reversed(list(node.children)))
        elif isinstance(node, NavigableString) and not isinstance(node, Comment):
            line = _add_text(out, str(node), line, bold)
    return line


def _add_text(out: list[_Piece], text: str, line: int, bold: bool = False) -> int:
    stripped = text.lstrip()
    start = line + text[:len(text) - len(stripped)].count("\n")
    out.append(_Piece(text, start, "text", bold))
    return line + text.count("\n")


def _is_meta_element(el: Tag) -> bool:
    """An element of a byline bar: a ``<time>``, an author link, a dated span."""
    if el.name == "time":
        return True
    if "author" in [r.lower() for r in (el.get("rel") or [])]:
        return True
    if (el.get("itemprop") or "").lower() in _META_ITEMPROPS:
        return True
    return el.name in ("span", "a", "small", "em", "i", "b", "strong") and \
        bool(_META_HINT.search(" ".join(el.get("class") or [])))


def _run_blocks(run: list[_Piece], first_line: int) -> list[Block]:
    lines: list[list[_Piece]] = [[]]
    for piece in run:
        if piece.kind == "br":
            lines.append([])
        else:
            lines[-1].append(piece)
    lines = [ln for ln in lines if any(p.text.strip() for p in ln)]
    if len(lines) == 1:
        found = _split_byline_bar(lines[0])
    else:  # <br> lines: joined, unless a line opens a new turn
        found = []
        for pieces in lines:
            text = _squash("".join(p.text for p in pieces))
            if found and not _opens_turn(text, pieces):
                found[-1] = (found[-1][0], found[-1][1] + " " + text)
            else:
                found.append((_first_line(pieces), text))
    return [_extract.Block(line + first_line - 1, text) for line, text in found if text]


def _first_line(pieces: list[_Piece]) -> int:
    return next((p.line for p in pieces if p.text.strip()), pieces[0].line)


def _opens_turn(text: str, pieces: list[_Piece]) -> bool:
    """A ``<br>`` line that starts a new turn: it opens with a speaker label or a dash."""
    first = next((p for p in pieces if p.text.strip()), None)
    if first is not None and first.bold and re.search(r"[:：]\s*$", first.text):
        return True
    return read_label(text) is not None or bool(_CJK_LABEL.match(text)) \
        or read_dash(text) is not None  # "— Question?<br>— Answer." (Russian interviews)


def _split_byline_bar(pieces: list[_Piece]) -> list[tuple[int, str]]:
    """One block per element of a short byline bar; otherwise the line as one block.

    ``Posted on <date> by <author> · Updated ...`` gives ``Posted on <date>``,
    ``by <author>``, ``Updated ...``: loose words stay with the element they
    introduce; separators (``·``, ``|``, commas) end a block.
    """
    whole = _squash("".join(p.text for p in pieces))
    line = _first_line(pieces)
    if not whole:
        return []
    metas = sum(1 for p in pieces if p.kind == "meta")
    if metas == 0 or len(whole) > _BYLINE_BAR_MAX or (metas == 1 and len(pieces) == 1):
        return [(line, whole)]
    out: list[tuple[int, str]] = []
    acc, acc_line = "", None

    def flush() -> None:
        nonlocal acc, acc_line
        text = _squash(acc).strip(_SEPARATORS)
        if text:
            out.append((acc_line or line, text))
        acc, acc_line = "", None

    for p in pieces:
        if p.kind == "meta":
            if acc_line is None:
                acc_line = p.line
            acc += " " + p.text
            flush()
            continue
        parts = _SEPARATOR.split(p.text)
        for i, part in enumerate(parts):
            if i > 0:
                flush()
            if part.strip() and acc_line is None:
                acc_line = p.line
            acc += part
    flush()
    return out


def _squash(text: str) -> str:
    """Collapse the newlines and indentation HTML source adds inside elements."""
    return re.sub(r"[ \t\r\n\u00a0]+", " ", text).strip()


def _line_no(el: Tag, first_line: int) -> int:
    return (getattr(el, "sourceline", None) or 1) + first_line - 1


# --- page metadata ---------------------------------------------------------------------

class _HeadMeta:
    """What the page's ``<head>`` and JSON-LD say, read before anything is dropped."""

    def __init__(self, soup: BeautifulSoup) -> None:
        self.meta: dict[str, str] = {}
        for tag in soup.find_all("meta"):
            key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
            content = _squash(tag.get("content") or "")
            if key and content and key not in self.meta:
                self.meta[key] = content
        html = soup.find("html")
        self.lang = ((html.get("lang") or html.get("xml:lang") or "").strip() or None) if html else None
        canonical = None
        for link in soup.find_all("link"):
            rels = [r.lower() for r in (link.get("rel") or [])]
            if "canonical" in rels and link.get("href"):
                canonical = link["href"].strip()
                break
        self.url = canonical or self.meta.get("og:url")
        title = soup.find("title")
        self.title_text = _squash(title.get_text()) if title else ""
        self.ld = _json_ld(soup)

    def site_names(self) -> list[str]:
        names = [self.meta.get("og:site_name"), self.ld.get("publisher"),
                 self.meta.get("application-name")]
        return [n for n in names if n]


def _json_ld(soup: BeautifulSoup) -> dict[str, str]:
    """headline, datePublished, author, publisher, description of the page's article."""
    objects: list[dict] = []
    for script in soup.find_all("script", attrs={"type": re.compile(r"ld\+json", re.I)}):
        try:
            data = json.loads(script.string or script.get_text() or "", strict=False)
        except (ValueError, TypeError):
            continue  # a broken JSON-LD block is common and says nothing
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                objects.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(reversed(item["@graph"]))

    def types(o: dict) -> list[str]:
        t = o.get("@type")
        return [t] if isinstance(t, str) else [x for x in t if isinstance(x, str)] if isinstance(t, list) else []

    articles = [o for o in objects if any(_ARTICLE_TYPES.search(t) for t in types(o))]
    pages = [o for o in objects if "WebPage" in types(o)]
    out: dict[str, str] = {}
    for kind, o in [("article", o) for o in articles] + [("page", o) for o in pages]:
        fields = ["headline", "datePublished", "description"]
        for key in fields:
            value = o.get(key)
            if key == "headline" and not isinstance(value, str) and kind == "article":
                value = o.get("name")  # an Article's name is its headline
            if key not in out and isinstance(value, str) and value.strip():
                out[key] = _squash(value)
        if "author" not in out:
            names = _ld_names(o.get("author"))
            if names:
                out["author"] = ", ".join(names)
        if "publisher" not in out:
            names = _ld_names(o.get("publisher"))
            if names:
                out["publisher"] = names[0]
    if "publisher" not in out:
        for o in objects:
            if any(t in ("Organization", "NewsMediaOrganization", "WebSite") for t in types(o)) \
                    and isinstance(o.get("name"), str) and o["name"].strip():
                out["publisher"] = _squash(o["name"])
                break
    return out


def _ld_names(value) -> list[str]:
    if isinstance(value, str):
        return [_squash(value)] if value.strip() and not value.startswith(("http", "/")) else []
    if isinstance(value, dict):
        name = value.get("name")
        return [_squash(name)] if isinstance(name, str) and name.strip() else []
    if isinstance(value, list):
        return [n for v in value for n in _ld_names(v)]
    return []


def _page_meta(head: _HeadMeta, root: Tag, h1: Tag | None, blocks: list[Block],
               near_title: tuple[str, str] | None) -> PageMeta:
    m, ld = head.meta, head.ld
    h1_text = _squash(h1.get_text(" ")) if h1 is not None else ""
    sites = head.site_names()

    publisher = _first(("og:site_name", m.get("og:site_name")),
                       ("json-ld publisher", ld.get("publisher")),
                       ("application-name", m.get("application-name")))
    title = _title(head, h1_text, sites)
    if publisher is None and head.title_text and title is not None:
        suffix = _site_suffix(head.title_text, title[0])
        if suffix:
            publisher = (suffix, "title suffix")

    date = None
    candidates = [("article:published_time", m.get("article:published_time")),
                  ("json-ld datePublished", ld.get("datePublished"))]
    candidates += [(f"meta {key}", m.get(key)) for key in _META_DATE_KEYS[1:]]
    for source, value in candidates:
        iso = _iso_date(value or "")
        if iso:
            date = (iso, source)
            break
    if date is None:
        date = _body_date(root, blocks, near_title)
    else:
        # A timestamp in UTC can fall on the next or previous day from the date
        # the page shows its readers; the date shown is the one to cite.
        shown = _shown_date(root) or near_title
        if shown and shown[0] != date[0] and _days_apart(shown[0], date[0]) <= 1:
            date = shown

    author = None
    meta_author = m.get("author") or m.get("article:author") or m.get("dc.creator")
    if meta_author and not re.match(r"^(?:https?:|/)", meta_author) and _author_name(meta_author):
        author = (_author_name(meta_author), "meta author")
    if author is None and ld.get("author") and _author_name(ld["author"]):
        author = (_author_name(ld["author"]), "json-ld author")
    if author is None:
        author = _body_author(root)

    description = _first(("og:description", m.get("og:description")),
                         ("meta description", m.get("description")),
                         ("json-ld description", ld.get("description")),
                         ("twitter:description", m.get("twitter:description")))
    return PageMeta(title=title, date=date, publisher=publisher, author=author,
                    description=description, lang=head.lang, url=head.url)


def _title(head: _HeadMeta, h1_text: str, sites: list[str]) -> tuple[str, str] | None:
    """The headline: the main ``<h1>`` when the page's metadata agrees with it.

    Social titles (``og:title``) are often rewritten or carry a section or site
    name ("Opinion | ...", "... - Site"); the ``<h1>`` is what the reader sees.
    The source named is the metadata that agrees, else "h1".
    """
    m, ld = head.meta, head.ld
    if h1_text and _names_the_site(h1_text, head.title_text, sites):
        sites, h1_text = sites + [h1_text], ""  # a blog's <h1> is often its own name
    meta_titles = [(src, _clean_title(_squash(v), sites, h1_text)) for src, v in
                   (("og:title", m.get("og:title")), ("json-ld headline", ld.get("headline")),
                    ("twitter:title", m.get("twitter:title"))) if v and v.strip()]
    if h1_text:
        for src, value in meta_titles:
            if value.casefold() == h1_text.casefold():
                return h1_text, src
        others = [v for _, v in meta_titles] + [head.title_text]
        words = set(re.findall(r"\w+", h1_text.casefold()))
        for other in others:
            shared = words & set(re.findall(r"\w+", other.casefold()))
            if words and len(shared) >= 0.5 * len(words) and len(words) >= 2:
                return h1_text, "h1"
    if meta_titles:
        return meta_titles[0][1], meta_titles[0][0]
    if h1_text:
        return h1_text, "h1"
    if head.title_text:
        return _clean_title(head.title_text, sites), "title"
    return None


def _names_the_site(h1_text: str, page_title: str, sites: list[str]) -> bool:
    """The ``<h1>`` is the site's name: a known site name, or the part of
    ``<title>`` that a separator sets off after the headline."""
    h1 = h1_text.casefold()
    if h1 in {n.casefold() for n in sites}:
        return True
    parts = [p.casefold() for p in re.split(_SITE_SEPARATOR, page_title) if p.strip()]
    return len(parts) > 1 and h1 == parts[-1]


def _first(*pairs: tuple[str, str | None]) -> tuple[str, str] | None:
    for source, value in pairs:
        if value and value.strip():
            return _squash(value), source
    return None


def _clean_title(title: str, sites: list[str], h1: str = "") -> str:
    """A title without the site name the page appends (``Title | Site``)."""
    if h1 and title != h1 and title.startswith(h1) \
            and re.fullmatch(_SITE_SEPARATOR + r"\S.{0,80}", title[len(h1):]):
        return h1
    for name in sorted(sites, key=len, reverse=True):
        if title.endswith(name) and title != name:
            head = title[:-len(name)]
            stripped = re.sub(_SITE_SEPARATOR + r"$", "", head)
            if stripped != head and stripped.strip():
                return stripped.strip()
    return title


def _site_suffix(page_title: str, title: str) -> str | None:
    """``Headline | Site`` or ``Site: Headline`` in the page's ``<title>``
    (``Section | Headline - Site`` too: what follows the headline wins)."""
    at = page_title.find(title)
    if at < 0 or page_title == title:
        return None
    after = re.fullmatch(_SITE_SEPARATOR + r"(?P<site>\S.{0,80}?)\s*", page_title[at + len(title):])
    if after:
        return after["site"]
    if at + len(title) == len(page_title):
        before = re.fullmatch(r"\s*(?P<site>\S.{0,80}?)(?:" + _SITE_SEPARATOR + r"|\s*:\s*)",
                              page_title[:at])
        if before:
            return before["site"]
    return None


def _iso_date(text: str) -> str | None:
    if not text:
        return None
    m = _ISO.match(text)
    if m:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
        return None
    found = find_date(text)
    return found[0] if found else None


def _date_near(h1: Tag) -> tuple[str, str] | None:
    """A short dated line just under (or just over) a headline: its byline bar."""
    seen = 0
    for direction in ("next_elements", "previous_elements"):
        limit = 12 if direction == "next_elements" else 3
        seen = 0
        for node in getattr(h1, direction):
            if not isinstance(node, NavigableString) or isinstance(node, Comment):
                continue
            text = node.strip()
            if not text or _inside(node, h1):
                continue
            seen += 1
            if seen > limit:
                break
            if len(text) <= 100:
                found = find_date(text)
                if found:
                    return found[0], "near title"
    return None


def _body_date(root: Tag, blocks: list[Block],
               near_title: tuple[str, str] | None = None) -> tuple[str, str] | None:
    """The article's date when no ``<meta>`` gives it: microdata, ``<time>``, text."""
    for el in root.find_all(attrs={"itemprop": re.compile(r"^date(?:Published|Created)$", re.I)}):
        iso = _iso_date(el.get("content") or el.get("datetime") or el.get_text(" "))
        if iso:
            return iso, "itemprop datePublished"
    times = root.find_all("time")
    marked = [t for t in times if t.has_attr("pubdate") or
              re.search(r"publish|pubdate|posted|created", " ".join(t.get("class") or []), re.I)]
    for t in marked + times:
        iso = _iso_date(t.get("datetime") or "") or _iso_date(t.get_text(" "))
        if iso:
            return iso, "time datetime"
    if near_title:
        return near_title
    for el in root.find_all(class_=_META_HINT):
        if re.search(r"date|time|publish|posted", " ".join(el.get("class") or []), re.I):
            iso = _iso_date(el.get_text(" "))
            if iso:
                return iso, "date class"
    for block in blocks[:6]:
        iso = _iso_date(block.text)
        if iso:
            return iso, "text"
    return None


def _shown_date(root: Tag) -> tuple[str, str] | None:
    """The date written out for the reader in the article's ``<time>`` or dated element."""
    times = root.find_all("time")
    marked = [t for t in times if t.has_attr("pubdate") or
              re.search(r"publish|pubdate|posted|created", " ".join(t.get("class") or []), re.I)]
    for t in marked + times:
        found = find_date(t.get_text(" "))
        if found:
            return found[0], "time text"
    for el in root.find_all(class_=_META_HINT):
        if re.search(r"date|time|publish|posted", " ".join(el.get("class") or []), re.I):
            found = find_date(el.get_text(" "))
            if found:
                return found[0], "date class"
    return None


def _days_apart(a: str, b: str) -> int:
    from datetime import date
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)
    except ValueError:
        return 99


def _body_author(root: Tag) -> tuple[str, str] | None:
    for el in root.find_all(attrs={"itemprop": re.compile(r"^(?:author|creator)$", re.I)}):
        name_el = el.find(attrs={"itemprop": "name"})
        value = (name_el.get("content") if name_el is not None else None) or el.get("content") \
            or (name_el or el).get_text(" ")
        name = _author_name(value)
        if name:
            return name, "itemprop author"
    for el in root.find_all(rel=True):
        if "author" in [r.lower() for r in el.get("rel") or []]:
            name = _author_name(el.get_text(" "))
            if name:
                return name, "rel author"
    for el in root.find_all(class_=re.compile(r"(?:^|[-_])(?:author|byline|writer)", re.I)):
        name = _author_name(el.get_text(" "))
        if name:
            return name, "byline class"
    return None


def _author_name(text: str) -> str | None:
    name = _squash(text or "")
    name = _BY_PREFIX.sub("", name).strip(" ,;:|·")
    if not name or len(name) > 80 or find_date(name):
        return None
    return name
