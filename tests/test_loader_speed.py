"""The loader's speed-ups give exactly what the plain code gives (no timing here)."""
from __future__ import annotations

import random

from scogen.loader import labels as L


def _names(rng: random.Random, n: int) -> list[str]:
    given = ["Zhang", "Ming", "Kirill", "Barsky", "G.", "Ganbold", "Erdenebat", "Li",
             "Wang", "Yi", "Ivanov", "Igor", "Anna", "K.", "Sergei", "Lavrov", "Mc Kay",
             "努尔兰·叶尔梅克巴耶夫", "叶尔梅克巴耶夫", "Zhang-Ming", "", " "]
    return [" ".join(rng.choice(given) for _ in range(rng.randint(0, 4))) for _ in range(n)]


def test_known_names_is_any_same_person():
    rng = random.Random(14)
    for _ in range(30):
        known = tuple(k.lower() for k in _names(rng, rng.randint(0, 40)))
        index = L.KnownNames(known)
        for name in _names(rng, 200):
            expected = any(L.same_person(name, k) for k in known)
            assert index.any_same(name) == expected, (name, known)
            assert index.any_same(name) == expected  # remembered


def test_word_tables_cache_gives_the_built_tables(tmp_path, monkeypatch):
    from scogen.loader import segment as S

    monkeypatch.setenv(S.WORD_CACHE_ENV, str(tmp_path))
    made = []

    def make(code):
        made.append(code)
        return {"b": 1.5, "a": 0.1 + 0.2, code: 7.25}

    first = S._cached("zipf", "xx", make, dict)
    again = S._cached("zipf", "xx", make, dict)
    assert first == again == make("xx") and list(again) == list(first)  # values, order
    assert made == ["xx", "xx"]  # the second came from the cache (the other: make above)
    (path,) = tmp_path.iterdir()
    path.write_bytes(b"\x00broken")  # a corrupt table is built again
    assert S._cached("zipf", "xx", make, dict) == first and len(made) == 3
    path.write_bytes(b"")
    assert S._cached("zipf", "xx", make, dict) == first and len(made) == 4
    stale = tmp_path / "zipf-xx-0123.marshal"  # an older key's table is removed
    stale.write_bytes(b"")
    path.unlink()
    S._cached("zipf", "xx", make, dict)
    assert not stale.exists() and path.exists()


def test_word_tables_cache_off(tmp_path, monkeypatch):
    from scogen.loader import segment as S

    monkeypatch.setenv(S.WORD_CACHE_ENV, "off")
    assert S.word_cache_dir() is None
    assert S._cached("zipf", "xx", lambda code: {code: 1.0}, dict) == {"xx": 1.0}
    monkeypatch.delenv(S.WORD_CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert S.word_cache_dir() == str(tmp_path / "scogen" / "words")


def _plain_counts(text, topics):
    """annotate._counts as it was: every topic's prefixes tested with any(), the whole
    text searched, later hits counted with finditer."""
    from scogen.loader import annotate as A

    out = {}
    low = text.lower()
    prefixes = A._prefixes(topics)
    for slug, _min_hits, pattern in A._compile(topics):
        heads = prefixes.get(slug)
        if heads is not None and not any(h in low for h in heads):
            continue
        first = pattern.search(text)
        if first is not None:
            out[slug] = (1 + sum(1 for _ in pattern.finditer(text, first.end())),
                         first.start())
    return out


def test_topic_counts_are_the_plain_counts():
    from pathlib import Path

    from scogen.config import load_topics
    from scogen.loader import annotate as A
    from scogen.model import Topic

    topics = load_topics(Path(__file__).resolve().parents[1] / "content" / "topics.yaml")
    odd = (Topic(name="Odd", slug="odd", keywords=("(?<!cyber )security", "non-?proliferation",
                                                   "observers?", "ſecure", "Kelvin", "安全",
                                                   "a|b", "x.y", r"\bSCO")),
           Topic(name="Plain", slug="plain", keywords=("(?<!cyber )security", "observers?",
                                                       "non-?proliferation", "SCO")))
    words = sorted({w for t in topics for k in t.keywords for w in k.split()
                    if w.isalpha()})[:400] + ["cybersecurity", "security", "Security",
                                              "ſecurity", "nonproliferation", "Ünïcode",
                                              "observer", "安全", "İstanbul", "xsecurity", ",",
                                              ".", "\n", "SCO", "a", "b", "x-y"]
    rng = random.Random(7)
    for language in ("en", "ru", "zh"):
        plans = (A.topics_in(topics, language), odd)
        for _ in range(400):
            text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 60)))
            if rng.random() < 0.3:
                text = text.replace(" ", "")
            for plan in plans:
                assert A._counts(text, plan) == _plain_counts(text, plan), text


def test_script_counts_are_the_plain_counts():
    from scogen import lang

    def plain(text):
        counts = {"en": len(lang._LATIN.findall(text))} if not text.isascii() else \
            {"en": len(lang._LETTER.findall(text))}
        if not text.isascii():
            for tag, pattern in lang._SCRIPT_LETTERS:
                n = len(pattern.findall(text))
                if n:
                    counts[tag] = n
        return {t: n for t, n in counts.items() if n}, len(lang._LETTER.findall(text))

    texts = ["", " ", "abc", "Ответ: да"] + _random_texts(
        3, "aZ9_ .,ёЖ中文한글ابپ\u0482\u00e9\u1e00\u3042ア\ufb50ª²\u2160\U0001F600\n\t-",
        (3000, 50), (3000, 30))
    for text in texts:
        assert lang.script_counts(text) == plain(text), text


def test_last_object_memo_answers_as_the_function():
    from scogen.loader import annotate as A
    from scogen.model import Speaker

    a = (Speaker(name="Zhang Ming", slug="zhang-ming", aliases=("Ming",)),)
    b = (Speaker(name="Zhang Ming", slug="zhang-ming", aliases=("Zhang",)),)
    for speakers in (a, a, b, a, tuple(a), b, b):
        index = A.speaker_index(speakers)
        expected = {n.lower(): s.name for s in speakers for n in (s.name, *s.aliases)}
        assert dict(index) == expected


def test_lowercase_split_is_the_general_split():
    from scogen.loader import segment as S

    english = S.load_lexicon(["khovar", "Tashkent", "Mirziyoyev"], ["Kabar"])
    russian = english.for_language("ru")
    rng = random.Random(5)
    for lexicon, letters, words in (
            (english, "abcdefghijklmnopqrstuvwxyz",
             ["the", "a", "nations", "together", "no", "on", "noon", "khovar", "review",
              "to", "tore", "view", "business", "like", "i", "s", "xq", "therein"]),
            (russian, "абвгдежзийклмнопрстуфхцчшщъыьэюяё",
             ["и", "представители", "в", "с", "город", "города", "не", "блокового", "к",
              "ся", "клеить", "ё", "щ"])):
        for _ in range(1500):
            parts = [rng.choice(words) if rng.random() < 0.7 else
                     "".join(rng.choice(letters) for _ in range(rng.randint(1, 4)))
                     for _ in range(rng.randint(1, 6))]
            run = "".join(parts)[:40]
            if len(run) < 2 or not S._PLAIN_LOWER.fullmatch(run):
                continue
            for forbid in (-1, rng.randint(0, len(run))):
                for bonus in (0.0, S.CAMEL_BONUS):
                    assert S._best_split(run, lexicon, bonus, forbid) == \
                        S._best_split_any(run, lexicon, bonus, forbid), (run, forbid)


def test_script_of_is_the_plain_count():
    from scogen.loader import furniture as F

    def plain(text):
        if text.isascii():
            return "latin" if F._LETTERS.search(text) else ""
        counts = {name: len(pattern.findall(text)) for name, pattern in F._SCRIPTS}
        best = max(counts, key=counts.get)
        if counts[best]:
            return best
        return "other" if F._LETTERS.search(text) else ""

    texts = _random_texts(2, "aZ9 .,ёЖ中文한글ابپ\u00e9\u3042ア\uf900ª\u0482",
                          (5000, 30), (3000, 20))
    for text in texts:
        assert F.script_of(text) == plain(text), text


def test_title_text_is_the_plain_substitution():
    import re

    from scogen.loader.header import title_text

    texts = ["", "|", " | ", "Title | Site |", "Title||", "a |\n", "Title | Site"]
    texts += _random_texts(9, "ab |\n\t\u00a0\u3000.｜", (20000, 12))
    for text in texts:
        assert title_text(text) == re.sub(r"(?:\s*\|)+\s*$", "", text.strip()).strip(), text


def test_spellings_from_the_cache_are_the_built_ones(tmp_path, monkeypatch):
    from scogen.loader import segment as S

    monkeypatch.setenv(S.WORD_CACHE_ENV, str(tmp_path))
    for code in ("en", "ru"):
        expected = S._make_spellings(code)
        for _ in range(2):  # written, then read back
            S._spellings.cache_clear()
            assert S._spellings(code) == expected
    S._spellings.cache_clear()
    zipf = S._frequencies("en")  # one float per distinct value, the values unchanged
    assert len({id(z) for z in zipf.values()}) == len(set(zipf.values()))


def test_has_russian_reads_every_run():
    from scogen.archive import _has_russian

    rng = random.Random(4)
    words = ["Москва", "Ёлка", "Tashkent", "Ўзбек", "Қазақстан", "中国", "Ωmega", "Бишкек",
             "ЯЯЯ", "Яндекс", "Україна", "Zhang", ""]
    for _ in range(3000):
        files = [frozenset(w for w in rng.sample(words, rng.randint(0, 4)) if w)
                 for _ in range(rng.randint(0, 3))]
        plain = any(w[0] in "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ" for runs in files for w in runs)
        assert _has_russian(iter(files)) == plain, files


def test_gaps_are_the_plain_gaps():
    import re
    from itertools import accumulate

    from scogen.loader.repairs import _gaps

    ws = re.compile(r"\s+")

    def plain(text):
        words = text.split(" ")
        if words == text.split():
            keys = list(accumulate(map(len, words)))
            keys.pop()
            return dict.fromkeys(keys, " ")
        return dict(zip(accumulate(map(len, ws.split(text))), ws.findall(text)))

    texts = ["", " ", "a", " a", "a ", "a  b", "a\u00a0b"]
    texts += _random_texts(6, "ab  \u00a0\t\n\u3000\u200b,.Ж", (20000, 16))
    for text in texts:
        got = _gaps(text)
        assert got == plain(text) and list(got.items()) == list(plain(text).items()), text


def _random_texts(seed: int, alphabet: str, from_alphabet: tuple[int, int],
                  from_anywhere: tuple[int, int] = (0, 0)) -> list[str]:
    """(count, longest) texts drawn from ``alphabet``, then (count, longest) of any
    code points below U+30000."""
    rng = random.Random(seed)
    count, longest = from_alphabet
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))
             for _ in range(count)]
    count, longest = from_anywhere
    texts += ["".join(chr(rng.randint(0, 0x2FFFF)) for _ in range(rng.randint(0, longest)))
              for _ in range(count)]
    return texts
