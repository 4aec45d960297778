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
