"""Finding publication dates in the many ways pages write them.

English (``May 22, 2007``, ``17 January 2023``, ``12-Sep-2022``, ``5th of June 2019``), ISO-like
(``2022-11-11``, ``2022.11.11``, ``2022 / 11 / 11``), numeric (``22/05/2007``, ``15.01.2025``),
Russian (``3 апреля 2007 г.``) and Chinese (``2018年6月11日``, full-width digits too), with an
optional weekday before. Only full dates count: a year range, a bare year or ``June 8`` is not one.

Numeric dates whose two first numbers are both month-sized (``10/09/2025``) can be read either
way. :func:`infer_order` finds the page's order from the dates that can be read one way only, or
from a spelled-out date that agrees with one reading; without one, day first is assumed.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass
from datetime import date
from typing import Iterable

# Month and weekday names are the vocabulary of each language; abbreviations are their first
# letters ("Sep", "Sept.", "дек.").
_EN_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december"]
_RU_GENITIVE = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                "сентября", "октября", "ноября", "декабря"]
_RU_NOMINATIVE = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
                  "сентябрь", "октябрь", "ноябрь", "декабрь"]
_RU_SHORT = ["янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"]

_MONTHS: dict[str, int] = {}
for _i, _name in enumerate(_EN_MONTHS, start=1):
    _MONTHS.update({_name: _i, _name[:3]: _i})
for _names in (_RU_GENITIVE, _RU_NOMINATIVE, _RU_SHORT):
    _MONTHS.update({n: i for i, n in enumerate(_names, start=1)})
_MONTHS.update({"sept": 9, "февр": 2, "сент": 9, "нояб": 11})


def _alternation(names: Iterable[str]) -> str:
    return "|".join(sorted(set(names), key=len, reverse=True))


_EN_MON = _alternation(n for n in _MONTHS if n.isascii())
_RU_MON = _alternation(n for n in _MONTHS if not n.isascii())
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
             "понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье",
             "пн", "вт", "ср", "чт", "пт", "сб", "вс"]

_Y = r"(?P<y>(?:19|20)\d\d)(?!\d)"
_D = r"(?<!\d)(?P<d>\d{1,2})(?!\d)"
_ORD = r"(?:st|nd|rd|th)?"
_NOT_LETTER_BEFORE = r"(?:(?<![^\W\d_])|(?-i:(?<=[a-z])(?=[A-Z])))"  # or a lost space: onJune
_NOT_LETTER_AFTER = r"(?![^\W\d_])"

_PATTERNS: list[tuple[str, re.Pattern]] = [
    # 2013-08-15, 2022.11.11, 2022 / 11 / 11, 2018/6/11
    ("iso", re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d\d)\s{0,2}(?P<s>[-/.])\s{0,2}(?P<m>\d{1,2})"
                       r"\s{0,2}(?P=s)\s{0,2}(?P<d>\d{1,2})(?![\d]|\.\d)")),
    # May 22, 2007 / Sept. 5 2019 / Dec 1st, 2019 / Feb 3 ,2015
    ("month-name", re.compile(_NOT_LETTER_BEFORE + r"(?P<mon>" + _EN_MON + r")" + _NOT_LETTER_AFTER
                              + r"\.?\s*" + _D + _ORD + r"(?:\s*,\s*|\s+)" + _Y, re.I)),
    # 17 January 2023 / 12-Sep-2022 / 5th of June 2019 / 6 Jan, 2011
    ("month-name", re.compile(_D + _ORD + r"(?:\s+of)?[\s-]*(?P<mon>" + _EN_MON + r")"
                              + _NOT_LETTER_AFTER + r"\.?[\s,-]*" + _Y, re.I)),
    # 22/05/2007, 22/ 05/ 2007, 15.01.2025, 07 - 03 - 2013: day/month order decided later
    ("numeric", re.compile(r"(?<![\d/.-])(?P<a>\d{1,2})\s{0,2}(?P<s>[-/.])\s{0,2}(?P<b>\d{1,2})"
                           r"\s{0,2}(?P=s)\s{0,2}" + _Y + r"(?!\.\d)")),
    # 3 апреля 2007 г. / 3 апреля 2007 года / 7 дек. 2015
    ("ru", re.compile(_D + r"\s*(?P<mon>" + _RU_MON + r")" + _NOT_LETTER_AFTER + r"\.?\s*" + _Y
                      + r"(?:\s?(?:года|год|г)\b\.?)?", re.I)),
    # 2018年6月11日 (full-width digits are read as ASCII first)
    ("zh", re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})"
                      r"\s*[日号]")),
]
_WEEKDAY_BEFORE = re.compile(r"(?:^|(?<=[^\w]))(?:" + _alternation(_WEEKDAYS) + r")\.?\s*,?\s*$",
                             re.I)
_YEAR_LIKE = re.compile(r"[1１][9９]|[2２][0０]")  # every form has a year 19xx or 20xx
_FULLWIDTH = str.maketrans("０１２３４５６７８９／．－：", "0123456789/.-:")


@dataclass(frozen=True, slots=True)
class DateHit:
    iso: str          # 'YYYY-MM-DD'
    start: int        # span of the date as written in the text (weekday included)
    end: int
    form: str         # 'iso' | 'month-name' | 'numeric' | 'ru' | 'zh'
    ambiguous: bool   # numeric with both first numbers <= 12 and different: the order decided


def find_dates(text: str, order: str | None = None) -> list[DateHit]:
    """See ``_find_dates``; remembered per text, as a page asks about one line often."""
    return list(_find_dates(text, order))


@lru_cache(maxsize=4096)
def _find_dates(text: str, order: str | None = None) -> tuple[DateHit, ...]:
    """Every full date written in ``text``, in order of position, overlaps removed.

    ``order`` ('dmy' or 'mdy') reads numeric dates that could go either way; None reads them
    day first. Such hits are marked ``ambiguous`` whatever the order, so a caller can prefer
    a date written unambiguously elsewhere on the page.
    """
    if order not in (None, "dmy", "mdy"):
        raise ValueError(f"date order must be 'dmy', 'mdy' or None, not {order!r}")
    if not _YEAR_LIKE.search(text):
        return ()
    text = text.translate(_FULLWIDTH)  # one character for one: spans stay valid
    found = []
    for form, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            read = _read(m, order)
            if read:
                start = m.start()
                weekday = _WEEKDAY_BEFORE.search(text, max(0, start - 16), start)
                if weekday:
                    start = weekday.start()
                found.append(DateHit(read[0], start, m.end(), form, read[1]))
    found.sort(key=lambda h: (h.start, -h.end))
    hits: list[DateHit] = []
    for hit in found:
        if not hits or hit.start >= hits[-1].end:
            hits.append(hit)
    return tuple(hits)


def _read(m: re.Match, order: str | None) -> tuple[str, bool] | None:
    """(ISO date, ambiguous) for one match, or None when no such day exists."""
    g = m.groupdict()
    year, ambiguous = int(g["y"]), False
    if g.get("mon"):
        month, day = _MONTHS[g["mon"].lower()], int(g["d"])
    elif g.get("m"):
        month, day = int(g["m"]), int(g["d"])
    else:
        a, b = int(g["a"]), int(g["b"])
        ambiguous = a <= 12 and b <= 12 and a != b
        day_first = a > 12 or (b <= 12 and order != "mdy")
        day, month = (a, b) if day_first else (b, a)
    try:
        return date(year, month, day).isoformat(), ambiguous
    except ValueError:
        return None


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first date written in ``text``: (ISO date, start, end) or None."""
    hits = find_dates(text)
    return (hits[0].iso, hits[0].start, hits[0].end) if hits else None


def infer_order(texts: Iterable[str]) -> str | None:
    """'dmy' or 'mdy', as a page's numeric dates show it, or None when they don't.

    Evidence: a numeric date that reads one way only (13/05/2023 is day first), and an
    ambiguous one whose one reading is a date the page also spells out (10/09/2025 beside
    "9 October 2025" is month first). The larger side wins; a tie or no evidence gives None.
    """
    numeric: list[DateHit] = []
    spelled: set[str] = set()
    votes = {"dmy": 0, "mdy": 0}
    for text in texts:
        text = text.translate(_FULLWIDTH)
        for hit in find_dates(text):
            if hit.form != "numeric":
                spelled.add(hit.iso)
            elif hit.ambiguous:
                numeric.append(hit)
            else:
                a, b = (int(n) for n in re.findall(r"\d+", text[hit.start:hit.end])[:2])
                if a != b:
                    votes["dmy" if a > 12 else "mdy"] += 1
    for hit in numeric:  # read day first: the month-first reading swaps month and day
        y, m, d = hit.iso.split("-")
        if hit.iso in spelled:
            votes["dmy"] += 1
        elif f"{y}-{d}-{m}" in spelled:
            votes["mdy"] += 1
    if votes["dmy"] == votes["mdy"]:
        return None
    return max(votes, key=votes.get)


# --- date lines -----------------------------------------------------------------------------

_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?\b"
                   r"(?:\s*\(?(?-i:[A-Z]{2,4})\)?(?!\w))?", re.I)  # 10:20 IST, 4:15 PM (EDT)
_META_WORDS = re.compile(
    r"\b(?:publication|published|posted|updated|last|modified|created|issued|distributed|date|"
    r"recorded|filmed|aired|broadcast|min|mins|minutes|"
    r"time|source|author|by|edited|written|on|news|release|press|photo|editor|gmt|utc|am|pm|"
    r"опубликовано|обновлено|размещено|изменено|дата|публикации|обновления|время|источник|"
    r"автор|фото|редактор|новости|мск)\b"
    r"|[发發][布佈]|[时時][间間]|日期|[来來]源|作者|[责責]任[编編][辑輯]|[编編][辑輯]|星期[一二三四五六日天]"
    r"|周[一二三四五六日]|[:：,，/()（）\[\]【】\-–—·•]", re.I)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=4096)
def is_date_line(text: str) -> bool:
    """A line that is mostly a date: dates plus labels ('Updated', '发布时间'), a time, and at
    most two other words (a place, a source; three Chinese characters count as one word), or a
    bar of short '|' cells one of which holds a date ('Daily Online | Delhi | Updated: ...')."""
    if len(text) > 400:
        return False  # a paragraph, whatever dates it mentions
    hits = find_dates(text)
    if not hits:
        return False
    rest, at = [], 0
    for hit in hits:
        rest.append(text[at:hit.start])
        at = hit.end
    rest = " ".join(rest) + " " + text[at:]
    cells = [_words(cell) for cell in rest.split("|")]
    return sum(cells) <= 2 or (len(cells) > 1 and max(cells) <= 3)


def _words(text: str) -> int:
    """Words left once labels and times are gone, three Chinese characters to a word."""
    text = _META_WORDS.sub(" ", _TIME.sub(" ", text.translate(_FULLWIDTH)))
    cjk = len(_CJK.findall(text))
    return len(_CJK.sub(" ", text).split()) + -(-cjk // 3)
