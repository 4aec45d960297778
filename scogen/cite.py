"""Citations of one answer: plain text, BibTeX and CSL-JSON. Pure functions.

The plain reference follows the conventions of the interview's language: English
(the archive's own short form), Russian (ГОСТ Р 7.0.100-2018, an online component
part: "Соколов А. Заглавие // Источник. 2024. 12 марта. URL: … (дата обращения: …).")
and Chinese (GB/T 7714-2015, an online resource: "何文涛. 题名[EB/OL]. 出版者,
2023-06-20. URL."). Names are given in the script of the interview when the
speaker record knows one (its aliases), organisations as written, whole.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from .lang import dominant, primary
from .model import Interview, Speaker, Turn

ACCESS_PLACEHOLDER = "ДД.ММ.ГГГГ"  # the reader's access date, which a static page cannot know
BIBTEX_LANGUAGE = {"en": "english", "ru": "russian", "zh": "chinese"}  # babel/polyglossia names
# how a turn is named in BibTeX's howpublished and CSL's medium, and the archive in a note
TURN_WORD = {"en": ("Interview, turn {n}", "turn {n}", "Archived in {archive}"),
             "ru": ("Интервью, реплика {n}", "реплика {n}", "Архив: {archive}"),
             "zh": ("访谈，第 {n} 段", "第 {n} 段", "收录于{archive}")}
# two-character Chinese family names (复姓) common enough to be met; any other Han
# name's family name is its first character
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 司徒 东方 夏侯 皇甫 尉迟 公孙 慕容 长孙 宇文 令狐 独孤 西门 "
    "南宫 端木 百里 呼延 轩辕 澹台 公冶 太史 申屠 钟离 闻人 万俟 赫连 拓跋".split())


@dataclass(frozen=True, slots=True)
class Citation:
    plain: str
    bibtex: str
    csl_json: str


@dataclass(frozen=True, slots=True)
class Name:
    """A name as a citation writes it: ``written`` in the script of the interview;
    a person's ``family`` and ``given`` parts (``given`` empty when unknown)."""

    written: str
    organisation: bool = False
    family: str = ""
    given: str = ""
    han: bool = False  # a Chinese name: family name first, no space


def is_han(text: str) -> bool:
    return bool(text) and all(0x3400 <= ord(c) <= 0x9FFF or 0xF900 <= ord(c) <= 0xFAFF
                              for c in text)


def split_han(name: str) -> tuple[str, str] | None:
    """(family, given) of a Chinese personal name of 2-4 Han characters, family name
    first: 何文涛 -> (何, 文涛), 欧阳明远 -> (欧阳, 明远); None for anything else."""
    if not is_han(name) or not 2 <= len(name) <= 4:
        return None
    cut = 2 if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES else 1
    return name[:cut], name[cut:]


def split_western(name: str) -> tuple[str, str]:
    """(family, given) of a name written given names first: 'Andrey Sokolov',
    'А.В.Соколов' (initials run into the family name). One word is all family."""
    parts = re.findall(r"[^\s.]+\.?", name)
    if len(parts) >= 2 and not parts[-1].endswith("."):
        return parts[-1], " ".join(parts[:-1])
    return name, ""


def initials(given: str, dots: bool = True) -> str:
    """'Андрей Викторович' -> 'А. В.'; 'Jean-Paul' -> 'J.-P.'; without dots 'A V'."""
    out = []
    for part in given.split():
        letters = [p[0] for p in part.replace(".", " ").replace("-", " - ").split() if p != "-"]
        mark = "." if dots else ""
        out.append(("-" if "-" in part else "").join(f"{c}{mark}" for c in letters))
    return " ".join(out)


def _in_script(name: str, record: Speaker | None, lang: str) -> str:
    """``name`` as written in the script of ``lang``: the name itself, else the
    record's first alias in that script (a full name before one with initials)."""
    if lang == "en" or dominant(name)[0] == lang:
        return name
    aliases = [a for a in (record.aliases if record else ()) if dominant(a)[0] == lang]
    aliases.sort(key=lambda a: "." in a)  # stable: 'Андрей Соколов' before 'А.В.Соколов'
    return aliases[0] if aliases else name


def name_of(name: str, iv: Interview, people: Mapping[str, Speaker]) -> Name:
    record = people.get(name)
    lang = primary(iv.language)
    written = _in_script(name, record, lang)
    organisation = (record is not None and record.kind == "organisation") or \
        name == iv.publisher
    if organisation:
        return Name(written, organisation=True)
    han = split_han(written)
    if han:
        return Name(written, family=han[0], given=han[1], han=True)
    family, given = split_western(written)
    return Name(written, family=family, given=given)


# --- plain references -------------------------------------------------------------

def _end(text: str) -> str:
    """A bibliographic element closed by a full stop, unless it ends in one already
    (or in ? ! …)."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def _plain_en(iv: Interview, turn: Turn, speaker: str, url: str, archive: str) -> str:
    date = iv.date or "n.d."
    where = ", ".join(x for x in (iv.publisher, date) if x)
    interviewer = f", interviewed by {iv.interviewer}" if iv.interviewer else ""
    return (f"{speaker}. “{iv.title}”{interviewer}. {where}. "
            f"Turn {turn.index}. {archive}. {url}")


def _date(iso: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


@functools.lru_cache(maxsize=1024)
def _day_month_ru(day: dt.date) -> str:
    """'12 марта': the day and the month in the genitive, from CLDR."""
    from babel.dates import format_date
    return format_date(day, "d MMMM", locale="ru")


def _plain_ru(iv: Interview, author: Name, interviewer: Name | None, publisher: str | None,
              url: str, accessed: dt.date | None) -> str:
    """ГОСТ Р 7.0.100-2018, a component part of an online resource, areas separated
    by a full stop (which the standard allows in place of '. –'):
    ``Соколов А. Заглавие / интервьюер И. Петров // Издатель. 2024. 12 марта.
    URL: … (дата обращения: 05.06.2025).`` An organisation is not a heading: it
    follows the title after '/' as the statement of responsibility."""
    if author.organisation:
        head = ""
    elif author.han or not author.given:
        head = author.written + " "
    else:
        head = f"{author.family} {initials(author.given)} "
    responsibility = []
    if author.organisation:
        responsibility.append(author.written)
    if interviewer:
        who = interviewer.written if interviewer.organisation or interviewer.han else \
            f"{initials(interviewer.given)} {interviewer.family}".strip()
        responsibility.append(f"интервьюер {who}")
    text = head + iv.title
    if responsibility:
        text += " / " + " ; ".join(responsibility)
    if publisher:
        text += " // " + publisher
    day = _date(iv.date)
    if day:
        text = _end(text) + f" {day.year}. {_day_month_ru(day)}."
    elif iv.date:
        text = _end(text) + f" {iv.date}."
    else:
        text = _end(text) + " [б. г.]."
    when = accessed.strftime("%d.%m.%Y") if accessed else ACCESS_PLACEHOLDER
    return f"{text} URL: {url} (дата обращения: {when})."


def _plain_zh(iv: Interview, author: Name, interviewer: Name | None, publisher: str | None,
              url: str, accessed: dt.date | None) -> str:
    """GB/T 7714-2015, an online resource ([EB/OL]): ``何文涛. 题名[EB/OL]. 出版者,
    2023-06-20. URL.`` Chinese names whole, family name first; other people's
    family names in capitals with their initials (SOKOLOV A)."""
    if author.organisation or author.han or not author.given:
        who = author.written
    else:
        who = f"{author.family.upper()} {initials(author.given, dots=False)}"
    parts = [_end(who), f"{iv.title}[EB/OL]."]
    if interviewer:
        parts.append(f"{interviewer.written}, 采访.")
    when = iv.date or "[出版年不详]"
    if accessed:
        when += f"[{accessed.isoformat()}]"
    parts.append(f"{publisher}, {when}." if publisher else f"{when}.")
    parts.append(_end(url))
    return " ".join(parts)


# --- the three formats ---------------------------------------------------------------

def cite(iv: Interview, turn: Turn, url: str, archive_title: str,
         people: Mapping[str, Speaker] | None = None,
         accessed: dt.date | None = None) -> Citation:
    """``url`` is the turn's address (absolute when base_url is set); ``people``
    the speaker records of the names cited (whether one is an organisation, its
    name in other scripts); ``accessed`` the date a reader saw the page, which
    Russian references state (a placeholder without it)."""
    people = people or {}
    lang = primary(iv.language)
    speaker = turn.speaker or iv.publisher or "Unknown"
    author = name_of(speaker, iv, people)
    interviewer = name_of(iv.interviewer, iv, people) if iv.interviewer else None
    publisher = _in_script(iv.publisher, people.get(iv.publisher), lang) \
        if iv.publisher else None
    if lang == "ru":
        plain = _plain_ru(iv, author, interviewer, publisher, url, accessed)
    elif lang == "zh":
        plain = _plain_zh(iv, author, interviewer, publisher, url, accessed)
    else:
        plain = _plain_en(iv, turn, speaker, url, archive_title)
    key = _key(_key_name(speaker, author), (iv.date or "")[:4], turn.index)
    return Citation(plain=plain,
                    bibtex=_bibtex(iv, turn, key, author, interviewer, publisher, url,
                                   archive_title, lang),
                    csl_json=json.dumps(_csl(iv, turn, key, author, interviewer, publisher,
                                             url, archive_title, lang),
                                        ensure_ascii=False, indent=2))


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([{}%&$#_\\])", r"\\\1", text)


def _key_name(speaker: str, author: Name) -> str:
    """The word a key starts with: the family name, in Latin letters when the
    record's own name is written in them ('He Wentao' for 何文涛 gives 'he')."""
    if author.han and dominant(speaker)[0] == "en" and len(speaker.split()) >= 2:
        return speaker.split()[0]
    return speaker.split()[-1] if speaker.split() else speaker


def _key(name: str, year: str, index: int) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore")
    base = re.sub(r"[^a-z0-9]", "", ascii_name.decode().lower()) or "interview"
    return f"{base}{year if year.isdigit() else ''}t{index}"


def _bibtex_name(name: Name, lang: str) -> str:
    """A name for BibTeX's author/editor fields, already escaped. Organisations are
    braced whole, so no style splits 'Severnaya Panorama' into a given and a family
    name or abbreviates it. A Chinese name is braced whole too ({何文涛}): given as
    '何, 文涛', styles print the given name first ('文涛 何') or abbreviate it to an
    initial ('何 文.'), while a braced name is printed as written, family name first
    and without a space, as GB/T 7714 and every Chinese reader expect (and sorted by
    its family name, its first character). Other people are 'Family, Given', which
    every style parses the same way even with initials or a patronymic."""
    if name.organisation or name.han:
        return "{" + _bibtex_escape(name.written) + "}"
    if lang == "en" or not name.given:
        return _bibtex_escape(name.written)  # as the archive has always written it
    return _bibtex_escape(f"{name.family}, {name.given}")


def _bibtex(iv, turn, key, author: Name, interviewer: Name | None, publisher, url,
            archive_title, lang) -> str:
    how, _medium, note = TURN_WORD.get(lang, TURN_WORD["en"])
    fields = [("author", _bibtex_name(author, lang)), ("title", _bibtex_escape(iv.title))]
    if interviewer:
        fields.append(("editor", _bibtex_name(interviewer, lang)))
    if publisher:
        fields.append(("publisher", _bibtex_escape(publisher)))
    if iv.date:
        fields += [("year", iv.date[:4]), ("date", iv.date)]
    fields += [("howpublished", _bibtex_escape(how.format(n=turn.index))), ("url", url),
               ("note", _bibtex_escape(note.format(archive=archive_title)))]
    if lang in BIBTEX_LANGUAGE:
        fields.append(("language", BIBTEX_LANGUAGE[lang]))
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@misc{{{key},\n{body}\n}}"


def _csl_name(name: Name) -> dict:
    """CSL name: organisations as ``literal``; a Chinese name as family and given
    (citeproc-js prints a name whose parts are both Han family first, without a
    space: 何文涛); a one-word name as ``literal``."""
    if name.organisation or not name.given:
        return {"literal": name.written}
    return {"family": name.family, "given": name.given}


def _csl(iv, turn, key, author: Name, interviewer: Name | None, publisher, url,
         archive_title, lang) -> list[dict]:
    _how, medium, _note = TURN_WORD.get(lang, TURN_WORD["en"])
    item = {"id": key, "type": "interview", "language": iv.language,
            "title": iv.title, "author": [_csl_name(author)], "URL": url,
            "container-title": archive_title, "medium": medium.format(n=turn.index)}
    if interviewer:
        item["interviewer"] = [_csl_name(interviewer)]
    if publisher:
        item["publisher"] = publisher
    if iv.date:
        item["issued"] = {"date-parts": [[int(x) for x in iv.date.split("-")]]}
    return [item]
