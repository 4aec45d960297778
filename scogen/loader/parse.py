"""From paragraphs to a record: layout, header, entities, kinds and speakers.

Works on ``Block(line, text)`` paragraphs of raw text. The page is read whole
before anything is decided: ``structure`` finds how it marks its turns,
``header`` scores the title, date and publisher candidates, ``entities`` reads
who is who from the title, lead and byline, and the kinds and speakers are
decided here from the labels, the entity table and the alternation. Text that ends
up in the record goes through the ``clean`` callback, which records every
repair. Every guess becomes a ``Notice`` with its line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from ..model import Notice, Person
from . import header as H
from . import labels as L
from .dates import find_date, is_date_line
from .extract import Block
from .furniture import is_furniture, is_heading_like, script_of, word_count
from .structure import Segment, layout, read_labels, split_inline
from . import entities as E

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


# "Speaker 3:", "Participant:": a voice from the floor, not the page's interviewer
_ANONYMOUS = frozenset({"speaker", "participant", "audience", "journalist", "media", "press",
                        "questions"})
_BRIEFING = re.compile(r"\b(?:press conference|news conference|briefing|press approach|"
                       r"press statement)\b|брифинг|пресс-конференц|记者会|吹风会", re.I)


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
    if meta_title and len(meta_title) > 400:
        meta_title = None  # no headline is that long: not a title to copy into every page
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
    names = _title_names(blocks[title_at].text if title_at is not None else "",
                         is_common_word) - keep
    if keep or names:
        plain = clean

        def clean(text: str, line: int) -> str:  # the page's own names are kept whole
            return plain(text, line, keep, names)
    if title_at is not None and title_at >= lay.header_end and lay.segments:
        title_at, margin = H.pick_title(blocks, lay.header_end, meta_title, script)
    publisher, _src, source_at = H.pick_publisher(
        blocks, lay.header_end, lay.body_end,
        meta.publisher[0] if meta is not None and meta.publisher else None)
    if publisher and _src == "site name" and title_at == 0:
        publisher = None  # the first line is the headline ('Ministry outlines ...'), no site
    out.publisher = publisher

    # --- header: title, metadata lines, chrome, lead ---------------------------------
    lead_at: list[int] = []
    title_text = H.title_text(blocks[title_at].text) if title_at is not None else ""
    # a wire dateline ('中新网北京12月12日电', 'BEIJING, Dec. 12 (Xinhua) --') opens the story:
    # what stands between the title and it is not the lead
    wire = next((i for i in range(lay.header_end) if i != title_at and
                 (title_at is None or i > title_at) and _WIRE.match(blocks[i].text.strip())),
                None)
    if wire is not None and not out.publisher:  # the agency that filed the story
        agency = _WIRE_AGENCY.search(blocks[wire].text.strip())
        if agency:
            out.publisher = agency["cn"] or agency["en"]
    for i in range(lay.header_end):
        text = blocks[i].text.strip()
        if i == title_at or (title_text and H.title_text(text) == title_text):
            continue
        if wire is not None and (title_at is None or i > title_at) and i < wire and \
                not is_date_line(text) and not H.read_byline(text)[1] and i != source_at:
            out.chrome.append(text)
            if _is_prose(text) and not is_furniture(text, sites):
                out.warnings.append(Notice(f"a line before the wire dateline was dropped as "
                                           f"page furniture: {text[:60]!r}", blocks[i].line,
                                           "loader.dropped_prose"))
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
        if _PULL_QUOTE.match(text) or word_count(text) < 6 or \
                (not re.search(r"[.!?…:\"”»)。！？：]$", text) and find_date(text) and
                 not H.REPORTING.search(text)):
            out.chrome.append(text)  # a pull quote, a widget, a dated photo caption
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
    table = E.Entities(out, title_text and out.title, " ".join(t for _, t in lead_clean),
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


_WIRE = re.compile(r"^[\u4e00-\u9fff]{2,12}?\d{1,2}月\d{1,2}日电|"
                   r"^[A-Z][A-Z .-]{2,30},\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s+\([A-Z][\w ]{1,30}\)\s*[-–—]")
_WIRE_AGENCY = re.compile(r"^(?P<cn>[\u4e00-\u9fff]{1,8}?(?:网|社|报|台))(?=[\u4e00-\u9fff]{2,4}\d)|"
                          r"\((?P<en>[A-Z][\w ]{1,30})\)\s*[-–—]")
_PULL_QUOTE = re.compile(r"^[\"“«„][^\"“”«»]{10,200}[\"”»]$")



def _page_names(segs: list[Segment]) -> frozenset[str]:
    """Name words the page writes whole in its labels and captions ('SALTANAT OMAROVA'):
    the same word in the text is a name, not words run together."""
    words = set()
    for s in segs:
        if s.label is not None and s.label.name and not L.is_cjk(s.label.name):
            for w in s.label.name.replace("-", " ").split() + s.label.name.split():
                if len(w) >= 3 and w[:1].isupper() and w.isalpha() or "-" in w:
                    words.add(w)
            for w in (s.label.title or "").split():  # "Steppe24", "EastLink" in a caption
                if re.fullmatch(r"[A-Z][a-z]+(?:[A-Z][a-z]*|\d+)\w*", w):
                    words.add(w)
    return frozenset(words)


def _title_names(title: str, is_common_word) -> frozenset[str]:
    """Words of the headline no dictionary knows, written as names ('Khovar', one
    capital then lower case): a token of the text that is one of them run into a
    short word is mended. They are not protected from splitting as label names
    are: a headline can be damaged too."""
    return frozenset(w for w in re.findall(r"\b[A-Z][a-z]{3,}\b", title)
                     if not is_common_word(w, 0.01))


def _is_prose(text: str) -> bool:
    return len(text.split()) >= 10 and bool(re.search(r"[.!?…。]$", text.strip()))


# --- kinds and speakers -------------------------------------------------------------------

def _resolve(out: Parsed, segs: list[Segment], table: E.Entities, lead_clean, blocks) -> None:
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
    main = max((k for k in stats if stats[k][1] * 2 < stats[k][0]),
               key=lambda k: stats[k][2], default=None)
    asker: dict[str, bool] = {}
    scores: dict[str, float] = {}
    for k, (n, asks, words) in stats.items():
        score = 2 * asks / n - 1 - (words / total_words - 1 / len(stats))
        title_words = {w.lower() for s, kk in zip(segs, keys) if kk == k and s.label
                       for w in (s.label.title or "").replace(",", " ").split()}
        cjk = {L.cjk_title_kind(s.label.title) for s, kk in zip(segs, keys)
               if kk == k and s.label and s.label.title}
        if title_words & E.ASKER_TITLES or "asker" in cjk:
            score += 2.5
        elif "official" in cjk or title_words & (L.TITLE_WORDS - E.ASKER_TITLES - {"news", "agency", "desk", "channel",
                                                            "tv", "radio", "press"}):
            score -= 2
        if out.interviewer and L.same_person(canon[k], out.interviewer):
            score += 3
        if k == main:
            score -= 1
        if canon[k] and canon[k] in table.title and canon[k] != table.outlet:
            score -= 1  # named in the title: the interviewee (unless as the asking outlet)
        if words / total_words > 0.5:
            score -= 0.5
        if E.is_outlet(canon[k]) and not L.is_cjk(canon[k]):
            score += 0.5  # an outlet asks; officials answer
        scores[k] = score
        asker[k] = score > 0
    role_questions = any(s.label is not None and s.label.role == "question" for s in segs)
    if len(stats) == 2 and not role_questions and len(set(asker.values())) == 1 and \
            any(st[1] for st in stats.values()):
        # a dialogue where both look alike: exactly one of the two asks
        hi, lo = sorted(stats, key=lambda k: scores[k], reverse=True)
        asker[hi], asker[lo] = True, False
    askers = [k for k in stats if asker[k]]
    answerers = [k for k in stats if not asker[k]]
    # interviewer: one named person asks every question
    if not out.interviewer and len(askers) == 1 and not E.is_outlet(canon[askers[0]]) and \
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
        E.add_person(out, canon[k], titles + table.roles_for(canon[k]))
    if not out.interviewees:
        E.interviewee_from_text(out, table)
    if main_name is None and len(out.interviewees) == 1:
        main_name = out.interviewees[0].name
    # questions are the interviewer's, or the outlet's when several reporters asked
    one_asker = out.interviewer if out.interviewer and ", " not in out.interviewer else None
    questioner = one_asker or table.outlet
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
                speaker = lab.outlet or E.self_named(s, table) or (
                    None if lab.text.split()[0].lower() in _ANONYMOUS else questioner)
            elif lab.role in ("answer", "answerer"):
                kind, speaker = "answer", main_name
            else:
                kind, speaker = ("question" if s.asks else "remark"), None
        elif k is not None:
            kind = "question" if asker[k] else "answer"
            speaker = canon[k]
            if asker[k] and E.is_outlet(speaker) and out.interviewer and single_asker == speaker:
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
            lab.text.split()[0].lower() in E.ASKER_TITLES)  # "Reporter:" and a reporter byline
        if speaker and not own:
            inferred.setdefault((kind, speaker), s.line)
    turns = _lost_questions(turns, questioner, out)
    _moderators(turns, out)
    for (kind, speaker), line in inferred.items():  # every guess is visible
        out.warnings.append(Notice(f"{kind}s with no speaker label attributed to {speaker!r}, "
                                   f"named in the title, lead or byline", line,
                                   "loader.speaker_inferred"))
    _remarks(turns)
    # the unlabelled paragraphs before the first turn: a lead, or the answerer speaking
    briefing = len(askers) >= 2 or bool(_BRIEFING.search(table.title))
    spoken = bool(lead_clean) and bool(H.SPOKEN.search(lead_clean[0][1]))
    if lead_clean and turns and turns[0].kind == "question" and main_name and briefing and \
            (spoken or not any(H.REPORTING.search(t) for _, t in lead_clean)):
        turns.insert(0, RawTurn("remark", None, None, main_name, lead_clean[0][0],
                                list(lead_clean)))
        out.warnings.append(Notice(f"unlabelled paragraphs before the first question read as "
                                   f"an opening statement by {main_name!r}, not as a lead",
                                   lead_clean[0][0], "loader.opening_remark"))
        lead_clean = []
    if lead_clean:
        out.lead = "\n\n".join(t for _, t in lead_clean)
    out.turns = turns
    E.complete_roles(out)
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


HAND_ON_WORDS = 12  # a chair's words between an answer and the next question
# the word for a question in the label grammar's languages (labels.QUESTION_ROLES)
_CALLS_QUESTION = re.compile(r"(?i)\b(?:questions?|вопрос\w*)\b|提问|问题")


def _moderators(turns: list[RawTurn], out: Parsed) -> None:
    """A named speaker who never answers right after a question, while others do, chairs
    the briefing: their turns are remarks and they are no interviewee."""
    answered = {t.speaker for prev, t in zip(turns, turns[1:])
                if prev.kind == "question" and t.kind == "answer" and t.speaker}
    questions = [i for i, t in enumerate(turns) if t.kind == "question"]
    if not answered or not questions:
        return
    edges = set(range(questions[0])) | {i for i in range(questions[-1] + 1, len(turns))
                                         if turns[i].speaker not in answered or
                                         i > questions[-1] + 1}
    chairs = {t.speaker for t in turns if t.speaker and t.label is not None and
              t.speaker not in answered and t.kind in ("answer", "remark")}
    # a chair opens and closes, and mid-way only hands the floor on: every turn of theirs
    # stands before the first question, after the last answer, or is a few words that
    # call the question that follows ("Next question, please"); one who adds to answers
    # mid-way ("I agree, and ...") is a second interviewee
    hands_on = {i for i in range(len(turns) - 1) if turns[i + 1].kind == "question" and
                sum(len(p.split()) for _, p in turns[i].paragraphs) <= HAND_ON_WORDS and
                any(_CALLS_QUESTION.search(p) for _, p in turns[i].paragraphs)}
    chairs = {c for c in chairs if all(i in edges or i in hands_on
                                       for i, t in enumerate(turns) if t.speaker == c)}
    if not chairs:
        return
    for t in turns:
        if t.speaker in chairs and t.kind == "answer":
            t.kind = "remark"
    out.interviewees[:] = [p for p in out.interviewees if p.name not in chairs]


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
    index = L.NameIndex()
    for name in names:
        if name is None:
            keys.append(None)
            continue
        keys.append(index.groups[index.add(name)][0].lower())
    for g in index.groups:
        canon[g[0].lower()] = max(g, key=lambda n: (len(n.split()), len(n)))
    return keys, canon


def _read_trailer(trailer: list[Block], clean: Clean, out: Parsed, sites) -> None:
    for block in trailer:
        text = block.text.strip()
        m = E.NAME_ROLE.match(text)
        if m and L.looks_like_name(m["name"]) and not is_heading_like(text) and \
                not is_furniture(text, sites) and E.looks_like_role(m["role"]):
            E.add_person(out, m["name"], [clean(m["role"].strip(), block.line)])
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
