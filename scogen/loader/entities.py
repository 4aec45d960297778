"""The entity table: who is who on a page, read from outside its turns.

People with their roles and the outlets that asked, from the title ("Name:
headline", "Interview: Name, Role"), the lead ("Role Name", "Name, Role,", "spoke
to political scientist Name", "an interview with the news agency X", "X
correspondent Y"; Chinese ``<role><name><verb>`` via ``leads_zh``; Russian role
runs), the byline and the trailer. Organisations and places are never people;
the interviewer is never an interviewee; a role that names no body takes the
publishing body's name, as an editor writes it.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Person
from . import header as H
from . import labels as L
from . import names_ru

if TYPE_CHECKING:
    from .parse import Parsed
    from .structure import Segment

ASKER_TITLES = frozenset({"reporter", "correspondent", "journalist", "host", "anchor",
                          "presenter", "interviewer", "commentator", "корреспондент",
                          "журналист", "ведущий", "ведущая", "记者", "主持人"})
# outlet words of other scripts (the English ones are labels.OUTLET_WORDS)
_OUTLET_WORD = re.compile(r"社|报|台|网|агентство|газета|телеканал|радио", re.I)
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
_RU_OUTLET = re.compile(r"(?:интервью|вопросы|беседе?)(?:(?:[^.«]|\.(?=\S)){0,80}«(?P<org>[^»]{2,40})»|"
                        r"\s+(?:(?:корр\.|корреспондент\w*|(?:информ)?агентств\w*|телеканал\w*|"
                        r"газет\w*|радио)\s+)?(?P<acronym>[А-ЯЁA-Z][А-ЯЁA-Z-]{1,15})(?!\w))", re.I)
# "<role> Болат Нургалиев дал интервью", "... ответил на вопросы": the one who answers
_RU_GIVER = re.compile(r"(?P<name>(?:[А-ЯЁ]\.\s?){1,2}[А-ЯЁ][а-яё]+|"
                       r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)"
                       r"\s+(?:дал[аи]?\s+(?:\w+\s+)?интервью|ответил[аи]?\s+на\s+вопросы|"
                       r"рассказал[аи]?\s)")
# "корр. ИТАР-ТАСС Михаилу Калмыкову и Андрею Кириллову": who asked, named in the dative
# (or the nominative) after a reporter's title and the outlet; names_ru reads the case
_RU_ASKER = re.compile(r"(?i:корр\.|корреспондент\w*|журналист\w*|обозревател\w*|ведущ\w+)\s+"
                       r"(?P<rest>[^.;:!?]{3,160})")
_RU_NAME = re.compile(names_ru.NAME)
_CYRILLIC = re.compile(r"[А-яЁё]")
# "Интервью заместителя Министра … А.В.Соколова газете …": who answered, in the genitive
_RU_INTERVIEW_OF = re.compile(r"(?:^|\s)[Ии]нтервью\s+(?P<rest>[^.:!?«]{3,200})")
_CORRESPONDENT = re.compile(
    r"(?:correspondent|reporter|journalist|interviewer|host)s?\s+"
    r"(?:(?:in|from|at)\s+[A-Z][\w’'-]+,?\s+)?"  # "correspondent in Beijing Name Surname"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3})")
_SELF_INTRO = re.compile(
    r"^(?:(?i:sir|ma'?am|madam|hello|hi|good (?:morning|afternoon|evening)|thank you"
    r"(?: (?:sir|very much|so much))?|thanks)[,.!]?\s+)*"
    r"(?:(?i:i am|i'm|this is|my name is)\s+)?"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3})\s*(?:,|\bfrom\b|\bwith\b)")
NAME_ROLE = re.compile(r"^(?P<name>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3})\s*,\s*(?P<role>\S.*?)\.?$",
                        re.S)
_ROLE_WORD = re.compile(r"^(?:[A-Z][\w’'.-]*|of|the|for|on|and|to|at)$")
_NOT_NAME_START = frozenset({"the", "a", "an", "this", "that", "these", "our", "your", "my",
                             "his", "her", "their", "its", "in", "on", "at", "as", "if", "when",
                             "mr", "ms", "mrs", "dr", "sir", "madam", "president", "minister"})
_INTERVIEW_PREFIX = re.compile(r"^(?:an?\s+)?(?:exclusive\s+)?interview(?:\s+with)?\s*[:：-]\s*",
                               re.I)
_ORG_TAIL = re.compile(r"(?:^|\s)(?P<tail>[A-Z]{2,}[\w-]*(?:\s+[A-Z][\w’'-]+)*)$")
_GENRE_OPENING = re.compile(r"^(?:(?:an?\s+)?(?:exclusive\s+)?(?:interview|conversation|talk)s?"
                            r"\s+(?:of|with)\s+)?(?:(?:the|a|an)\s+)?", re.I)
_ROLE_OPENERS = frozenset({"the", "a", "an"}) | (L.HONORIFICS - {"ambassador"})
_IN_HOUSE = re.compile(r"\b(?:spokes(?:person|man|woman)|minister|director|head|"
                       r"representative|secretary)\b", re.I)
_PHRASED = re.compile(r"\b(?:of|at|for|to|in)\b")


# --- the table -------------------------------------------------------------------------


class Entities:
    """People and outlets the page names outside its turns, with their roles."""

    def __init__(self, out: Parsed, title: str, lead: str, is_common_word):
        self.title = title or ""
        self.lead = lead
        self.body = ""  # the opening words of every turn: askers introduce themselves there
        self.is_common_word = is_common_word
        self.person: tuple[str, str | None] | None = None  # the interviewee the lead names
        self.reporter: str | None = None  # "talked with <Name> of <Outlet>": who asked
        self.outlet = self._outlet()
        if self.reporter and not out.interviewer:
            out.interviewer = self.reporter
        self.zh_people: list[tuple[str, str]] = []
        if L.is_cjk(self.title + self.lead):
            from . import leads_zh
            self.zh_people, asker, outlet = leads_zh.people(self.title + "。" + self.lead)
            self.outlet = self.outlet or outlet
            if asker and not out.interviewer:
                out.interviewer = asker
        self.reporter_outlet = None
        if not out.interviewer and _CYRILLIC.search(lead or ""):
            out.interviewer = _ru_askers(lead)
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
                    org = self._party(m, text[:verb.start()], text)
                    if org:
                        return org
        return None

    @staticmethod
    def _subject(before_verb: str) -> str | None:
        """The name that does the interviewing ('Volga Review talked to ...'): the
        asking outlet, when the one interviewed is the object."""
        subject = re.search(r"(?:^|[,.;]\s+|\s)(?P<s>[A-Z][\w&’'.-]*(?:\s+[A-Z][\w&’'.-]*){0,4})"
                            r"\s+$", before_verb)
        if subject and subject["s"].split()[0] not in ("The", "In", "On", "At", "After", "Our"):
            return subject["s"]
        return None

    def _party(self, m: re.Match, before_verb: str, text: str) -> str | None:
        org = re.split(r"\s+\d|\.\s", m["org"])[0].strip(" .,")
        org = re.sub(r"(?:\s+(?:of|and|for|&))+$", "", org)
        if (m["tail"] or "").strip() and m["after"]:
            return m["after"]  # "the Bishkek weekly Ala-Too Observer"
        lower = (m["lower"] or "").split()
        if not org or all(w.lower() in L.TITLE_WORDS or w.lower() in L.CONNECTORS
                          for w in org.split()):
            return None
        plain = " ".join(w for w in org.split() if w.lower() not in L.HONORIFICS)
        if plain != org and _person_like(plain):  # "talked to Professor Lin Zhaoqi"
            self.person = self.person or (plain, None)
            return self._subject(before_verb)
        if not any(w.lower() in L.OUTLET_WORDS for w in org.split()) and \
                any(p.lower() in L.TITLE_WORDS - {"news", "agency", "press"}
                    for w in org.split() for p in w.split("-")):
            # "the SCO Secretary General": a person's title, not an outlet; but "Mir
            # Television and Radio Company" is one, whatever "Company" may head
            return None
        name, title, _c = L.split_name(org, self.is_common_word)
        if name and name != org and title and len(name.split()) >= 2 and \
                any(p.lower() in L.TITLE_WORDS for w in title.split() for p in w.split("-")):
            # "an interview with SCO Deputy Secretary-General Sohail Khan": a person
            self.person = self.person or (name, title)
            return None
        if any(w in L.OUTLET_WORDS for w in lower) or (m["tail"] or "").strip() or \
                org.startswith("The "):
            pass  # "the news agency Altyn Dala", "The Kathmandu Ledger"
        elif _person_like(org) or _person_like(" ".join(
                w for w in org.split() if w.lower() not in L.HONORIFICS)):
            if (lower and any(w in L.TITLE_WORDS for w in lower)) or not _person_like(org):
                # "Radar Armenia spoke to political scientist Lilit Dallakyan": the
                # interviewee is the object, the outlet the subject of the sentence
                self.person = self.person or (plain, " ".join(lower[-3:]) or None)
                return self._subject(before_verb)
            if not is_outlet(org):
                return None  # a place or a person: "Ambassador ... to Kazakhstan Name"
        words = org.split()
        if " of " in org:
            who, _, whose = org.partition(" of ")
            if _person_like(who) and whose[:1].isupper():  # "Gulnara Isakova of Radio X"
                self.reporter = self.reporter or who
                return whose
        acronym = _ORG_TAIL.search(org)
        if acronym and acronym["tail"] != org:  # "... Agency RIA Novosti"
            return acronym["tail"]
        if len(words) > 2 and words[-2] == "of":
            return " ".join(words[:-2])  # "Kabar News Agency of Kyrgyzstan": not the place
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
        if name and L.is_cjk(name):  # 叶尔梅克巴耶夫 -> 努尔兰·叶尔梅克巴耶夫, from the lead
            return max((n for n, _role in self.zh_people if L.same_person(name, n)),
                       key=len, default=name)
        if not name or (len(name.split()) >= 2 and "." not in name):
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
        found = [role for n, role in self.zh_people if n == name or L.same_person(n, name)]
        if L.is_cjk(name):
            return found
        if re.search(r"[а-яё]", name, re.I):
            return found + _ru_roles(name, (self.lead, self.title)) + \
                _ru_roles_declined(name, (self.lead, self.title))
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
                if after and looks_like_role(after["role"]):
                    role_text = after["role"].strip()
                    found.append(role_text[0].upper() + role_text[1:])
        return found


def _person_like(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 4 and all(re.fullmatch(r"[A-ZА-ЯЁ][a-zа-яё’'-]+(?:-[A-Z][a-z]+)?", w)
                                        and not any(p.lower() in L.TITLE_WORDS
                                                    for p in w.split("-"))
                                        and not L.RU_TITLE.match(w)
                                        and w.lower() not in L.HONORIFICS for w in words) \
        and not is_outlet(name)


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
            if re.search(r"[^\w-]", w) and not re.fullmatch(r"[/(]\w+[/)]", w):
                break  # punctuation ends the run: '»', ',', '.'; an acronym '/ШОС/' does not
            if names_ru.ends_role(w):
                break  # a verb or another person's name: 'Министр Олег Ветров поблагодарил'
            if L.RU_TITLE.match(w):
                start = k
        if start is not None:
            while start > 0 and names_ru.is_adjective(words[start - 1]):
                start -= 1  # 'национального координатора': the adjectives are the role's
            found.append(" ".join(words[start:]))
    return found


def _ru_askers(lead: str) -> str | None:
    """The reporters a Russian lead names after their title, in the nominative:
    the names after the outlet, read in the dative or nominative (names_ru)."""
    for m in _RU_ASKER.finditer(lead):
        names = []
        for part in re.split(r"\s+и\s+|,\s*", m["rest"]):
            found = _ru_name(part, ("datv", "nomn"))
            if found:
                names.append(found[0])
            elif names:
                break
        if names:
            return ", ".join(names)
    return None


def _ru_name(text: str, cases: tuple[str, ...]) -> tuple[str, int] | None:
    """The first person's name in ``text`` (dropping words before it that are not part
    of it: 'РИА Новости Ивану Петрову'), in the nominative, with where it starts."""
    for m in _RU_NAME.finditer(text):
        words = m.group().split()
        for k in range(len(words)):
            name = " ".join(words[k:])
            if L.RU_TITLE.match(words[k]):
                continue
            found = names_ru.reading(name, cases)
            if found and (len(words) - k >= 2 or "." in name):
                return found[1], m.start() + m.group().find(words[k])
    return None


# words after which a Russian lead names the one interviewed ('спросил … Бахтиера Хакимова',
# 'интервью с послом … ', 'беседовал с …', 'ответил на вопросы'): the grammar of the genre
_RU_ASKED = re.compile(r"(?i)спросил[аи]?|интервью|бесед\w*|вопрос\w*|рассказал[аи]?")


def _ru_roles_declined(name: str, texts) -> list[str]:
    """The roles written before ``name`` where a text declines it ('генеральному
    секретарю … Дмитрию Мезенцеву' for 'Дмитрий Мезенцев'), in the nominative."""
    out = []
    for text in texts:
        for m in _RU_NAME.finditer(text or ""):
            if m.group() == name or not m.group().split()[-1].startswith(
                    name.split()[-1][:4]):
                continue  # written as given, or another surname
            found = _ru_name(m.group(), names_ru.CASES)
            if found and found[0] == name:
                written = m.group()[found[1]:]
                out += [names_ru.role_nominative(r) for r in _ru_roles(written, (text,))]
    return out


def _ru_person_in_lead(title: str, lead: str, interviewer: str | None
                       ) -> tuple[str, list[str | None]] | None:
    """The person a Russian lead names in any case, in the nominative, with the role
    before the name: the one whose office the headline gives ('Генеральный секретарь …
    рассказал' and '… генеральному секретарю … Дмитрию Мезенцеву'), else the first named
    after a word of interviewing."""
    people = []  # (start, name, role)
    for m in _RU_NAME.finditer(lead):
        found = _ru_name(m.group(), names_ru.CASES)
        words = m.group().split()
        for k in range(len(words) - 1 if found is None else 0):
            tail = " ".join(words[k:])  # '… послом КНР в Казахстане Чжан Сяо': as written
            if names_ru.indeclinable(tail) and _ru_roles(tail, (lead,)):
                found = (tail, m.group().find(tail))
                break
        if not found or (interviewer and L.same_person(found[0], interviewer)):
            continue
        start = m.start() + found[1]
        roles = _ru_roles(lead[start:m.end()], (lead,))
        people.append((start, found[0], names_ru.role_nominative(roles[0]) if roles else None))
    if not people:
        return None
    office = names_ru.head_lemma(title) if title and L.RU_TITLE.match(title) else None
    for _start, name, role in people:
        if office and role and names_ru.head_lemma(role) == office:
            return name, [role]
    asked = [v.end() for v in _RU_ASKED.finditer(lead)]
    for start, name, role in people:
        if any(a <= start for a in asked):
            return name, [role]
    return None


def _ru_interview_of(title: str) -> tuple[str, list[str | None]] | None:
    """'Интервью <role> <Name>' in the genitive, as a person and role in the nominative."""
    m = _RU_INTERVIEW_OF.search(title or "")
    if not m:
        return None
    found = _ru_name(m["rest"], ("gent",))
    if not found:
        return None
    role = m["rest"][:found[1]].strip()
    return found[0], [names_ru.role_nominative(role) if role else None]


def looks_like_role(text: str) -> bool:
    words = text.split()
    if re.match(r"^[a-z]+(?: [a-z]+)? (?:at|of|for|in|with) (?:the )?[A-Z]", text) and \
            len(words) <= 14:
        return True  # "glaciologist at the Tian Shan Station": an occupation at a body
    return 1 <= len(words) <= 14 and any(p.lower().strip(",") in L.TITLE_WORDS
                                         for w in words for p in w.split("-")) \
        and not re.search(r"\b(?:said|says|told|is|was|has|had|will|who|which)\b", text)


def _normalise_role(role: str) -> str:
    """"Iran's Ambassador to India" -> "Ambassador of Iran to India"; "Kazakhstan's Vice
    Minister of Trade" -> "Vice Minister of Trade of Kazakhstan"."""
    m = re.match(r"^(?P<owner>[A-Z][\w-]*)['’]s\s+(?P<title>(?:[A-Z][\w-]*\s*)+?)"
                 r"(?P<rest>\s+(?:to|at|in|for)\s+.*)?$", role)
    if m:
        return f"{m['title'].strip()} of {m['owner']}{m['rest'] or ''}"
    m = re.match(r"^(?P<owner>[A-Z][\w-]*)['’]s\s+(?P<title>[A-Z].*\bof\b.*)$", role)
    if m:
        return f"{m['title'].strip()} of {m['owner']}"
    return role


def is_outlet(name: str) -> bool:
    words = name.split()
    if len(words) == 1:
        return True
    return bool(_OUTLET_WORD.search(name)) or L.names_an_organisation(name)


def self_named(seg: Segment, table: Entities) -> str | None:
    """'Sir, Kunal Deshpande from Doordarshan. ...': the asker names himself."""
    text = seg.paragraphs[0][1] if seg.paragraphs else ""
    for m in re.finditer(r"(?:^|(?<=[.,!]\s))", text[:200]):
        found = _SELF_INTRO.match(text[m.start():m.start() + 160])
        if found:
            name = found["name"]
            words = name.split()
            if L.looks_like_name(name) and not any(w.isupper() for w in words) and \
                    words[0].lower() not in _NOT_NAME_START and _person_like(name) and \
                    not all(table.is_common_word(w) for w in words) and not is_outlet(name):
                return name
    return None


def add_person(out: Parsed, name: str, roles: list[str | None]) -> bool:
    """Add (or complete) an interviewee; False for the interviewer, who is none."""
    if out.interviewer and L.same_person(name, out.interviewer):
        return False
    roles = [_GENRE_OPENING.sub("", r.strip(" ,")) for r in roles if r and r.strip(" ,")]
    roles = [r for r in roles if r and not H.GENRE.search(r)]
    # the fullest role, and one written as a phrase ("Researcher at the Centre") over a
    # caption's run of words ("Researcher Centre")
    best = max(roles, key=lambda r: (len(r.split()) + bool(_PHRASED.search(r)), " of " in r),
               default=None)
    ends = {w for w in (name.lower().split()[:1] + name.lower().split()[-1:])}
    for i, p in enumerate(out.interviewees):
        words = p.name.lower().split()
        if ends.isdisjoint(words[:1] + words[-1:]):
            continue  # same_person needs a first or last word in common
        if L.same_person(p.name, name):
            if best and not p.role:
                out.interviewees[i] = Person(p.name, best)
            return True
    out.interviewees.append(Person(name, best))
    return True


def interviewee_from_text(out: Parsed, table: Entities) -> None:
    """A Q/A page names its interviewee only in the title or lead: 'Role First Last',
    'First Last, Role,', 'Name: headline', 'spoke to political scientist First Last'."""
    if table.person:
        add_person(out, table.person[0], [table.person[1]] + table.roles_for(table.person[0]))
        return
    if table.zh_people:
        name, role = table.zh_people[0]
        add_person(out, name, [role])
        return
    ru = _RU_GIVER.search(table.lead or "") or _RU_GIVER.search(table.title or "")
    if ru and not L.RU_TITLE.match(ru["name"].split()[0]):
        add_person(out, ru["name"], table.roles_for(ru["name"]))
        return
    named = _ru_interview_of(table.title) or _ru_interview_of(table.lead) or \
        _ru_person_in_lead(table.title, table.lead or "", out.interviewer)
    if named and add_person(out, *named):
        return
    titled = _INTERVIEW_PREFIX.sub("", table.title or "")
    m = NAME_ROLE.match(titled) if titled != table.title else None
    if m and L.looks_like_name(m["name"]):  # "Interview: Zhang Ming, SCO Secretary-General"
        add_person(out, m["name"], [m["role"]] + table.roles_for(m["name"]))
        return
    head = re.match(r"^(?P<head>[^:：]{3,80})[:：]\s+\S", table.title or "")
    if head:
        name, title, _caps = L.split_name(head["head"].strip(), table.is_common_word)
        if name and 2 <= len(name.split()) <= 4 and _person_like(name.replace(". ", ".")):
            add_person(out, name, table.roles_for(name) + [title])
            return
    for m in re.finditer(r"(?:^|[.;]\s+|,\s+|\b(?:to|with|and)\s+)"
                         r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2}),"
                         r"\s+(?:the\s+)?(?P<role>[^,.;]{3,80}?),", table.lead or ""):
        if L.looks_like_name(m["name"]) and looks_like_role(m["role"]) and \
                not is_outlet(m["name"]) and \
                not set(m["role"].lower().split()) & ASKER_TITLES and \
                add_person(out, m["name"], table.roles_for(m["name"]) + [m["role"]]):
            return
    for text in (table.lead, table.title):  # a lead's sentence before a title-case headline
        for m in re.finditer(r"[A-Z][\w’'-]*(?:\s+(?:(?:of|the|for|on|and|to|at)\s+)*"
                             r"[A-Z][\w’'-]*)*", text or ""):
            run = re.sub(r"['’]s$", "", m.group())  # "Ambassador Name's interview"
            name, title, _caps = L.split_name(run, table.is_common_word)
            if name == run and _person_like(run):
                title = _role_before(text[:m.start()])  # "Council chairman Omar Seitov"
                if not title or set(title.lower().split()) & ASKER_TITLES or \
                        name == out.interviewer:
                    continue  # "Xinhua correspondent Zhou Lan" asks
            elif not name or name == run:
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
            add_person(out, name, table.roles_for(name) + [title])
            return


_CLAUSE_WORDS = frozenset("the a an with by to of and for in on at as from said says told "
                          "that who which".split())


def _role_before(before: str) -> str | None:
    """The role words written just before a name, lower case among them ('Council
    chairman', 'rail union spokesperson'): up to four words back, stopping at
    punctuation or a clause word, and holding a title word."""
    words = []
    for w in reversed(before.split()[-4:]):
        if re.search(r"[^\w-]", w) or w.lower() in _CLAUSE_WORDS:
            break
        words.insert(0, w)
    if words and any(p.lower() in L.TITLE_WORDS for w in words for p in w.split("-")):
        return " ".join(words)
    return None


def complete_roles(out: Parsed) -> None:
    """A role that names no body takes the publishing body's name, as an editor would
    write it: 'Deputy Minister of Foreign Affairs' at the Ministry of Foreign Affairs of
    the Kyrgyz Republic; 'Official Spokesperson' of the Ministry of External Affairs."""
    pub = (out.publisher or "").split(",")[0].strip()
    head = re.sub(r"(?i)^the\s+", "", pub).split()[:1]
    if not head or head[0].lower() not in L.ORG_WORDS or head[0].lower() in (
            "embassy", "consulate", "summit", "forum", "conference"):
        return  # an embassy's guest is not its officer
    for i, p in enumerate(out.interviewees):
        role = p.role
        if not role or not _IN_HOUSE.search(role):
            continue  # a president, an ambassador, a professor: as the page writes it
        words = pub.split()
        if "(" in role or any(w.lower() in L.ORG_WORDS for w in role.split()):
            continue  # "Secretary (West)", "Foreign Ministry Spokesperson": as written
        place = re.match(r"^(?P<body>.+?)\s+of\s+(?P<place>the\s+[A-Z].*)$", pub)
        body_words = {w.lower() for w in (place["body"] if place else pub).split()} - {
            "ministry", "of", "the", "and"}
        if place and " of " not in role and \
                body_words & {w.lower() for w in role.split()}:
            # "Deputy Foreign Minister" at the Ministry of Foreign Affairs of X: "... of X"
            out.interviewees[i] = Person(p.name, f"{role} of {place['place']}")
            continue
        if " of " in role:
            tail = role.split(" of ", 1)[1]
            at = pub.find(tail)
            if at > 0 and pub[at + len(tail):].startswith(" of "):
                out.interviewees[i] = Person(p.name, role + pub[at + len(tail):])
        elif not re.search(r"\b(?:to|for|at|in)\b", role) and words[0].lower() not in \
                role.lower():
            out.interviewees[i] = Person(p.name, f"{role} of the {pub.removeprefix('the ')}")
