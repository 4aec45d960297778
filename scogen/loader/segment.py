"""The word model behind ``restore_lost_spaces``: where did a space go missing?

Why wordfreq: it is maintained, ships a 321k-word English list ("large")
built from many sources (so names such as Kyrgyzstan, Bishkek, Tashkent and
Jinping are in it), loads in about 0.1 s, and gives comparable frequencies
for every word. wordsegment's unigram file is older (2013 web counts), lacks
many proper nouns and is lower-cased only; wordninja and symspellpy split
whole texts and mangle hyphens and names, so candidate splits are scored here.

A glued run of letters is split where the summed cost of its pieces, plus a
penalty per extra piece, beats the cost of the run as it stands. Cost is
``8 - zipf`` for known words and a length-dependent penalty for unknown
ones; words the archive vouches for cost as much as a moderately common
word. Case is evidence: a lower->Upper boundary inside an unknown run is a
likely lost space (XiJinping), an ALLCAPS piece may be an acronym (SCOmilitary),
while a known camel-cased brand (WeChat, PetroChina) stays whole.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Iterable

MAX_PIECE = 24  # longest word considered as one piece
PIECE_PENALTY = 1.0  # cost of every extra piece: prefer fewer, longer words
INITIAL_COST = 6.0  # a single capital letter opening a run ("Gto" -> "G to")
LONG_WORD = 8  # an established word this long is never cut inside a longer run
SHORT_PIECE_ZIPF = 3.5  # a lowercase piece of <= 3 letters must be this common (no "sw|ork")
PIECE_ZIPF = 1.5  # and a longer lowercase piece at least this common
KNOWN_MARGIN = 1.0  # a run that is itself an established word (zipf >= ESTABLISHED)
ESTABLISHED = 2.2  # splits only when clearly better: businesslike, not highlevel
CAMEL_BONUS = 3.0  # a split at a lower->Upper boundary of an unknown run
FAST_ZIPF = 4.0  # a run this common is never split (fast path)
EXTRA_ZIPF = 3.5  # archive vocabulary counts as this common
SINGLE_LETTERS = frozenset({"a", "A", "I"})


@lru_cache(maxsize=1)
def _base_frequencies() -> dict[str, float]:
    """wordfreq's large English list as zipf values, loaded once per process."""
    from wordfreq import get_frequency_dict

    return {w: math.log10(f) + 9 for w, f in get_frequency_dict("en", wordlist="large").items()
            if f > 0}


class Lexicon:
    """Word frequencies plus the archive's own vocabulary. Immutable."""

    __slots__ = ("_zipf", "_extra", "_whole", "_cache", "common")

    def __init__(self, zipf: dict[str, float], extra: Iterable[str] = (),
                 whole: Iterable[str] = ()):
        """``extra``: names from the archive's config, known in any position.
        ``whole``: words seen whole in the transcripts; they protect a run
        written exactly so, and nothing else (so a record depends only on
        the ones it contains)."""
        self._zipf = zipf
        self._extra = frozenset(w.lower() for w in extra if w)
        self._whole = frozenset(w for w in whole if w)
        self._cache: dict[str, tuple[str, ...]] = {}
        # runs that are never split, as written: checked before any per-word work
        self.common = (_common_forms(zipf) | self._extra
                       | {w.capitalize() for w in self._extra} | self._whole)

    def zipf(self, word: str) -> float:
        w = word.lower()
        value = self._zipf.get(w, 0.0)
        if w in self._extra:
            return max(value, EXTRA_ZIPF)
        return value

    def is_known(self, word: str) -> bool:
        w = word.lower()
        return w in self._zipf or w in self._extra

    def cost(self, word: str) -> float:
        z = self.zipf(word)
        if z > 0:
            return 8.0 - z
        return 9.0 + 0.6 * len(word)  # unknown: a name, or damage


@lru_cache(maxsize=1)
def _common_forms_cached(zipf_id: int) -> frozenset[str]:
    zipf = _base_frequencies()
    words = [w for w, z in zipf.items() if z >= FAST_ZIPF and w.isalpha()]
    return frozenset(words) | frozenset(w.capitalize() for w in words)


def _common_forms(zipf: dict[str, float]) -> frozenset[str]:
    if zipf is _base_frequencies():
        return _common_forms_cached(id(zipf))
    words = [w for w, z in zipf.items() if z >= FAST_ZIPF and w.isalpha()]
    return frozenset(words) | frozenset(w.capitalize() for w in words)


def base_common() -> frozenset[str]:
    """Words (as written) common enough that they are never split anyway."""
    return _common_forms(_base_frequencies())


def load_lexicon(extra_words: Iterable[str] = (), whole_words: Iterable[str] = ()) -> Lexicon:
    return Lexicon(_base_frequencies(), extra_words, whole_words)


def _case_ok(piece: str) -> bool:
    """A piece must read as a word: lower, Capitalised or an ACRONYM."""
    return piece.islower() or piece.isupper() or (piece[0].isupper() and piece[1:].islower())


def segment(run: str, lexicon: Lexicon) -> tuple[str, ...]:
    """Split a glued run of letters into words; ``''.join(result) == run``."""
    cached = lexicon._cache.get(run)
    if cached is not None:
        return cached
    result = _segment(run, lexicon)
    if len(lexicon._cache) < 200_000:
        lexicon._cache[run] = result
    return result


def _segment(run: str, lexicon: Lexicon) -> tuple[str, ...]:
    n = len(run)
    if n < 3 or lexicon.zipf(run) >= FAST_ZIPF or run.lower() in lexicon._extra \
            or run in lexicon._whole:
        return (run,)
    if run.isupper():  # an acronym run: never split
        return (run,)
    whole_known = lexicon.is_known(run)
    whole = lexicon.cost(run)
    # best[i]: (cost, pieces) of run[:i]
    best: list[tuple[float, tuple[str, ...]] | None] = [None] * (n + 1)
    best[0] = (0.0, ())
    for i in range(1, n + 1):
        choice = None
        for j in range(max(0, i - MAX_PIECE), i):
            prev = best[j]
            if prev is None:
                continue
            piece = run[j:i]
            if len(piece) == 1 and piece not in SINGLE_LETTERS and not (
                    j == 0 and piece.isupper() and n > 2 and run[1].islower()):
                continue
            if not _case_ok(piece) or (piece.islower() and piece != run and len(piece) > 1
                                       and lexicon.zipf(piece) < (
                                           SHORT_PIECE_ZIPF if len(piece) <= 3 else PIECE_ZIPF)):
                continue
            c = prev[0] + (INITIAL_COST if len(piece) == 1 and piece not in SINGLE_LETTERS
                           else lexicon.cost(piece))
            if j > 0:
                c += PIECE_PENALTY
                if not whole_known and run[j - 1].islower() and run[j].isupper():
                    c -= CAMEL_BONUS
            if choice is None or c < choice[0]:
                choice = (c, prev[1] + (piece,))
        best[i] = choice
    split = best[n]
    margin = KNOWN_MARGIN if lexicon.zipf(run) >= ESTABLISHED else 0.0
    if split is None or len(split[1]) < 2 or split[0] + margin >= whole:
        return (run,)
    # never invent an unknown piece out of a known whole word
    if whole_known and not all(lexicon.is_known(p) for p in split[1]):
        return (run,)
    return _rejoin_long_words(split[1], lexicon)


def _rejoin_long_words(pieces: tuple[str, ...], lexicon: Lexicon) -> tuple[str, ...]:
    """Unigram scores cut 'businesslike' into 'business like'; put it back."""
    out = [pieces[0]]
    for piece in pieces[1:]:
        joined = out[-1] + piece
        if len(joined) >= LONG_WORD and lexicon.zipf(joined) >= ESTABLISHED \
                and _case_ok(joined):
            out[-1] = joined
        else:
            out.append(piece)
    return tuple(out)
