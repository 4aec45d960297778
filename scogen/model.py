"""The data model: frozen records, no I/O.

Every stage of scogen returns new values of these types; nothing is ever
"None until stage X". Collections are tuples so records are hashable and
safe to share between processes.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .lang import count_words

TURN_KINDS = ("question", "answer", "remark")


@dataclass(frozen=True, slots=True)
class Person:
    """Someone named in an interview: an interviewee, interviewer or asker."""

    name: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Repair:
    """One change the loader made to the scraped text.

    ``raw`` is the damaged span exactly as in the source, ``clean`` what it
    became; ``rule`` names the fixer; ``line`` is the 1-based source line of
    the paragraph and ``offset`` the span's character offset in that
    paragraph (as read, leading/trailing whitespace removed).
    """

    raw: str
    clean: str
    rule: str
    line: int = 0
    offset: int = 0


@dataclass(frozen=True, slots=True)
class Notice:
    """A warning attached to a record: something the loader was unsure of."""

    message: str
    line: int = 0
    code: str = "loader.warning"

    def format(self, source: str) -> str:
        where = f"{source}:{self.line}" if self.line else source
        return f"{where}: warning: {self.message} [{self.code}]"


@dataclass(frozen=True, slots=True)
class Turn:
    """One question, answer or remark, in source order."""

    kind: str  # one of TURN_KINDS
    number: int | None
    label: str | None  # the speaker label exactly as written, or None
    speaker: str | None  # resolved canonical speaker name
    paragraphs: tuple[str, ...]
    topics: tuple[str, ...] = ()
    line: int = 0  # source line where the turn starts
    index: int = 0  # 1-based position among the interview's turns (anchor t<index>)

    @property
    def anchor(self) -> str:
        return f"t{self.index}"

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True, slots=True)
class Interview:
    """The structured record of one raw transcript."""

    source: str  # file name of the raw transcript
    title: str
    date: str | None  # ISO YYYY-MM-DD
    publisher: str | None
    interviewer: str | None
    interviewees: tuple[Person, ...]
    lead: str | None
    turns: tuple[Turn, ...]
    repairs: tuple[Repair, ...] = ()
    chrome: tuple[str, ...] = ()
    warnings: tuple[Notice, ...] = ()
    raw_text: str = field(default="", repr=False, compare=False)
    path: str = ""  # path the record was read from (for messages)
    language: str = "en"  # primary language tag of the transcript's text (en, ru, zh)
    document: str | None = None  # an id shared by every language version of one interview
    translation_of: str | None = None  # source file of the version this one translates
    source_url: str | None = None  # the original publication's address (front matter)

    @property
    def speakers(self) -> tuple[str, ...]:
        """Distinct resolved speakers in order of first appearance."""
        seen: dict[str, None] = {}
        for turn in self.turns:
            if turn.speaker:
                seen.setdefault(turn.speaker, None)
        return tuple(seen)

    @property
    def topics(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for turn in self.turns:
            for slug in turn.topics:
                seen.setdefault(slug, None)
        return tuple(seen)

    @property
    def outline(self) -> tuple[tuple[str, str | None, tuple[str, ...], int], ...]:
        """(kind, speaker, topics, index) of every turn, in order: what listings and
        counts need, without the text."""
        return tuple((t.kind, t.speaker, t.topics, t.index) for t in self.turns)

    @property
    def word_count(self) -> int:
        """Words of the turns; in Chinese (and Japanese) characters, as 字 are counted."""
        return sum(count_words(p) for t in self.turns for p in t.paragraphs)


def interview_to_dict(iv: Interview) -> dict:
    """The stable public JSON shape (``scogen inspect --json``, data exports)."""
    return {
        "source": iv.source,
        "title": iv.title or None,  # null when the page gives none
        "date": iv.date,
        "publisher": iv.publisher,
        "interviewer": iv.interviewer,
        "interviewees": [{"name": p.name, "role": p.role} for p in iv.interviewees],
        "lead": iv.lead,
        "language": iv.language,
        "document": iv.document,
        "translation_of": iv.translation_of,
        "source_url": iv.source_url,
        "chrome": list(iv.chrome),
        "turns": [
            {
                "kind": t.kind,
                "number": t.number,
                "label": t.label,
                "speaker": t.speaker,
                "paragraphs": list(t.paragraphs),
                "topics": list(t.topics),
            }
            for t in iv.turns
        ],
        "repairs": [[r.raw, r.clean] for r in iv.repairs],
        "warnings": [w.format(iv.source) for w in iv.warnings],
    }


# --- archive-level configuration ------------------------------------------


@dataclass(frozen=True, slots=True)
class SiteConfig:
    title: str = "SCO Interview Archive"
    description: str = ""
    language: str = "en"
    base_url: str | None = None  # absolute, ends with "/", or None
    licence: str = ""  # Markdown
    about: str = ""  # Markdown


@dataclass(frozen=True, slots=True)
class Topic:
    slug: str
    name: str
    description: str = ""
    keywords: tuple[str, ...] = ()  # regular expressions, case-insensitive, any language
    min_hits: int = 1  # how many keyword hits tag a turn
    # (language, patterns): keywords only a transcript in that language is read for
    by_language: tuple[tuple[str, tuple[str, ...]], ...] = ()
    names: tuple[tuple[str, str], ...] = ()  # (language, the topic's name in it)

    def name_in(self, language: str) -> str:
        """The topic's name in ``language`` (a primary tag), else its name."""
        return next((n for lang, n in self.names if lang == language), self.name)


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    since: str | None = None  # ISO date or year the role was held from
    until: str | None = None


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str  # canonical name
    slug: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    kind: str = "person"  # person | organisation
    # how the name is written: "given-first" (Andrey Sokolov), "family-first"
    # (Li Yuheng, Kim Jong-un) or None to let the script decide (Han names family first)
    name_order: str | None = None


@dataclass(frozen=True, slots=True)
class Archive:
    """Everything the builder needs, loaded and checked."""

    site: SiteConfig
    topics: tuple[Topic, ...]
    speakers: tuple[Speaker, ...]
    interviews: tuple[Interview, ...]
