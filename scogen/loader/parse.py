"""From paragraphs to structure: header, turns, trailer, metadata.

Works on ``Block(line, text)`` paragraphs of raw text. Text that ends up in
the record (title, lead, roles, turn paragraphs) is passed through the
``clean`` callback, which records every repair; labels, dates and bylines are
parsed, not cleaned.
"""
from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from ..model import Notice, Person
from . import labels as L
from .dates import find_date, is_date_line
from .extract import Block

Clean = Callable[[str, int], str]


@dataclass
class RawTurn:
    kind: str
    number: int | None
    label: str | None
    speaker: str | None
    line: int
    paragraphs: list[tuple[int, str]] = field(default_factory=list)
    name: str | None = None  # name part of a name label
    outlet: str | None = None
    title: str | None = None  # a title written in the label ("SCO Secretary-General")


@dataclass
class Parsed:
    title: str = ""
    date: str | None = None
    publisher: str | None = None
    interviewer: str | None = None
    interviewees: list[Person] = field(default_factory=list)
    lead: str | None = None
    chrome: list[str] = field(default_factory=list)
    turns: list[RawTurn] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    fallback_roles: dict[str, str] = field(default_factory=dict)


_SENTENCE_END = re.compile(r"[.?!…\"”’)]$")
_WELCOME = re.compile(r"\b(?i:welcome to (?:visit )?(?:the )?)(?P<site>[A-Z][\w&’' .-]{1,60}?)[.!]?$")
_BYLINE = re.compile(
    r"^(?:(?:reporter|correspondent|interviewer|interviewed by|author|by|text by|"
    r"written by)\s*[:：]?\s*)(?P<name>[A-Z][^|:,;]{1,60}?)\s*$", re.I)
_BY_CORRESPONDENT = re.compile(
    r"\b(?:performed|conducted|interviewed|held|taken|asked)\s+by\s+(?:the\s+)?"
    r"(?P<org>[A-Z][\w&’'.-]*(?:\s+[A-Z][\w&’'.-]*)*)?\s*"
    r"(?:correspondent|reporter|journalist|editor)s?\s+(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})")
# "Xinhua correspondent Zhou Lan spoke with ...", "asked TASS reporter Ivan Orlov"
_ORG_CORRESPONDENT = re.compile(
    r"(?:(?P<org>[A-Z][\w&’'.-]*(?:\s+[A-Z][\w&’'.-]*){0,4})\s+)?"
    r"(?:correspondent|reporter|journalist)s?\s+(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})")
_NOT_ORG = re.compile(r"^(?:The|A|An|Our|Their|His|Her|Its)(?:\s+|$)")
_WITH_ORG = re.compile(
    r"\b(?i:interview|talk|conversation|talks)\b[^.]{0,160}?\b(?:with|to)\s+(?:the\s+)?"
    r"(?:[a-z]+\s+){0,3}"  # "with the news agency Xinhua"
    r"(?P<org>(?:[A-Z][\w&’'.-]*|&)(?:\s+(?:[A-Z][\w&’'.-]*|&|of|and|for))*)")
_ORG_TAIL = re.compile(r"(?:^|\s)(?P<tail>[A-Z]{2,}[\w-]*(?:\s+[A-Z][\w’'-]+)*)$")
_NAME_ROLE = re.compile(r"^(?P<name>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3})\s*,\s*(?P<role>\S.*?)\.?$",
                        re.S)
_INTERVIEW_PREFIX = re.compile(r"^(?:exclusive\s+)?interview(?:\s+with)?\s*[:：-]?\s*", re.I)


def parse(blocks: list[Block], clean: Clean, is_common_word, known_names=()) -> Parsed:
    out = Parsed()
    if not blocks:
        out.warnings.append(Notice("no text found", 0, "loader.empty"))
        return out
    starts = _turn_starts(blocks, known_names, is_common_word)
    body_start = starts[0] if starts else len(blocks)
    title_i = _find_title(blocks, body_start)
    if title_i is not None and title_i >= body_start:
        starts = [s for s in starts if s > title_i]
        body_start = starts[0] if starts else len(blocks)
    body_end = _body_end(blocks, starts, body_start)
    _read_header(blocks[:body_start], title_i, clean, out, narrative=not starts)
    trailer = blocks[body_end:]
    _read_turns(blocks, starts, body_start, body_end, clean, is_common_word, out)
    _read_trailer(trailer, clean, out)
    _resolve_speakers(out, is_common_word)
    if not any(t.kind in ("question", "answer") for t in out.turns):
        out.warnings.append(Notice("no question/answer turns recognised; paragraphs kept "
                                   "as remarks", blocks[0].line, "loader.no_turns"))
    if out.date is None:
        out.warnings.append(Notice("no publication date found", blocks[0].line,
                                   "loader.no_date"))
    return out


# --- finding the structure ----------------------------------------------------


def _turn_starts(blocks: list[Block], known_names, is_common_word) -> list[int]:
    """Indexes of blocks that start a turn."""
    parsed = [L.read_label(b.text) for b in blocks]
    # a name label is a turn label when its person recurs as a label, or is known
    people = [L.split_title_name(lab.name, is_common_word)[1]
              if lab and lab.name and lab.rest.strip() else None for lab in parsed]
    named = [p for p in people if p]
    starts = []
    dash_count = sum(1 for b in blocks if L.read_dash(b.text))
    for i, (block, lab) in enumerate(zip(blocks, parsed)):
        if lab and lab.role and (lab.rest.strip() or _next_is_text(blocks, i)):
            if lab.role == "question" and L.looks_like_name(lab.rest.strip()):
                continue  # a byline such as "Reporter:Li Yuheng"
            starts.append(i)
        elif people[i] and (sum(L.same_person(people[i], p) for p in named) >= 2
                            or any(L.same_person(people[i], k) for k in known_names)):
            starts.append(i)
        elif L.read_numbered_question(block.text) or L.read_outlet_question(block.text):
            starts.append(i)
        elif dash_count >= 2 and L.read_dash(block.text):
            starts.append(i)
    return starts


def _next_is_text(blocks: list[Block], i: int) -> bool:
    return i + 1 < len(blocks) and not L.read_label(blocks[i + 1].text)


def _is_heading_like(text: str) -> bool:
    """Page furniture shape: a few words, no sentence punctuation, or 'Word:' alone."""
    words = text.split()
    if text.rstrip().endswith(":") and len(words) <= 4:
        return True
    return len(words) <= 5 and not _SENTENCE_END.search(text.rstrip())


def _find_title(blocks: list[Block], body_start: int) -> int | None:
    """The headline: title-shaped, preferably next to the date line."""
    limit = min(len(blocks), max(body_start, 1) + 1, 12)
    candidates = []
    for i in range(limit):
        text = blocks[i].text.strip()
        words = text.split()
        if is_date_line(text) or _BYLINE.match(text) or len(words) < 3 or len(words) > 40:
            continue
        if text.endswith(".") and not text.endswith(".."):
            continue
        score = 0
        near = [blocks[j].text for j in (i - 1, i + 1) if 0 <= j < len(blocks)]
        if any(is_date_line(t) for t in near):
            score += 3
        if any(_BYLINE.match(t.strip()) for t in near):
            score += 1
        if _WELCOME.search(text):
            score -= 5
        if i < body_start:
            score += 1
        candidates.append((score, -i, i))
    if not candidates:
        return None
    return max(candidates)[2]


def _body_end(blocks: list[Block], starts: list[int], body_start: int) -> int:
    if not starts:
        return len(blocks)
    for i in range(starts[-1] + 1, len(blocks)):
        if _is_heading_like(blocks[i].text):
            return i
    return len(blocks)


# --- header and trailer ---------------------------------------------------------


def _read_header(header: list[Block], title_i: int | None, clean: Clean, out: Parsed,
                 narrative: bool = False) -> None:
    lead_parts: list[tuple[int, str]] = []
    for i, block in enumerate(header):
        text = block.text.strip()
        if i == title_i:
            out.title = clean(text, block.line)
            continue
        if is_date_line(text):
            out.date = out.date or find_date(text)[0]
            _read_author_field(text, out)
            continue
        byline = _BYLINE.match(text) if len(text.split()) <= 7 else None
        if byline:
            out.interviewer = out.interviewer or byline["name"].strip()
            continue
        welcome = _WELCOME.search(text)
        if welcome and (title_i is None or i < title_i):
            out.publisher = out.publisher or welcome["site"].strip()
            out.chrome.append(text)
            continue
        if (title_i is not None and i < title_i) or _is_heading_like(text):
            out.chrome.append(text)
            continue
        lead_parts.append((block.line, text))
    if narrative:  # no Q&A at all: every paragraph is kept as a remark
        out.turns.extend(RawTurn("remark", None, None, None, ln, [(ln, text)])
                         for ln, text in lead_parts)
        lead_parts = []
    if lead_parts:
        line, text = lead_parts[0]
        out.lead = clean(text, line)
        for extra_line, extra in lead_parts[1:]:
            out.turns.append(RawTurn("remark", None, None, None, extra_line,
                                     [(extra_line, extra)]))
    if not out.title and header:
        out.warnings.append(Notice("no title found", header[0].line, "loader.no_title"))
    _read_lead_metadata(out)


def _read_author_field(text: str, out: Parsed) -> None:
    m = re.search(r"\bauthor\s*[:：]\s*([^|]*)", text, re.I)
    if m and m.group(1).strip() and not out.interviewer:
        name = m.group(1).strip()
        if L.looks_like_name(name):
            out.interviewer = name


def _read_lead_metadata(out: Parsed) -> None:
    text = " ".join(x for x in (out.lead,) if x)
    if not text:
        return
    by_correspondent = _BY_CORRESPONDENT.search(text) or _ORG_CORRESPONDENT.search(text)
    org = None
    if by_correspondent:
        out.interviewer = out.interviewer or by_correspondent["name"]
        org = _NOT_ORG.sub("", by_correspondent["org"] or "").strip() or None
        if org:
            out.publisher = out.publisher or _short_org(org)
    m = _WITH_ORG.search(text)
    if m and not org:
        # the outlet that held the interview asked the questions: it wins over the site
        org = re.split(r"\s+\d", m["org"])[0].strip()
        out.publisher = _short_org(org)


def _short_org(org: str) -> str:
    """'Russian News & Information Agency RIA Novosti' -> 'RIA Novosti'."""
    org = org.strip(" .,")
    m = _ORG_TAIL.search(org)
    if m and m["tail"] != org:
        return m["tail"]
    return org


def _read_trailer(trailer: list[Block], clean: Clean, out: Parsed) -> None:
    for block in trailer:
        text = block.text.strip()
        m = _NAME_ROLE.match(text)
        if m and L.looks_like_name(m["name"]) and not _is_heading_like(text):
            role = clean(m["role"].strip(), block.line)
            _add_interviewee(out, m["name"], role)
            continue
        out.chrome.append(text)
        if not _is_heading_like(text):
            out.warnings.append(Notice(f"line after the last turn treated as page "
                                       f"furniture: {text[:60]!r}", block.line,
                                       "loader.maybe_chrome"))


def _add_interviewee(out: Parsed, name: str, role: str | None) -> None:
    for i, p in enumerate(out.interviewees):
        if L.same_person(p.name, name):
            if role and not p.role:
                out.interviewees[i] = Person(p.name, role)
            return
    out.interviewees.append(Person(name, role))


# --- turns ------------------------------------------------------------------------


def _read_turns(blocks, starts, body_start, body_end, clean, is_common_word, out) -> None:
    start_set = set(starts)
    current: RawTurn | None = None
    for i in range(body_start, body_end):
        block = blocks[i]
        text = block.text.strip()
        if i in start_set:
            current, first = _start_turn(block, text)
            out.turns.append(current)
            if first.strip():
                current.paragraphs.append((block.line, first))
            continue
        if current is None or (current.label is None and current.kind == "question"):
            # unlabelled answer after a bare or outlet-marked question
            current = RawTurn("answer", None, None, None, block.line)
            out.turns.append(current)
        current.paragraphs.append((block.line, text))
    for turn in out.turns:
        turn.paragraphs = [(ln, clean(t, ln)) for ln, t in turn.paragraphs if t.strip()]
    out.turns = [t for t in out.turns if t.paragraphs]


def _start_turn(block: Block, text: str) -> tuple[RawTurn, str]:
    lab = L.read_label(text)
    if lab is not None and (lab.role or lab.name):
        kind = {"question": "question", "answer": "answer"}.get(lab.role or "", "")
        turn = RawTurn(kind or ("chair" if lab.role == "chair" else "?"), lab.number,
                       lab.text, None, block.line, name=lab.name, outlet=lab.outlet)
        return turn, lab.rest.strip()
    numbered = L.read_numbered_question(text)
    if numbered:
        return RawTurn("question", numbered[0], None, None, block.line), numbered[1]
    outlet_q = L.read_outlet_question(text)
    if outlet_q:
        return RawTurn("question", None, None, outlet_q[1], block.line,
                       outlet=outlet_q[1]), outlet_q[0]
    rest = L.read_dash(text) or text
    kind = "question" if rest.rstrip().endswith("?") else "answer"
    return RawTurn(kind, None, None, None, block.line), rest


def _resolve_speakers(out: Parsed, is_common_word) -> None:
    """Give every turn a kind and a speaker from its label and the metadata."""
    name_turns = [t for t in out.turns if t.name]
    # interviewees named in the title: "Interview: Name, Role" or "Name: headline"
    _interviewees_from_title(out, {t.name for t in name_turns}, is_common_word)
    # each label's person, matched to the fullest known form of the same name
    persons: list[str] = [p.name for p in out.interviewees]
    if out.interviewer:
        persons.append(out.interviewer)
    for t in name_turns:
        t.title, t.name = L.split_title_name(t.name, is_common_word)
        person = t.name
        persons.append(person)
    for t in name_turns:
        t.name = max((p for p in persons if L.same_person(t.name, p)),
                     key=lambda p: len(p.split()), default=t.name)
    # which named speakers ask? the interviewer, or those whose turns are questions
    asks = Counter(t.name for t in name_turns if "?" in t.paragraphs[-1][1][-3:]) \
        if name_turns else Counter()
    said = Counter(t.name for t in name_turns)
    interviewee_names = {p.name for p in out.interviewees}
    questioner = out.interviewer or out.publisher
    for t in out.turns:
        if t.name:
            t.speaker = t.name
            if t.name == out.interviewer:
                t.kind = "question"
            elif t.name in interviewee_names:
                t.kind = "answer"
                if t.title:
                    _add_interviewee(out, t.name, t.title)
            elif asks[t.name] * 2 > said[t.name]:
                t.kind = "question"
            else:
                t.kind = "answer"
                _add_interviewee(out, t.name, t.title)
        elif t.kind == "question":
            t.speaker = t.outlet or questioner
        elif t.kind == "chair":
            t.kind = "question" if t.paragraphs and t.paragraphs[-1][1].endswith("?") else "remark"
            t.speaker = None
        elif t.kind == "answer":
            if len(out.interviewees) == 1:
                t.speaker = out.interviewees[0].name
    if not out.interviewees and any(t.kind == "answer" and not t.name for t in out.turns):
        _person_from_lead(out, is_common_word)
    _roles_from_lead(out)
    for i, person in enumerate(out.interviewees):
        if not person.role and person.name in out.fallback_roles:
            out.interviewees[i] = Person(person.name, out.fallback_roles[person.name])
    last = out.turns[-1] if out.turns else None
    if last is not None and last.kind == "question" and \
            not any("?" in text for _, text in last.paragraphs):
        last.kind = "remark"  # a closing "Thank you for the interview."
    for t in out.turns:
        if t.kind == "answer" and t.speaker is None and len(out.interviewees) == 1:
            t.speaker = out.interviewees[0].name
        if t.speaker is None and t.kind in ("question", "answer"):
            out.warnings.append(Notice(f"speaker of this {t.kind} not resolved", t.line,
                                       "loader.speaker"))


def _interviewees_from_title(out: Parsed, label_names: set[str], is_common_word) -> None:
    title = out.title
    if not title:
        return
    stripped = _INTERVIEW_PREFIX.sub("", title)
    m = _NAME_ROLE.match(stripped)
    if stripped != title and m and L.looks_like_name(m["name"]):
        _add_interviewee(out, m["name"], m["role"].strip())
        return
    head = title.split(":")[0].strip()
    if ":" in title and not _INTERVIEW_PREFIX.fullmatch(head + ":") and \
            (head in label_names or L.looks_like_name(head)):
        if any(n == head or n.split()[-1] == head.split()[-1] for n in label_names) \
                or not label_names:
            role, name = L.split_title_name(head, is_common_word)
            _add_interviewee(out, name, None)
            if role:
                out.fallback_roles[name] = role  # the lead may say it more fully
            return
    if stripped != title and L.looks_like_name(stripped):
        role, name = L.split_title_name(stripped, is_common_word)
        _add_interviewee(out, name, role)


_APPOSITIVE = re.compile(
    r",\s+(?:the\s+)?(?P<role>[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|of|the|for|on|and))*)"
    r"\s*[,.;]")
_ROLE_WORD = re.compile(r"^(?:[A-Z][\w’'.-]*|of|the|for|on|and)$")


_CAP_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:(?:of|the|for|on|and)\s+)*[A-Z][\w’'-]*)*")


_DATE_WORD = re.compile(r"\b(?:%s)\b" % "|".join(
    [*calendar.day_name, *(m for m in calendar.month_name if m)]))


def _person_from_lead(out: Parsed, is_common_word) -> None:
    """'Director of the SCO RATS Bakhtiyor Usmonov gave an interview...' or
    'Aigerim Saparova, Chair of ..., visited': the first capitalised run of
    the lead that ends in a name of two or more words."""
    for m in _CAP_RUN.finditer(out.lead or ""):
        role, name = L.split_title_name(m.group(), is_common_word)
        words = name.split()
        if len(words) < 2 or len(words) > 4 or name in (out.publisher, out.interviewer):
            continue
        if not L.looks_like_name(name):
            continue
        # without a title before it, a run of common words is a phrase ("Last
        # Friday"); after one ("SCO Secretary-General Zhang Ming") it is a name,
        # however common its words are in English text (Zhang, Li, John, Park)
        if (role is None or _DATE_WORD.search(role)) and any(is_common_word(w) for w in words):
            continue
        _add_interviewee(out, name, role)
        return


_LOWER_ROLE = re.compile(r"(?:\bwith|\band|,)\s+(?:the\s+)?(?P<role>[A-Z][a-z]+(?:\s+[a-z]+){1,2})\s+$")


def _roles_from_lead(out: Parsed) -> None:
    """'... SCO Deputy Secretary-General Askar Temirbekov said' gives the role."""
    text = " ".join(x for x in (out.lead, out.title) if x)
    for i, person in enumerate(out.interviewees):
        if person.role or not text:
            continue
        at = text.find(person.name)
        if at < 0:
            continue
        after = _APPOSITIVE.match(text, at + len(person.name))
        if after:  # "Askar Temirbekov, the SCO Deputy Secretary-General, said"
            out.interviewees[i] = Person(person.name, after["role"])
            continue
        words = text[:at].split()
        role: list[str] = []
        while words and _ROLE_WORD.match(words[-1]) and not words[-1].endswith((",", ".")):
            role.insert(0, words.pop())
        while role and not role[0][0].isupper():
            role.pop(0)
        if role and role[0].lower() not in ("in", "interview", "with", "by", "the"):
            out.interviewees[i] = Person(person.name, " ".join(role))
            continue
        lower = _LOWER_ROLE.search(text[:at])  # "with Russian envoy Bakhtiyor Khakimov"
        if lower:
            out.interviewees[i] = Person(person.name, lower["role"])
