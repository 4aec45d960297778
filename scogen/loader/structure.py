"""How this page marks its turns: candidate markers, scored over the whole page.

Every paragraph is read for every marker shape it could carry (a colon label,
a label alone on its line, a caption before quoted speech, a name run into the
text, a question number, an outlet suffix, a dash, a bare question mark). A
shape is accepted for the page when the page uses it consistently: a label
whose speaker recurs, or any label of a shape the page has already
established, so a journalist who asks once at a press conference starts a
turn like everyone else. Shapes the page does not establish are left as text,
and where a turn was accepted on weak evidence the layout says so.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ..lang import simplified
from ..model import Notice
from . import labels as L
from .dates import is_date_line
from .extract import Block
from .furniture import SENTENCE_END, is_furniture, is_heading_like, is_teaser

_INLINE = re.compile(r"(?<=[.?!…\"”。？！])\s+(?=\S)")
_LATER_COLON = re.compile(r"[:：]")
_GREETING = re.compile(r"(?i)(?:good (?:morning|afternoon|evening|day)|dear\b|hello|"
                       r"ladies and gentlemen|welcome\b|thank you)")
_QMARK = re.compile(r"[?？]\s*[\"”»)]?\s*$")


@dataclass
class Segment:
    """One turn as found on the page, before kinds and speakers are decided."""
    start: int  # index of its first block
    line: int
    marker: str  # colon | line | caption | prefix | numbered | outlet | dash | bare | answer
    label: L.Label | None = None
    number: int | None = None
    outlet: str | None = None
    paragraphs: list[tuple[int, str]] = field(default_factory=list)
    weak: bool = False  # accepted on the page's shape alone (a one-off label)
    glued: str | None = None  # "Name:" written without a space before the text ("Yuhan:What")

    @property
    def asks(self) -> bool:
        return bool(self.paragraphs) and bool(_QMARK.search(self.paragraphs[-1][1]) or
                                              "?" in self.paragraphs[-1][1][-40:])


@dataclass
class Layout:
    blocks: list[Block]
    header_end: int  # blocks[:header_end] come before the first turn
    body_end: int  # blocks[body_end:] are the trailer
    segments: list[Segment]
    chrome: list[str]  # furniture found inside the body
    notices: list[Notice]
    shape: str  # the page's main marker shape


def read_labels(blocks: list[Block], is_common_word) -> list[L.Label | None]:
    """The label each block opens with (read once per page, used by every pass)."""
    return [L.read_label(b.text, is_common_word) for b in blocks]


def layout(blocks: list[Block], is_common_word, known_names=(), site_names=(),
           title_at: int | None = None, interview: bool = False,
           labels: list[L.Label | None] | None = None) -> Layout:
    """The page's turns. ``interview``: the title or lead says this is an interview, so
    even one unmarked question or dash on a short page is read as a question."""
    notices: list[Notice] = []
    labels = list(labels) if labels is not None else read_labels(blocks, is_common_word)
    for i, lab in enumerate(labels):
        if lab is not None and not lab.rest.strip() and not _next_is_text(blocks, labels, i):
            labels[i] = None  # "Contacts:" alone before more furniture
        if lab is not None and i == title_at:
            labels[i] = None
    captions = [L.read_caption(b.text, is_common_word) if labels[i] is None else None
                for i, b in enumerate(blocks)]
    keys = _identities([*(l for l in labels if l), *(c for c in captions if c)])
    count = Counter(keys.get(_key(l)) for l in [*labels, *captions] if l and l.name)
    known = L.known_names(tuple(known_names))  # (same_person reads names in lower case)

    def recurs(lab: L.Label) -> bool:
        if not lab.name:
            return False
        return count[keys.get(_key(lab))] >= 2 or known.any_same(lab.name)

    # every colon label is a candidate; each is scored on its own shape and on the page
    cands = {i: lab for i, lab in enumerate(labels)
             if lab is not None and not _is_byline(lab) and
             not _is_headline(blocks, i, lab) and
             not (not lab.role and not recurs(lab) and _lower_start(lab.rest))}
    base = {i: _label_score(lab, recurs(lab), is_common_word) -
            (2.0 if title_at is not None and i < title_at else 0.0) for i, lab in cands.items()}
    if cands:  # "ALMATY: Officials briefed ...": a news dateline opens the first paragraph
        i0 = min(cands)
        lab0 = cands[i0]
        if lab0.name and lab0.name.isupper() and len(lab0.name.split()) == 1 and \
                not recurs(lab0) and not _QMARK.search(lab0.rest):
            base[i0] -= 1.5
    for i, lab in cands.items():  # a label near another speaker's label: a dialogue
        if any(j in cands and _key(cands[j]) != _key(lab) for j in range(i - 3, i + 4)):
            base[i] += 1.0
    starts: dict[int, Segment] = {}
    for i, lab in cands.items():
        if base[i] >= ACCEPT:
            starts[i] = _seg(blocks, i, lab, weak=not (lab.role or recurs(lab)))
    closing: list[int] = []  # closing[j]: lines that close a transcript in blocks[:j]

    def closed_between(start: int, end: int) -> bool:
        if not closing:  # counted once, when first asked
            closing.append(0)
            for b in blocks:
                closing.append(closing[-1] + _closes(b.text, site_names))
        return closing[end] > closing[start]

    strong = [i for i, seg in starts.items() if not seg.weak]
    if strong:  # a one-off label after the furniture that closes the transcript
        last_strong = max(strong)
        for i in [i for i in starts if i > last_strong]:
            if closed_between(last_strong + 1, i):
                del starts[i]
    cap_ok = [i for i, c in enumerate(captions) if c and recurs(c)]
    if len(cap_ok) >= 2:
        for i, c in enumerate(captions):
            if c and i not in starts:
                starts[i] = _seg(blocks, i, c, weak=not recurs(c))
    if starts:  # a page that marks its turns this way: its one-off labels count too
        first, last = min(starts), max(starts)
        for i, lab in cands.items():
            if i in starts or base[i] + 1.0 < ACCEPT or not (
                    i > first or (i == first - 1 and _QMARK.search(lab.rest))):
                continue
            one_word = len(_spaced(lab.name or "").split()) == 1 and not (lab.name or "").isupper()
            if one_word and not lab.title and not _QMARK.search(lab.rest):
                continue  # "Samarkand: a city that ...": a single word that asks nothing
            if i > last and closed_between(last + 1, i):
                continue  # past the page furniture that closes the transcript
            starts[i] = _seg(blocks, i, lab, weak=not recurs(lab))
    for i, seg in sorted(starts.items()):
        if seg.weak and seg.label is not None:
            notices.append(Notice(f"label {seg.label.text!r} occurs once; accepted as a turn "
                                  f"from its shape (score {base.get(i, 0):.1f})",
                                  blocks[i].line, "loader.one_off_label"))
    if starts:  # near misses inside the transcript: read as text, but say so
        first, last = min(starts), max(starts)
        for i, lab in cands.items():
            if i not in starts and first < i < last and ACCEPT - 1.0 <= base[i] < ACCEPT:
                notices.append(Notice(f"{lab.text!r} looks like a speaker label but was read "
                                      f"as text (score {base[i]:.1f} of {ACCEPT:.0f})",
                                      blocks[i].line, "loader.near_miss_label"))
    for i, b in enumerate(blocks):  # numbered questions, outlet suffixes
        if i in starts or labels[i] is not None:
            continue
        seg = _question_marker(blocks, i)
        if seg is not None and (title_at is None or i > title_at):
            starts[i] = seg
    shape = _main_shape(starts)
    if len(starts) < 2:
        prefixed = _prefix_labels(blocks, is_common_word, title_at)
        if len(prefixed) >= 3:
            starts.update(prefixed)
            shape = "prefix"
    dashes = [i for i, b in enumerate(blocks) if L.read_dash(b.text) and i not in starts]
    dash_questions = [i for i in dashes if _QMARK.search(blocks[i].text)]
    if len(starts) < 2 and (len(dashes) >= 2 or (interview and dash_questions)):
        for i in dashes:
            rest = L.read_dash(blocks[i].text)
            starts[i] = Segment(i, blocks[i].line, "dash", paragraphs=[(blocks[i].line, rest)])
        if not dash_questions:  # dashes mark the answers only: a question is what asks
            for i in dashes:    # right before one ('Когда начнётся стройка?' / '— Уже …')
                j = i - 1
                if j >= 0 and j not in starts and (title_at is None or j > title_at) and \
                        _QMARK.search(blocks[j].text) and not is_furniture(blocks[j].text):
                    starts[j] = Segment(j, blocks[j].line, "bare",
                                        paragraphs=[(blocks[j].line, blocks[j].text.strip())])
        shape = "dash"
    if len(starts) < 2:
        bare = _bare_questions(blocks, title_at)
        if len(bare) >= 2 or (bare and (interview or _opens_by_asking(blocks, bare, title_at))):
            starts.update(bare)
            for i in dashes:  # a dash still opens a turn: '— По приглашению …' answers
                if i not in starts:
                    starts[i] = Segment(i, blocks[i].line, "dash",
                                        paragraphs=[(blocks[i].line, L.read_dash(blocks[i].text))])
            shape = "bare"
            notices.append(Notice("no speaker labels: paragraphs ending in '?' were read as "
                                  "questions and the paragraphs after them as answers",
                                  blocks[min(bare)].line, "loader.unmarked_questions"))
    return _assemble(blocks, starts, shape, notices, site_names)


# --- shapes ---------------------------------------------------------------------------

def _key(lab: L.Label) -> str:
    return (lab.name or lab.role or lab.text).lower()


def _identities(found: list[L.Label]) -> dict[str, str]:
    """Each label name -> one key per person (surname-only labels join full names)."""
    index = L.NameIndex()
    out: dict[str, str] = {}
    names = sorted({_key(l) for l in found if l.name}, key=lambda s: -len(s.split()))
    for name in names:
        g = index.find(name)
        out[name] = index.groups[g][0] if g is not None else index.groups[index.add(name)][0]
    return out


def _next_is_text(blocks, labels, i: int) -> bool:
    if i + 1 >= len(blocks):
        return False
    nxt = blocks[i + 1].text
    return labels[i + 1] is None and not is_furniture(nxt) and len(nxt.split()) >= 3


def _is_headline(blocks: list[Block], i: int, lab: L.Label) -> bool:
    """'Name: headline words' at the top of the page, next to its date line."""
    rest = lab.rest.strip()
    quoted = re.fullmatch(r"[\"“«„'‘](?P<q>[^\"“”«»]{3,160})[\"”»'’]", rest)
    if quoted:  # Name: "Our chairmanship will be practical"
        rest = quoted["q"].rstrip(".!")
    if not rest or SENTENCE_END.search(rest) or rest.endswith((",", ":", ";", "—", "-")) or \
            len(rest.split()) > 25 or _GREETING.match(rest):
        return False  # "Name: Good morning everyone" is speech, not a headline
    near = [blocks[j].text for j in range(max(0, i - 2), min(len(blocks), i + 3)) if j != i]
    return any(is_date_line(t) or _BYLINE_KEY.match(simplified(t)) or re.match(r"(?:By|BY|by)\s+[A-Z]", t)
               for t in near) or any(t.strip() == blocks[i].text.strip() for t in near)


ACCEPT = 2.0  # a label scoring this much starts a turn


def _label_score(lab: L.Label, recurring: bool, is_common_word) -> float:
    """How much a colon label looks like a speaker label, from its own shape."""
    if lab.role:
        return 3.0
    score = 2.0 if recurring else 0.0
    name = _spaced(lab.name or "")
    words = name.split()
    if lab.title and _title_evidence(lab.title):
        score += 1.5
    if L.is_cjk(name) or (2 <= len(words) <= 4 and not L.names_an_organisation(name)
                          and L.looks_like_name(name)):
        score += 1.0
    elif len(words) == 1 and name.isupper() and 2 <= len(name) <= 8:
        score += 0.5  # an agency's initials: CCTV, AFP
    rest = lab.rest.strip()
    if len(rest.split()) >= 6 or (L.is_cjk(rest) and len(rest) >= 10):
        score += 0.5
    if _QMARK.search(rest):
        score += 0.5
    if len(words) >= 2 and L.same_person(name, " ".join(rest.split(",")[0].split()[:4])):
        score += 1.0  # "K.Panyushkin: Konstantin Panyushkin, Channel One.": introduces himself
    if len(lab.text.split()) == 1 and not lab.text.isupper() and is_common_word(lab.text, 4.0):
        score -= 2.0  # "Introduction:", "Summary:": a heading, not a speaker
    return score


def _spaced(name: str) -> str:
    """'В.Путин' -> 'В. Путин': an initial written against the surname is still a word."""
    return re.sub(r"(?<=\b\w\.)(?=\w)", " ", name)


def _title_evidence(title: str) -> bool:
    words = [w.strip(",()") for w in title.split()]
    return any(w.lower() in L.TITLE_WORDS or w.lower() in L.ROLE_WORDS or
               any(p.lower() in L.TITLE_WORDS for p in w.split("-")) or
               (w.isupper() and len(w) >= 2) for w in words) or L.is_cjk(title)


def _is_byline(lab: L.Label) -> bool:
    """'Reporter:Li Yuheng': a role word followed by nothing but a name."""
    rest = lab.rest.strip()
    return lab.role == "question" and 0 < len(rest.split()) <= 4 and \
        not SENTENCE_END.search(rest) and L.looks_like_name(rest)


def _seg(blocks: list[Block], i: int, lab: L.Label, weak: bool = False) -> Segment:
    rest = lab.rest.strip()
    marker = lab.shape if rest else "line"
    seg = Segment(i, blocks[i].line, marker, lab, lab.number, lab.outlet, weak=weak)
    if rest:
        seg.paragraphs.append((blocks[i].line, rest))
        text = blocks[i].text
        at = len(text) - len(lab.rest)
        if at > 0 and text[at - 1] in ":：" and lab.rest[:1].isalnum() and text[at - 1] == ":":
            # a lost space after the label's colon is damage: cleaned with the label's last
            # word, so the repair reads 'Yuhan:What' -> 'Yuhan: What'
            seg.glued = text[:at].split()[-1]
    return seg


def _question_marker(blocks: list[Block], i: int) -> Segment | None:
    text = blocks[i].text
    marker = L.read_marker(text)
    body = marker.rest if marker.number is not None else text
    outlet_q = L.read_outlet_question(body)
    if outlet_q:
        return Segment(i, blocks[i].line, "outlet", None, marker.number, outlet_q[1],
                       [(blocks[i].line, outlet_q[0])])
    if marker.number is not None and _QMARK.search(body):
        return Segment(i, blocks[i].line, "numbered", None, marker.number, None,
                       [(blocks[i].line, body.strip())])
    return None


def _main_shape(starts: dict[int, Segment]) -> str:
    shapes = Counter(s.marker for s in starts.values())
    return shapes.most_common(1)[0][0] if shapes else "none"


_PREFIX_WORD = re.compile(r"^[A-ZА-ЯЁ][\w’'&.-]*$")


def _prefix_labels(blocks: list[Block], is_common_word, title_at) -> dict[int, Segment]:
    """Labels with no colon: a name or outlet run into its text, recurring on the page
    ('Beijing Youth Daily Could you ...', 'Dong Yuhang China welcomes ...')."""
    heads: list[list[str]] = []
    for b in blocks:
        words = b.text.split()
        run = []
        for w in words[:7]:
            if _PREFIX_WORD.match(w) or (run and w.lower() in L.CONNECTORS):
                run.append(w)
            else:
                break
        heads.append(words[:len(run) + 1] if len(words) > len(run) else [])
    prefix_count: Counter = Counter()
    for words in heads:
        for k in range(1, min(len(words), 6)):
            prefix_count[" ".join(words[:k])] += 1
    found: dict[int, Segment] = {}
    for i, words in enumerate(heads):
        if (title_at is not None and i <= title_at) or len(words) < 2:
            continue
        best = None
        for k in range(1, min(len(words), 6)):
            c = prefix_count[" ".join(words[:k])]
            if c < 2:
                break
            nxt = words[k]
            if nxt[:1].isupper() and (best is None or c >= best[1]):
                best = (k, c)
        if best is None:
            continue
        k = best[0]
        label = " ".join(words[:k])
        if k == 1 and not label.isupper() and is_common_word(label, 4.5):
            continue  # "The ...", "China ...": a sentence, not a label
        lab = L.parse_label(label, shape="prefix", is_common_word=is_common_word)
        if lab is None:
            continue
        rest = blocks[i].text[len(label):].strip()
        found[i] = Segment(i, blocks[i].line, "prefix", replace(lab, rest=rest), None, None,
                           [(blocks[i].line, rest)])
    names = Counter(_key(s.label) for s in found.values())
    if len(names) < 2 or sum(1 for c in names.values() if c >= 2) < 2:
        return {}
    # the page's shape is established: an outlet that asks once ("Shenzhen TV The ...")
    for i, words in enumerate(heads):
        if i in found or (title_at is not None and i <= title_at) or len(words) < 3:
            continue
        for k in range(2, min(len(words), 5)):
            if words[k - 1].lower() in L.OUTLET_WORDS and words[k][:1].isupper() and \
                    all(_PREFIX_WORD.match(w) for w in words[:k]):
                label = " ".join(words[:k])
                lab = L.parse_label(label, shape="prefix", is_common_word=is_common_word)
                if lab is not None:
                    rest = blocks[i].text[len(label):].strip()
                    found[i] = Segment(i, blocks[i].line, "prefix", replace(lab, rest=rest),
                                       paragraphs=[(blocks[i].line, rest)], weak=True)
                break
    return found


def _asks_then_adds(text: str, words: int) -> bool:
    """'How important is X today? Some say Y.': a short question with one sentence after
    it (a rhetorical question in an answer comes with more to say)."""
    at = max(text.rfind("?"), text.rfind("？"))
    if at < 0 or words > 40:
        return False
    after = text[at + 1:].strip()
    return 0 < len(after.split()) <= 20 and len(re.findall(r"[.!?]", after)) <= 1


# a question put to the reader's interlocutor: "you", "your", вы/ваш, 您/你
_ADDRESS = re.compile(r"\b(?:you|your|yours)\b|(?<!\w)(?:вы|вас|вам|ваш\w*)(?!\w)|您|你",
                      re.I)


def _opens_by_asking(blocks: list[Block], bare: dict[int, Segment], title_at) -> bool:
    """A page with one unmarked question still reads as an interview when the question
    opens the body (at most one paragraph before it), speaks to someone ("What do you
    expect?") and is followed by paragraphs of answer: an article's rhetorical question
    rarely opens it and seldom says "you"."""
    first = min(bare)
    start = (title_at + 1) if title_at is not None else 0
    body_before = [b for b in blocks[start:first] if b.text.strip()]
    after = [b for b in blocks[first + 1:] if b.text.strip()]
    return (len(body_before) <= 1 and bool(_ADDRESS.search(blocks[first].text))
            and len(after) >= 2)


def _bare_questions(blocks: list[Block], title_at) -> dict[int, Segment]:
    found: dict[int, Segment] = {}
    for i, b in enumerate(blocks):
        if title_at is not None and i <= title_at:
            continue
        text = b.text.strip()
        words = len(text.split())
        if not is_furniture(text) and (
                (_QMARK.search(text) and words <= 80) or _asks_then_adds(text, words)):
            numbered = _question_marker(blocks, i)  # "1. What ...?": the number is no text
            dashed = L.read_dash(text)  # "– What ...?": nor is the dash
            found[i] = numbered or Segment(i, b.line, "bare",
                                           paragraphs=[(b.line, dashed or text)])
    # a question is followed by its answer: drop runs where the next block asks again
    return {i: s for i, s in found.items() if i + 1 < len(blocks) and i + 1 not in found}


# --- inline labels ----------------------------------------------------------------------

def split_inline(blocks: list[Block], is_common_word) -> list[Block]:
    """'CCTV: What ...? Qiu Shaoheng: The leaders ...' is two turns: split a paragraph
    before a label that follows a sentence end, when the same speaker is labelled
    elsewhere on the page too."""
    found: list[tuple[int, int, L.Label]] = []
    for bi, b in enumerate(blocks):
        if not _LATER_COLON.search(b.text, 12):
            continue  # no colon after the opening words: no second label
        for m in _INLINE.finditer(b.text):
            if not _LATER_COLON.search(b.text, m.end(), m.end() + 170):
                continue
            before = b.text[:m.start()].split()
            if len(before) < 3 or re.fullmatch(r"(?:[A-ZА-ЯЁ]\.)+|[A-Z][a-z]{0,3}\.", before[-1]):
                continue  # "G. Erdenebat:", "Mr. Li:" - an initial, not a sentence end
            lab = L.read_label(b.text[m.end():], is_common_word)
            if lab and lab.name and lab.rest.strip() and len(lab.text.split()) <= 6 \
                    and lab.number is None:
                found.append((bi, m.end(), lab))
    if not found:
        return blocks
    starts = [L.read_label(b.text, is_common_word) for b in blocks]
    count = Counter(_key(lab) for _, _, lab in found)
    count.update(_key(s) for s in starts if s and s.name)
    cut: dict[int, list[int]] = {}
    for bi, at, lab in found:
        recurring = count[_key(lab)] >= 2 and (len(lab.name.split()) >= 2 or
                                               count[_key(lab)] >= 3)
        # "CCTV: ...? Mao Ning: ...": a paragraph opened by a label, a question, then a
        # person's label right after the question mark
        exchange = starts[bi] is not None and starts[bi].name is not None and \
            blocks[bi].text[:at].rstrip().endswith(("?", "？")) and \
            2 <= len(lab.name.split()) <= 4 and L.looks_like_name(lab.name)
        if recurring or exchange:
            cut.setdefault(bi, []).append(at)
    out: list[Block] = []
    for bi, b in enumerate(blocks):
        prev = 0
        for at in cut.get(bi, []):
            out.append(Block(b.line, b.text[prev:at].strip()))
            prev = at
        out.append(Block(b.line, b.text[prev:].strip()))
    return out


# --- assembling turns -------------------------------------------------------------------

def _assemble(blocks, starts, shape, notices, site_names) -> Layout:
    n = len(blocks)
    if not starts:
        return Layout(blocks, n, n, [], [], notices, "none")
    order = sorted(starts)
    first, last = order[0], order[-1]
    body_end = _body_end(blocks, last, site_names)
    segments: list[Segment] = []
    chrome: list[str] = []
    cur: Segment | None = None
    # dashes that mark questions only leave the answers unmarked
    dash_answers = any(s.marker == "dash" and not s.asks for s in starts.values())
    for i in range(first, body_end):
        text = blocks[i].text.strip()
        if i in starts:
            cur = starts[i]
            segments.append(cur)
            continue
        if is_teaser(text) or (len(text) < 160 and len(text.split()) <= 12 and
                               is_furniture(text, site_names)):
            chrome.append(text)
            continue
        asks_only = cur is not None and cur.marker == "dash" and cur.asks and not dash_answers
        if cur is not None and (cur.marker in ("numbered", "outlet", "bare") or asks_only) \
                and cur.paragraphs:
            cur = Segment(i, blocks[i].line, "answer")
            segments.append(cur)
        cur.paragraphs.append((blocks[i].line, text))
    segments = [s for s in segments if s.paragraphs]
    return Layout(blocks, first, body_end, segments, chrome, notices, shape)


def _body_end(blocks: list[Block], last: int, site_names) -> int:
    """The first line after the last turn's text that is page furniture."""
    i = last + 1
    if i < len(blocks) and not blocks[last].text.split(":", 1)[-1].strip():
        i += 1  # a label alone on its line: its text follows
    while i < len(blocks):
        text = blocks[i].text.strip()
        if _ends_body(text, site_names):
            return i
        if is_heading_like(text) and not _later_prose(blocks, i):
            return i
        if is_teaser(text) and not _later_prose(blocks, i):
            return i
        i += 1
    return len(blocks)


def _lower_start(rest: str) -> bool:
    """'Watch the Amu Darya: its flow fell ...': speech after a label starts a sentence."""
    first = rest.strip()[:1]
    return first.isalpha() and first.islower()


def _closes(text: str, site_names=()) -> bool:
    """After the last sure turn, a line like this means the transcript is over."""
    return _ends_body(text, site_names) or is_teaser(text) or is_heading_like(text)


def _ends_body(text: str, site_names=()) -> bool:
    """Furniture, a date line, a byline or an update note: the transcript has ended."""
    text = text.strip()
    return (is_furniture(text, site_names) and not is_teaser(text)) or is_date_line(text) \
        or bool(_BYLINE_KEY.match(simplified(text))) or bool(_NOTE.match(text))


_NOTE = re.compile(r"^(?:updated|corrected|correction|clarification|editor['’]?s note|"
                   r"(?:this |the )?(?:story|article|transcript|translation|interview) "
                   r"(?:was|has been|is|generated|edited|translated|abridged)|"
                   r"translated|abridged)\b", re.I)


_BYLINE_KEY = re.compile(r"^(?:by|reporter|correspondent|author|editor|edited by|written by|"
                         r"автор|корреспондент|" + L.REPORTER_KIND + r"*记者|作者|编辑|责任编辑)"
                         r"\s*[:：]\s*\S", re.I)


def _later_prose(blocks: list[Block], i: int) -> bool:
    """Does body text (a sentence that is not furniture) follow line ``i``?"""
    for b in blocks[i + 1:i + 3]:
        text = b.text.strip()
        if len(text.split()) >= 12 and SENTENCE_END.search(text) and not is_furniture(text):
            return True
    return False
