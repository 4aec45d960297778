"""Cleaning: a registry of small named fixers, in order (after ftfy).

Every fixer is a pure function ``(text, lexicon) -> text`` that may change
only the *whitespace between* non-space characters: insert a space, delete a
space, or turn an odd space (NBSP, a double space) into a plain one. The
sequence of non-space characters is therefore never changed, so no
character can be lost or invented.

``clean(raw, line, lexicon)`` runs the registry and derives the repairs by
aligning the gaps before and after each fixer: every changed gap is recorded,
attributed to the fixer that changed it, and reported as the smallest span
of whole words around it (``"officials,andjoint" -> "officials, and joint"``).
Nothing outside this module changes transcript text.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import Callable, Protocol

from ..model import Notice, Repair


class Lexicon(Protocol):  # what scogen.loader.segment.Lexicon provides
    def is_known(self, word: str) -> bool: ...
    def cost(self, word: str) -> float: ...
    def zipf(self, word: str) -> float: ...


# Text inside these is never touched: URLs, e-mail addresses, domain names.
_PROTECTED = re.compile(
    r"(?:https?://|ftp://|www\.)\S+|\S+@\S+\.\w+|"
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|int|gov|edu|info|ru|cn|kz|kg|uz|tj|in|pk|ir|"
    r"by|mn|uk|de|fr|io)\b(?:/\S*)?", re.I)
_MAYBE_URL = re.compile(r"://|www\.|@|\.[a-z]{2,4}\b")
_WS = re.compile(r"\s+")


def _fix_outside_urls(fix, text: str, lexicon) -> str:
    """Apply ``fix`` only to the stretches of text between protected spans."""
    pieces, last = [], 0
    for m in _PROTECTED.finditer(text):
        pieces.append(fix(text[last:m.start()], lexicon) if m.start() > last else "")
        pieces.append(m.group())
        last = m.end()
    pieces.append(fix(text[last:], lexicon) if last < len(text) else "")
    return "".join(pieces)


# --- the fixers ---------------------------------------------------------------


def per_token(fix):
    """Mark a fixer whose change to a token (a run of non-space characters) depends
    only on that token: run on `` token `` it gives what it gives in any sentence.
    ``clean`` then runs such fixers once per distinct token and remembers the
    result, which is what makes cleaning fast (tokens repeat)."""
    fix.per_token = True
    return fix


_ODD_SPACE = re.compile(r"[^\S ]| {2}")


def normalise_whitespace(text: str, lexicon: Lexicon) -> str:
    """A run of spaces, NBSPs or tabs between words becomes one plain space."""
    if "  " not in text and (text.isprintable() or _ODD_SPACE.search(text) is None):
        return text  # (every space but " " is unprintable: the search is rarely needed)
    return _WS.sub(" ", text)


_SPACE_BEFORE_PUNCT = re.compile(r"(?<=[\w’”\")\]]) +(?=[,;:.!?](?:\s|$|[A-Za-z“‘\"]))")
_SPACE_IN_DATE = re.compile(r"\b(\d{1,2})([/.]) ?(\d{1,2})\2 ?(\d{2,4})\b")
_SPACE_AFTER_OPEN = re.compile(r"(?<=[(\[]) +(?=\w)")
_SPACE_BEFORE_CLOSE = re.compile(r"(?<=\w) +(?=[)\]])")


_STRAY_HINT = re.compile(r" [,;:.!?)\]]|[(\[] |\d[/.] \d")  # where any of them could apply


def remove_stray_spaces(text: str, lexicon: Lexicon) -> str:
    """No space before , ; : . ! ? or a closing bracket, nor inside ``22/ 05/ 2007``."""
    if _STRAY_HINT.search(text) is None:
        return text
    text = _SPACE_BEFORE_PUNCT.sub("", text)
    text = _SPACE_AFTER_OPEN.sub("", text)
    text = _SPACE_BEFORE_CLOSE.sub("", text)
    if "/ " in text or ". " in text:
        text = _SPACE_IN_DATE.sub(lambda m: f"{m[1]}{m[2]}{m[3]}{m[2]}{m[4]}", text)
    return text


_CONTRACTION = re.compile(r"(?:s|t|m|d|ll|re|ve)(?![^\W\d_])")
# punctuation glued to the next word: the only places a space may be missing
_GLUED = re.compile(r"(?<=\S)[,;.!?:”)’](?=[^\W\d_“‘(])|(?<=[^\W\d_])[,;](?=\d)|"
                    r"(?<=[^\W\d_])(?=[“(][^\W\d_])")
# Scripts written with spaces between words, where a lost space can be restored:
# Latin, Greek, Cyrillic. Chinese and Japanese are written without spaces (so
# 中国,俄罗斯 keeps its comma as it is), and others (Devanagari, Arabic) are
# left as they are.
_SPACED_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u052F\u1E00-\u1FFF]")
_LATIN_RUN = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]+")


def _spaced(ch: str) -> bool:
    """A digit or a letter of a script that puts spaces between words."""
    return ch.isdigit() or _SPACED_LETTER.match(ch) is not None


def _latin(run: str) -> bool:
    """Letters of the Latin script only: what the English word model may read."""
    return run.isascii() or _LATIN_RUN.fullmatch(run) is not None


_RUSSIAN_RUN = re.compile(r"[а-яёА-ЯЁ]+")  # the Russian alphabet (no Kazakh қ, Tajik ҷ ...)
_HAS_RUSSIAN = re.compile(r"[а-яёА-ЯЁ]{2}")


def _russian(run: str) -> bool:
    """Letters of the Russian alphabet only: what the Russian word model may read."""
    return _RUSSIAN_RUN.fullmatch(run) is not None


def _model_for(run: str, lexicon: Lexicon):
    """The word model (lexicon) that reads ``run``, by its script, or None: Latin
    runs go to the English one, Russian ones to the Russian one (made on first use)."""
    if _latin(run):
        return lexicon
    if _russian(run):
        other = getattr(lexicon, "for_language", None)
        return other("ru") if other is not None else None
    return None


def _needs_space(text: str, i: int, mark: str) -> bool:
    """Is the glued punctuation at ``text[i]`` a missing space after it?"""
    # the text's edges read as spaces, so a token alone reads as it does in its sentence
    before, after = text[max(i - 3, 0):i].rjust(3), text[i + 1:i + 3].ljust(2)
    near = before.rstrip("’”\")'") [-1:] or " "
    if not _spaced(near) or not _spaced(after.lstrip("“‘(")[:1] or " "):
        return False  # 中国,俄罗斯: no spaces in the script on either side
    if mark in ",;":  # support,protracted  Weekly’,the  2013,and  Tashkent,19 (not 1,000)
        return not before[-1:].isdigit() or after[:2].isalpha()
    if mark == ".":  # exercises.Plans  detail.I  mirror’.What  2021.How (not P.R.C., e.g.)
        prev = before.rstrip("’”\")")
        if prev.isdigit() and len(prev) == 3:  # a year or a number, then a sentence
            return after[:1].isupper() and after[1:2].islower()
        return (len(prev) >= 2 and prev[-2:].isalpha() and prev[-2:].islower()
                and after[:1].isupper() and (len(after) < 2 or not after[1].isupper()
                                             or after[1:2] in "’'"))
    if mark in "!?":  # why?Because  why?because
        return before[-1:].isalpha() and (after[:1].isupper() or after[:2].isalpha())
    if mark == ":":  # note:the  Yuhan:Ambassador  SilkwayTV:Rails  Name:I (not 20:40)
        word_before = len(before) == 3 and (before.isalpha() or (
            before.isalnum() and before[0].isalpha()))  # "Steppe24:Glaciers", not "20:40"
        return word_before and (
            after[:2].isalpha() or (after[:1].isupper() and not after[1:2].isalnum()))
    if mark == "”":  # said”The
        return before[-1:].isalpha()
    if mark == ")":  # (SCO)is
        return before[-2:].isalpha() and after[:2].isalpha()
    if mark == "’":  # Member-States’envoys (not Jane’s, don’t, O’Brien)
        return before[-2:].isalpha() and before[-1] == "s" and before[-2].islower() \
            and after[:2].isalpha() and after[:2].islower() \
            and not _CONTRACTION.match(text, i + 1)
    return False


@per_token
def space_after_punctuation(text: str, lexicon: Lexicon) -> str:
    """A space after a sentence's punctuation, before an opening quote or bracket."""
    out, last = [], 0
    for m in _GLUED.finditer(text):
        i = m.start()
        if m.group():  # punctuation followed by a word
            if _needs_space(text, i, m.group()):
                out.append(text[last:i + 1])
                out.append(" ")
                last = i + 1
        elif text[i - 2:i].isalpha() and _spaced(text[i - 1]) and _spaced(text[i + 1]):
            # voluntary“Code  Organization(SCO)
            out.append(text[last:i])
            out.append(" ")
            last = i
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


_LETTER_DIGIT = re.compile(r"(?<![\w-])([^\W\d_]+)(\d+)|(\d+)([^\W\d_]+)(?![\w-])|"
                           r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
_ALPHA_THEN_DIGITS = re.compile(r"([^\W\d_]+)(?=\d)")
_DIGITS_THEN_ALPHA = re.compile(r"(\d+)((?:st|nd|rd|th)(?=[a-z]{2}))?([^\W\d_]+)")
COMMON = 4.5  # zipf-like frequency above which a short word is a function word


@per_token
def split_words_from_numbers(text: str, lexicon: Lexicon) -> str:
    """``In2006a`` -> ``In 2006 a``, ``April2011``, ``66thsession`` -> ``66th session``.

    Never splits codes such as G20, MH17, COVID-19, 5G, 1990s or 10km: the
    letters must form a common word that is not itself an all-caps code.
    """
    if not _HAS_LETTER_DIGIT.search(text):
        return text
    return _TOKEN.sub(lambda m: _split_token_digits(m.group(), lexicon), text)


_HAS_LETTER_DIGIT = re.compile(r"[^\W\d_]\d|\d[^\W\d_]")
_TOKEN = re.compile(r"\S+")
_RUNS = re.compile(r"\d+|[^\W\d_]+|[^\w]+|_+")


def _split_token_digits(token: str, lexicon: Lexicon) -> str:
    if not _HAS_LETTER_DIGIT.search(token):
        return token
    runs = _RUNS.findall(token)
    out = [runs[0]]
    for prev, run in zip(runs, runs[1:]):
        if prev.isdigit() and run.isalpha():
            out.append(_digit_then_letters(prev, run, lexicon))
        elif prev.isalpha() and run.isdigit() and _is_word(out[-1].rsplit(" ", 1)[-1], lexicon):
            out.append(" " + run)  # the letters as they now read: 66ththe2006 -> 66th the 2006
        else:
            out.append(run)
    return "".join(out)


def _ordinal_suffix(number: str) -> str:
    """The English ordinal suffix of a number: 1st, 2nd, 3rd, 11th, 2022nd."""
    n = int(number[-2:])
    if 11 <= n % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _digit_then_letters(number: str, letters: str, lexicon: Lexicon) -> str:
    suffix = letters[:2].lower()
    ordinal = suffix == _ordinal_suffix(number)
    if ordinal:
        if len(letters) == 2:  # 21st, 66th: an ordinal, whatever "st" means alone
            return letters
        # the rest is a new letter run: give it the word model's reading now,
        # as restore_lost_spaces would on a second pass (66ththethe -> 66th the the)
        reading = _reading(letters[2:], lexicon)
        if _is_word(letters[2:], lexicon) or all(_is_word(w, lexicon) for w in reading.split()):
            return letters[:2] + " " + reading
        if not _is_word(letters, lexicon):  # 66thxyz stays; 2006the is 2006 the
            return letters
    if letters in ("a", "I") and len(number) == 4:  # In2006a -> In 2006 a
        return " " + letters
    return " " + letters if _is_word(letters, lexicon) else letters


def _is_word(letters: str, lexicon: Lexicon) -> bool:
    """A common word (not a code like G, MH, COVID, km): safe to set apart from digits."""
    if len(letters) < 2 or (letters.isupper() and len(letters) > 1) or not _latin(letters):
        return False
    if not lexicon.is_known(letters):
        return False
    return len(letters) >= 4 or lexicon.zipf(letters) >= COMMON


_ALPHA_RUN = re.compile(r"[^\W\d_]{2,}")


_POSSESSIVE_GLUE = re.compile(r"(?<=\w[’'])s([A-Z]?[a-z]{2,})\b")  # SCO’swork  TV'sOuyang
_INITIAL_GLUE = re.compile(r"(?<=[a-z]{2})(?=[A-Z]\.[A-Z]\.)")  # theP.R.C.


def _possessive(m: re.Match, lexicon: Lexicon) -> str:
    rest = m.group(1)
    if rest[0].isupper():  # a lower-case s, then a capital: the case shows the boundary
        return "s " + rest
    if lexicon.is_known("s" + rest) or lexicon.zipf(rest) < 3.0:
        return m.group()
    return "s " + rest


@per_token
def restore_lost_spaces(text: str, lexicon: Lexicon) -> str:
    """``nationstogether`` -> ``nations together``, scored by the word model.

    Only runs of Latin letters are read (the model is English; Russian runs are
    restore_lost_spaces_ru's); a run joined to a hyphen is read as part of a
    compound name (Cholpon-Ata stays)."""
    text = _POSSESSIVE_GLUE.sub(lambda m: _possessive(m, lexicon), text)
    text = _INITIAL_GLUE.sub(" ", text)
    return _read_runs(text, lambda run: lexicon, _latin)


@per_token
def restore_lost_spaces_ru(text: str, lexicon: Lexicon) -> str:
    """``ипредставители`` -> ``и представители``, ``вБишкеке`` -> ``в Бишкеке``:
    runs of Russian letters read by the Russian word model (the same algorithm
    over wordfreq's Russian list, see segment.py), recorded under its own rule.
    Text with no two Russian letters in a row is returned at once."""
    if text.isascii() or _HAS_RUSSIAN.search(text) is None:
        return text
    return _read_runs(text, lambda run: _model_for(run, lexicon), _russian)


def _read_runs(text: str, model_of, script) -> str:
    """Every run of letters of ``script`` in ``text`` as its word model (``model_of(run)``,
    None for none) reads it; the text between the runs as it is."""
    out, last = [], 0
    for m in _ALPHA_RUN.finditer(text):
        run = m.group()
        if not script(run):
            continue
        model = model_of(run)
        if model is None or run in model.common:
            continue
        reading = _reading(run, model, _in_compound(text, m.start(), m.end()), script)
        if reading != run:
            out.append(text[last:m.start()])
            out.append(reading)
            last = m.end()
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def _in_compound(text: str, start: int, end: int) -> bool:
    """Is the run at text[start:end] joined to a hyphen (Jalal-Abad)?"""
    return text[start - 1:start] == "-" or text[end:end + 1] == "-"


def _reading(run: str, lexicon: Lexicon, compound: bool = False, script=_latin) -> str:
    """A run of letters as the word model reads it, words one space apart; a run
    not of ``script`` (the model's letters) is left as it is."""
    from .segment import segment

    if run in lexicon.common or not script(run):
        return run
    return " ".join(segment(run, lexicon, compound))


def low_confidence(repairs, lexicon: Lexicon) -> list[Repair]:
    """The repairs that rest on a close call of the word model: a run it split
    where another reading scored almost as well ("drafted a|are solution"), or
    a capitalised word split where reading it as one name came close."""
    from .segment import doubtful, segment

    def doubted(raw: str) -> bool:
        for m in _ALPHA_RUN.finditer(raw):
            run = m.group()
            model = _model_for(run, lexicon)
            if model is None:
                continue
            compound = _in_compound(raw, m.start(), m.end())
            if len(segment(run, model, compound)) > 1 and doubtful(run, model, compound):
                return True
        return False

    return [r for r in repairs if "restore_lost_spaces" in r.rule and doubted(r.raw)]


def doubt_notice(repair: Repair) -> Notice:
    """The warning a low-confidence repair gets (front matter ``reviewed`` drops it)."""
    return Notice(f"low-confidence repair: “{repair.raw}” → “{repair.clean}” (another "
                  f"reading scores almost as well; list it under 'reviewed' once checked)",
                  repair.line, "loader.low_confidence_repair")


# The registry, in the order the fixers run.
FIXERS: tuple[tuple[str, Callable[[str, Lexicon], str]], ...] = (
    ("normalise_whitespace", normalise_whitespace),
    ("remove_stray_spaces", remove_stray_spaces),
    ("space_after_punctuation", space_after_punctuation),
    ("restore_lost_spaces", restore_lost_spaces),
    ("restore_lost_spaces_ru", restore_lost_spaces_ru),
    ("split_words_from_numbers", split_words_from_numbers),
)


# --- running the registry and recording repairs ----------------------------


def clean(raw: str, line: int, lexicon: Lexicon,
          fixers=FIXERS, keep: frozenset[str] = frozenset(),
          names: frozenset[str] = frozenset()) -> tuple[str, list[Repair]]:
    """Clean one paragraph; returns the clean text and its repairs in order.

    When the registry is paragraph-wide fixers followed by ``per_token`` ones
    (as ``FIXERS`` is), the latter run once per distinct token and each token
    brings its repairs along; this gives exactly what running every fixer over
    the whole paragraph gives (``clean_by_paragraph``, which a test compares).
    """
    text = raw.strip()
    plan = _plan(tuple(fixers))
    if plan is None or (_MAYBE_URL.search(text) and _PROTECTED.search(text)):
        return clean_by_paragraph(raw, line, lexicon, fixers)
    paragraph_fixers, token_fixers = plan
    rule_at: dict[int, str] = {}
    raw_gaps = gaps = None
    first = text
    for name, fix in paragraph_fixers:
        fixed = fix(first, lexicon)
        if fixed != first:
            first, gaps, raw_gaps = _record(first, fixed, gaps, raw_gaps, rule_at, name)
    tokens = first.split(" ")
    # not single-spaced (no normalise_whitespace first)? (Printable text has no
    # whitespace but " ": then no empty token means single spaces, no second split.)
    if ("" in tokens or not first.isprintable()) and tokens != first.split():
        return clean_by_paragraph(raw, line, lexicon, fixers)
    memo = _memo(lexicon, token_fixers)
    get, missing = memo.get, _MISSING
    results = [r if (r := get(t, missing)) is not missing
               else _fix_token(t, token_fixers, lexicon, memo) for t in tokens]
    if keep:  # names the page itself writes whole (a label, a caption) are never split
        results = [None if r is not None and _breaks(t, r[0], keep) else r
                   for t, r in zip(tokens, results)]
    if keep or names:  # a page name glued to a short word ('Khovarin' where the title
        # writes 'Khovar') is the name and the word
        known = keep | names
        forms = _glued_forms(known)  # (a token whose core is no glued form is left;
        # _core inlined: this runs for every token of such a page)
        results = [r if r is not None or t.strip(_AROUND) not in forms
                   else _page_name_glue(t, known, lexicon) for t, r in zip(tokens, results)]
    if not any(results):
        if not rule_at:
            return text, []
        return first, _spans(text, raw_gaps, first, gaps, rule_at, line)
    out = tokens[:]
    starts = list(accumulate(map(len, tokens), initial=0))  # core index of each token
    found: list[Repair] = []
    if not rule_at:  # tokens as in the raw text, one space apart: n spaces before token n
        for n, result in enumerate(results):
            if result is not None:
                out[n], _changes, spans = result
                at = starts[n] + n
                found.extend(Repair(r, c, rule, line, at + offset) for r, c, rule, offset in spans)
        return " ".join(out), found
    # Some gaps changed paragraph-wide: a token touching one (before, inside or
    # after it) joins the paragraph-wide alignment; any other brings its repairs.
    changed = sorted(rule_at)
    raw_at = _offsets(raw_gaps)
    for n, result in enumerate(results):
        if result is None:
            continue
        out[n], changes, spans = result
        a, b = starts[n], starts[n + 1]
        i = bisect_left(changed, a)
        if i < len(changed) and changed[i] <= b:
            for k, name in changes:
                rule_at[a + k] = name
        else:
            at = raw_at(a)
            found.extend(Repair(r, c, rule, line, at + offset) for r, c, rule, offset in spans)
    final = " ".join(out)
    found.extend(_spans(text, raw_gaps, final, _gaps(final), rule_at, line))
    found.sort(key=lambda r: r.offset)
    return final, found


# short words that follow a name in running text ("Khovar in Dushanbe", "Kabar of ...")
_GLUED_TAIL = ("in", "of", "on", "at", "to", "and", "for", "with", "the")


@lru_cache(maxsize=16)
def _glued_forms(known: frozenset[str]) -> dict[str, tuple[str, str]]:
    """Each page name of four letters or more run into each short word, once per
    page's set of names: glued form -> (name, word); the first word listed wins."""
    forms: dict[str, tuple[str, str]] = {}
    for tail in _GLUED_TAIL:
        for name in known:
            if len(name) >= 4:
                forms.setdefault(name + tail, (name, tail))
    return forms


def _page_name_glue(token: str, keep: frozenset[str], lexicon: Lexicon):
    """The repair of a token that is one of the page's own names run into a short
    word after it, else None: the page writes the name whole elsewhere (a label),
    and the token itself is neither a known word nor one of the page's names."""
    core = _core(token)
    hit = _glued_forms(keep).get(core)
    if hit is None or len(core) < 6 or core in keep or not core[:1].isupper() or \
            lexicon.is_known(core):
        return None
    name, tail = hit

    def split(current: str, _lexicon) -> str:
        return current.replace(core, f"{name} {tail}", 1)
    return _fix_token(token, (("page_name_glue", split),), lexicon, {})


def _breaks(token: str, fixed: str, keep: frozenset[str]) -> bool:
    """Does the fixed token split a word the page keeps whole ('Steppe24' in
    'Steppe24's' read as 'Steppe 24's')? Then the token is left as written."""
    if _core(token) in keep:
        return True
    return any(w in token and w not in fixed for w in keep if len(w) >= 4)


_AROUND = ".,;:!?\"'“”‘’«»()[]"  # punctuation around a word


def _core(token: str) -> str:
    """A token without the punctuation around it: 'Saltanat,' -> 'Saltanat'."""
    return token.strip(_AROUND)


def _record(text, fixed, gaps, raw_gaps, rule_at, name):
    """Note in ``rule_at`` the gaps ``name`` changed from ``text`` to ``fixed``."""
    if gaps is None:
        gaps = _gaps(text)
        if raw_gaps is None:
            raw_gaps = gaps
    fixed_gaps = _gaps(fixed)
    for k, _gap in gaps.items() ^ fixed_gaps.items():
        rule_at[k] = name
    return fixed, fixed_gaps, raw_gaps


@lru_cache(maxsize=16)
def _plan(fixers: tuple):
    """(paragraph fixers, per-token fixers) if the registry is shaped so."""
    marked = [getattr(fix, "per_token", False) for _name, fix in fixers]
    if True not in marked:
        return None
    cut = marked.index(True)
    if not all(marked[cut:]):
        return None
    return fixers[:cut], fixers[cut:]


def clean_by_paragraph(raw: str, line: int, lexicon: Lexicon,
                       fixers=FIXERS) -> tuple[str, list[Repair]]:
    """``clean`` the plain way: every fixer over the whole paragraph in turn
    (outside URLs), repairs from aligning the gaps before and after each."""
    text = raw.strip()
    rule_at: dict[int, str] = {}
    protected = _PROTECTED.search(text) is not None if _MAYBE_URL.search(text) else False
    raw_gaps = gaps = None
    for _round in range(MAX_ROUNDS):  # again on what they made, until it stays
        before = text
        for name, fix in fixers:
            fixed = _fix_outside_urls(fix, text, lexicon) if protected else fix(text, lexicon)
            if fixed != text:
                text, gaps, raw_gaps = _record(text, fixed, gaps, raw_gaps, rule_at, name)
        if text == before:
            break
    if not rule_at:
        return text, []
    return text, _spans(raw.strip(), raw_gaps, text, gaps, rule_at, line)


TOKEN_MEMO_LIMIT = 500_000  # distinct tokens remembered per lexicon and fixer stretch


_MISSING = object()


def _memo(lexicon: Lexicon, fixers) -> dict:
    memos = getattr(lexicon, "token_memo", None)
    if memos is None:
        return {}
    key = tuple(fixers)
    memo = memos.get(key)
    if memo is None:
        memo = memos[key] = {}
    return memo


MAX_ROUNDS = 3  # passes of the fixers over a token (or a paragraph, cleaned whole)


def _fix_token(token: str, fixers, lexicon: Lexicon, memo: dict):
    """``None`` when the fixers leave ``token`` alone, else (fixed token,
    ((core index of a changed gap, rule), ...), its repairs as (raw, clean,
    rule, offset in the token))."""
    current = f" {token} "
    changes: dict[int, str] = {}
    gaps = None
    # the fixers again on what they made, until it stays: a piece they cut off can be a
    # run of its own ("XinationsKyrgyzstan" -> "Xinations Kyrgyzstan" -> "Xi nations
    # Kyrgyzstan"), which a second cleaning of the text would otherwise find
    for _round in range(MAX_ROUNDS):
        before = current
        for name, fix in fixers:
            fixed = fix(current, lexicon)
            if fixed != current:
                if gaps is None:
                    gaps = _gaps(current.strip())
                fixed_gaps = _gaps(fixed.strip())
                for k, _gap in gaps.items() ^ fixed_gaps.items():
                    changes[k] = name
                current, gaps = fixed, fixed_gaps
        if current == before:
            break
    result = None
    if changes:
        fixed = current.strip()
        spans = tuple((r.raw, r.clean, r.rule, r.offset)
                      for r in _spans(token, {}, fixed, gaps, changes, 0))
        result = (fixed, tuple(changes.items()), spans)
    if len(memo) < TOKEN_MEMO_LIMIT:
        memo[token] = result
    return result


def _gaps(text: str) -> dict[int, str]:
    """Whitespace before each non-space character, keyed by that character's index."""
    words = text.split(" ")
    # single spaces only (the common case, all in C): printable text has no whitespace
    # but " ", so no empty word says so without a second split
    if ("" not in words and text.isprintable()) or words == text.split():
        keys = list(accumulate(map(len, words)))
        keys.pop()
        return dict.fromkeys(keys, " ")
    parts = _WS_PARTS.split(text)  # words and the whitespace between, in one pass
    return dict(zip(accumulate(map(len, parts[::2])), parts[1::2]))


_WS_PARTS = re.compile(r"(\s+)")


def _spans(raw: str, raw_gaps: dict[int, str], clean: str, clean_gaps: dict[int, str],
           rule_at: dict[int, str], line: int) -> list[Repair]:
    """Group changed gaps into repairs of whole words, raw -> clean."""
    changed = sorted(k for k in rule_at if raw_gaps.get(k, "") != clean_gaps.get(k, ""))
    if not changed:
        return []
    # an unchanged space is a real word boundary: a span never crosses one
    # (a gap no fixer touched is unchanged; of the touched ones, check)
    stop_at = (raw_gaps.keys() - rule_at.keys()) | {
        k for k in rule_at if k in raw_gaps and clean_gaps.get(k) == raw_gaps[k]}
    core = "".join(raw.split())
    spans: list[list] = []  # [first core index, last core index, [rules]]
    for k in changed:
        if spans and k <= spans[-1][1]:
            # inside the last span: walking out from k reaches the same far edge, so the
            # gap only joins it (a glued run is walked once, not once per gap)
            spans[-1][2].append(rule_at[k])
            continue
        start = _word_edge(core, stop_at, k - 1, -1)
        end = _word_edge(core, stop_at, k, +1)
        if spans and (start <= spans[-1][1]
                      or (start == spans[-1][1] + 1 and start not in stop_at)):
            spans[-1][1] = max(spans[-1][1], end)
            spans[-1][2].append(rule_at[k])
        else:
            spans.append([start, end, [rule_at[k]]])
    raw_at, clean_at = _offsets(raw_gaps), _offsets(clean_gaps)
    # a span's text is the slice of each side between its first and last character
    return [Repair(raw[raw_at(a):raw_at(b) + 1], clean[clean_at(a):clean_at(b) + 1],
                   "+".join(dict.fromkeys(rules)), line, raw_at(a))
            for a, b, rules in spans]


def _offsets(gaps: dict[int, str]):
    """core index -> string offset in the text whose gaps these are."""
    keys = list(gaps)  # ascending: built in text order
    before = list(accumulate(map(len, gaps.values())))  # whitespace up to each key

    def offset(a: int) -> int:
        i = bisect_right(keys, a)
        return a + (before[i - 1] if i else 0)
    return offset


def _word_edge(core: str, stop_at: set[int], k: int, step: int) -> int:
    """From core index k, walk outwards to the far edge of the nearest word.

    Punctuation between the gap and the word is included; the walk never
    crosses an unchanged space, nor the end of the text.
    """
    i, seen_word, n = k, False, len(core)
    while True:
        c = core[i]
        is_word = c.isalnum() or c == "_" or c == "-" or (  # what the regex \w and - match,
            c in "'’" and 0 < i < n - 1 and core[i - 1].isalpha() and core[i + 1].isalpha()
            and i not in stop_at and i + 1 not in stop_at)  # (not a quote before a space)
        # and an apostrophe inside a word (SilkwayTV's)
        if seen_word and not is_word:
            return i - step
        seen_word = seen_word or is_word
        nxt = i + step
        if not 0 <= nxt < n or (nxt if step > 0 else i) in stop_at:
            return i
        i = nxt
