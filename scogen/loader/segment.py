"""The word model behind ``restore_lost_spaces``: where did a space go missing?

Why wordfreq: it is maintained, ships a 321k-word English list ("large")
blended from many recent sources (so Kyrgyzstan, Bishkek, Jinping, WeChat and
cyberthreats are in it), loads in about 0.1 s, and gives comparable
frequencies for every word. wordsegment's 333k unigrams are 2006 web counts,
lower-case only, and lack Jinping, WeChat and cyberthreats (its bigrams
would settle "alot" -> "a lot", see the xfail cases); wordninja and
symspellpy split whole texts and mangle names, so splits are scored here.

A glued run of letters is split where the summed cost of its pieces, plus a
penalty per extra piece, beats the cost of the run as it stands. Cost is
``8 - zipf`` for known words and a length-dependent penalty for unknown
ones; words the archive vouches for cost as much as a moderately common
word. A run that is itself an established word must be beaten by a margin
(``dida`` -> ``did a``, but not ``therein``), and an established word inside
a longer run is put back together (``by no on`` -> ``by noon``).

Case is evidence. Every piece must be shaped like a word (lower, Capitalised,
ALLCAPS); two ALLCAPS pieces never touch (no boundary shows inside
capitals). A lower->Upper boundary inside an unknown run is a likely lost
space (XiJinping), an ALLCAPS piece may be an acronym (SCOmilitary), and a
run shaped like no word at all (anSCO, UNrequested) splits at its case
boundary even when wordfreq lists it; a known camel-cased brand (WeChat,
PetroChina) stays whole unless its pieces are plainly better (NewYork), and
an acronym with a plural s (NGOs) is a word.

Names. Damage only deletes spaces, so a split inside a name is always wrong,
and a capitalised word the list lacks is far more often a name than several
short words. Every capitalised stretch of a split (a Capitalised piece and the
lowercase ones after it) must earn its boundaries against reading it as one
name (``name_evidence``: how often the list's rare words, mostly names, end in
those letters, against how common the words are): Amanzholov|answered and
Termez|and are split, Xinhuanet, Sadeghpour, Vernitsky and Jomart are not; a
run joined to a hyphen is part of a compound name (Jalal-Abad); an unknown
capitalised word keeps a trailing acronym (SilkwayTV). Close name splits are
doubtful.

Languages. What is English above lives in a ``Language`` (single-letter words,
initials, affixes, the list's rare words for names); a ``Lexicon`` holds one and
makes another on demand (``for_language``). repairs.py sends runs of Latin
letters to English and runs of Russian letters to Russian (restore_lost_spaces_ru);
other scripts reach no model. Russian uses wordfreq's large Russian list (713k
forms), read only when a Cyrillic run first appears (~1 s, ~150 MB), ё read as е.
Its single-letter words are в с к у о и а я; a 4-5 letter piece must be more
common than in English. Russian is inflected, so a word the list lacks is most
often a rare form of one it has: it is vouched for by another form of its stem in
the same inflection class (мушкетона by мушкетон, мушкетоны; not городи by города:
that is город и), by its verb form before -ся, or by grammar (a preposition never
stands before a verb: заторопился; не and вне are written together with a rarer
adjective: неблокового; an acronym declines: МИДа), and such a word cut inside a
longer run is put back. A common word keeps its shape (ВКонтакте), and a known
capitalised word before a function word is no forced split (Мукашев|на is the
patronymic Мукашевна).
"""
from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate
from typing import Iterable

MAX_PIECE = 24  # longest word considered as one piece
PIECE_PENALTY = 1.0  # cost of every extra piece: prefer fewer, longer words
INITIAL_COST = 6.0  # a single capital letter opening a run ("Gto" -> "G to")
LONG_WORD = 8  # an established word this long is never cut inside a longer run
SHORT_PIECE_ZIPF = 4.0  # a piece of <= 3 letters must be this common (no "To|kay|ev")
SHORT_NAME_ZIPF = 2.5  # a short Capitalised piece right after a lower->Upper boundary (Yi)
TWO_LETTER_ZIPF = 5.5  # a lowercase two-letter piece: a real word, not "ed", "st"
MID_PIECE_ZIPF = 2.2  # a lowercase piece of 4-5 letters this common (no "pedestrian|ising")
PIECE_ZIPF = 1.5  # and a longer lowercase piece at least this common
KNOWN_MARGIN = 1.5  # a run that is itself an established word (zipf >= ESTABLISHED)
ESTABLISHED = 2.2  # splits only when clearly better: businesslike, therein, not highlevel
CAMEL_BONUS = 3.0  # a split at a case boundary of a run no word is shaped like
FAST_ZIPF = 4.0  # a run this common is never split (fast path)
EXTRA_ZIPF = 3.5  # archive vocabulary counts as this common
COLLOQUIAL_STEP = 1.5  # a dropped-g form (workin) counts as this much rarer
SINGLE_LETTERS = frozenset({"a", "A", "I"})
CACHE_LIMIT = 200_000  # segmented runs remembered per lexicon


class Language:
    """What the word model needs to know of one language: its letters, which
    single letters are words, how common a short piece must be, how a word the
    list lacks may still be a regular form of one it has, and what an unknown
    run costs. The algorithm is the same for every language; a Lexicon holds
    one Language (English unless said otherwise)."""

    __slots__ = ("code", "letters", "single_letters", "initials", "colloquial", "floors",
                 "short_piece_zipf", "cheapest", "derive", "unknown_base", "unknown_letter",
                 "folds", "one_word", "trust_shapes", "function_tails", "rejoin_rare")

    def __init__(self, code: str, *, letters, single_letters: frozenset[str], initials: bool,
                 colloquial: bool, floors: tuple[float, ...], short_piece_zipf: float,
                 cheapest: float, derive, unknown_base: float = 9.0,
                 unknown_letter: float = 0.6, fold: dict[int, str] | None = None,
                 one_word=None, trust_shapes: bool = False, function_tails: bool = True,
                 rejoin_rare: bool = False):
        self.code = code
        self.letters = letters  # compiled pattern: a word of this language's letters only
        self.single_letters = single_letters  # one-letter words (lower and upper case)
        self.initials = initials  # a lone capital at a run's edge may be an initial (G|to)
        self.colloquial = colloquial  # English dropped-g forms (workin) count as rarer
        self.floors = floors  # by length: how common a lowercase piece must be
        self.short_piece_zipf = short_piece_zipf  # ... and a short Capitalised one
        self.cheapest = cheapest  # 8 - an upper bound of the list's highest zipf
        self.derive = derive  # (lowercase word, zipf table) -> estimated zipf, 0 if none
        self.unknown_base, self.unknown_letter = unknown_base, unknown_letter  # unknown run cost
        self.folds = fold or {}  # letters read as another (ё as е), same length
        # (run, zipf table) -> True when grammar makes the run one word whatever
        # the word list says (Russian неблоковый: не + a rare adjective; МИДа)
        self.one_word = one_word
        # a common word stays whole however it is written (Russian ВКонтакте); in
        # English a run shaped like no word splits at its case boundary (anSCO)
        self.trust_shapes = trust_shapes
        # a known capitalised word then a function word is a lost space (Uzbekistan|as);
        # not in Russian, where a name's last syllable is one (Мукашев|на: Мукашевна)
        self.function_tails = function_tails
        # a rare or derived word cut in two inside a longer run is put back when it
        # reads better than its pieces, as it would be alone (Russian, where most
        # rare words are inflected forms: четвертьвекового); English only puts back
        # established words
        self.rejoin_rare = rejoin_rare

    def fold(self, word: str) -> str:
        """``word`` as the list spells it (same length): ё is looked up as е."""
        return word.translate(self.folds) if self.folds else word


def _base_frequencies() -> dict[str, float]:
    """wordfreq's large English list as zipf values, loaded once per process."""
    return _frequencies("en")


@lru_cache(maxsize=4)
def _frequencies(code: str) -> dict[str, float]:
    """wordfreq's large list of one language as zipf values, loaded once per process
    (the Russian one only when a Cyrillic run first needs it), from the word-table
    cache when it holds them (``_cached``)."""
    return _cached("zipf", code, _read_frequencies, dict)


def _read_frequencies(code: str) -> dict[str, float]:
    from wordfreq import get_frequency_dict

    # wordfreq keeps every dict it builds (lru_cache); the table below is all we
    # need, so its dict is built uncached and freed (~40 MB English, ~70 MB Russian)
    build = getattr(get_frequency_dict, "__wrapped__", get_frequency_dict)
    if code == "en":
        freqs = build(code, wordlist="large")
        return _shared_values({w: math.log10(f) + 9 for w, f in freqs.items() if f > 0})
    return _shared_values(_letter_frequencies(build(code, wordlist="large"), LANGUAGES[code]))


def _shared_values(zipf: dict[str, float]) -> dict[str, float]:
    """The same table with one float object per distinct value: wordfreq's lists are
    bucketed (564 distinct English values, 6,152 Russian ones for 321k and 661k words),
    so this saves a float object per word (~8 MB English, ~16 MB Russian per process)."""
    one: dict[float, float] = {}
    return {w: one.setdefault(z, z) if z else z for w, z in zipf.items()}


def _letter_frequencies(freqs: dict[str, float], lang: "Language") -> dict[str, float]:
    """Zipf values of a list's words made only of the language's letters (the only
    ones a run of letters can be), spellings folded (ё as е) and summed."""
    letters, folds = lang.letters.fullmatch, lang.folds
    foldable = re.compile("[%s]" % "".join(map(chr, folds))).search if folds else None
    summed: dict[str, float] = {}
    for w, f in freqs.items():
        if f > 0 and letters(w):
            if foldable is not None and foldable(w):
                w = w.translate(folds)
            summed[w] = summed.get(w, 0.0) + f
    log10 = math.log10
    return {w: log10(f) + 9 for w, f in summed.items()}


class Lexicon:
    """Word frequencies plus the archive's own vocabulary. Immutable: its
    only mutable parts are caches (segmented runs, derived words) of pure
    functions of it."""

    __slots__ = ("_zipf", "_extra", "_whole", "_cache", "_derived", "_doubt", "common",
                 "token_memo", "lang", "_others")

    def __init__(self, zipf: dict[str, float], extra: Iterable[str] = (),
                 whole: Iterable[str] = (), lang: Language | None = None):
        """``extra``: names from the archive's config, known in any position.
        ``whole``: words seen whole in the transcripts; they protect a run
        written exactly so, and nothing else (so a record depends only on
        the ones it contains). ``lang``: the language of ``zipf`` (English)."""
        self.lang = lang if lang is not None else ENGLISH
        self._others: dict[str, Lexicon] = {}
        self._zipf = zipf
        self._extra = frozenset(w.lower() for w in extra if w)
        self._whole = frozenset(w for w in whole if w)
        self._cache: dict[str, tuple[str, ...]] = {}
        self._derived: dict[str, float] = {}
        self._doubt: dict[str, bool] = {}
        self.token_memo: dict = {}  # repairs.clean's per-token results, per fixer stretch
        # runs that are never split, as written: checked before any per-word work
        self.common = (_common_forms(zipf, self.lang) | self._extra
                       | {w.capitalize() for w in self._extra} | self._whole)

    def for_language(self, code: str) -> "Lexicon":
        """The lexicon of another language with this one's archive words, made
        (and its word list read) the first time a run of that language needs it."""
        if code == self.lang.code:
            return self
        other = self._others.get(code)
        if other is None:
            other = self._others[code] = Lexicon(_frequencies(code), self._extra, self._whole,
                                                 LANGUAGES[code])
        return other

    def zipf(self, word: str) -> float:
        """wordfreq's zipf value (0 when unknown); archive words at least EXTRA_ZIPF."""
        w = word.lower()
        value = self._zipf.get(w, 0.0)
        if w in self._extra:
            return max(value, EXTRA_ZIPF)
        return value

    def word_zipf(self, word: str) -> float:
        """``zipf``, or for a word wordfreq lacks, an estimate from a known
        word it is regularly derived from (stiflings, parenthesised,
        misfitted, nonessentials), one step rarer per affix; 0 if none."""
        z = self.zipf(word)
        if z > 0 or not word.isalpha():
            return z
        w = word.lower()
        value = self._derived.get(w)
        if value is None:
            value = self._derived[w] = self.lang.derive(w, self._zipf)
        return value

    def is_known(self, word: str) -> bool:
        w = word.lower()
        return w in self._zipf or w in self._extra

    def cost(self, word: str) -> float:
        z = self.zipf(word)
        if z > 0:
            return 8.0 - z
        return self.lang.unknown_base + self.lang.unknown_letter * len(word)  # a name, or damage


# Regular English affixes: (suffix, what the stem ended with instead).
_SUFFIXES = (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""),
             ("ing", "e"), ("er", ""), ("er", "e"), ("ers", ""), ("est", ""), ("est", "e"),
             ("ness", ""), ("able", ""), ("able", "e"), ("ies", "y"), ("ied", "y"),
             ("ier", "y"), ("iest", "y"), ("ily", "y"), ("iness", "y"), ("ment", ""),
             ("ism", ""), ("ist", ""), ("ity", ""))
# Prefixes that are not words a space could have separated (unlike over, out).
_PREFIXES = ("non", "mis", "pre", "anti", "inter", "semi", "multi", "dis")
DERIVED_STEP = 1.5  # a derived word counts as this much rarer than its stem
MIN_STEM = 3


def _derived_zipf(w: str, zipf: dict[str, float], depth: int) -> float:
    """Estimated zipf of lowercase ``w`` from a known stem (0 when none)."""
    best = 0.0
    for variant in _spelling_variants(w):
        best = max(best, zipf.get(variant, 0.0))
    for suffix, restore in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= MIN_STEM:
            stem = w[:-len(suffix)]
            if suffix[0] == "s" and stem[-1] == "s":
                continue  # no "visitorss"
            if suffix == "d" and stem[-1] != "e":
                continue  # agree|d, but no "European|d"
            stems = [stem + restore]
            if not restore and len(stem) > MIN_STEM and stem[-1] == stem[-2] \
                    and suffix[0] in "aeiy":
                stems.append(stem[:-1])  # misfitted, gossipping
            for s in stems:
                best = max(best, _stem_zipf(s, zipf, depth) - DERIVED_STEP)
    for prefix in _PREFIXES:
        if w.startswith(prefix) and len(w) - len(prefix) >= 4:
            best = max(best, _stem_zipf(w[len(prefix):], zipf, depth) - DERIVED_STEP)
    return max(best, 0.0)


def _english_derived(w: str, zipf: dict[str, float]) -> float:
    return _derived_zipf(w, zipf, 2)


def _stem_zipf(stem: str, zipf: dict[str, float], depth: int) -> float:
    z = zipf.get(stem, 0.0)
    if z == 0.0 and depth > 1:
        z = _derived_zipf(stem, zipf, depth - 1)
    return z


def _spelling_variants(w: str) -> tuple[str, ...]:
    """British and American spellings of one word: organise/organize."""
    out = []
    if "is" in w:
        out.append(w.replace("is", "iz"))
    if "our" in w:
        out.append(w.replace("our", "or"))
    return tuple(out)


@lru_cache(maxsize=4)
def _common_forms_cached(code: str) -> frozenset[str]:
    return _frequent_forms(_frequencies(code))


def _frequent_forms(zipf: dict[str, float]) -> frozenset[str]:
    words = [w for w, z in zipf.items() if z >= FAST_ZIPF and w.isalpha()]
    return frozenset(words) | frozenset(w.capitalize() for w in words)


def _common_forms(zipf: dict[str, float], lang: Language) -> frozenset[str]:
    if zipf is _frequencies(lang.code):
        return _common_forms_cached(lang.code)
    return _frequent_forms(zipf)


def base_common() -> frozenset[str]:
    """Words (as written) common enough that they are never split anyway."""
    return _common_forms(_base_frequencies(), ENGLISH)


def load_lexicon(extra_words: Iterable[str] = (), whole_words: Iterable[str] = ()) -> Lexicon:
    """The wordfreq table (read once per process) plus the archive's words."""
    return Lexicon(_base_frequencies(), extra_words, whole_words)


# --- case shapes ----------------------------------------------------------------


def _word_shaped(piece: str) -> bool:
    """lower, Capitalised or an ACRONYM: how a single word is written."""
    return piece.islower() or piece.isupper() or (piece[0].isupper() and piece[1:].islower())


def _plural_acronym(run: str) -> bool:
    """NGOs, CEOs: an acronym with a plural s is one word."""
    return len(run) >= 3 and run[-1] == "s" and run[:-1].isupper()


def _shapeless(run: str) -> bool:
    """True for runs no single word is written like, whatever wordfreq says:
    lower then CAPITALS (anSCO, theUN) or CAPITALS then lower (UNrequested)."""
    if _word_shaped(run) or _plural_acronym(run):
        return False
    for k in range(1, len(run) - 1):
        a, b, c = run[k - 1], run[k], run[k + 1]
        if a.islower() and b.isupper() and c.isupper():
            return True
        if k >= 2 and run[k - 2].isupper() and a.isupper() and b.islower() and c.islower():
            return True
    return False


# --- segmentation -----------------------------------------------------------------


def segment(run: str, lexicon: Lexicon, compound: bool = False) -> tuple[str, ...]:
    """Split a glued run of letters into words; ``''.join(result) == run``.

    A single piece means "leave it alone". ``compound``: the run is joined to
    a hyphen (Cholpon-Ata, Jalal-Abad), so it is more likely part of a name.
    Results are cached per lexicon.
    """
    key = "-" + run if compound else run
    cached = lexicon._cache.get(key)
    if cached is not None:
        return cached
    folds = lexicon.lang.folds
    if folds and (folded := run.translate(folds)) != run:  # read as the list spells it
        cut = list(accumulate(map(len, segment(folded, lexicon, compound)), initial=0))
        result = tuple(run[a:b] for a, b in zip(cut, cut[1:]))
        if len(lexicon._cache) < CACHE_LIMIT:
            lexicon._cache[key] = result
        return result
    result = _segment(run, lexicon)
    if len(result) > 1:
        result = _keep_names(result, lexicon, compound)
    if len(lexicon._cache) < CACHE_LIMIT:
        lexicon._cache[key] = result
    return result


DOUBT = 1.0  # another reading of two neighbouring pieces within this cost: a close call


def doubtful(run: str, lexicon: Lexicon, compound: bool = False) -> bool:
    """Was splitting ``run`` a close call? True when, for some boundary the
    split made, the two pieces beside it read almost as well another way (one
    word, or a boundary elsewhere): "toreview" (to review / tore view).
    Only meaningful for runs ``segment`` split; remembered per lexicon."""
    folds = lexicon.lang.folds
    if folds:
        run = run.translate(folds)
    key = "-" + run if compound else run
    known = lexicon._doubt.get(key)
    if known is not None:
        return known
    pieces = segment(run, lexicon, compound)
    bonus = 0.0 if _whole_zipf(run, lexicon) > 0 and not _shapeless(run) else CAMEL_BONUS
    answer = any(len(group) > 1 and _read_name_group(group, lexicon, compound)[1] < DOUBT
                 for group in _name_groups(pieces))
    for left, right in zip(pieces, pieces[1:]):
        if answer:
            break
        pair = left + right
        chosen = _best_split(pair, lexicon, bonus)
        other = _best_split(pair, lexicon, bonus, forbid=len(left))
        if chosen is not None and other is not None and other[0] - chosen[0] < DOUBT:
            answer = True
            break
    if len(lexicon._doubt) < CACHE_LIMIT:
        lexicon._doubt[key] = answer
    return answer


# --- names -----------------------------------------------------------------------
#
# A capitalised word the list lacks is far more often a name (Vernitsky,
# Xinhuanet, Sadeghpour) than several short words whose spaces were lost, and
# damage only deletes spaces: a split inside a name is always a wrong repair.
# So every stretch of a split that reads as one capitalised word (a
# Capitalised piece and the lowercase pieces after it) must earn its
# boundaries. Two readings are compared, in log10 units as zipf values are:
#   - one name: its letters after the first piece are how names end (the
#     share of the list's rare words, most of them names, that end so);
#   - words: the lowercase pieces as words (their frequency), each boundary a
#     lost space (NAME_GLUE).
# "Amanzholov|answered", "Termez|and", "Davlatzoda|speaks" earn their boundary
# (no name ends in "answered", few in "and" compared with how often "and"
# follows a word); "Xinhua|net", "Sadegh|pour", "Silk|way", "Vern|it|sky",
# "Jo|mart" do not. A first piece that reads much more as a common word than
# as the start of a name ("Our|aim", "It|is") adds its own evidence.

NAME_GLUE = 0.5  # log10 evidence each boundary inside a capitalised word must add
NAME_LONG_END = 5  # a name ending this long is judged at least NAME_CHAR a letter
NAME_CHAR = 1.0  # log10 cost per letter of a name part the list's spellings do not cover
NAME_RARE = 3.5  # the list's words rarer than this stand for how names are spelt
SHORT_HEAD_TAIL_ZIPF = 6.0  # ... and after a one-letter word, only one this common
FUNCTION_ZIPF = 6.5  # a word this common after a known one is a lost space, not a name part
NAME_END = 3.0  # a name's last two letters rarer (log10) than this count against it
NAME_BASE, NAME_LETTER = 5.0, 0.3  # an unknown capitalised piece of a camel-cased run


@lru_cache(maxsize=4)
def _spellings(code: str = "en") -> tuple[list[str], list[str], int]:
    """The list's rare words (five letters or more), sorted forwards and
    reversed: how often a rare word, most often a name, begins or ends with
    given letters. Built on first use (~0.2 s English, ~0.75 s Russian), once per
    process and language, or read from the word-table cache (``_cached``). The
    forward list holds the table's own key strings (kept as their positions in the
    table: ~40 MB less for Russian than copies)."""
    keys = list(_frequencies(code))
    stored = _cached("spellings", code, _stored_spellings, tuple)
    if stored[3] != len(keys):  # (made from another table: never from this module's)
        stored = _stored_spellings(code)
    index = array("I")
    index.frombytes(stored[0])
    return list(map(keys.__getitem__, index)), stored[1], stored[2]


def _stored_spellings(code: str) -> tuple[bytes, list[str], int, int]:
    """(positions in the table of its rare words in sorted order, the rare words
    reversed and sorted, how many, the table's size)."""
    zipf = _frequencies(code)
    keys = list(zipf)
    rare = [k for k, (w, z) in enumerate(zipf.items())
            if z < NAME_RARE and len(w) >= 5 and w.isalpha()]
    rare.sort(key=keys.__getitem__)  # (keys are distinct: the order of sorted(words))
    return (array("I", rare).tobytes(), sorted(keys[k][::-1] for k in rare), len(rare),
            len(keys))


def _make_spellings(code: str) -> tuple[list[str], list[str], int]:
    """``_spellings`` as it is made without the cache (what a test compares it with)."""
    rare = [w for w, z in _frequencies(code).items()
            if z < NAME_RARE and len(w) >= 5 and w.isalpha()]
    return sorted(rare), sorted(w[::-1] for w in rare), len(rare)


# --- the word-table cache ----------------------------------------------------------
#
# The tables above are pure functions of wordfreq's data and of this module, and cost
# ~1 s (English) and ~2 s (Russian) to build in every process that loads transcripts:
# a build's every loading worker, every benchmark round. They are kept on disk
# (marshal: exact floats, dict order kept) in the user's cache folder, keyed by
# the installed wordfreq and its data files and by this module's source, and read
# back in a fifth of the time. Anything wrong with the cache (no such folder, read-only,
# corrupt, another process writing) means the table is built as before.

WORD_TABLES_FORMAT = 2
WORD_CACHE_ENV = "SCOGEN_WORD_CACHE"  # a folder, or "off"


def word_cache_dir() -> str | None:
    """Where the word tables are kept: $SCOGEN_WORD_CACHE ("off": nowhere), else
    $XDG_CACHE_HOME/scogen/words, else ~/.cache/scogen/words."""
    import os

    folder = os.environ.get(WORD_CACHE_ENV)
    if folder is not None:
        return None if folder.strip().lower() in ("", "off", "0", "no") else folder
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if base.startswith("~"):  # no home folder to expand
        return None
    return os.path.join(base, "scogen", "words")


@lru_cache(maxsize=1)
def _tables_key() -> str:
    """What every cached table depends on: the installed wordfreq and its data files
    (path, size, modification time), this module's source."""
    import hashlib
    import os
    from importlib.util import find_spec

    # the installed wordfreq (its code: an upgrade replaces it) and its lists, found
    # without importing it (which takes longer than reading a table)
    code = find_spec("wordfreq").origin
    data = os.path.join(os.path.dirname(code), "data")
    parts = [str(WORD_TABLES_FORMAT)]
    files = [code] + [os.path.join(data, name) for name in sorted(os.listdir(data))
                      if name.startswith("large_")]
    for name in files:
        st = os.stat(name)
        parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    with open(__file__, "rb") as f:
        parts.append(hashlib.blake2b(f.read(), digest_size=16).hexdigest())
    return hashlib.blake2b("\x00".join(parts).encode(), digest_size=12).hexdigest()


def _cached(kind: str, code: str, make, shape: type):
    """``make(code)``, read from the word-table cache when it is there, else made
    and written to it (atomically: a half-written file is never read)."""
    import marshal
    import os

    folder = word_cache_dir()
    if folder is None:
        return make(code)
    try:
        path = os.path.join(folder, f"{kind}-{code}-{_tables_key()}.marshal")
    except Exception:  # wordfreq's data cannot be listed: no cache
        return make(code)
    try:
        with open(path, "rb") as f:
            table = marshal.loads(f.read())
        if isinstance(table, shape):
            return table
    except (OSError, EOFError, ValueError, TypeError):
        pass
    table = make(code)
    try:
        os.makedirs(folder, exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as f:
            f.write(marshal.dumps(table))
        os.replace(tmp, path)
    except (OSError, ValueError):
        try:
            os.unlink(tmp)
        except (OSError, UnboundLocalError):
            pass
        return table
    # the tables of older keys (another wordfreq, an edited module) are never read again
    stale = f"{kind}-{code}-"
    try:
        for name in os.listdir(folder):
            if name.startswith(stale) and os.path.join(folder, name) != path:
                os.unlink(os.path.join(folder, name))
    except OSError:
        pass
    return table


def _affix_cost(letters: str, words: list[str]) -> float:
    """-log10 of the share of ``words`` that begin with ``letters``; where
    none does, the longest beginning some do, plus NAME_CHAR a letter."""
    n = len(words)
    for k in range(len(letters), 0, -1):
        prefix = letters[:k]
        count = bisect_left(words, prefix + "\U0010ffff") - bisect_left(words, prefix)
        if count:
            return -math.log10(count / n) + NAME_CHAR * (len(letters) - k)
    return -math.log10(0.5 / n) + NAME_CHAR * len(letters)


def name_evidence(pieces: tuple[str, ...], lexicon: Lexicon, compound: bool = False) -> float:
    """How much better (log10) ``pieces`` — a Capitalised piece, then
    lowercase ones — read as words than their join reads as one name; a
    split is made only when this is positive."""
    head, tails = pieces[0], pieces[1:]
    forwards, backwards, _n = _spellings(lexicon.lang.code)
    tail = "".join(tails).lower()
    words = sum(9.0 - lexicon.zipf(t) for t in tails)
    # how names end; for a longer ending, at least NAME_CHAR a letter: the list's
    # rare words ending in "trains" or "answered" are derived words, not names
    ending = _affix_cost(tail[::-1], backwards)
    if len(tail) >= NAME_LONG_END:
        ending = max(ending, NAME_CHAR * len(tail))
    z = lexicon.zipf(head)
    if z > 0:  # a known word or name, then words; one starting like a common word
        evidence = ending - words  # (Our|aim, It|is) is no name
        evidence += max(0.0, _affix_cost(head.lower(), forwards) - (9.0 - z))
        tz = lexicon.zipf(tails[0])
        if len(tails) == 1 and not compound and (
                (z >= FUNCTION_ZIPF and (len(head) > 1 or tz >= SHORT_HEAD_TAIL_ZIPF))
                or (len(head) > 2 and len(tails[0]) > 1 and tz >= FUNCTION_ZIPF
                    and lexicon.lang.function_tails)):
            # a function word and a known word, or a known word and a function word
            # (I|can, Uzbekistan|as, Kazakh|and; but not in a hyphenated name,
            # Cholpon-At|a, nor after two letters, Te|an, nor a letter that makes a
            # name of a name, Yusupov|a; after I or A, only a very common word:
            # I|can, but Abad, not A|bad): names made
            # of a known one are compounds of content words (Xinhua|net, Silk|way);
            # rare words end in -as, -in, -and for reasons that are not names
            evidence = max(evidence, DOUBT + NAME_GLUE)
    else:  # an unknown name, which must end as names do (Esfandiar|pour, not
        # Esfandiarp|our), then words: Amanzholov|answered
        evidence = ending - words
        evidence -= max(0.0, _affix_cost(head[-2:].lower()[::-1], backwards) - NAME_END)
    return evidence - NAME_GLUE * len(tails)


def _name_groups(pieces: tuple[str, ...]) -> list[tuple[str, ...]]:
    """``pieces`` cut into stretches that each read as one word: a
    Capitalised piece with the lowercase pieces after it, or one piece."""
    groups: list[tuple[str, ...]] = []
    i = 0
    while i < len(pieces):
        j = i + 1
        if pieces[i][:1].isupper() and (len(pieces[i]) == 1 or pieces[i][1:].islower()):
            while j < len(pieces) and pieces[j].islower():
                j += 1
        groups.append(pieces[i:j])
        i = j
    return groups


def _keep_names(pieces: tuple[str, ...], lexicon: Lexicon,
                compound: bool = False) -> tuple[str, ...]:
    """Put back together every capitalised stretch of a split whose
    boundaries the words do not earn (name_evidence), and a brand's trailing
    acronym (SilkwayTV: an unknown capitalised word glued to capitals)."""
    out: list[str] = []
    for group in _name_groups(pieces):
        reading = _read_name_group(group, lexicon, compound)[0]
        if len(reading) > 1 and not lexicon.word_zipf(reading[0]):
            # the word model may have taken a name and a word for one name piece
            # (Zhurbenkosaid|that): the name part is read again on its own
            reading = segment(reading[0], lexicon, compound) + reading[1:]
        out.extend(reading)
    if len(out) >= 2 and out[-1].isupper() and len(out[-1]) > 1 and _name_shaped(out[-2]) \
            and not lexicon.word_zipf(out[-2]) and out[-2].lower() not in lexicon._extra:
        out[-2:] = [out[-2] + out[-1]]
    return tuple(out) if len(out) > 1 else ("".join(pieces),)


def _read_name_group(group: tuple[str, ...], lexicon: Lexicon,
                     compound: bool = False) -> tuple[tuple[str, ...], float]:
    """The best reading of a capitalised stretch: its first k pieces as one
    name and the rest as words, k chosen by name_evidence (the whole stretch,
    evidence 0, unless a split beats it); then a first boundary that does not
    earn itself on its own is closed (A|bad|and -> Abad|and), or the name
    part, if it ends in a word that earns its boundary, gives it up
    (Ican|say -> I|can|say). Returns the reading and its least evidence."""
    best, best_evidence, cut = ("".join(group),), 0.0, len(group)
    for k in range(len(group) - 1, 0, -1):
        reading = ("".join(group[:k]),) + group[k:]
        evidence = name_evidence(reading, lexicon, compound)
        if evidence > best_evidence:
            best, best_evidence, cut = reading, evidence, k
    while len(best) > 2 and name_evidence(best[:2], lexicon, compound) <= 0:
        best = (best[0] + best[1],) + best[2:]
        best_evidence = name_evidence(best, lexicon, compound)
    if best_evidence <= 0:
        return ("".join(group),), 0.0
    while 1 < cut == len(group) - len(best) + 1:  # the name part may end in a word too
        head = (("".join(group[:cut - 1]), group[cut - 1]))  # (Icansay: Ican|say -> I|can|say)
        evidence = name_evidence(head, lexicon, compound)
        if evidence <= 0:
            break
        best, best_evidence, cut = head + best[1:], min(best_evidence, evidence), cut - 1
    return best, best_evidence


def _name_shaped(run: str) -> bool:
    """Capitalised with nothing else upper-case: Abenov, Kazinform, Ata, Thatis."""
    return run[:1].isupper() and run[1:].islower()


def _segment(run: str, lexicon: Lexicon) -> tuple[str, ...]:
    if len(run) < 3 or run.isupper() or run in lexicon._whole or run.lower() in lexicon._extra \
            or _plural_acronym(run):
        return (run,)
    shapeless = _shapeless(run)
    zipf = _whole_zipf(run, lexicon)
    if zipf >= FAST_ZIPF and (not shapeless or lexicon.lang.trust_shapes):
        return (run,)
    one_word = lexicon.lang.one_word
    if one_word is not None and one_word(run, lexicon._zipf):
        return (run,)
    whole_known = zipf > 0 and not shapeless
    if whole_known and zipf >= ESTABLISHED and run.islower() and \
            not _may_split_established(run, zipf, lexicon):
        return (run,)
    camel = whole_known and not _word_shaped(run)  # WeChat, NewYork
    split = _best_split(run, lexicon, bonus=0.0 if whole_known else CAMEL_BONUS)
    if split is None or len(split[1]) < 2:
        return (run,)
    cost, pieces = split
    lang = lexicon.lang
    whole = 8.0 - zipf if whole_known else lang.unknown_base + lang.unknown_letter * len(run)
    margin = KNOWN_MARGIN if whole_known and not camel and zipf >= ESTABLISHED else 0.0
    if cost + margin >= whole:
        return (run,)
    # never invent an unknown piece out of a known whole word
    if whole_known and not all(lexicon.is_known(p) for p in pieces):
        return (run,)
    return _rejoin_words(pieces, lexicon)


def _may_split_established(run: str, zipf: float, lexicon: Lexicon) -> bool:
    """Can any split of this established lower-case word beat it by KNOWN_MARGIN? A split
    of n pieces costs the pieces' costs (8 - zipf each, at least 8 - the top zipf) plus
    (n - 1) * PIECE_PENALTY. Two pieces are tried directly; three or more can only win
    when every piece is among the most common words, which a short search over those
    alone settles. Exact for the cost model: 'ofthe' may split, 'tanner' may not, and
    most words are settled in a few dictionary lookups instead of the full search."""
    zget = lexicon._zipf.get
    bound = 8.0 - zipf - KNOWN_MARGIN  # what a split must cost less than
    n = len(run)
    for k in range(1, n):
        if 16.0 - zget(run[:k], 0.0) - zget(run[k:], 0.0) + PIECE_PENALTY < bound:
            return True
    # three or more pieces: each costs less than bound - 2 penalties - 2 cheapest others
    cheapest = lexicon.lang.cheapest
    most = 8.0 - (bound - 2 * PIECE_PENALTY - 2 * cheapest)
    if most >= 8.0 - cheapest or \
            not any(zget(run[:k], 0.0) > most for k in range(1, min(n, MAX_PIECE) + 1)) or \
            not any(zget(run[-k:], 0.0) > most for k in range(1, min(n, MAX_PIECE) + 1)):
        return False
    reach = [False] * (n + 1)  # reach[i]: run[:i] tiles into such very common words
    reach[0] = True
    for i in range(1, n + 1):
        reach[i] = any(reach[j] and zget(run[j:i], 0.0) > most
                       for j in range(max(0, i - MAX_PIECE), i))
    return reach[n]


_CHEAPEST = 8.0 - 7.8  # no English word is more common than zipf 7.8


def _whole_zipf(run: str, lexicon: Lexicon) -> float:
    """How common ``run`` is as one word, as written."""
    if not _word_shaped(run):
        return lexicon.zipf(run)
    zipf = lexicon.word_zipf(run)
    if 0 < zipf < FAST_ZIPF and len(run) >= 5 and lexicon.lang.colloquial and run.endswith("in") \
            and lexicon.zipf(run + "g") > zipf:
        zipf = max(zipf - COLLOQUIAL_STEP, 0.1)  # workin', meetin': rarely meant in a transcript
    return zipf


def _best_split(run: str, lexicon: Lexicon, bonus: float, forbid: int = -1):
    """(cost, pieces) of the cheapest split into word-shaped pieces, or None;
    with ``forbid``, the cheapest with no boundary at that index."""
    if len(run) >= 2 and _PLAIN_LOWER.fullmatch(run):
        return _best_split_lower(run, lexicon, forbid)
    return _best_split_any(run, lexicon, bonus, forbid)


# Letters every one of which is lower case (no caseless letter): each piece of a run of
# them is a lowercase word, so no case boundary, capital or acronym rule applies.
_PLAIN_LOWER = re.compile("[a-z\u0430-\u044f\u0451]+")


def _best_split_lower(run: str, lexicon: Lexicon, forbid: int = -1):
    """``_best_split_any`` for a run of plain lower-case letters (most runs), with what
    cannot apply to it left out: no case rule and no bonus; a one-letter piece is a
    word only if the language has it as one (no initials in lower case). The same
    sums in the same order, the same ties (the longest last piece), the pieces read
    back from where each best reading began instead of built as tuples at every step."""
    n = len(run)
    zget, extra, floors = lexicon._zipf.get, lexicon._extra, lexicon.lang.floors
    singles = lexicon.lang.single_letters
    cost: list[float | None] = [None] * (n + 1)
    back = [0] * (n + 1)
    cost[0] = 0.0
    for i in range(1, n + 1):
        total_best = None
        j_best = 0
        for j in range(i - 1, max(0, i - MAX_PIECE) - 1, -1):
            prev = cost[j]
            if prev is None:
                continue
            if i - j > 1:
                piece = run[j:i]
                z = zget(piece, 0.0)
                if extra and piece in extra:
                    z = max(z, EXTRA_ZIPF)
                if z < floors[i - j]:
                    continue
                c = 8.0 - z
            elif run[j] in singles:
                c = lexicon.cost(run[j])
            else:
                continue
            if j > 0:
                c += PIECE_PENALTY
            total = prev + c
            if total_best is None or total <= total_best:
                total_best, j_best = total, j
        if i != forbid:
            cost[i], back[i] = total_best, j_best
    if cost[n] is None:
        return None
    pieces = []
    i = n
    while i > 0:
        pieces.append(run[back[i]:i])
        i = back[i]
    return cost[n], tuple(reversed(pieces))


def _best_split_any(run: str, lexicon: Lexicon, bonus: float, forbid: int = -1):
    n = len(run)
    zget, extra, floors = lexicon._zipf.get, lexicon._extra, lexicon.lang.floors
    # best[i]: (cost, pieces) of run[:i]
    best: list[tuple[float, tuple[str, ...]] | None] = [None] * (n + 1)
    best[0] = (0.0, ())
    for i in range(1, n + 1):
        choice = None
        last_lower = run[i - 1].islower() and run[i - 1] != "s"
        tail_upper = tail_lower = 0  # letters of run[j+1:i-1] + run[i-1] as counted below
        for j in range(i - 1, max(0, i - MAX_PIECE) - 1, -1):
            if j < i - 1:  # run[j+1] joined the tail of the piece
                k = j + 1
                if run[k].isupper():
                    tail_upper += 1
                elif k < i - 1:
                    tail_lower += 1
                if tail_upper and (tail_lower or last_lower):
                    break  # a capital inside lower case: no longer piece is a word
            prev = best[j]
            if prev is None:
                continue
            piece = run[j:i]
            if i - j > 1 and piece.islower():  # the common case, inlined for speed
                z = zget(piece, 0.0)
                if piece in extra:
                    z = max(z, EXTRA_ZIPF)
                if z < floors[i - j]:
                    continue
                c = 8.0 - z
            else:
                c = _piece_cost(piece, j, run, lexicon)
                if c is None:
                    continue
            if j > 0:
                before = prev[1][-1]
                if before.isupper() and piece[0].isupper() and (
                        piece.isupper() or _plural_acronym(piece) or len(piece) == 2):
                    continue  # no boundary shows between capitals (NG|Os)
                c += PIECE_PENALTY
                if run[j - 1].islower() and run[j].isupper():
                    c -= bonus
                elif piece.islower() and len(before) > 1 and before.isupper() \
                        and piece[0] != "s":
                    c -= bonus  # SCO|military, but NGOs|and rather than NGO|sand
            total = prev[0] + c
            if choice is None or total <= choice[0]:  # ties: the longest piece, as before
                choice = (total, prev[1] + (piece,))
        best[i] = choice if i != forbid else None
    return best[n]


def _lower_floor(length: int) -> float:
    """How common a lowercase piece of this length must be."""
    if length == 2:
        return TWO_LETTER_ZIPF
    return SHORT_PIECE_ZIPF if length <= 3 else MID_PIECE_ZIPF if length <= 5 else PIECE_ZIPF


_LOWER_FLOORS = tuple(_lower_floor(k) for k in range(MAX_PIECE + 1))

ENGLISH = Language(
    "en", letters=re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]+"),
    single_letters=SINGLE_LETTERS, initials=True, colloquial=True, floors=_LOWER_FLOORS,
    short_piece_zipf=SHORT_PIECE_ZIPF, cheapest=_CHEAPEST,
    derive=_english_derived)


def _piece_cost(piece: str, start: int, run: str, lexicon: Lexicon) -> float | None:
    """The cost of ``piece`` (at ``run[start:]``) as one word of a split, or
    None if it cannot be one."""
    lang = lexicon.lang
    if len(piece) == 1:
        if piece in lang.single_letters:
            return lexicon.cost(piece)
        if not lang.initials:
            return None
        if start == 0 and piece.isupper() and run[1].islower():
            return INITIAL_COST  # "G|to"
        if start == 0 and piece == "s" and run[1].isupper():
            return INITIAL_COST  # the end of a possessive: Jane's|Defense
        if start == len(run) - 1 and piece.isupper() and run[-2].islower():
            return INITIAL_COST  # "to|G", "Plus|X"
        return None
    if piece.isupper() or _plural_acronym(piece):
        return lexicon.cost(piece)  # an acronym, known or not
    if not _word_shaped(piece):
        return None
    z = lexicon.zipf(piece)
    if piece.islower():
        floor = lang.floors[len(piece)]
    elif len(piece) > 3:  # Capitalised: a longer one may be a name
        floor = 0.0
    elif start > 0 and run[start - 1].islower():  # a short name after a lost space: WangYi
        floor = SHORT_NAME_ZIPF
    else:  # a short one must be common
        floor = lang.short_piece_zipf
    if z < floor:
        return None
    if z > 0:
        return 8.0 - z
    if not piece.islower() and len(piece) < len(run):
        # an unknown name (Amanzholov|answered, Kassym-Jomart|Tokayev) costs what a
        # rare word does; _keep_names judges every split of a capitalised word
        return NAME_BASE + NAME_LETTER * len(piece)
    return lexicon.cost(piece)


def _rejoin_words(pieces: tuple[str, ...], lexicon: Lexicon) -> tuple[str, ...]:
    """Put back an established word cut in two: unigram scores cut
    'businesslike' into 'business like' and 'noon' into 'no on'."""
    out = [pieces[0]]
    one_word = lexicon.lang.one_word
    for piece in pieces[1:]:
        joined = out[-1] + piece
        z = _whole_zipf(joined, lexicon)
        if _word_shaped(joined) and z >= ESTABLISHED and (
                len(joined) >= LONG_WORD or 8.0 - z < lexicon.cost(out[-1])
                + lexicon.cost(piece) + PIECE_PENALTY + KNOWN_MARGIN):
            out[-1] = joined
        elif one_word is not None and one_word(joined, lexicon._zipf):
            out[-1] = joined
        elif lexicon.lang.rejoin_rare and 0 < z < ESTABLISHED and _word_shaped(joined) and \
                8.0 - z < lexicon.cost(out[-1]) + lexicon.cost(piece) + PIECE_PENALTY:
            out[-1] = joined  # read as it would be alone (четвертьвекового)
        else:
            out.append(piece)
    if lexicon.lang.rejoin_rare and len(out) < len(pieces):  # again: клеить|с|я -> клеить|ся
        return _rejoin_words(tuple(out), lexicon)  # -> клеиться
    return tuple(out)


# --- Russian ------------------------------------------------------------------------
#
# The same model over wordfreq's large Russian list (713k forms, read only when a
# Cyrillic run first appears). Russian is inflected: most forms are in the list, but
# a rare form of a known word may not be, so a word the list lacks is estimated from
# another form of the same stem (another ending) before anything may be cut out of it.

# Inflection classes: the endings one word takes (ё written е, as the list is
# folded; "" the bare stem of a hard noun, the only class where a bare word is
# evidence: any word is a bare stem of something). A form the list lacks is vouched for by another form of
# the same stem in the same class: 'мушкетона' by 'мушкетоны', 'затоплено' by
# 'затоплены', but 'городи' by nothing ('город' takes -а, -у, -е, not -и), so
# 'городи' reads as 'город и'.
_RU_CLASSES = tuple(frozenset(c.split(" ")) for c in (
    " а у ом е ы ов ам ами ах",  # hard nouns (the bare stem: стол), сторона, окно
    "а ы е у ой ою ам ами ах",
    "о а у ом е ам ами ах",
    "ь й я ю ем е и ей ев ям ями ях",  # soft nouns: словарь, музей, неделя, поле
    "я и е ю ей ею ь ям ями ях",
    "ь и ью ей ям ями ях",  # связь
    "ия ии ию ией иею ие ием ий иям иями иях",  # позиция, развитие, комментарий
    "ый ой ого ому ым ом ая ую ое ые ых ыми ою",  # hard adjectives
    "а о ы",  # short adjectives and participles: затоплен|а|о|ы
    "ий его ему им ем яя ей юю ее ие их ими ею",  # soft adjectives: синий
    "ий ой ого ому им ом ая ую ое ие их ими ою",  # велар/шипящие: русский, хороший
    # verbs: infinitive and past; with the present of a stem in a vowel (дела|ть|ют)
    "ть ться ти л ла ло ли лся лась лось лись в вши вшись",
    "ть ться л ла ло ли лся лась лось лись ю у ешь ет ем ете ют ут ется ются юсь усь й йте "
    "и ите я ясь",
    # 2nd conjugation: говор|ить|ил|ишь|ят
    "ить иться ил ила ило или ился илась илось ились ю у ишь ит им ите ят ат ится ятся атся "
    "юсь усь й йте и ите я ясь",
))
# Adjective and participle endings (not those nouns share: -ем, -ей, -ом).
_RU_ADJECTIVAL = tuple(sorted(_RU_CLASSES[7] | _RU_CLASSES[9] | _RU_CLASSES[10]
                              - {"ем", "ей", "ом"}))
# Endings of reflexive verbs, not of reflexive participles (развивающихся is an adjective).
_RU_VERB_REFLEXIVE = ("ться", "тся", "лся", "лась", "лось", "лись", "юсь", "усь", "шься",
                      "тесь", "вшись")
_UPPER_RU = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
_RU_ACRONYM_ENDINGS = _RU_CLASSES[0] - {""}  # acronyms decline as hard nouns: МИДа, ВУЗами
# Prepositions, which are verb prefixes too (за, по, под, при ...).
_RU_PREPOSITIONS = ("в", "во", "за", "на", "над", "о", "об", "обо", "от", "по", "под", "при",
                    "про", "с", "со", "у", "до", "из", "к", "ко")
_RU_ENDINGS = frozenset(e for c in _RU_CLASSES for e in c if e)
_RU_MAX_ENDING = max(map(len, _RU_ENDINGS))
# A genitive plural in -ов is a masculine noun's; a stem seen with -о (a neuter
# noun, an adverb) has none, so 'сотрудничествов' is 'сотрудничество в'. (Checking
# every class against every other this way costs more rare forms than it saves.)
_RU_FOREIGN = {"ов": ("о",)}
# Prefixes that are not words a space could have separated (unlike в, с, по, за, не).
_RU_PREFIXES = ("пере", "пред", "анти", "контр", "сверх", "само", "полу", "взаимо", "недо",
                "псевдо", "ультра", "транс")
# The reflexive postfix goes on any verb form (закрываешь -> закрываешься).
_RU_POSTFIX = ("ся", "сь")
_RU_VERB_FORMS = ("ть", "ти", "л", "ла", "ло", "ли", "шь", "ет", "ит", "ут", "ют", "ат", "ят",
                  "ем", "им", "те", "ю", "у", "вши", "я")
RU_MIN_STEM = 3  # letters a stem keeps when an ending is taken off
RU_FORM_STEP = 1.0  # another form of the same word is about as common: a smaller step
RU_SINGLE_LETTERS = frozenset("вскуоиая" + "вскуоиая".upper())


def _russian_derived(w: str, zipf: dict[str, float]) -> float:
    """Estimated zipf of a lowercase Russian word the list lacks, from another
    form of its stem in the same inflection class (_RU_CLASSES), of the verb
    form before a reflexive postfix, or of the word after a prefix that is no
    word, one step rarer; 0 if none. A form
    that is a beginning of ``w`` is no evidence ('деньгии' is 'деньги и'), nor
    is a class the stem is seen outside of (_RU_FOREIGN)."""
    best = 0.0
    for k in range(1, min(_RU_MAX_ENDING, len(w) - RU_MIN_STEM) + 1):
        ending = w[-k:]
        if ending not in _RU_ENDINGS:
            continue
        stem = w[:-k]
        if any(stem + other in zipf for other in _RU_FOREIGN.get(ending, ())):
            continue
        for forms in _RU_CLASSES:
            if ending not in forms:
                continue
            for other in forms:
                if other != ending and (not other or not w.startswith(other, len(stem))):
                    z = zipf.get(stem + other, 0.0)
                    if z > best:
                        best = z
    if w.endswith(_RU_POSTFIX) and w[:-2].endswith(_RU_VERB_FORMS):  # закрываешь|ся
        best = max(best, zipf.get(w[:-2], 0.0))
    for prefix in _RU_PREFIXES:
        if w.startswith(prefix) and len(w) - len(prefix) >= 4:
            rest = w[len(prefix):]
            best = max(best, zipf.get(rest, 0.0) or _russian_derived(rest, zipf))
    return max(best - RU_FORM_STEP, 0.0)


def _russian_one_word(run: str, zipf: dict[str, float]) -> bool:
    """Is ``run`` one word by grammar, though the list lacks it? An acronym
    declines with lowercase endings (МИДа, ВУЗами). A preposition never stands
    before a verb, so a preposition-shaped prefix before a known reflexive verb
    is a prefix (заторопился, not за торопился); не and вне before a known
    adjective that is not common are written together (неблокового,
    внерегиональных), while before a common one (не главный) or a verb (не
    будет) не is a word of its own."""
    k = len(run) - len(run.lstrip(_UPPER_RU))
    if k >= 2 and run[k:] in _RU_ACRONYM_ENDINGS:
        return True
    if not _word_shaped(run):
        return False
    w = run.lower()
    if len(w) < 6:
        return False
    for prefix in _RU_PREPOSITIONS:
        if w.startswith(prefix) and len(w) - len(prefix) >= 4:
            rest = w[len(prefix):]
            if rest in zipf and (rest.endswith(_RU_VERB_REFLEXIVE) or _finite_verb(rest, zipf)):
                return True
    for prefix in ("не", "вне"):
        if w.startswith(prefix) and len(w) - len(prefix) >= 4:
            rest = w[len(prefix):]
            z = zipf.get(rest, 0.0)
            if 0 < z and (z < FAST_ZIPF or prefix == "вне") and rest.endswith(_RU_ADJECTIVAL):
                return True
    return False


_RU_PERSONAL = ("ет", "ут", "ют", "ешь", "ете", "ит", "ат", "ят", "ишь", "ите")
_RU_INFINITIVE = ("ть", "ить", "еть", "ать", "ять", "ти")


def _finite_verb(w: str, zipf: dict[str, float]) -> bool:
    """A present-tense verb form whose infinitive the list knows (умножит:
    умножить; делает: делать) and which declines as no noun does (совет:
    совета, брат: брата, though совать and брать are verbs)."""
    if any(w + e in zipf for e in ("а", "ом", "ы", "ов")):
        return False
    for ending in _RU_PERSONAL:
        if w.endswith(ending) and len(w) - len(ending) >= 2:
            stem = w[:-len(ending)]
            if any(stem + inf in zipf for inf in _RU_INFINITIVE):
                return True
    return False


# A lowercase piece of 4-5 letters must be more common than in English: the Russian
# list is twice as long, with many rare short forms, abbreviations and fragments.
# Measured on held-out rare forms: 9.0% -> 6.9% split, glued text recalled as before.
RU_MID_PIECE_ZIPF = 3.0
_RU_FLOORS = tuple(RU_MID_PIECE_ZIPF if 4 <= k <= 5 else f for k, f in enumerate(_LOWER_FLOORS))
RUSSIAN = Language(
    "ru", letters=re.compile(r"[а-яёА-ЯЁ]+"), single_letters=RU_SINGLE_LETTERS,
    initials=False, colloquial=False, floors=_RU_FLOORS, short_piece_zipf=SHORT_PIECE_ZIPF,
    cheapest=8.0 - 7.7,  # no Russian word is more common than zipf 7.7 (в: 7.63)
    derive=_russian_derived, fold={ord("ё"): "е", ord("Ё"): "Е"}, one_word=_russian_one_word,
    trust_shapes=True, function_tails=False, rejoin_rare=True)
LANGUAGES = {"en": ENGLISH, "ru": RUSSIAN}
