"""Slugs: the only characters a path segment of the site may contain."""
from __future__ import annotations

import re
import unicodedata

_TRANSLIT = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l",
                           "ı": "i", "þ": "th", "ð": "d"})
# Cyrillic, for names met in SCO transcripts (GOST-style, simplified)
_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                     ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n",
                      "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y",
                      "", "e", "yu", "ya"]))


def slugify(text: str, max_length: int = 80) -> str:
    """``'Kirill Barsky'`` -> ``'kirill-barsky'``; only ``[a-z0-9-]``, never empty
    for text with letters or digits; ``'../../etc/passwd'`` -> ``'etc-passwd'``."""
    text = "".join(_CYRILLIC.get(c, c) for c in text.lower().translate(_TRANSLIT))
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:max_length].rstrip("-")
