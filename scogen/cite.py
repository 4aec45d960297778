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

# the reader's access date, which a static page cannot know: written as these
# placeholders, which the page's script replaces with the day the reader sees it
ACCESS_PLACEHOLDER = "ДД.ММ.ГГГГ"  # ГОСТ's form (dd.mm.yyyy)
ACCESS_PLACEHOLDER_ISO = "YYYY-MM-DD"  # every other form
BIBTEX_LANGUAGE = {"en": "english", "ru": "russian", "zh": "chinese"}  # babel/polyglossia names
# how a turn is named, the same way the page names it (a question by its number
# among the interview's questions, an answer by the question it answers):
# (question, answer to question, answer with no question before it, remark)
TURN_LABEL = {"en": ("Question {q}", "Answer to question {q}", "Answer", "Remark"),
              "ru": ("Вопрос {q}", "Ответ на вопрос {q}", "Ответ", "Реплика"),
              "zh": ("第{q}问", "第{q}问的回答", "回答", "插话")}
# BibTeX's howpublished ({label}: the turn's label, lower-cased where the script
# has case), the archive and the interviewer in its note
TURN_WORD = {"en": ("Interview, {label}", "Archived in {archive}", "Interviewed by {who}",
                    "Originally published at {url}"),
             "ru": ("Интервью, {label}", "Архив: {archive}", "Интервьюер: {who}",
                    "Первая публикация: {url}"),
             "zh": ("访谈，{label}", "收录于{archive}", "采访者：{who}", "原载：{url}")}
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
    url: str = ""  # the address cited (relative without base_url: the page fills it in)


@dataclass(frozen=True, slots=True)
class Name:
    """A name as a citation writes it: ``written`` in the script of the interview;
    a person's ``family`` and ``given`` parts (``given`` empty when unknown)."""

    written: str
    organisation: bool = False
    family: str = ""
    given: str = ""
    han: bool = False  # a Chinese name: family name first, no space
    family_first: bool = False  # written family name first (Li Yuheng, 何文涛, 김정은)


def is_hangul(text: str) -> bool:
    return bool(text) and all(0xAC00 <= ord(c) <= 0xD7A3 for c in text)


def question_numbers(iv: Interview) -> tuple[int | None, ...]:
    """Per turn, the number of the question it is or answers: questions counted in
    order (1, 2, ...), an answer or remark taking the last question's number (None
    before the first question). The page, its permalinks and its citations all name
    a turn by it ("Question 4", "Answer to question 4")."""
    out, q = [], 0
    for kind, *_rest in iv.outline:  # kinds only: no need to read a cached record's text
        if kind == "question":
            q += 1
        out.append(q or None)
    return tuple(out)


def turn_label(kind: str, q: int | None, lang: str) -> str:
    """'Question 4', 'Answer to question 4', 'Answer', 'Remark' in ``lang``."""
    question, answer, bare, remark = TURN_LABEL.get(primary(lang), TURN_LABEL["en"])
    if kind == "question" and q:
        return question.format(q=q)
    if kind == "answer":
        return answer.format(q=q) if q else bare
    return remark if kind == "remark" else question.format(q=q or "")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


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
    order = record.name_order if record is not None else None
    if han and order != "given-first":
        return Name(written, family=han[0], given=han[1], han=True, family_first=True)
    if order is None and is_hangul(written) and 2 <= len(written) <= 4:
        # a Korean name in Hangul, unspaced: a one-syllable family name first
        return Name(written, family=written[0], given=written[1:], family_first=True)
    if order == "family-first":
        parts = written.split()
        if len(parts) >= 2:
            return Name(written, family=parts[0], given=" ".join(parts[1:]),
                        family_first=True)
        return Name(written, family=written, family_first=True)
    family, given = split_western(written)
    return Name(written, family=family, given=given)


# --- plain references -------------------------------------------------------------

def _end(text: str) -> str:
    """A bibliographic element closed by a full stop, unless it ends in one already
    (or in ? ! …)."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def _plain_en(iv: Interview, label: str, speaker: str, url: str, archive: str,
              accessed: dt.date | None) -> str:
    date = iv.date or "n.d."
    where = ", ".join(x for x in (iv.publisher, date) if x)
    interviewer = f", interviewed by {iv.interviewer}" if iv.interviewer else ""
    origin = f" Originally published at {iv.source_url}." if iv.source_url else ""
    when = accessed.isoformat() if accessed else ACCESS_PLACEHOLDER_ISO
    return (f"{speaker}. “{iv.title}”{interviewer}. {where}. "
            f"{label}. {archive}. {url}.{origin} Accessed {when}.")


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
    when += f"[{accessed.isoformat() if accessed else ACCESS_PLACEHOLDER_ISO}]"
    parts.append(f"{publisher}, {when}." if publisher else f"{when}.")
    parts.append(_end(url))
    return " ".join(parts)


# --- the three formats ---------------------------------------------------------------

def cite(iv: Interview, turn: Turn, url: str, archive_title: str,
         people: Mapping[str, Speaker] | None = None,
         accessed: dt.date | None = None,
         questions: tuple[int | None, ...] | None = None) -> Citation:
    """``url`` is the turn's address (absolute when base_url is set); ``people``
    the speaker records of the names cited (whether one is an organisation, its
    name in other scripts); ``accessed`` the date a reader saw the page, which
    Russian references state (a placeholder without it); ``questions`` the
    interview's ``question_numbers`` when the caller has counted them once for every
    turn (counting again for each turn is quadratic in a long interview)."""
    return Citer(iv, archive_title, people, accessed, questions).turn(turn, url)


class Citer:
    """The citations of one interview's turns. What they share is made once, not once
    per turn (a page cites every turn in three formats): the interviewer's and the
    publisher's names, each speaker's name, and per speaker the CSL-JSON text around
    the three values a turn gives it (its key, address and label), which are put in
    as JSON strings (``_CslFrame``). ``cite()`` is one ``Citer``'s one turn."""

    def __init__(self, iv: Interview, archive_title: str,
                 people: Mapping[str, Speaker] | None = None,
                 accessed: dt.date | None = None,
                 questions: tuple[int | None, ...] | None = None):
        self.iv, self.archive_title, self.accessed = iv, archive_title, accessed
        self.people = people = people or {}
        self.lang = lang = primary(iv.language)
        self.interviewer = name_of(iv.interviewer, iv, people) if iv.interviewer else None
        self.publisher = _in_script(iv.publisher, people.get(iv.publisher), lang) \
            if iv.publisher else None
        self.questions = question_numbers(iv) if questions is None else questions
        self._authors: dict[str, tuple[Name, str, _CslFrame]] = {}

    def _author(self, speaker: str) -> tuple[Name, str, "_CslFrame"]:
        """(name, the word its keys start with, its CSL-JSON frame), made once."""
        got = self._authors.get(speaker)
        if got is None:
            author = name_of(speaker, self.iv, self.people)
            frame = _CslFrame(lambda medium, key, url: _csl(
                self.iv, medium, key, author, self.interviewer, self.publisher, url,
                self.archive_title, self.lang, self.accessed))
            got = self._authors[speaker] = (author, _key_name(speaker, author), frame)
        return got

    def turn(self, turn: Turn, url: str) -> Citation:
        iv, lang, accessed = self.iv, self.lang, self.accessed
        speaker = turn.speaker or iv.publisher or "Unknown"
        author, key_name, frame = self._author(speaker)
        interviewer, publisher = self.interviewer, self.publisher
        label = turn_label(turn.kind, self.questions[turn.index - 1], lang)
        if lang == "ru":
            plain = _plain_ru(iv, author, interviewer, publisher, url, accessed)
        elif lang == "zh":
            plain = _plain_zh(iv, author, interviewer, publisher, url, accessed)
        else:
            plain = _plain_en(iv, label, speaker, url, self.archive_title, accessed)
        key = _key(key_name, (iv.date or "")[:4], turn.index)
        return Citation(plain=plain,
                        bibtex=_bibtex(iv, label, key, author, interviewer, publisher, url,
                                       self.archive_title, lang, accessed),
                        csl_json=frame.text(_medium(label, lang), key, url),
                        url=url)


def _csl_text(item: object) -> str:
    return json.dumps(item, ensure_ascii=False, indent=2)


class _CslFrame:
    """The CSL-JSON of one speaker's turns, serialised once: ``make(medium, key, url)``
    is made with a marker in place of each of the three, and a turn's text is the
    frame with each marker's JSON string replaced by the JSON string of the turn's
    value (a string is serialised the same wherever it stands). A marker that is
    not found exactly once (the record's own text holds one) leaves the frame
    unused: every turn is then serialised whole."""

    MARKS = ("\ue000medium\ue001", "\ue000key\ue001", "\ue000url\ue001")

    def __init__(self, make):
        self.make = make
        self.parts: list[str] | None = None
        self.order: list[int] = []
        text = _csl_text(make(*self.MARKS))
        found = []
        for i, mark in enumerate(self.MARKS):
            quoted = json.dumps(mark, ensure_ascii=False)
            if text.count(quoted) != 1:
                return
            found.append((text.index(quoted), i, quoted))
        parts, at = [], 0
        for start, i, quoted in sorted(found):
            parts.append(text[at:start])
            self.order.append(i)
            at = start + len(quoted)
        parts.append(text[at:])
        self.parts = parts

    def text(self, medium: str, key: str, url: str) -> str:
        if self.parts is None:
            return _csl_text(self.make(medium, key, url))
        values = (medium, key, url)
        out = [self.parts[0]]
        for n, i in enumerate(self.order):
            out.append(_json_string(values[i]))
            out.append(self.parts[n + 1])
        return "".join(out)


# how json.dumps(..., ensure_ascii=False) writes a string, inside any structure
_json_string = json.encoder.encode_basestring


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
    if name.organisation or name.han or name.family_first:
        # a name written family name first (Li Yuheng) likewise: 'Li, Yuheng' would be
        # printed 'Yuheng Li' by given-first styles, a name its bearer never uses
        return "{" + _bibtex_escape(name.written) + "}"
    if lang == "en" or not name.given:
        return _bibtex_escape(name.written)  # as the archive has always written it
    return _bibtex_escape(f"{name.family}, {name.given}")


def _bibtex(iv, label, key, author: Name, interviewer: Name | None, publisher, url,
            archive_title, lang, accessed) -> str:
    """The interviewer goes in ``note`` ("Interviewed by ..."), not ``editor``: BibTeX
    has no interviewer role, ``editor`` prints as "ed." and biblatex's ``with`` as
    "with ...", while every style prints a note as written."""
    how, archived, asked, origin = TURN_WORD.get(lang, TURN_WORD["en"])
    fields = [("author", _bibtex_name(author, lang)), ("title", _bibtex_escape(iv.title))]
    if publisher:
        fields.append(("publisher", _bibtex_escape(publisher)))
    if iv.date:
        fields += [("year", iv.date[:4]), ("date", iv.date)]
    notes = [asked.format(who=interviewer.written)] if interviewer else []
    if iv.source_url:
        notes.append(origin.format(url=iv.source_url))
    notes.append(archived.format(archive=archive_title))
    label = label if lang == "zh" else _lower_first(label)
    fields += [("howpublished", _bibtex_escape(how.format(label=label))), ("url", url),
               ("urldate", accessed.isoformat() if accessed else ACCESS_PLACEHOLDER_ISO),
               ("note", _bibtex_escape(". ".join(notes)))]
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
    if name.family_first and not name.han:
        # citeproc-js keeps a Latin-script name's order only when told so
        return {"family": name.family, "given": name.given, "static-ordering": True}
    return {"family": name.family, "given": name.given}


def _medium(label: str, lang: str) -> str:
    """CSL's ``medium`` of a turn: its label, lower-cased where the script has case."""
    return label if lang == "zh" else _lower_first(label)


def _csl(iv, medium, key, author: Name, interviewer: Name | None, publisher, url,
         archive_title, lang, accessed) -> list[dict]:
    item = {"id": key, "type": "interview", "language": iv.language,
            "title": iv.title, "author": [_csl_name(author)], "URL": url,
            "container-title": archive_title,
            "medium": medium,
            "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
            if accessed else {"raw": ACCESS_PLACEHOLDER_ISO}}
    if iv.source_url:
        item["note"] = TURN_WORD.get(lang, TURN_WORD["en"])[3].format(url=iv.source_url)
    if interviewer:
        item["interviewer"] = [_csl_name(interviewer)]
    if publisher:
        item["publisher"] = publisher
    if iv.date:
        item["issued"] = {"date-parts": [[int(x) for x in iv.date.split("-")]]}
    return [item]
