"""Page furniture: lines a site prints around every article.

Menus, language switchers, breadcrumbs, share bars, tag lines, copyright
footers, teasers between paragraphs ("Also Read: ..."), photo captions and
"To be continued." carry no record content. Each test reads the *shape* of a
line (cells separated by ``|``, a key such as ``Tags:``, a © sign, a few words
without a sentence) and the vocabulary of web pages, never one site's text.
"""
from __future__ import annotations

import re

from .labels import META_KEYS

_FOOTER = re.compile(r"©|^\s*copyright\b|\ball rights reserved\b|\([cC]\)\s*(?:19|20)\d\d|"
                     r"版权所有|все права защищены", re.I)
_CELLS = re.compile(r"\s[|·•]\s|\s{3,}|^\|$|\s\|$|^\|\s")
_BREADCRUMB = re.compile(r"^(?:you are here:?\s*)?[^.?!]{1,40}(?:\s[>»/›]\s[^.?!]{1,60}){1,6}$", re.I)
_TEASER = re.compile(
    r"^(?:also read|read also|read more|more from|also watch|watch|see also|related|"
    r"related posts|related news|related articles|related stories|recommended|"
    r"you may also like|trending|breaking|must read|don't miss|click here|"
    r"читайте также|смотрите также|по теме|相关阅读|相关新闻|延伸阅读|推荐阅读)\b\s*[:：\-–—]?",
    re.I)
_CONTINUED = re.compile(r"^[(\[]?(?:(?:to be )?continued\b[^.!?]{0,40}|продолжение следует|未完待续|"
                        r"待续)[.!…]*[)\]]?\.?$", re.I)  # "Continued in the next release."
_PHOTO = re.compile(r"\((?:file\s+)?(?:photo|image|picture|video)\b[^()]*\)\s*$|"
                    r"[.|]\s*(?:photo|фото|image)\s*(?:by|credit)?\s*[:：]\s*[^.]{2,60}$|"
                    r"^(?:photo|фото|图片|摄影)\s*[:：/]|\s[\u4e00-\u9fff]{2,4}\s*摄$", re.I)
_COUNTER = re.compile(r"^[^\W\d]+(?:\s[^\W\d]+)?\s*[(\[]\d+[)\]]$")  # "Comments (0)"
_KEY = re.compile(r"^(?P<key>[^:：]{1,30})\s*[:：]")
_NEWSLETTER = re.compile(r"^(?:subscribe|sign up|follow us|join us|download (?:our|the) app|"
                         r"get (?:our|the) (?:app|newsletter)|listen on|watch on)\b", re.I)
_PROMO = re.compile(r"^(?:get|download|follow|subscribe|sign up|sign in|log in|login|join|"
                    r"listen|watch|read|share|print|click|tap|install)\b", re.I)
SENTENCE_END = re.compile(r"[.?!…\"”’»)。？！]$")


def is_teaser(text: str) -> bool:
    """A line inside the body that points elsewhere: 'Also Read: ...', 'READ MORE — ...',
    'Related Posts', 'To be continued.' A teaser word opening a sentence ('Related to
    this is ...', 'Breaking the deadlock will ...') is prose, not a teaser: the word must
    be followed by a separator, or the line be short and no sentence."""
    text = text.strip()
    if _CONTINUED.match(text) or text in ("|", "||") or \
            text.lower() in ("advertisement", "advertising", "реклама", "广告"):
        return True
    m = _TEASER.match(text)
    if not m:
        return False
    return bool(re.match(r"\s*[:：\-–—|»>]", text[m.end() - 2:m.end() + 1])) or \
        bool(re.search(r"[:：\-–—|]\s*$", m.group())) or \
        (len(text.split()) <= 12 and not SENTENCE_END.search(text))


def is_furniture(text: str, site_names: tuple[str, ...] = ()) -> bool:
    """A line that carries no record content wherever it stands."""
    text = text.strip()
    if not text or is_teaser(text):
        return True
    if len(text) > 300 and "|" not in text:  # a paragraph: only a footer sign can tell
        return bool(_FOOTER.search(text) or _PHOTO.search(text))
    if _FOOTER.search(text) or _PHOTO.search(text) or _COUNTER.match(text):
        return True  # a copyright footer, not a sentence that mentions copyright
    key = _KEY.match(text)
    if key and META_KEYS.match(key["key"].strip()) and not _is_meta_value(key["key"]):
        return True
    if _BREADCRUMB.match(text) and len(text.split()) <= 14:
        return True
    words = text.split()
    if _CELLS.search(text) and len(words) <= 30:
        cells = [c for c in re.split(r"\s[|·•]\s|\s{3,}|\|", text) if c.strip()]
        if len(cells) >= 2 and all(len(c.split()) <= 8 for c in cells) and \
                not any(re.search(r"\w[.?!。？！]$", c.strip()) for c in cells[:-1]):
            return True  # a menu or a bar of cells, not sentences spaced apart
    if _toolbar(text):
        return True
    if _PROMO.match(text) and any(n and n.lower() in text.lower() for n in site_names):
        return True
    if re.search(r"\bwelcome to\b", text, re.I) and len(words) <= 10:
        return True
    if _NEWSLETTER.match(text) and len(words) <= 12:
        return True  # "Subscribe to our newsletter", "Follow us on ..."
    return False


# a bracketed button (【打印】, 【 】) or a page link (第2页, 第2頁, 下一页), as CJK sites print them
_BUTTON = re.compile(r"【[^【】]{0,8}】|第\s*\d{1,3}\s*[页頁]|[上下]一[页頁]")


def _toolbar(text: str) -> bool:
    """A line of two or more bracketed buttons or page links and next to nothing else
    (an excerpt may cut the first button in half: 'CNML格式】 【 】 【打 印】')."""
    buttons = _BUTTON.findall(text)
    if len(buttons) < 2:
        return False
    rest = re.sub(r"[\s【】]", "", _BUTTON.sub("", text))
    return len(rest) <= 8


def _is_meta_value(key: str) -> bool:
    """Keys whose value is record metadata (a date, a byline), read by the header."""
    return key.strip().lower() in ("author", "authors", "by", "date", "dated", "published",
                                   "publication date", "posted", "updated", "last updated",
                                   "editor", "edited by", "source", "reporter",
                                   "автор", "источник", "дата", "опубликовано", "来源", "作者",
                                   "责任编辑", "编辑", "发布时间", "日期", "时间")


def word_count(text: str) -> int:
    """Words, counting two Han characters as one (Chinese writes no spaces)."""
    return len(text.split()) + len(_HAN.findall(text)) // 2


def ends_sentence(text: str) -> bool:
    return bool(SENTENCE_END.search(text.rstrip()))


def is_heading_like(text: str) -> bool:
    """A few words and no sentence: a menu item, a section name, a site name."""
    words = word_count(text)
    if text.rstrip().endswith((":", "：")) and words <= 4:
        return True
    return words <= 5 and not SENTENCE_END.search(text.rstrip()) and len(text) < 60


_HAN = re.compile(r"[\u4e00-\u9fff]")


_SCRIPTS = (("latin", re.compile(r"[A-Za-z\u00c0-\u024f]")),
            ("cyrillic", re.compile(r"[\u0400-\u052f]")),
            ("cjk", re.compile(r"[\u3040-\u9fff\uf900-\ufaff\uac00-\ud7af]")))
_LETTERS = re.compile(r"[^\W\d_]")


# each class's complement, as runs: a class's characters in a text are what is left
# once these are deleted (a match per run, not per character: about 3x faster)
_NOT_SCRIPTS = tuple((name, re.compile("[^" + pattern.pattern[1:-1] + "]+"))
                     for name, pattern in _SCRIPTS)


def script_of(text: str) -> str:
    """The main script of a text: 'latin', 'cyrillic', 'cjk', 'other' or ''."""
    if text.isascii():
        return "latin" if _LETTERS.search(text) else ""
    counts = {name: len(others.sub("", text)) for name, others in _NOT_SCRIPTS}
    best = max(counts, key=counts.get)
    if counts[best]:
        return best
    return "other" if _LETTERS.search(text) else ""
