"""Which language a text is written in, as far as its script tells.

One table of scripts serves the loader (a transcript's language) and the renderer
(a passage in another script inside a page, marked with ``lang``). The script is
the evidence: Cyrillic is read as Russian unless letters only Ukrainian or the
Turkic Cyrillic alphabets use are frequent, Han characters as Chinese unless kana
show Japanese, Hangul as Korean, Arabic letters as Arabic unless the Persian
letters are frequent. Latin text is English: the archive's other Latin-script
languages are rare enough that a transcript in one says so in its front matter.
"""
from __future__ import annotations

import re
from functools import lru_cache

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")  # en, ru, zh-Hans

# (tag, first, last code point) of each script's main block; tested in order
SCRIPTS = (("ru", 0x0400, 0x04FF), ("zh", 0x4E00, 0x9FFF), ("zh", 0x3400, 0x4DBF),
           ("ar", 0x0600, 0x06FF), ("fa", 0xFB50, 0xFDFF), ("ko", 0xAC00, 0xD7AF),
           ("ja", 0x3040, 0x30FF))

# letters that mark another language written in the same script
_MARKED = {
    "ru": (("uk", set("ієїґІЄЇҐ")), ("kk", set("әғқңөұүһӘҒҚҢӨҰҮҺ"))),
    "ar": (("fa", set("پچژگ")),),
}
MARK_SHARE = 0.01  # a marked letter this common among the script's letters decides
LANGUAGES = ("en", "ru", "zh")  # languages the interface is written in


_LETTER = re.compile(r"[^\W\d_]")
_KANA = re.compile(r"[\u3040-\u30ff]")
# one pattern per language of SCRIPTS (a script's blocks joined), and the Latin letters
_SCRIPT_LETTERS = tuple(
    (tag, re.compile("[" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for t, lo, hi in SCRIPTS
                                   if t == tag) + "]"))
    for tag in dict.fromkeys(t for t, _lo, _hi in SCRIPTS))
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")


# the same classes' complements, as runs: the characters of a class in a text are what
# is left once the runs of all others are deleted (one match per run, not per letter:
# three times faster than finding each letter)
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_NOT_LATIN = re.compile(r"[^A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")
_NOT_SCRIPT_LETTERS = tuple(
    (tag, re.compile("[^" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for t, lo, hi in SCRIPTS
                                    if t == tag) + "]+"),
     chr(min(lo for t, lo, _hi in SCRIPTS if t == tag)))  # its first character
    for tag in dict.fromkeys(t for t, _lo, _hi in SCRIPTS))


def _count(others: re.Pattern, text: str) -> int:
    return len(others.sub("", text))


def script_counts(text: str) -> tuple[dict[str, int], int]:
    """Letters of each script's language in ``text``, and all its letters (counted by
    regular expressions: a character loop in Python was 9 % of a build)."""
    letters = _count(_NOT_LETTERS, text)
    if text.isascii():
        return ({"en": letters} if letters else {}), letters
    counts = {"en": _count(_NOT_LATIN, text)}
    top = max(text)  # (a script none of whose characters the text reaches is not read)
    for tag, others, lowest in _NOT_SCRIPT_LETTERS:
        n = _count(others, text) if top >= lowest else 0
        if n:
            counts[tag] = n
    counts = {t: n for t, n in counts.items() if n}
    return counts, letters


def refine(tag: str, text: str, n: int) -> str:
    """A script's main language, or the language its marked letters show."""
    if tag == "zh" and _KANA.search(text):
        return "ja"  # kana
    for other, marks in _MARKED.get(tag, ()):
        if len(re.findall("[" + "".join(sorted(marks)) + "]", text)) >= max(2, MARK_SHARE * n):
            return other
    return tag


def dominant(text: str, share: float = 0.6) -> tuple[str, float]:
    """The language whose script holds at least ``share`` of the letters, with that
    share; ('', best share) when no script does."""
    counts, letters = script_counts(text)
    if not letters:
        return "", 0.0
    if "ja" in counts:  # Japanese writes kana among Han characters: one script here
        counts["zh"] = counts.get("zh", 0) + counts.pop("ja")
    if not counts:  # letters, but none of a script we tell (mathematical 𝐀, runes…)
        return "", 0.0
    tag, n = max(counts.items(), key=lambda kv: kv[1])
    if n < share * letters:
        return "", n / letters
    return refine(tag, text, n), n / letters


# characters that are a word each: Han ideographs (Chinese counts characters, 字)
# and Japanese kana
_ALONE = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_WORDS = re.compile(rf"[{_ALONE}]|[^\s{_ALONE}]*?(?![{_ALONE}])[^\W_][^\s{_ALONE}]*")


def count_words(text: str) -> int:
    """How long a text is as its readers count: every Han character (and kana) is
    one, and every other run between spaces holding a letter or digit is one word
    (a dash or a lone punctuation mark is none). '上合组织成立' is 6, 'SCO 峰会' 3."""
    return len(_WORDS.findall(text))


def primary(tag: str | None) -> str:
    """'zh-Hans' -> 'zh'; None -> ''."""
    return (tag or "").split("-")[0].lower()


def simplified(text: str) -> str:
    """Traditional Chinese characters as simplified ones, character for character, so
    a pattern of the loader's Chinese grammar (记者, 问, 发言人) reads 記者, 問, 發言人
    too and a match's positions hold in the text as written. OpenCC's character table
    (maintained, 7 MB, imported only for Chinese text); a conversion that would change
    the length (a phrase rule) is done one character at a time instead."""
    if text.isascii() or not _HAN.search(text):
        return text  # no Chinese in it: nothing to convert, and OpenCC is never loaded
    out = _t2s(text)
    if len(out) != len(text):
        out = "".join(_t2s(c) if len(_t2s(c)) == 1 else c for c in text)
    return out


@lru_cache(maxsize=8192)
def _t2s(text: str) -> str:
    return _converter().convert(text)


@lru_cache(maxsize=1)
def _converter():
    import opencc
    return opencc.OpenCC("t2s")
