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
