"""Finding a publication date in the many ways pages write one."""
from __future__ import annotations

import re
from datetime import date

_MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
     ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
     ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for m in names}
_MON = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

_PATTERNS = [
    # 2013-08-15, 2022 / 11 / 11, 2022.11.11
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)\s?(?P<s>[-/.])\s?(?P<m>\d{1,2})\s?(?P=s)\s?"
               r"(?P<d>\d{1,2})(?!\d)"),
    # May 22, 2007 / Sept. 5 2019
    re.compile(r"\b" + _MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b",
               re.I),
    # 17 January 2023 / 12-Sep-2022 / 5 Sept. 2019
    re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?[\s-]+" + _MON + r"[\s,-]+(?P<y>(?:19|20)\d\d)\b",
               re.I),
    # 22/05/2007, 22/ 05/ 2007, 11.11.2022 (day first unless impossible)
    re.compile(r"(?<![\d/.])(?P<a>\d{1,2})\s?(?P<s>[/.])\s?(?P<b>\d{1,2})\s?(?P=s)\s?"
               r"(?P<y>(?:19|20)\d\d)(?!\d)"),
]


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first date written in ``text``: (ISO date, start, end) or None."""
    best = None
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            iso = _to_iso(m)
            if iso and (best is None or m.start() < best[1]):
                best = (iso, m.start(), m.end())
                break
    return best


def _to_iso(m: re.Match) -> str | None:
    g = m.groupdict()
    year = int(g["y"])
    if g.get("mon"):
        month, day = _MONTHS[g["mon"].lower()], int(g["d"])
    elif g.get("m"):
        month, day = int(g["m"]), int(g["d"])
    else:
        a, b = int(g["a"]), int(g["b"])
        day, month = (a, b) if b <= 12 else (b, a)
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?\b", re.I)
_DATE_WORDS = re.compile(
    r"\b(?:publication|published|posted|updated|date|time|source|author|by|on|"
    r"news|release|press|photo|editor|gmt|utc|msk|bjt|cst|am|pm)\b|[|:,/()\-–—]", re.I)


def is_date_line(text: str) -> bool:
    """A line that is mostly a date (plus labels such as 'Updated', a time, '|')."""
    found = find_date(text)
    if not found:
        return False
    rest = text[:found[1]] + " " + text[found[2]:]
    rest = _TIME.sub(" ", rest)
    rest = _DATE_WORDS.sub(" ", rest)
    return len(rest.split()) <= 2
