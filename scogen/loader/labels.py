"""The one grammar of turn markers: speaker labels, numbers, captions, names.

A transcript marks who speaks in many ways: ``Name:``, ``Question:``, ``Q1:``,
``Speaker 3:``, ``Name, Official Spokesperson:``, ``**Name:**``,
``[00:12:31] Name:``, ``Ⅱ. Q:``, ``Вопрос:``, ``记者：``, a label alone on its
line, an ALL-CAPS caption before quoted speech, or a name run into the text
with no colon at all. This module reads the *shape* of one candidate marker;
which candidates are real turns is decided over the whole page by
``structure.py``. Words here are vocabulary of the genre (role words,
honorifics, page-furniture keys), never names of particular people or outlets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..lang import simplified

# --- vocabulary ------------------------------------------------------------------

# Role words that make a label on their own ("Question:", "Q:", "Вопрос:", "记者：").
QUESTION_ROLES = frozenset({
    "question", "questions", "q", "reporter", "correspondent", "journalist", "interviewer",
    "host", "anchor", "presenter", "media", "press", "speaker", "participant", "audience",
    "вопрос", "корреспондент", "журналист", "ведущий", "ведущая", "интервьюер",
    "记者", "问", "主持人", "提问"})
ANSWER_ROLES = frozenset({"answer", "a", "response", "reply", "ответ", "答", "回答"})
CHAIR_ROLES = frozenset({"moderator", "chair", "chairman", "chairperson", "facilitator",
                         "модератор", "председатель"})
ANSWERER_ROLES = frozenset({"spokesperson", "spokesman", "spokeswoman", "guest", "interviewee",
                            "发言人", "嘉宾", "гость"})
# Russian writes titles in lower case before a name ("министр иностранных дел С.В.Лавров"):
# the stems of its title words
RU_TITLE = re.compile(r"^(?:генеральн|секретар|министр|заместител|посол|посл[а-я]|директор|"
                      r"председател|президент|глав[а-я]|представител|спикер|советник|"
                      r"руководител|официальн|перв|специальн|чрезвычайн|полномочн|губернатор|"
                      r"мэр|профессор|эксперт|корреспондент|журналист|ведущ|координатор|"
                      r"спецпредставител|консул|депутат|сенатор|политолог|аналитик|"
                      r"исследовател|научн|заведующ|начальник|член)", re.I)
ROLE_WORDS = QUESTION_ROLES | ANSWER_ROLES | CHAIR_ROLES | ANSWERER_ROLES

# Lower-case words that may stand inside a long role label ("General Desk reporter X",
# "Senior correspondent of the X agency Y"): the vocabulary of job titles.
TITLE_WORDS = frozenset({
    "reporter", "correspondent", "journalist", "host", "anchor", "presenter", "editor",
    "spokesperson", "spokesman", "spokeswoman", "minister", "ambassador", "envoy",
    "secretary", "director", "deputy", "chief", "general", "head", "chairman", "president",
    "agency", "news", "channel", "desk", "service", "official", "representative",
    "adviser", "advisor", "assistant", "counsellor", "consul", "special", "senior",
    "executive", "member", "staff", "press", "political", "commentator", "analyst",
    "expert", "professor", "researcher", "scholar", "officer", "attaché", "charge",
    "chair", "chairperson", "rector", "dean", "governor", "mayor", "founder", "coordinator",
    "commissioner", "delegate", "leader", "scientist", "economist", "historian", "diplomat",
    "politician", "lawmaker", "senator", "engineer", "manager", "principal", "sinologist",
    "secretariat", "council", "committee", "organisation", "organization", "institute",
    "university", "embassy", "government", "centre", "center", "structure", "commission",
    "parliament", "assembly", "academy", "foundation", "company", "corporation", "bank",
    "union", "mission", "administration",
    "d'affaires", "vice", "first", "former", "acting", "permanent", "foreign", "affairs",
    "ministry", "department", "bureau", "office", "tv", "radio", "newspaper", "daily",
    "magazine", "portal", "website", "program", "programme", "show"})
# Words that end the name of a newspaper, agency or channel ("Bishkek Daily Mirror").
OUTLET_WORDS = frozenset({
    "daily", "times", "news", "tv", "radio", "agency", "press", "post", "herald", "journal",
    "gazette", "tribune", "express", "mirror", "wire", "chronicle", "observer", "telegraph",
    "review", "weekly", "monthly", "television", "channel", "network", "broadcasting",
    "media", "online", "magazine", "portal", "digital", "today", "insider", "monitor",
    "courier", "star", "sun", "globe", "standard", "voice", "world", "info", "24", "ledger",
    "bulletin", "dispatch", "sentinel", "inquirer", "examiner", "gazeta", "pravda"})
# Words of bodies and gatherings: a name holding one names no person.
ORG_WORDS = frozenset({"ministry", "embassy", "secretariat", "council", "committee", "department",
                       "office", "mission", "consulate", "administration", "government",
                       "summit", "forum", "conference", "organisation", "organization"})


def names_an_organisation(name: str) -> bool:
    """'Beijing Youth Daily', 'Xi'an Summit', 'Ministry of X': not a person."""
    return any(w.lower().strip(",()") in OUTLET_WORDS or w.lower().strip(",()") in ORG_WORDS
               for w in name.split())


# Honorifics stand before a name but are not part of it.
HONORIFICS = frozenset({
    "mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr", "dr.", "prof", "prof.", "professor",
    "academician", "shri", "smt",
    "smt.", "sir", "madam", "mme", "h.e.", "he", "his", "her", "excellency", "ambassador",
    "sheikh", "господин", "госпожа", "г-н", "г-жа"})
# Short words that join the words of a name or a title.
CONNECTORS = frozenset({
    "of", "the", "and", "for", "at", "to", "in", "on", "de", "del", "da", "di", "do", "dos",
    "van", "von", "der", "den", "al", "al-", "bin", "ibn", "el", "la", "le", "du", "y", "e",
    "und", "и", "по", "при"})
# Keys of metadata and furniture lines ("Author:", "Tags:", "Also Read:"): never labels.
META_KEYS = re.compile(
    r"^(?:author|authors|by|date|dated|publication date|published|published on|posted|"
    r"posted on|updated|last updated|source|sources|editor|editors|edited by|photo|photos|"
    r"photo credit|image|video|tags?|topics?|keywords|category|categories|section|"
    r"translated by|translation|location|venue|place|time|read more|also read|read also|"
    r"also watch|watch|see also|related|related news|related articles|more|note|notes|"
    r"disclaimer|attachments?|share|follow us|breaking|breaking news|trending|live|update|file|"
    r"you are here|home|print|email|e-mail|copyright|contact|contacts|subscribe|previous|"
    r"next|prev|previous article|next article|previous post|next post|listen on|"
    r"editor in charge|editor-in-charge|responsible editor|proofreader|proofreading|"
    r"автор|источник|фото|теги|дата|опубликовано|обновлено|читайте также|смотрите также|"
    r"来源|作者|责任编辑|编辑|发布时间|时间|日期|上一篇|下一篇|免责声明|标签|关键词|"
    r"字号|字体|打印|分享|分享到|相关新闻|相关链接|访问量|浏览|浏览量|阅读|阅读量|点击|点击量|评论|"
    r"文章来源|新闻来源|本文来源|原标题|声明|版权声明|备注|注|附件|地点|примечание)$", re.I)

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LETTER = re.compile(r"[^\W\d_]")

# --- markers before a label or question --------------------------------------------

_ROMAN_UNI = "\u2160-\u217f"
_PREFIX = re.compile(
    r"^\s*(?:"
    r"(?P<ts>[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?)\s*[-–—]?\s+"   # [00:12:31]
    r"|(?P<num>\d{1,3})\s*[.)]\s*(?=\S)"                           # 1.  /  1)
    r"|(?P<roman>(?:[IVXL]{1,7}|[" + _ROMAN_UNI + r"]{1,3}))\s*[.)]\s+"  # II. / Ⅱ.
    r"|(?P<hanzi>[一二三四五六七八九十]{1,3})\s*[、.．]\s*"         # 四、 (before a label)
    r"(?=[^\s:：]{1,12}[:：])"
    r")")
_HANZI_DIGITS = {c: k for k, c in enumerate("一二三四五六七八九", start=1)}


def _hanzi_number(text: str) -> int | None:
    """一 .. 九十九: 四 = 4, 十二 = 12, 二十 = 20, 二十三 = 23."""
    tens, _, units = text.partition("十")
    if "十" not in text:
        return _HANZI_DIGITS.get(text) if len(text) == 1 else None
    t = 1 if not tens else _HANZI_DIGITS.get(tens)
    u = 0 if not units else _HANZI_DIGITS.get(units)
    if t is None or u is None or len(tens) > 1 or len(units) > 1:
        return None
    return 10 * t + u
_BOLD = re.compile(r"^(\*\*|__)(?P<inner>[^*_\n]{1,160}?)\1\s*")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}


_ROMAN_CHARS = {**{chr(0x2160 + k): k + 1 for k in range(12)},  # Ⅰ..Ⅻ
                **{chr(0x2170 + k): k + 1 for k in range(12)},  # ⅰ..ⅻ
                "Ⅼ": 50, "Ⅽ": 100, "Ⅾ": 500, "Ⅿ": 1000}


def _roman(text: str) -> int | None:
    if re.fullmatch(r"[" + _ROMAN_UNI + r"]+", text):
        return _ROMAN_CHARS.get(text) if len(text) == 1 else None
    values = [_ROMAN_VALUES[c] for c in text]
    total = 0
    for i, v in enumerate(values):
        total += -v if i + 1 < len(values) and values[i + 1] > v else v
    return total if 0 < total < 90 else None


@dataclass(frozen=True, slots=True)
class Marker:
    number: int | None
    timestamp: str | None
    rest: str


def read_marker(text: str) -> Marker:
    """Strip a leading number, Roman numeral or timestamp (kept as fields)."""
    m = _PREFIX.match(text)
    if not m:
        return Marker(None, None, text)
    if m["roman"]:
        value = _roman(m["roman"])
        if value is None:
            return Marker(None, None, text)
        return Marker(value, None, text[m.end():])
    if m["num"]:
        return Marker(int(m["num"]), None, text[m.end():])
    if m["hanzi"]:
        value = _hanzi_number(m["hanzi"])
        return Marker(value, None, text[m.end():]) if value else Marker(None, None, text)
    return Marker(None, m["ts"], text[m.end():])


# --- labels --------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Label:
    text: str  # as written, e.g. "Question (Xinhua)", "Shri A. B, Official Spokesperson"
    role: str | None  # "question" | "answer" | "chair" | "answerer" for role-word labels
    name: str | None  # the person or outlet part, honorifics and role words removed
    title: str | None  # role words written in the label ("Official Spokesperson")
    outlet: str | None  # "(Xinhua)" in the label
    number: int | None  # "Speaker 3", "Q1", "1. Question:"
    rest: str  # the text after the label
    shape: str = "colon"  # colon | line | caption | prefix
    caps: bool = False  # the name was written in capitals ("OUYANG JINGLAN")


_COLON = re.compile(r"^(?P<label>[^:：\n]{1,160}?)\s*[:：]\s*(?P<rest>.*)$", re.S)
_OUTLET_SUFFIX = re.compile(r"^(?P<label>.*?)\s*\((?P<outlet>[^()]{1,60})\)$")
_NUMBERED_ROLE = re.compile(r"^(?P<word>[^\W\d_]+)\s*(?P<n>\d{1,3})$")
_DOTTED_ROLE = re.compile(r"^(?P<role>[^\W\d_]{1,9})\.\s+(?P<rest>\S.*)$", re.S)
_SLASHED = re.compile(r"^[A-ZА-ЯЁ]{2,}(?:/[A-ZА-ЯЁ]{2,})+$")
_INITIALS = re.compile(r"^(?:[A-ZА-ЯЁ]\.\s?){1,2}[A-ZА-ЯЁ][a-zа-яё’'-]+$")  # В.Путин, V.Putin
_ABBREV = re.compile(r"^(?:[A-Z]\.|[A-Z]\.[A-Z]\.(?:[A-Z]\.)?|Mr\.|Ms\.|Mrs\.|Dr\.|Prof\.|St\.|"
                     r"H\.E\.|Smt\.|Jr\.|Sr\.)$")


def read_label(text: str, is_common_word=None) -> Label | None:
    """The speaker label that opens ``text``, with any marker before it."""
    marker = read_marker(text)
    body = marker.rest
    bold = _BOLD.match(body)
    if bold:  # **Name:** text  /  **Name**: text
        inner = bold["inner"].strip()
        after = body[bold.end():]
        if inner.endswith((":", "：")):
            body = inner + " " + after
        elif after.startswith((":", "：")):
            body = inner + after
    m = _COLON.match(body)
    if not m:
        dotted = _DOTTED_ROLE.match(body)
        if dotted and dotted["role"].lower() in ROLE_WORDS:  # "Q. text", "A. text"
            return Label(dotted["role"], _role_kind(dotted["role"].lower()), None, None, None,
                         marker.number, dotted["rest"], "colon")
        bare = body.strip().strip("*_").strip()
        if len(bare.split()) <= 2 and bare.lower() in ROLE_WORDS and not _CJK.search(bare) \
                and len(bare) > 1:  # "Question" alone on its line
            return Label(bare, _role_kind(bare.lower()), None, None, None, marker.number, "",
                         "line")
        return None
    parsed = parse_label(m["label"], is_common_word=is_common_word)
    if parsed is None:
        return None
    number = parsed.number if parsed.number is not None else marker.number
    return replace(parsed, number=number, rest=m["rest"])


def parse_label(raw: str, shape: str = "colon", is_common_word=None) -> Label | None:
    """Read a label's words: role word, role + name, name + role, outlet."""
    label = raw.strip().strip("*_").strip()
    if not label or label != label.lstrip("([\"'“«") or META_KEYS.match(label):
        return None
    outlet = None
    sm = _OUTLET_SUFFIX.match(label)
    if sm and sm["label"].strip() and "," not in sm["label"]:  # "Name, Secretary (West)"
        label, outlet = sm["label"].strip(), sm["outlet"].strip()
        if not (outlet[:1].isupper() or outlet[:1].isdigit() or _CJK.search(outlet)):
            outlet = None  # "(as interpreted)", "(как переведено)": a note, not who asks
    written = raw.strip().strip("*_").strip()
    if _CJK.search(label):
        return _cjk_label(label, written, outlet, shape)
    words = label.split()
    if not 1 <= len(words) <= 18 or any(ch in label for ch in "?!;\"“”«»|\\=<>{}[]#@"):
        return None
    if "/" in label and not all(_SLASHED.match(w) for w in words if "/" in w):
        return None  # "RFE/RL" is a name; "and/or" is prose
    low = [w.lower().strip(",") for w in words]
    number = None
    nm = _NUMBERED_ROLE.match(label)
    if nm and nm["word"].lower() in ROLE_WORDS:  # Speaker 3, Q1, A1, Journalist 2
        word, number = nm["word"].lower(), int(nm["n"])
        return Label(written, _role_kind(word), None, None, outlet, number, "", shape)
    if len(words) <= 3 and low[0] in ROLE_WORDS and all(w in ROLE_WORDS or w in CONNECTORS
                                                         for w in low):
        return Label(written, _role_kind(low[0]), None, None, outlet, None, "", shape)
    if len(words) <= 3 and all(w.lower().strip(",") in TITLE_WORDS or
                               w.lower().strip(",") in HONORIFICS for w in words) and \
            not words[0][:1].islower():
        # "Minister:", "President:", "Deputy Minister:": a title that stands for the one
        # person who holds it on this page; the entity table names them
        kind = "question" if any(w.lower() in QUESTION_ROLES for w in low) else "answerer"
        return Label(written, kind, None, label, outlet, None, "", shape)
    if not _label_words_ok(words):
        return None
    name, title, caps = split_name(label, is_common_word, caption=shape == "caption")
    if not name:
        return None
    return Label(written, None, name, title, outlet, None, "", shape, caps)


def cjk_title_kind(title: str | None) -> str | None:
    """'asker' for a Chinese title ending in a reporter's word (总台记者), 'official' for
    one ending in an office (联合国秘书长), else None."""
    key = simplified(title or "")
    if not _CJK.search(key):
        return None
    if key.endswith(_CJK_ASKERS):
        return "asker"
    if key.endswith(_CJK_OFFICES):
        return "official"
    return None


_CJK_ASKERS = ("记者", "主持人", "主播")
_CJK_OFFICES = ("秘书长", "大使", "发言人", "部长", "外长", "主席", "总统", "总理", "主任", "司长",
                "局长", "院长", "所长", "教授", "研究员", "专家", "代表", "特使", "参赞", "领事",
                "书记", "委员", "会长", "理事长", "校长", "总经理", "董事长", "学者", "官员")


def _cjk_label(label: str, written: str, outlet: str | None, shape: str) -> Label | None:
    parts = label.split()
    if len(parts) == 2 and _CJK.search(parts[1]) and cjk_title_kind(parts[0]) and (
            2 <= len(parts[1]) <= 4 or "·" in parts[1] or "•" in parts[1]):
        # '总台记者 王冠', '联合国秘书长 古特雷斯': a title, a space, the name
        head, name = parts
        kind = cjk_title_kind(head)
        asks_for = simplified(head)[:-2] if kind == "asker" and head.endswith(("记者", "記者")) \
            else None
        return Label(written, None, name, head, outlet or (head[:len(asks_for)] or None
                                                          if asks_for is not None else None),
                     None, "", shape)
    compact = label.replace(" ", "")
    if re.fullmatch(r"《[^《》]{1,20}》", compact):  # 《领导文萃》: the publication asks
        return Label(written, "question", None, None, outlet or compact[1:-1], None, "", shape)
    # the grammar's words are matched in simplified characters (記者 reads as 记者); what
    # the label names is taken as written, at the same positions
    key = simplified(compact)
    if len(compact) > 12 or not _CJK.search(compact) or META_KEYS.match(key):
        return None
    for word in sorted(ROLE_WORDS, key=len, reverse=True):
        if _CJK.search(word) and key.endswith(word):
            rest, rest_key = compact[: -len(word)], key[: -len(word)]
            if not rest:
                return Label(written, _role_kind(word), None, None, outlet, None, "", shape)
            if word in ANSWERER_ROLES:  # 外交部发言人
                return Label(written, None, None, compact, outlet, None, "", shape)
            if word in QUESTION_ROLES:  # 法新社记者: the outlet's reporter asks
                start = 1 if rest_key.startswith("有") else 0  # 有记者提问: "a reporter asked"
                end = len(rest) - 2 if rest_key.endswith("记者") else len(rest)
                kind = _REPORTER_KIND.search(rest_key[start:end])
                if kind:  # 特约记者, 本报记者: what kind of reporter, not whose
                    end = start + kind.start()
                return Label(written, "question", None, None, outlet or rest[start:end] or None,
                             None, "", shape)
    if _CJK_OUTLET.fullmatch(key):  # 卫星通讯社, 某某电视台: the outlet's reporter asks
        return Label(written, "question", None, None, outlet or compact, None, "", shape)
    if 2 <= len(compact) <= 4:  # a Chinese personal name
        return Label(written, None, compact, None, outlet, None, "", shape)
    if "·" in compact or "•" in compact or (
            len(compact) <= 8 and not _CJK_PROSE.search(key)):
        # a transliterated foreign name: joined by a middle dot, or a surname of up to
        # eight syllables with none of the characters that make ordinary words
        return Label(written, None, compact, None, outlet, None, "", shape)
    return None


# words before 记者 that say what kind of reporter asks (special, travelling, chief, our
# own), not which outlet: the outlet's name is what stands before them
REPORTER_KIND = r"(?:特约|特派|随行|见习|首席|资深|本报|本台|本网|本刊|驻华|常驻)"
_REPORTER_KIND = re.compile(REPORTER_KIND + "+$")
# the endings of Chinese outlet names (news agency, station, paper, site, magazine)
_CJK_OUTLET = re.compile(r"[\u4e00-\u9fff]{1,8}(?:通讯社|新闻社|电视台|广播电台|电台|社|报|网|杂志)")
# characters of ordinary words, which transliterations of names avoid
_CJK_PROSE = re.compile(r"[的是在了和我你他她们这那有不也就都而及与对为以中国人大会年月日时说问答"
                        r"表示记者部长主席发言委员组织合作上海]")


def _role_kind(word: str) -> str:
    word = word.lower()
    if word in QUESTION_ROLES:
        return "question"
    if word in ANSWER_ROLES:
        return "answer"
    if word in ANSWERER_ROLES:
        return "answerer"
    return "chair"


def _label_words_ok(words: list[str]) -> bool:
    """Every word is capitalised, an abbreviation, a joining word or a title word; a
    label that opens with a title word may carry two more lower-case words ('Head of
    the economic department of the X Secretariat Name')."""
    lower_title = 0
    free = 3 if len(words) >= 4 else 0  # lower-case words inside a role phrase, see below
    if RU_TITLE.match(words[0]) and len(words) >= 3:
        free = 5  # "Министр иностранных дел России С.В.Лавров"
    seen_title = False
    for k, w in enumerate(words):
        nxt = words[k + 1].lower().strip(",()") if k + 1 < len(words) else ""
        core = w.strip(",()")
        if not core:
            return False
        if w.startswith("(") and w.endswith(")"):
            continue  # a designation in brackets: "Secretary (west)"
        lw = core.lower()
        if core[0].isdigit():
            return False
        if "." in core and not _ABBREV.match(core) and not _INITIALS.match(core):
            return False
        if core[0].isupper() or lw in HONORIFICS:
            seen_title = seen_title or lw in TITLE_WORDS
            continue
        if lw in CONNECTORS:
            continue
        if lw in TITLE_WORDS:
            lower_title += 1
            seen_title = True
            continue
        if core[0] in "’'-" or lw.startswith(("al-", "el-", "d'", "o'")):
            continue
        if free and core.isalpha() and (seen_title or nxt in TITLE_WORDS or RU_TITLE.match(
                words[0])):
            # "international channel host X", "deputy minister of commerce X": a lower-case
            # word before a title word or after one is part of the role
            free -= 1
            continue
        return False
    plain = [w for w in words if not (w.startswith("(") and w.endswith(")"))] or words
    last = plain[-1].strip(",()")
    first = plain[0].strip(",()")
    if first.lower() in CONNECTORS and first.lower() not in ("de", "van", "von", "al", "el") \
            and not (first == "The" and len(plain) > 1 and plain[1][:1].isupper()):
        return False  # but "The Hindu", "The Diplomat" are names
    return (last[:1].isupper() or last.lower() in TITLE_WORDS) and lower_title <= 3


def split_name(label: str, is_common_word=None,
               caption: bool = False) -> tuple[str | None, str | None, bool]:
    """(name, title, written-in-capitals) of a label such as
    'Kazakh Ambassador to China Nurbol Zhaksybekov', 'Shri A. B, Official Spokesperson',
    'OUYANG JINGLAN SilkwayTV Reporter'. Honorifics are dropped from the name."""
    label = label.strip().strip(",")
    if "," in label:  # "Name, Role" (the name before the first comma)
        head, tail = label.split(",", 1)
        head_words = [w for w in head.split() if w.lower() not in HONORIFICS]
        if 1 <= len(head_words) <= 5 and not any(w.lower() in TITLE_WORDS for w in head_words):
            return " ".join(head_words), tail.strip() or None, False
    words = label.split()
    if words[0] == "The" and len(words) >= 2 and not any(w.lower() in TITLE_WORDS - OUTLET_WORDS
                                                         for w in words):
        return label, None, False  # "The Hindu", "The Diplomat": a paper's name
    if len(words) >= 2 and words[-1].lower().strip(",") in OUTLET_WORDS and \
            not any(w.lower() in TITLE_WORDS - OUTLET_WORDS for w in words):
        return label, None, False  # an outlet's name: "Asia Pamir Wire", "Neutral Times"
    caps_run = _leading_caps(words)
    if caps_run == len(words) and len(words) >= 2 and all(len(w) > 1 for w in words):
        return " ".join(_normal_case(w) for w in words), None, True
    if caption and caps_run < 2 and len(words) > 2 and all(_name_word(w) for w in words[:2]):
        return " ".join(words[:2]), " ".join(words[2:]), False  # "Mariam Sadat News Presenter"
    if caps_run >= 2 and (caption or not _end_name(words, is_common_word)):
        # OUYANG JINGLAN SilkwayTV Reporter: a caption's name in capitals, role after it
        name = " ".join(_normal_case(w) for w in words[:caps_run])
        return name, " ".join(words[caps_run:]) or None, True
    # the name is at the end: at least two name words when the label has more
    end = len(words)
    i = end - _end_name(words, is_common_word)
    if i == end:
        if len(words) <= 4 and not any(w.lower() in ROLE_WORDS for w in words):
            return label, None, False  # an outlet: "PRISM", "Beijing Youth Daily"
        return None, label, False
    name_words = words[i:]
    title_words = words[:i]
    while title_words and title_words[-1].lower() in HONORIFICS:
        title_words.pop()
    return " ".join(name_words), " ".join(title_words) or None, False


def _end_name(words: list[str], is_common_word) -> int:
    """How many words at the end of a label are the person's name."""
    end = len(words)
    if end and _INITIALS.match(words[-1]) and "." in words[-1]:
        return 1  # "С.В.Лавров": initials and surname are the whole name
    i = end
    while i > 0 and _name_word(words[i - 1]) and end - i < 4:
        if end - i >= 2 and (is_common(words[i - 1], is_common_word) or
                             (i >= 2 and words[i - 2].lower() in CONNECTORS)):
            break  # "Ambassador to Tajikistan Shen Zhaolin": a place closes the title
        i -= 1
    return end - i


def is_common(word: str, is_common_word) -> bool:
    if word.isupper() and len(word) > 1:
        return True
    if "-" in word and word.split("-")[0].lower() in TITLE_WORDS:
        return True
    return bool(is_common_word and is_common_word(word))


def _name_word(w: str) -> bool:
    core = w.strip(",")
    lw = core.lower()
    if RU_TITLE.match(core):
        return False
    if re.fullmatch(r"[A-ZА-ЯЁ]\.", core) or _INITIALS.match(core):
        return True  # an initial: "G. Erdenebat", "В.Путин"
    if lw in HONORIFICS or lw in TITLE_WORDS or lw in CONNECTORS or lw in ROLE_WORDS:
        return False
    if core.isupper() and len(core) > 1:
        return False  # an acronym (SCO, RATS)
    return bool(core[:1].isupper() and _LETTER.search(core))


def _leading_caps(words: list[str]) -> int:
    n = 0
    for w in words:
        core = w.strip(",")
        if len(core) > 1 and core.isupper() and _LETTER.search(core) and "." not in core:
            n += 1
        else:
            break
    return n


def _normal_case(word: str) -> str:
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


# --- captions and other shapes without a colon ---------------------------------------

_CAPTION = re.compile(r"^(?P<label>[^\"“«]{3,160}?)\s+[\"“«](?P<rest>.+?)[\"”»]?\s*$", re.S)


def read_caption(text: str, is_common_word=None) -> Label | None:
    """``NAME Role "quoted speech"``: a TV caption before the words spoken."""
    head = text[:170]
    if '"' not in head and "“" not in head and "«" not in head:
        return None
    m = _CAPTION.match(text)
    if not m or m["rest"].count("\"") + m["rest"].count("”") > 2:
        return None
    parsed = parse_label(m["label"], shape="caption", is_common_word=is_common_word)
    if parsed is None or parsed.role:
        return None
    return replace(parsed, rest=m["rest"].strip().rstrip("\"”»").strip())


_OUTLET_END = re.compile(r"^(?P<q>.*[?？])\s*[(（](?P<outlet>[^()（）]{2,60})[)）]\s*$", re.S)
_DASH = re.compile(r"^[-–—]\s*(?P<rest>\S.*)$", re.S)


def read_outlet_question(text: str) -> tuple[str, str] | None:
    """``... ? (TASS)`` — a question ending with the asking outlet."""
    m = _OUTLET_END.match(text)
    if not m:
        return None
    outlet = m["outlet"].strip()
    if not (outlet[:1].isupper() or _CJK.search(outlet)) or len(outlet.split()) > 7:
        return None
    return m["q"].strip(), outlet


def read_dash(text: str) -> str | None:
    m = _DASH.match(text)
    return m["rest"] if m and not text.startswith("--") else None


# --- person names ----------------------------------------------------------------------

_NAME_WORD = re.compile(r"^(?:[A-ZА-ЯЁ][a-zа-яё’'\-]+|[A-ZА-ЯЁ]\.|[A-Z][a-z]*-[A-Z][a-z]+|"
                        r"Mc[A-Z][a-z]+|[A-Z][a-z]+[A-Z][a-z]+)$")


_NAME_SPLIT = re.compile(r"[\s·•・]+")


def name_words(name: str) -> list[str]:
    """A name's words, lower case: split at spaces and at the middle dot that joins
    the parts of a transliterated name in Chinese and Japanese (努尔兰·叶尔梅克巴耶夫)."""
    return [w for w in _NAME_SPLIT.split(name.lower()) if w]


def same_person(a: str, b: str) -> bool:
    """'Zhang' and 'Zhang Ming', 'Barsky' and 'Kirill Barsky' name the same person."""
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb:
        return False
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) == 1:
        return short[0] in (long_[0], long_[-1])
    if short == long_ or short == long_[-len(short):]:
        return True
    # "G. Erdenebat" and "Ganbold Erdenebat": initials stand for the given names
    return len(short) == len(long_) and short[-1] == long_[-1] and all(
        a == b or (a.endswith(".") and b.startswith(a[:-1])) or
        (b.endswith(".") and a.startswith(b[:-1])) for a, b in zip(short[:-1], long_[:-1]))


KNOWN_MEMO_LIMIT = 100_000  # names whose answer a KnownNames remembers


class KnownNames:
    """``any(same_person(name, k) for k in names)`` for a fixed list of names, asked of
    many names: the names are indexed by their first and last words (two names of the
    same person always share one: the only word of the shorter, or the last word), and
    each answer is remembered. A page's labels asked this against every configured
    speaker and alias took 8 % of loading."""

    def __init__(self, names) -> None:
        self._by_word: dict[str, list[str]] = {}
        for k in names:
            words = name_words(k)
            if words:
                for w in dict.fromkeys((words[0], words[-1])):
                    self._by_word.setdefault(w, []).append(k)
        self._memo: dict[str, bool] = {}

    def any_same(self, name: str) -> bool:
        answer = self._memo.get(name)
        if answer is None:
            words = name_words(name)
            answer = False
            if words:
                get = self._by_word.get
                candidates = get(words[0], [])
                if words[-1] != words[0]:
                    candidates = candidates + get(words[-1], [])
                answer = any(same_person(name, k) for k in candidates)
            if len(self._memo) < KNOWN_MEMO_LIMIT:
                self._memo[name] = answer
        return answer


@lru_cache(maxsize=8)
def known_names(names: tuple[str, ...]) -> KnownNames:
    """The ``KnownNames`` of a tuple of names, made once per tuple (per speaker list)."""
    return KnownNames(names)


class NameIndex:
    """Names grouped by person (``same_person``), each group found through its names'
    first and last words instead of a pass over every name: a press conference with a
    thousand one-off askers stays linear."""

    def __init__(self) -> None:
        self.groups: list[list[str]] = []
        self._by_word: dict[str, set[int]] = {}

    def find(self, name: str) -> int | None:
        """The first group (in order of creation) holding the same person, or None."""
        words = name_words(name)
        if not words:
            return None
        candidates = self._by_word.get(words[0], set()) | self._by_word.get(words[-1], set())
        for g in sorted(candidates):
            if any(same_person(name, m) for m in self.groups[g]):
                return g
        return None

    def add(self, name: str) -> int:
        """The group of ``name``, joined or begun."""
        g = self.find(name)
        if g is None:
            g = len(self.groups)
            self.groups.append([name])
        elif name not in self.groups[g]:
            self.groups[g].append(name)
        words = name_words(name)
        for w in (words[0], words[-1]):
            self._by_word.setdefault(w, set()).add(g)
        return g


def looks_like_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 5 and all(
        _NAME_WORD.match(w) or w.lower() in CONNECTORS or w.isupper() for w in words) \
        and any(_NAME_WORD.match(w) for w in words)


def is_cjk(text: str) -> bool:
    return bool(_CJK.search(text))
