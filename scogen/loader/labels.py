"""Speaker labels and person names: the grammar of a transcript's turns.

``Reporter:``, ``Kirill Barsky:``, ``1. Question:``, ``Q:``, ``Question (Xinhua):``,
``SCO Secretary-General Zhang Ming:`` are labels; ``Introduction:`` on a line
of its own, ``Author: | Date:`` and sentences with a colon are not.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Role words a label can be made of, by the kind of turn they introduce.
QUESTION_ROLES = frozenset({"question", "q", "reporter", "correspondent", "journalist",
                            "interviewer", "host", "anchor", "presenter", "media"})
ANSWER_ROLES = frozenset({"answer", "a", "response", "reply"})
CHAIR_ROLES = frozenset({"moderator", "chair", "chairman", "chairperson", "facilitator",
                         "spokesperson", "spokesman", "spokeswoman"})
ROLE_WORDS = QUESTION_ROLES | ANSWER_ROLES | CHAIR_ROLES
# Keys of metadata lines ("Author:", "Publication Date:") — never turn labels.
META_KEYS = re.compile(
    r"^(?:author|authors|by|date|publication date|published|posted|updated|source|"
    r"editor|editors|photo|photos|tags?|keywords|category|categories|section|"
    r"translated by|translation|location|venue)$", re.I)

_LABEL = re.compile(
    r"^(?:(?P<num>\d{1,3})\s*[.)]\s*)?"
    r"(?P<label>[^\W\d_][\w.’'&\- ]{0,70}?)\s*"
    r"(?:\((?P<outlet>[^()]{1,50})\))?\s*[:：]"
    r"(?P<rest>.*)$", re.S)
_NUMBERED = re.compile(r"^(?P<num>\d{1,3})\s*[.)]\s+(?P<rest>\S.*)$", re.S)
_DASH = re.compile(r"^[-–—]\s+(?P<rest>\S.*)$", re.S)
_OUTLET_END = re.compile(r"(?P<q>.*\?)\s*\((?P<outlet>[A-Z][\w .&’'-]{0,40})\)\s*$", re.S)
_CONNECTORS = frozenset({"of", "the", "and", "de", "del", "da", "van", "von", "al", "bin",
                         "el", "la", "le", "for", "on", "to", "in"})


@dataclass(frozen=True, slots=True)
class Label:
    text: str  # the label as written, e.g. "Question (Xinhua)" or "Kirill Barsky"
    role: str | None  # "question" | "answer" | "chair" for role words, else None
    name: str | None  # the name part for name labels
    outlet: str | None
    number: int | None
    rest: str  # the text after the colon


def read_label(text: str) -> Label | None:
    """The speaker label that starts ``text``, if it has the shape of one."""
    m = _LABEL.match(text)
    if not m:
        return None
    label = m["label"].strip()
    words = label.split()
    if not words or len(words) > 8 or META_KEYS.match(label):
        return None
    outlet = m["outlet"].strip() if m["outlet"] else None
    written = f"{label} ({outlet})" if outlet else label
    number = int(m["num"]) if m["num"] else None
    first = words[0].lower()
    if len(words) <= 2 and first in ROLE_WORDS:
        role = ("question" if first in QUESTION_ROLES else
                "answer" if first in ANSWER_ROLES else "chair")
        return Label(written, role, None, outlet, number, m["rest"])
    if not all(w[0].isupper() or w.lower() in _CONNECTORS or w[0] in "’'" for w in words):
        return None
    if not words[-1][0].isupper() or label.endswith("."):
        return None
    return Label(written, None, label, outlet, number, m["rest"])


def read_numbered_question(text: str) -> tuple[int, str] | None:
    """``1. What is ...?`` — a bare numbered question."""
    m = _NUMBERED.match(text)
    if m and m["rest"].rstrip().endswith("?") and not _LABEL.match(m["rest"]):
        return int(m["num"]), m["rest"]
    return None


def read_dash(text: str) -> str | None:
    m = _DASH.match(text)
    return m["rest"] if m else None


def read_outlet_question(text: str) -> tuple[str, str] | None:
    """``... ? (TASS)`` — a question ending with the asking outlet."""
    m = _OUTLET_END.match(text)
    return (m["q"].strip(), m["outlet"].strip()) if m else None


# --- person names -------------------------------------------------------------

_NAME_WORD = re.compile(r"^(?:[A-Z][a-z’'\-]+|[A-Z]\.|[A-Z][a-z]*-[A-Z][a-z]+|Mc[A-Z][a-z]+)$")


def split_title_name(label: str, is_common_word) -> tuple[str | None, str]:
    """'SCO Secretary-General Zhang Ming' -> ('SCO Secretary-General', 'Zhang Ming').

    Leading words that are acronyms, hyphenated titles or common English
    words (President, Deputy, Foreign, Minister) are the title; the name is
    what remains, never fewer than two words when the label has more.
    """
    words = label.split()
    i = 0
    while len(words) - i > 2 and (words[i].isupper() or "-" in words[i]
                                  or words[i].lower() in _CONNECTORS
                                  or is_common_word(words[i])):
        i += 1
    if i == 0:
        return None, label
    return " ".join(words[:i]), " ".join(words[i:])


def same_person(a: str, b: str) -> bool:
    """'Zhang' and 'Zhang Ming', 'Barsky' and 'Kirill Barsky' name the same person."""
    wa, wb = a.lower().split(), b.lower().split()
    if not wa or not wb:
        return False
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) == 1:
        return short[0] in (long_[0], long_[-1])
    return short == long_ or short == long_[-len(short):]


def looks_like_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 5 and all(
        _NAME_WORD.match(w) or w.lower() in _CONNECTORS or w.isupper() for w in words) \
        and any(_NAME_WORD.match(w) for w in words)
