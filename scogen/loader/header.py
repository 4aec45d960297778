"""The page's own metadata: title, date, publisher, byline, each chosen by score.

Every line above the first turn, the trailer and the saved page's metadata
offer candidates; each candidate is scored over the whole page (where it
stands, what stands next to it, what it says) and the best wins. The margin
over the runner-up is kept, so a close call becomes a warning.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..lang import simplified
from . import labels as L
from .dates import find_dates, infer_order, is_date_line
from .extract import Block
from .furniture import SENTENCE_END, is_furniture, script_of, word_count

GENRE = re.compile(
    r"\b(?:interview|interviews|interviewed|press conference|news conference|press briefing|"
    r"media briefing|briefing|transcript|remarks|answers|questions|q&a|says|said|told|"
    r"talks?|speaks|statement|conversation|exclusive|comments?|responds|responses)\b|"
    r"интервью|брифинг|пресс-конференц|ответ|вопрос|答记者问|专访|记者会|采访|接受", re.I)
_BYLINE = re.compile(
    r"^(?P<key>by|reporter|correspondent|interviewer|interviewed by|author|text by|written by|"
    r"edited by|editor|автор|корреспондент|беседовал[аи]?|" + L.REPORTER_KIND + r"*记者|文|作者|"
    r"编辑|责任编辑)(?:\s*[:：]\s*|\s+)(?P<name>[^|:：,;]{2,60}?)\s*(?:[-–—|,]\s*.*)?$", re.I)
_EDITOR = re.compile(r"^(?:edited by|editor|编辑|责任编辑)$", re.I)
_DESK = re.compile(r"\b(?:desk|staff|team|bureau|online|web|agencies|news service|"
                   r"correspondents?|editorial)\b", re.I)
_COPYRIGHT = re.compile(
    r"(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:copyright\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?"
    r"\s*[,.]?\s*)?(?P<holder>[^|©]+?)\s*(?:\.\s*all rights reserved.*|all rights reserved.*|"
    r"\.\s*$|\||$)", re.I)
_DISTRIBUTED = re.compile(r"\b(?i:distributed by|via|reprinted (?:by|from)|republished by)\s+"
                          r"(?P<name>[A-Z][\w&.’' -]{1,50}?)(?=\s+(?:on|at|in)\b|[,.|]|$)")
_PUBLISHED_THIS = re.compile(r"^(?:[Tt]he\s+)?(?P<name>[A-Z][^.,]{3,120}?)\s+published this\b")
_SOURCE = re.compile(r"(?:^|\|\s*|\s{2,})(?:source|источник|(?:文章|信息|新闻)?来源)\s*[:：]\s*"
                     r"(?P<name>[^|]{2,60}?)\s*(?:\||$)", re.I)
# a lead tells of the interview ("gave an interview", "answered questions from", "below is
# the transcript"); words such as "journalists" alone do not make a paragraph a lead
REPORTING = re.compile(
    r"\b(?:interview|interviewed|told|said|says|spoke|speaking|talked|talking|"
    r"speaks (?:to|with)|answered(?: \w+){0,3} questions|questions from|transcript|"
    r"as follows|following (?:are|is)|below (?:are|is)|excerpts?|asked by)\b|"
    r"интервью|заявил|сказал|ответил|采访|专访|表示|答记者问", re.I)
# an opening that speaks to the room: an announcement by the official, not a lead
SPOKEN = re.compile(r"^(?:good (?:morning|afternoon|evening|day)|dear\b|ladies and gentlemen|"
                    r"hello|welcome|friends|colleagues|let me|i (?:would|will|want|have|am)|"
                    r"we (?:have|will|would|are))\b|^добрый|^уважаемые|^大家好|^各位", re.I)


@dataclass
class Header:
    title: str = ""
    title_at: int | None = None
    title_margin: float = 99.0
    title_lines: tuple[int, ...] = ()
    date: str | None = None
    date_note: str | None = None  # why the date is a guess
    date_line: int = 0
    publisher: str | None = None
    publisher_from: str = ""
    meta_lines: tuple[int, ...] = ()  # date/byline/source lines: metadata, not chrome
    byline: str | None = None


# --- title --------------------------------------------------------------------------

def pick_title(blocks: list[Block], end: int, meta_title: str | None = None,
               page_script: str = "latin") -> tuple[int | None, float]:
    """The headline among the first lines: (index, margin over the runner-up)."""
    end = min(end, len(blocks), 30)
    texts = [b.text.strip() for b in blocks[:end + 40]]
    shown = Counter(title_text(x) for x in texts)
    scored: list[tuple[float, int]] = []
    last = max((j for j, b in enumerate(blocks) if b.text.strip()), default=-1)
    # the first paragraph of prose: a headline stands before the article's text, and a
    # short line after it is a crosshead inside the text
    prose_at = next((j for j in range(end) if _is_prose(texts[j])), end)
    for i in range(end):
        t = title_text(texts[i])
        words = word_count(t)
        if not t or words > 45 or is_date_line(t) or read_byline(t)[1] or is_furniture(t):
            continue
        if i == last:
            continue  # a headline heads something: the page's last line heads nothing
        if t.endswith(("?", "？")) and i + 1 < len(texts) and L.read_dash(texts[i + 1]):
            continue  # a question its dash-led answer follows: the interview's first turn
        if _SENTENCE_INSIDE.search(t) and t.endswith((".", "。", "!", "！")):
            continue  # sentences, one after another, ending in a full stop: prose
        if t.endswith((".", "。")) and not t.endswith("..") and (
                words >= 15 or (words >= 6 and REPORTING.search(t))):
            continue  # a long sentence, or "X spoke to Y on the topic.": a lead's, not a headline
        score = 0.0
        if words < 4:
            score -= 3
        if t.endswith((".", "。")) and not t.endswith(".."):
            score -= 2
        if t.endswith(("?", "？")):
            score -= 2
        if t.endswith((":", "：")):
            score -= 6  # "The full text is as follows:", "Answer:": never a headline
        near_after = [texts[j] for j in range(i + 1, min(len(texts), i + 4))]
        near_before = [texts[j] for j in range(max(0, i - 2), i)]
        if any(is_date_line(x) or read_byline(x)[1] for x in near_after):
            score += 3
        elif any(is_date_line(x) for x in near_before):
            score += 1
        if GENRE.search(t):
            score += 2
        if shown[t] >= 2:
            score += 2
        caps = [w for w in t.split() if w[:1].isalpha()]
        if caps and sum(w[0].isupper() for w in caps) / len(caps) >= 0.6 and words >= 4:
            score += 1
        if i == 0 and words < 6 and not any(is_date_line(x) or read_byline(x)[1]
                                            for x in near_after[:1]):
            score -= 2  # a site name

        if script_of(t) and page_script and script_of(t) != page_script:
            score -= 3
        if _BODY.match(t) and not GENRE.search(t) and not re.search(r"[:?!]", t):
            score -= 2  # "The President of Russia", "Ministry of ...": who published, not what
        if meta_title and (t in meta_title or meta_title in t):
            score += 5
        if words > 30:
            score -= 2
        if _SENTENCE_INSIDE.search(t):
            score -= 2  # two sentences on one line: more likely prose than a headline
        if find_dates(t) and not _DATE_IN_TITLE.search(t):
            score -= 1  # a line stamped with a date and time is a byline or a lead
        if i > prose_at and not (meta_title and (t in meta_title or meta_title in t)):
            continue  # a crosshead inside the text, not the headline
        scored.append((score, -i))
    if not scored or max(scored)[0] < TITLE_FLOOR:
        return None, 0.0  # an excerpt that starts below its headline: no title
    scored.sort(reverse=True)
    best = scored[0]
    margin = best[0] - scored[1][0] if len(scored) > 1 else 99.0
    return -best[1], margin


_SENTENCE_INSIDE = re.compile(r"。.|[a-z]{3,}[.!?] +[A-Z]")
TITLE_FLOOR = -3.0  # a best candidate scoring below this (a lone site name, a section
# label with nothing around it) is no headline
PROSE_WORDS = 30  # words (or CJK characters / 2) of a paragraph of prose


def _is_prose(text: str) -> bool:
    """A paragraph of two or more sentences and some length, ending as sentences end
    (Chinese sentences end in 。！？ with no space after)."""
    return word_count(text) >= PROSE_WORDS and bool(SENTENCE_END.search(text.rstrip())) \
        and len(re.findall(r"[.!?](?:\s|$|[”\"»])|[。！？]", text)) >= 2
_DATE_IN_TITLE = re.compile(r"\([^()]*\d{4}[^()]*\)|\bon\s+\w+\s+\d|\bon\s+\d")


_TRAILING_BARS = re.compile(r"(?:\s*\|)+\s*$")


def title_text(text: str) -> str:
    text = text.strip()
    if not text.endswith("|"):  # the only text the pattern can match in (a search of
        return text  # every position of every paragraph was 3 % of loading)
    return _TRAILING_BARS.sub("", text).strip()


# --- date ---------------------------------------------------------------------------

def pick_date(blocks: list[Block], header_end: int, title_at: int | None,
              lead_at: list[int], trailer_from: int, meta_date: str | None = None):
    """(iso date, line, note) from the best-placed date on the page."""
    # the page's own dates (header, lead, trailer) show how it writes numeric dates
    order = infer_order(b.text for i, b in enumerate(blocks)
                        if i < header_end or i >= trailer_from or i in lead_at)
    cands: list[tuple[float, int, str, int, bool]] = []
    for i, b in enumerate(blocks):
        if header_end <= i < trailer_from and i not in lead_at:
            continue
        text = b.text
        hits = find_dates(text, order)
        if not hits:
            continue
        if is_date_line(text):
            base = 4.0
        elif i == title_at:
            base = 3.0
        elif i in lead_at:
            base = 2.5 if hits[0].start < 80 else 0.5
        elif i >= trailer_from:
            base = 0.5
        else:
            base = 1.0
        for k, h in enumerate(hits):
            score = base - 0.1 * k
            if h.ambiguous and order is None:
                score -= 1.5
            cands.append((score, -i, h.iso, b.line, h.ambiguous and order is None))
    if meta_date:
        cands.append((4.5, 1, meta_date, blocks[0].line if blocks else 0, False))
    if not cands:
        return None, 0, None
    cands.sort(reverse=True)
    score, _, iso, line, assumed = cands[0]
    note = None
    if assumed:
        note = f"date {iso} read day-first from a numeric date; the page does not show its order"
    elif order is not None and any(
            h.ambiguous for b in blocks for h in find_dates(b.text, order) if h.iso == iso):
        note = f"numeric date read as {'month' if order == 'mdy' else 'day'} first, as other " \
               f"dates on this page are written"
    return iso, line, note


# --- publisher -----------------------------------------------------------------------

def copyright_holder(text: str) -> str | None:
    if "©" not in text and "(c)" not in text and "(C)" not in text and \
            "opyright" not in text and "OPYRIGHT" not in text:
        return None
    if len(text.split()) > 25:
        return None  # a paragraph that mentions copyright is no footer
    if "©" not in text and "opyright" not in text.lower() and \
            not re.search(r"\([cC]\)\s*(?:(?:19|20)\d\d|[A-Z])", text):
        return None  # "(c) a council of ...": an item of a list
    before = re.match(r"^(?P<holder>[A-Z][^,©|]{2,60}?)\s+(?i:copyright)(?:,|\s*$)", text.strip())
    if before and "copyright" not in before["holder"].lower():
        # "Tianshan Satellite TV copyright, please indicate the source ..."
        return before["holder"].strip()
    m = _COPYRIGHT.search(text)
    if not m:
        return None
    holder = m["holder"].strip(" .,-–")
    holder = re.split(r"\.\s+(?=\S)|\s+[|·•]\s+", holder)[0]  # "X. Reproduction only ..."
    holder = re.sub(r"^(?:by|the copyright of)\s+", "", holder, flags=re.I)
    holder = re.sub(r",?\s*(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?$", "", holder).strip(" ,")
    holder = _LEGAL_FORM.sub("", holder).strip(" ,.")
    holder = re.sub(r"^The\s+(?=(?:Ministry|Embassy|Secretariat|Office|Council|Committee)\b)",
                    "", holder)
    if not holder or len(holder.split()) > 12 or not holder[:1].isalnum() or \
            re.fullmatch(r"(?i)all rights reserved|\d+\+?", holder):
        return None
    return holder


# a company's legal form or group name after the name its readers know
_LEGAL_FORM = re.compile(r"(?:,?\s+(?:LLC|LLP|Ltd\.?|Limited|Inc\.?|Corp\.?|JSC|PLC|GmbH|"
                         r"S\.A\.|Co\.|Media Group|Group|Holding|Holdings))+$")


def pick_publisher(blocks: list[Block], header_end: int, trailer_from: int,
                   meta_publisher: str | None = None) -> tuple[str | None, str, int | None]:
    """(publisher, where it came from, index of a source line that is metadata)."""
    texts = [b.text.strip() for b in blocks]
    holders = [(i, h) for i, t in enumerate(texts)
               if (i < header_end or i >= trailer_from) and (h := copyright_holder(t))]
    outside = texts[:header_end] + texts[trailer_from:]  # the body is not about the page
    distributors = {m["name"].strip().lower() for t in outside for m in _DISTRIBUTED.finditer(t)}
    holder = holders[-1][1] if holders else None
    if holder and holder.lower() in distributors or (not holder and distributors):
        # an aggregator's copy: the body that issued the original
        for t in texts[trailer_from:]:
            m = _PUBLISHED_THIS.match(re.sub(r"^[^:：]{1,20}[:：]\s*", "", t))  # "Disclaimer: ..."
            if m:
                return m["name"].strip(), "aggregator disclaimer", None
        for i in range(min(header_end, len(texts))):
            nxt = texts[i + 1] if i + 1 < len(texts) else ""
            if is_date_line(nxt) and _org_line(texts[i]) and i > 0:
                return texts[i], "aggregator source line", i
    if holder:
        if texts and _org_line(texts[0]) and _abbreviates(holder, texts[0]):
            return _site_case(texts[0]), "site name", None  # "© MFA of X" under "Ministry of X"
        return holder, "copyright line", None
    if meta_publisher:
        return meta_publisher, "page metadata", None
    for t in texts[:5]:
        if (site := welcome_site(t)):
            return site, "welcome line", None
    for i, t in enumerate(texts[:header_end]):
        m = _SOURCE.search(t)
        if m:
            return re.sub(r"(?<=[\u4e00-\u9fff])(?:官网|官方网站|网站)$", "", m["name"].strip()), \
                "source line", i  # 外交部官网: the ministry, not its website
    if texts and _org_line(texts[0]) and (len(texts[0].split()) <= 8 or _BODY.match(texts[0])) \
            and not GENRE.search(texts[0]) and not (len(texts) > 1 and is_date_line(texts[1])):
        return _site_case(texts[0]), "site name", None
    return None, "", None


def _abbreviates(short: str, full: str) -> bool:
    """'МИД Кыргызской Республики' abbreviates 'Министерство иностранных дел Кыргызской
    Республики': its acronyms spell runs of the full name's initials, and it adds nothing."""
    words = full.split()
    initials = "".join(w[0].lower() for w in words)
    out, expanded = [], False
    for token in short.split():
        if token.isupper() and len(token) >= 2 and token.lower() in initials:
            at = initials.index(token.lower())
            out.extend(words[at:at + len(token)])
            expanded = True
        else:
            out.append(token)
    return expanded and " ".join(out).lower() == full.lower()


def _org_line(text: str) -> bool:
    if L.is_cjk(text):  # 丝路时报, 中华人民共和国驻吉尔吉斯共和国大使馆
        return 3 <= len(text.strip()) <= 24 and not re.search(r"[|｜:：，,。>/\s]", text.strip())
    words = text.split()
    return 1 <= len(words) <= 12 and len(text) >= 4 and not re.search(r"[|.?!:;>/]", text) \
        and text[:1].isupper() and not is_date_line(text) and not is_furniture(text) and \
        not L.META_KEYS.match(text.strip())


_BODY = re.compile(r"^(?:the\s+)?(?:ministry|embassy|consulate|permanent mission|secretariat|"
                   r"office|council|committee|government|administration|president|"
                   r"министерство|посольство|секретариат|中华人民共和国)\b", re.I)
_SMALL = frozenset({"THE", "OF", "AND", "FOR", "IN", "ON", "AT", "TO"})


def _site_case(text: str) -> str:
    """'THE DIPLOMATIC HERALD' -> 'The Diplomatic Herald'; 'KHAN-TENGRI TV' keeps 'TV'."""
    if not (text.isupper() and len(text.split()) > 1):
        return text
    out = []
    for i, w in enumerate(text.split()):
        if w in _SMALL:
            out.append(w.capitalize() if i == 0 else w.lower())
        elif len(w) <= 3:
            out.append(w)
        else:
            out.append("-".join(p.capitalize() for p in w.split("-")))
    return " ".join(out)


_WELCOME = re.compile(r"\b(?i:welcome to (?:visit )?(?:the )?)(?P<site>[A-Z][\w&’' .-]{1,60}?)[.!]?$")


def welcome_site(text: str) -> str | None:
    """'Hello, welcome to visit Shanghai Forum' names the site."""
    m = _WELCOME.search(text.strip())
    return m["site"].strip() if m else None


def site_names(blocks: list[Block]) -> tuple[str, ...]:
    """Names the site calls itself (copyright holders, a welcome line, the first line)."""
    edges = blocks[:12] + blocks[-12:] if len(blocks) > 24 else blocks
    names = [h for b in edges if (h := copyright_holder(b.text))]
    names += [w for b in blocks[:5] if (w := welcome_site(b.text))]
    if blocks and _org_line(blocks[0].text):
        names.append(blocks[0].text.strip())
    return tuple(dict.fromkeys(names))


# --- byline ---------------------------------------------------------------------------

def read_byline(text: str) -> tuple[str | None, bool]:
    """(person named as author/reporter, is it a byline at all); editors and desks are
    bylines that name no interviewer."""
    cells = [c.strip() for c in re.split(r"\s*\|\s*", text.strip()) if c.strip()]
    found = False
    for cell in cells:
        m = _BYLINE.match(simplified(cell))  # 記者 reads as 记者
        if not m:
            continue
        name = cell[m.start("name"):m.end("name")].strip()
        if _EDITOR.match(m["key"]) or _DESK.search(name) or find_dates(name):
            found = True
            continue
        if len(name.split()) > 5 or re.search(r"[.?!]$", name) or name[:1].isdigit():
            continue  # "Reporter: What has ...", "By 2030, ...": no byline
        if L.looks_like_name(name) or L.is_cjk(name):
            return name, True
    return None, found


def page_script(blocks: list[Block]) -> str:
    """The script most of the page is written in."""
    sample, size = [], 0
    for b in blocks:  # the middle of the page is its text; a few thousand letters tell
        sample.append(b.text)
        size += len(b.text)
        if size > 6000:
            break
    return script_of(" ".join(sample)) or "latin"


