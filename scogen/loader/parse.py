"""From paragraphs to a record: layout, header, entities, kinds and speakers.

Works on ``Block(line, text)`` paragraphs of raw text. The page is read whole
before anything is decided: ``structure`` finds how it marks its turns,
``header`` scores the title, date and publisher candidates, and the entity
table built here (people and outlets from labels, title, lead, byline and
trailer) decides who asks, who answers and what each is called. Text that ends
up in the record goes through the ``clean`` callback, which records every
repair. Every guess becomes a ``Notice`` with its line.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from ..model import Notice, Person
from . import header as H
from . import labels as L
from .dates import is_date_line
from .extract import Block
from .furniture import is_furniture, is_heading_like, script_of
from .structure import Segment, layout, read_labels, split_inline

Clean = Callable[[str, int], str]


@dataclass
class RawTurn:
    kind: str
    number: int | None
    label: str | None
    speaker: str | None
    line: int
    paragraphs: list[tuple[int, str]] = field(default_factory=list)


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


ASKER_TITLES = frozenset({"reporter", "correspondent", "journalist", "host", "anchor",
                          "presenter", "interviewer", "commentator", "корреспондент",
                          "журналист", "ведущий", "ведущая", "记者", "主持人"})
_OUTLET_WORD = re.compile(
    r"\b(?:news|tv|daily|agency|times|radio|press|post|channel|network|herald|journal|"
    r"media|service|television|broadcasting|gazette|tribune|online|magazine|weekly|"
    r"observer|chronicle|telegraph|express|review|world|today|international)\b|"
    r"社|报|台|网|агентство|газета|телеканал|радио", re.I)
# a verb of interviewing, then (in the same sentence) the party it was done with
_INTERVIEW_VERB = re.compile(
    r"\b(?i:interview(?:ed)?|talk(?:ed|s)?|spoke|speaks?|speaking|conversation|told|said to|"
    r"answered(?: \w+)? questions|questions)\b")
_PARTY = re.compile(
    r"\b(?:to|with|by|from)\s+(?:the\s+)?(?P<lower>(?:[a-z]+\s+){0,4})"
    r"(?P<org>(?:[A-Z][\w&’'.-]*|&)(?:\s+(?:[A-Z][\w&’'.-]*|&|of|and|for))*)"
    r"(?P<tail>(?:\s+(?:news\s+agency|agency|newspaper|television|TV|channel|radio|"
    r"magazine|website|portal|weekly|daily))?)"
    r"(?:\s+(?P<after>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3}))?")
_RU_OUTLET = re.compile(r"(?:интервью|вопросы|беседе?)(?:[^.«]{0,60}«(?P<org>[^»]{2,40})»|"
                        r"\s+(?P<acronym>[А-ЯЁA-Z][А-ЯЁA-Z-]{1,15})\b)", re.I)
_CORRESPONDENT = re.compile(
    r"(?:correspondent|reporter|journalist|interviewer|host)s?\s+"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3})")
_SELF_INTRO = re.compile(
    r"^(?:(?:sir|ma'?am|madam|hello|hi|good (?:morning|afternoon|evening)|thank you"
    r"(?: (?:sir|very much|so much))?|thanks)[,.!]?\s+)*"
    r"(?:(?:i am|i'm|this is|my name is)\s+)?"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3})\s*(?:,|\bfrom\b|\bwith\b|\bof\b)", re.I)
_NAME_ROLE = re.compile(r"^(?P<name>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3})\s*,\s*(?P<role>\S.*?)\.?$",
                        re.S)
_ROLE_WORD = re.compile(r"^(?:[A-Z][\w’'.-]*|of|the|for|on|and|to|at)$")
# "Speaker 3:", "Participant:": a voice from the floor, not the page's interviewer
_ANONYMOUS = frozenset({"speaker", "participant", "audience", "journalist", "media", "press",
                        "questions"})
_NOT_NAME_START = frozenset({"the", "a", "an", "this", "that", "these", "our", "your", "my",
                             "his", "her", "their", "its", "in", "on", "at", "as", "if", "when",
                             "mr", "ms", "mrs", "dr", "sir", "madam", "president", "minister"})
_INTERVIEW_PREFIX = re.compile(r"^(?:an?\s+)?(?:exclusive\s+)?interview(?:\s+with)?\s*[:：-]\s*",
                               re.I)
_ORG_TAIL = re.compile(r"(?:^|\s)(?P<tail>[A-Z]{2,}[\w-]*(?:\s+[A-Z][\w’'-]+)*)$")
_GENRE_OPENING = re.compile(r"^(?:(?:an?\s+)?(?:exclusive\s+)?(?:interview|conversation|talk)s?"
                            r"\s+(?:of|with)\s+)?(?:(?:the|a|an)\s+)?", re.I)
_ROLE_OPENERS = frozenset({"the", "a", "an"}) | (L.HONORIFICS - {"ambassador"})
_BRIEFING = re.compile(r"\b(?:press conference|news conference|briefing|press approach|"
                       r"press statement)\b|брифинг|пресс-конференц|记者会|吹风会", re.I)
_GOV_BODY = re.compile(r"^(?:the\s+)?(?:ministry|embassy|secretariat|council|committee|"
                       r"department|office|mission|consulate|administration|government)\b", re.I)


def parse(blocks: list[Block], clean: Clean, is_common_word, known_names=(),
          meta=None) -> Parsed:
    out = Parsed()
    if not blocks:
        out.warnings.append(Notice("no text found", 0, "loader.empty"))
        return out
    blocks = split_inline(blocks, is_common_word)
    sites = H.site_names(blocks)
    script = H.page_script(blocks)
    meta_title = meta.title[0] if meta is not None and meta.title else None
    labels = read_labels(blocks, is_common_word)
    first = layout(blocks, is_common_word, known_names, sites, None, labels=labels)
    end = first.header_end if first.segments else min(len(blocks), 15)
    if first.segments and first.segments[0].label is not None and \
            not re.search(r"[.?!…。？！]$", first.segments[0].label.rest.strip().strip("\"“”«»")):
        end += 1  # "Name: headline" may be the title itself
    title_at, margin = H.pick_title(blocks, end, meta_title, script)
    interview = any(H.GENRE.search(b.text) for b in blocks[:end + 3])
    if first.segments and title_at is not None and title_at < first.header_end and \
            labels[title_at] is None and first.shape not in ("bare", "dash", "prefix"):
        lay = first  # the title stands above every turn: the first reading holds
    else:
        lay = layout(blocks, is_common_word, known_names, sites, title_at, interview,
                     labels=labels)
    out.warnings.extend(lay.notices)
    keep = _page_names(lay.segments)
    if keep:
        plain = clean

        def clean(text: str, line: int) -> str:  # the page's own names are kept whole
            return plain(text, line, keep)
    if title_at is not None and title_at >= lay.header_end and lay.segments:
        title_at, margin = H.pick_title(blocks, lay.header_end, meta_title, script)
    publisher, _src, source_at = H.pick_publisher(
        blocks, lay.header_end, lay.body_end,
        meta.publisher[0] if meta is not None and meta.publisher else None)
    out.publisher = publisher

    # --- header: title, metadata lines, chrome, lead ---------------------------------
    lead_at: list[int] = []
    title_text = H._title_text(blocks[title_at].text) if title_at is not None else ""
    for i in range(lay.header_end):
        text = blocks[i].text.strip()
        if i == title_at or (title_text and H._title_text(text) == title_text):
            continue
        if i == source_at:
            continue
        byline, is_byline = H.read_byline(text)
        if is_date_line(text) or is_byline:
            if byline and not out.interviewer:
                out.interviewer = byline
            continue
        if is_furniture(text, sites) or is_heading_like(text) or \
                (script_of(text) and script_of(text) != script) or \
                (title_at is not None and i < title_at):
            out.chrome.append(text)
            if (title_at is not None and i < title_at) and _is_prose(text) \
                    and not is_furniture(text, sites):
                out.warnings.append(Notice(f"a line of prose above the title was dropped as "
                                           f"page furniture: {text[:60]!r}", blocks[i].line,
                                           "loader.dropped_prose"))
            continue
        if _PULL_QUOTE.match(text) or _word_total(text) < 6:
            out.chrome.append(text)  # a pull quote or a stray widget line
            continue
        lead_at.append(i)
    if title_at is not None:
        out.title = clean(title_text, blocks[title_at].line)
        if margin < 1.0:
            out.warnings.append(Notice(f"title chosen over a close runner-up (margin "
                                       f"{margin:.1f})", blocks[title_at].line,
                                       "loader.title_guess"))
    elif meta_title:
        out.title = meta_title
    else:
        out.warnings.append(Notice("no title found", blocks[0].line, "loader.no_title"))
    date, date_line, note = H.pick_date(
        blocks, lay.header_end, title_at, lead_at, lay.body_end,
        meta.date[0] if meta is not None and meta.date else None)
    out.date = date
    if note:
        out.warnings.append(Notice(note, date_line, "loader.date_order"))

    # --- turns ------------------------------------------------------------------------
    segs = lay.segments
    # a page whose labels are glued to their text as a rule (the scrape lost the space
    # after every bold label) gets that space back as recorded repairs; a stray one is left
    labelled = [s for s in segs if s.label is not None and s.paragraphs and s.marker == "colon"]
    systematic = len(labelled) >= 2 and sum(1 for s in labelled if s.glued) * 2 > len(labelled)
    for s in segs:
        if s.glued and s.paragraphs and systematic:
            ln, t = s.paragraphs[0]
            cleaned = clean(s.glued + t, ln)
            s.paragraphs[0] = (ln, cleaned.split(":", 1)[1].lstrip() if ":" in cleaned
                               else cleaned)
            s.paragraphs[1:] = [(ln, clean(t, ln)) for ln, t in s.paragraphs[1:] if t.strip()]
            continue
        s.paragraphs = [(ln, clean(t, ln)) for ln, t in s.paragraphs if t.strip()]
    segs = [s for s in segs if s.paragraphs]
    lead_parts = [(blocks[i].line, blocks[i].text.strip()) for i in lead_at]
    if not segs:
        lead_parts = []  # a narrative with no Q&A: every paragraph is a remark
        for i in lead_at:
            segs.append(Segment(i, blocks[i].line, "answer",
                                paragraphs=[(blocks[i].line, clean(blocks[i].text.strip(),
                                                                   blocks[i].line))]))
        narrative = True
    else:
        narrative = False
    lead_clean = [(ln, clean(t, ln)) for ln, t in lead_parts]
    table = _Entities(out, title_text and out.title, " ".join(t for _, t in lead_clean),
                      is_common_word)
    table.body = " ".join(s.paragraphs[0][1][:200] for s in segs if s.paragraphs)
    if out.publisher is None and (table.outlet or table.reporter_outlet):
        # a page that names no site: the outlet's own text
        out.publisher = table.outlet or table.reporter_outlet
    if not narrative:
        _resolve(out, segs, table, lead_clean, blocks)
    else:
        out.turns = [RawTurn("remark", None, None, None, s.line, s.paragraphs) for s in segs]
    out.chrome.extend(lay.chrome)
    _read_trailer(blocks[lay.body_end:], clean, out, sites)
    if not any(t.kind in ("question", "answer") for t in out.turns):
        out.warnings.append(Notice("no question/answer turns recognised; paragraphs kept "
                                   "as remarks", blocks[0].line, "loader.no_turns"))
    if out.date is None:
        out.warnings.append(Notice("no publication date found", blocks[0].line,
                                   "loader.no_date"))
    return out


_PULL_QUOTE = re.compile(r"^[\"“«„][^\"“”«»]{10,200}[\"”»]$")


def _word_total(text: str) -> int:
    return len(text.split()) + len(re.findall(r"[\u4e00-\u9fff]", text)) // 2


def _page_names(segs: list[Segment]) -> frozenset[str]:
    """Name words the page writes whole in its labels and captions ('SALTANAT OMAROVA'):
    the same word in the text is a name, not words run together."""
    words = set()
    for s in segs:
        if s.label is not None and s.label.name and not L.is_cjk(s.label.name):
            for w in s.label.name.replace("-", " ").split() + s.label.name.split():
                if len(w) >= 3 and w[:1].isupper() and w.isalpha() or "-" in w:
                    words.add(w)
    return frozenset(words)


def _is_prose(text: str) -> bool:
    return len(text.split()) >= 10 and bool(re.search(r"[.!?…。]$", text.strip()))


# --- the entity table -------------------------------------------------------------------

class _Entities:
    """People and outlets the page names outside its turns, with their roles."""

    def __init__(self, out: Parsed, title: str, lead: str, is_common_word):
        self.title = title or ""
        self.lead = lead
        self.body = ""  # the opening words of every turn: askers introduce themselves there
        self.is_common_word = is_common_word
        self.person: tuple[str, str | None] | None = None  # the interviewee the lead names
        self.outlet = self._outlet()
        self.zh_people: list[tuple[str, str]] = []
        if L.is_cjk(self.title + self.lead):
            from . import leads_zh
            self.zh_people, asker, outlet = leads_zh.people(self.title + "。" + self.lead)
            self.outlet = self.outlet or outlet
            if asker and not out.interviewer:
                out.interviewer = asker
        self.reporter_outlet = None
        if not out.interviewer:
            m = _CORRESPONDENT.search(lead)
            if m:
                out.interviewer = m["name"]
                org = re.search(r"(?P<org>(?:[A-Z][\w&’'.-]*\s+){1,4})$", lead[:m.start()])
                if org and not org["org"].strip().lower().startswith(("the ", "our ", "a ")):
                    self.reporter_outlet = re.sub(r"['’]s$", "", org["org"].strip())

    def _outlet(self) -> str | None:
        """The outlet the title or lead says the interview was given to: every party
        named after an interviewing verb is read; a person found there (with a title,
        or after lower-case role words) is the interviewee instead."""
        for text in (self.title, self.lead):
            text = text or ""
            ru = _RU_OUTLET.search(text)
            if ru and (ru["org"] or ru["acronym"].isupper()):
                return ru["org"] or ru["acronym"]  # «Степной курьер», "в интервью ТАСС"
            for verb in _INTERVIEW_VERB.finditer(text):
                stop = text.find(". ", verb.end())
                window = text[verb.end():stop if stop > 0 else len(text)][:200]
                for m in _PARTY.finditer(window):
                    org = self._party(m, text[:verb.end()] + window[:m.start("org")], text)
                    if org:
                        return org
        return None

    def _party(self, m: re.Match, before_text: str, text: str) -> str | None:
        org = re.split(r"\s+\d|\.\s", m["org"])[0].strip(" .,")
        org = re.sub(r"(?:\s+(?:of|and|for|&))+$", "", org)
        if (m["tail"] or "").strip() and m["after"]:
            return m["after"]  # "the Bishkek weekly Ala-Too Observer"
        lower = (m["lower"] or "").split()
        if not org or all(w.lower() in L.TITLE_WORDS or w.lower() in L.CONNECTORS
                          for w in org.split()):
            return None
        if any(p.lower() in L.TITLE_WORDS - L.OUTLET_WORDS - {"news", "agency", "press"}
               for w in org.split() for p in w.split("-")):
            return None  # "the SCO Secretary General": a person's title, not an outlet
        name, title, _c = L.split_name(org, self.is_common_word)
        if name and name != org and title and len(name.split()) >= 2 and \
                any(p.lower() in L.TITLE_WORDS for w in title.split() for p in w.split("-")):
            # "an interview with SCO Deputy Secretary-General Sohail Khan": a person
            self.person = self.person or (name, title)
            return None
        if any(w in L.OUTLET_WORDS for w in lower) or (m["tail"] or "").strip() or \
                org.startswith("The "):
            pass  # "the news agency Altyn Dala", "The Kathmandu Ledger"
        elif _person_like(org):
            if lower and any(w in L.TITLE_WORDS for w in lower):
                # "Radar Armenia spoke to political scientist Lilit Dallakyan": the
                # interviewee is the object, the outlet the subject of the sentence
                self.person = self.person or (org, " ".join(lower[-3:]))
                subject = re.match(r"^(?P<s>[A-Z][\w&’'.-]*(?:\s+[A-Z][\w&’'.-]*){0,4})\s+"
                                   r"(?i:spoke|speaks|talked|talks|interviewed)", text)
                return subject["s"] if subject else None
            if not _is_outlet(org):
                return None  # a place or a person: "Ambassador ... to Kazakhstan Name"
        words = org.split()
        acronym = _ORG_TAIL.search(org)
        if acronym and acronym["tail"] != org:  # "... Agency RIA Novosti"
            return acronym["tail"]
        if len(words) > 2 and not words[-1].lower() in L.OUTLET_WORDS:
            # "the National Information Agency of Tajikistan Khovar": the name is the tail
            tail = [w for w in words if not self.is_common_word(w) and w[:1].isupper()]
            if tail and words[-1] == tail[-1]:
                return words[-1]
        if len(words) == 1 and self.is_common_word(org, 4.5):
            return None  # "to Russia", "with China": a place
        return org

    def fuller(self, name: str) -> str:
        """The fullest form of a label's name that the title or lead writes
        ('G. Erdenebat' -> 'Ganbold Erdenebat', 'Karabaev' -> 'Ednan Karabaev')."""
        if not name or L.is_cjk(name) or (len(name.split()) >= 2 and "." not in name):
            return name  # a full name as written: the label knows best
        written = name
        name = re.sub(r"\.(?=\w)", ". ", name)  # "В.Путин" -> "В. Путин"
        surname = name.split()[-1]
        best = name
        for text in (self.lead, self.title, self.body):
            for m in re.finditer(r"(?:[A-ZА-ЯЁ][\w’'-]+\s+){1,2}" + re.escape(surname) + r"\b",
                                 text or ""):
                words = m.group().split()
                for k in range(len(words) - 1):  # "Kazakhstan Ganbold Erdenebat": try tails
                    cand = " ".join(words[k:])
                    if _person_like(cand) and L.same_person(name, cand) and \
                            len(cand) > len(best):
                        best = cand
                        break
        return written if best == name else best

    def roles_for(self, name: str) -> list[str]:
        """Every role the title and lead give a person ('Role Name', 'Name, Role,')."""
        found = [role for n, role in self.zh_people if n == name]
        if L.is_cjk(name):
            return found
        if re.search(r"[а-яё]", name, re.I):
            return found + _ru_roles(name, (self.lead, self.title))
        for text in (self.lead, self.title):
            for m in re.finditer(re.escape(name), text or ""):
                before = text[:m.start()].split()
                role: list[str] = []
                while before and (_ROLE_WORD.match(before[-1].rstrip(",")) or
                                  before[-1].lower() in L.TITLE_WORDS) and \
                        not (before[-1] == "and" and any(w.lower() in L.TITLE_WORDS
                                                         for w in role)) and \
                        not before[-1].endswith((".", ":")) and \
                        (not before[-1].endswith(",") or
                         re.search(r"[A-Z][\w-]* and [A-Z]", " ".join(role))):
                    role.insert(0, before.pop())  # "Minister of Investment, Industry and Trade"
                while role and not role[0][:1].isupper():
                    role.pop(0)
                while role and role[0].lower() in _ROLE_OPENERS:
                    role.pop(0)
                if role and role[-1].lower() in L.HONORIFICS and len(role) > 1:
                    role.pop()
                role_text = _GENRE_OPENING.sub("", " ".join(role))
                if role_text and not H.GENRE.search(role_text):
                    found.append(_normalise_role(role_text))
                after = re.match(r"\s*,\s*(?:the\s+|a\s+)?(?P<role>[^,.;()]{3,120}?)\s*(?:[,.;]|$)",
                                 text[m.end():])
                if after and _looks_like_role(after["role"]):
                    role_text = after["role"].strip()
                    found.append(role_text[0].upper() + role_text[1:])
        return found


def _person_like(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 4 and all(re.fullmatch(r"[A-ZА-ЯЁ][a-zа-яё’'-]+(?:-[A-Z][a-z]+)?", w)
                                        and w.lower() not in L.TITLE_WORDS
                                        and w.lower() not in L.HONORIFICS for w in words) \
        and not _is_outlet(name)


_RU_TITLE = re.compile(r"^(?:генеральн|секретар|министр|заместител|посол|посл[а-я]|директор|"
                       r"председател|президент|глав[а-я]|представител|спикер|советник|"
                       r"руководител|официальн|первый|первого|специальн|чрезвычайн)", re.I)


def _ru_roles(name: str, texts) -> list[str]:
    """'заместитель министра иностранных дел Кыргызской Республики Эрмек Сатыбалдиев':
    Russian writes the role before the name, mostly in lower case; it starts at the
    farthest title word in the run of words before the name."""
    found = []
    for text in texts:
        at = (text or "").find(name)
        if at < 0:
            continue
        words = text[:at].split()[-10:]
        start = None
        for k in range(len(words) - 1, -1, -1):
            w = words[k]
            if re.search(r"[^\w-]", w):
                break  # punctuation ends the run: '»', ',', '.'
            if _RU_TITLE.match(w):
                start = k
        if start is not None:
            found.append(" ".join(words[start:]))
    return found


def _lower_role(words: list[str]) -> str | None:
    """The lower-case role words before a name: 'political scientist'."""
    role: list[str] = []
    for w in reversed(words):
        if not w.isalpha() or not w.islower() or w in ("to", "with", "the", "a", "an", "by"):
            break
        role.insert(0, w)
    return " ".join(role[-3:]) or None


def _looks_like_role(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 14 and any(p.lower().strip(",") in L.TITLE_WORDS
                                         for w in words for p in w.split("-")) \
        and not re.search(r"\b(?:said|says|told|is|was|has|had|will|who|which)\b", text)


def _normalise_role(role: str) -> str:
    """"Iran's Ambassador to India" -> "Ambassador of Iran to India"."""
    m = re.match(r"^(?P<owner>[A-Z][\w-]*)['’]s\s+(?P<title>(?:[A-Z][\w-]*\s*)+?)"
                 r"(?P<rest>\s+(?:to|at|in|for)\s+.*)?$", role)
    if m:
        return f"{m['title'].strip()} of {m['owner']}{m['rest'] or ''}"
    return role


def _is_outlet(name: str) -> bool:
    words = name.split()
    if len(words) == 1:
        return True
    return bool(_OUTLET_WORD.search(name)) or words[-1].lower() in L.OUTLET_WORDS


# --- kinds and speakers -------------------------------------------------------------------

def _resolve(out: Parsed, segs: list[Segment], table: _Entities, lead_clean, blocks) -> None:
    keys, canon = _cluster(segs)
    stats: dict[str, list[int]] = {}
    for s, k in zip(segs, keys):
        if k is None:
            continue
        st = stats.setdefault(k, [0, 0, 0])
        st[0] += 1
        st[1] += 1 if s.asks else 0
        st[2] += sum(len(t.split()) for _, t in s.paragraphs)
    total_words = sum(st[2] for st in stats.values()) or 1
    main = max((k for k in stats if stats[k][1] * 2 < stats[k][0] or len(stats) == 1),
               key=lambda k: stats[k][2], default=None)
    asker: dict[str, bool] = {}
    scores: dict[str, float] = {}
    for k, (n, asks, words) in stats.items():
        score = 2 * asks / n - 1 - (words / total_words - 1 / len(stats))
        title_words = {w.lower() for s, kk in zip(segs, keys) if kk == k and s.label
                       for w in (s.label.title or "").replace(",", " ").split()}
        if title_words & ASKER_TITLES:
            score += 2.5
        elif title_words & (L.TITLE_WORDS - ASKER_TITLES - {"news", "agency", "desk", "channel",
                                                            "tv", "radio", "press"}):
            score -= 2
        if out.interviewer and L.same_person(canon[k], out.interviewer):
            score += 3
        if k == main:
            score -= 1
        if canon[k] and canon[k] in table.title:
            score -= 1
        if words / total_words > 0.5:
            score -= 0.5
        if _is_outlet(canon[k]) and not L.is_cjk(canon[k]):
            score += 0.5  # an outlet asks; officials answer
        scores[k] = score
        asker[k] = score > 0
    role_questions = any(s.label is not None and s.label.role == "question" for s in segs)
    if len(stats) == 2 and not role_questions and len(set(asker.values())) == 1:
        # a dialogue where both look alike: exactly one of the two asks
        hi, lo = sorted(stats, key=lambda k: scores[k], reverse=True)
        asker[hi], asker[lo] = True, False
    askers = [k for k in stats if asker[k]]
    answerers = [k for k in stats if not asker[k]]
    # interviewer: one named person asks every question
    if not out.interviewer and len(askers) == 1 and not _is_outlet(canon[askers[0]]) and \
            canon[askers[0]] not in (table.outlet, out.publisher) and \
            not any(s.label and s.label.role == "question" for s in segs):
        out.interviewer = canon[askers[0]]
    main_name = canon[main] if main in answerers else (canon[answerers[0]] if answerers else None)
    # interviewees: who answers, with the fullest role the page gives them
    for k in canon:
        canon[k] = table.fuller(canon[k])
    for k in answerers:
        titles = [s.label.title for s, kk in zip(segs, keys) if kk == k and s.label and
                  s.label.title]
        _add_person(out, canon[k], titles + table.roles_for(canon[k]))
    if not out.interviewees:
        _interviewee_from_text(out, table)
    if main_name is None and len(out.interviewees) == 1:
        main_name = out.interviewees[0].name
    questioner = out.interviewer or table.outlet
    single_asker = canon[askers[0]] if len(askers) == 1 else None
    turns: list[RawTurn] = []
    inferred: dict[tuple[str, str], int] = {}  # (kind, speaker) from the page's text
    prev_answer: str | None = None
    for s, k in zip(segs, keys):
        lab = s.label
        label_text = lab.text if lab is not None else None
        if lab is not None and lab.role:
            if lab.role == "question":
                kind = "question"
                speaker = lab.outlet or _self_named(s, table) or (
                    None if lab.text.split()[0].lower() in _ANONYMOUS else questioner)
            elif lab.role in ("answer", "answerer"):
                kind, speaker = "answer", main_name
            else:
                kind, speaker = ("question" if s.asks else "remark"), None
        elif k is not None:
            kind = "question" if asker[k] else "answer"
            speaker = canon[k]
            if asker[k] and _is_outlet(speaker) and out.interviewer and single_asker == speaker:
                speaker = out.interviewer
        elif s.marker in ("numbered", "outlet", "bare"):
            kind, speaker = "question", s.outlet or questioner
        elif s.marker == "dash":
            kind = "question" if s.asks else "answer"
            speaker = questioner if kind == "question" else (prev_answer or main_name)
        else:
            kind, speaker = "answer", prev_answer or main_name
        if kind == "answer":
            prev_answer = speaker
        # only a numbered question keeps its number ("Speaker 7" and "A1" number nothing)
        anonymous = lab is not None and lab.role and lab.text.split()[0].lower() in _ANONYMOUS
        number = s.number if kind == "question" and not anonymous else None
        turns.append(RawTurn(kind, number, label_text, speaker, s.line, s.paragraphs))
        own = k is not None or (lab is not None and lab.outlet) or s.outlet or (
            lab is not None and lab.role == "question" and speaker == out.interviewer and
            lab.text.split()[0].lower() in ASKER_TITLES)  # "Reporter:" and a reporter byline
        if speaker and not own:
            inferred.setdefault((kind, speaker), s.line)
    turns = _lost_questions(turns, questioner, out)
    for (kind, speaker), line in inferred.items():  # every guess is visible
        out.warnings.append(Notice(f"{kind}s with no speaker label attributed to {speaker!r}, "
                                   f"named in the title, lead or byline", line,
                                   "loader.speaker_inferred"))
    _remarks(turns)
    # the unlabelled paragraphs before the first turn: a lead, or the answerer speaking
    briefing = len(askers) >= 2 or bool(_BRIEFING.search(table.title))
    if lead_clean and turns and turns[0].kind == "question" and main_name and briefing and \
            not any(H.REPORTING.search(t) for _, t in lead_clean):
        turns.insert(0, RawTurn("remark", None, None, main_name, lead_clean[0][0],
                                list(lead_clean)))
        out.warnings.append(Notice(f"unlabelled paragraphs before the first question read as "
                                   f"an opening statement by {main_name!r}, not as a lead",
                                   lead_clean[0][0], "loader.opening_remark"))
        lead_clean = []
    if lead_clean:
        out.lead = "\n\n".join(t for _, t in lead_clean)
    out.turns = turns
    _complete_roles(out)
    for t in turns:
        if t.speaker is None and t.kind in ("question", "answer"):
            out.warnings.append(Notice(f"speaker of this {t.kind} not resolved", t.line,
                                       "loader.speaker"))


def _lost_questions(turns: list[RawTurn], questioner: str | None, out: Parsed) -> list[RawTurn]:
    """An answer followed by another answer of the same speaker, whose last paragraph is
    a short question: the question's label was lost in scraping (bold dropped). It is a
    question of its own, and the loader says so."""
    result: list[RawTurn] = []
    for i, t in enumerate(turns):
        nxt = turns[i + 1] if i + 1 < len(turns) else None
        last = t.paragraphs[-1][1] if t.paragraphs else ""
        if t.kind == "answer" and nxt is not None and nxt.kind == "answer" and \
                nxt.speaker == t.speaker and len(t.paragraphs) >= 2 and \
                re.search(r"[?？][\"”»)]?$", last) and len(last.split()) <= 60:
            ln = t.paragraphs[-1][0]
            result.append(RawTurn(t.kind, t.number, t.label, t.speaker, t.line,
                                  t.paragraphs[:-1]))
            result.append(RawTurn("question", None, None, questioner, ln, [t.paragraphs[-1]]))
            out.warnings.append(Notice("a paragraph ending in '?' between two answers of the "
                                       "same speaker was read as a question whose label was "
                                       "lost", ln, "loader.unmarked_question"))
            continue
        result.append(t)
    return result


def _remarks(turns: list[RawTurn]) -> None:
    """Openings, closings and sign-offs are remarks, not answers or questions."""
    first_q = next((i for i, t in enumerate(turns) if t.kind == "question"), None)
    for i, t in enumerate(turns):
        if t.kind == "answer" and first_q is not None and i < first_q and t.label is not None:
            t.kind = "remark"
        elif t.kind == "answer" and i > 0 and turns[i - 1].kind in ("answer", "remark") and \
                turns[i - 1].speaker == t.speaker and t.label is not None and \
                turns[i - 1].label is not None:
            t.kind = "remark"
    if first_q is None:  # opening statements with no questions yet
        for t in turns:
            if t.kind == "answer" and t.label is not None:
                t.kind = "remark"
    last = turns[-1] if turns else None
    if last is not None and last.kind == "question" and \
            not any("?" in text or "？" in text for _, text in last.paragraphs):
        last.kind = "remark"


def _cluster(segs: list[Segment]) -> tuple[list[str | None], dict[str, str]]:
    """Each segment's speaker key; labels of one person share a key; key -> name."""
    names = [s.label.name if s.label is not None and s.label.name else None for s in segs]
    canon: dict[str, str] = {}
    keys: list[str | None] = []
    groups: list[list[str]] = []
    for name in names:
        if name is None:
            keys.append(None)
            continue
        group = next((g for g in groups if any(L.same_person(name, m) for m in g)), None)
        if group is None:
            group = [name]
            groups.append(group)
        elif name not in group:
            group.append(name)
        keys.append(group[0].lower())
    for g in groups:
        canon[g[0].lower()] = max(g, key=lambda n: (len(n.split()), len(n)))
    return keys, canon


def _self_named(seg: Segment, table: _Entities) -> str | None:
    """'Sir, Kunal Deshpande from Doordarshan. ...': the asker names himself."""
    text = seg.paragraphs[0][1] if seg.paragraphs else ""
    for m in re.finditer(r"(?:^|(?<=[.,!]\s))", text[:200]):
        found = _SELF_INTRO.match(text[m.start():m.start() + 160])
        if found:
            name = found["name"]
            words = name.split()
            if L.looks_like_name(name) and not any(w.isupper() for w in words) and \
                    words[0].lower() not in _NOT_NAME_START and \
                    not all(table.is_common_word(w) for w in words) and not _is_outlet(name):
                return name
    return None


def _add_person(out: Parsed, name: str, roles: list[str | None]) -> bool:
    """Add (or complete) an interviewee; False for the interviewer, who is none."""
    if out.interviewer and L.same_person(name, out.interviewer):
        return False
    roles = [_GENRE_OPENING.sub("", r.strip(" ,")) for r in roles if r and r.strip(" ,")]
    roles = [r for r in roles if r and not H.GENRE.search(r)]
    best = max(roles, key=lambda r: (len(r.split()), " of " in r), default=None)
    for i, p in enumerate(out.interviewees):
        if L.same_person(p.name, name):
            if best and not p.role:
                out.interviewees[i] = Person(p.name, best)
            return True
    out.interviewees.append(Person(name, best))
    return True


def _interviewee_from_text(out: Parsed, table: _Entities) -> None:
    """A Q/A page names its interviewee only in the title or lead: 'Role First Last',
    'First Last, Role,', 'Name: headline', 'spoke to political scientist First Last'."""
    if table.person:
        _add_person(out, table.person[0], [table.person[1]] + table.roles_for(table.person[0]))
        return
    if table.zh_people:
        name, role = table.zh_people[0]
        _add_person(out, name, [role])
        return
    titled = _INTERVIEW_PREFIX.sub("", table.title or "")
    m = _NAME_ROLE.match(titled) if titled != table.title else None
    if m and L.looks_like_name(m["name"]):  # "Interview: Zhang Ming, SCO Secretary-General"
        _add_person(out, m["name"], [m["role"]] + table.roles_for(m["name"]))
        return
    head = re.match(r"^(?P<head>[^:：]{3,80})[:：]\s+\S", table.title or "")
    if head:
        name, title, _caps = L.split_name(head["head"].strip(), table.is_common_word)
        if name and 2 <= len(name.split()) <= 4 and _person_like(name.replace(". ", ".")):
            _add_person(out, name, table.roles_for(name) + [title])
            return
    for m in re.finditer(r"(?:^|[.;]\s+|,\s+|\b(?:to|with|and)\s+)"
                         r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2}),"
                         r"\s+(?:the\s+)?(?P<role>[^,.;]{3,80}?),", table.lead or ""):
        if L.looks_like_name(m["name"]) and _looks_like_role(m["role"]) and \
                not _is_outlet(m["name"]) and \
                not set(m["role"].lower().split()) & ASKER_TITLES and \
                _add_person(out, m["name"], table.roles_for(m["name"]) + [m["role"]]):
            return
    for text in (table.lead, table.title):  # a lead's sentence before a title-case headline
        for m in re.finditer(r"[A-Z][\w’'-]*(?:\s+(?:(?:of|the|for|on|and|to|at)\s+)*"
                             r"[A-Z][\w’'-]*)*", text or ""):
            run = re.sub(r"['’]s$", "", m.group())  # "Ambassador Name's interview"
            name, title, _caps = L.split_name(run, table.is_common_word)
            if not name or name == run:
                continue
            title = title or run[:run.rfind(name)].strip()  # "Ambassador": an honorific title
            words = name.split()
            if not 2 <= len(words) <= 4:
                continue
            # after a title ("SCO Secretary-General Zhang Ming") a run of capitalised words
            # is a name, however common its words are in English text (Zhang, Li, John)
            if name in (out.publisher or "") or (table.outlet and name in table.outlet):
                continue
            if not any(p.lower() in L.TITLE_WORDS for w in title.split() for p in w.split("-")):
                continue
            _add_person(out, name, table.roles_for(name) + [title])
            return


def _complete_roles(out: Parsed) -> None:
    """A role that names no body takes the publishing body's name, as an editor would
    write it: 'Deputy Minister of Foreign Affairs' at the Ministry of Foreign Affairs of
    the Kyrgyz Republic; 'Official Spokesperson' of the Ministry of External Affairs."""
    pub = (out.publisher or "").split(",")[0].strip()
    if not pub or not _GOV_BODY.match(pub):
        return
    for i, p in enumerate(out.interviewees):
        role = p.role
        if not role:
            continue
        words = pub.split()
        if " of " in role:
            tail = role.split(" of ", 1)[1]
            at = pub.find(tail)
            if at > 0 and pub[at + len(tail):].startswith(" of "):
                out.interviewees[i] = Person(p.name, role + pub[at + len(tail):])
        elif not re.search(r"\b(?:to|for|at|in)\b", role) and words[0].lower() not in \
                role.lower():
            out.interviewees[i] = Person(p.name, f"{role} of the {pub.removeprefix('the ')}")


def _read_trailer(trailer: list[Block], clean: Clean, out: Parsed, sites) -> None:
    for block in trailer:
        text = block.text.strip()
        m = _NAME_ROLE.match(text)
        if m and L.looks_like_name(m["name"]) and not is_heading_like(text) and \
                not is_furniture(text, sites) and _looks_like_role(m["role"]):
            _add_person(out, m["name"], [clean(m["role"].strip(), block.line)])
            continue
        byline, is_byline = H.read_byline(text)
        if is_byline:
            if byline and not out.interviewer:
                out.interviewer = byline
            continue
        out.chrome.append(text)
        if _is_prose(text) and not is_furniture(text, sites):
            out.warnings.append(Notice(f"line after the last turn treated as page "
                                       f"furniture: {text[:60]!r}", block.line,
                                       "loader.maybe_chrome"))
