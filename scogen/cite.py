"""Citations of one answer: plain text, BibTeX and CSL-JSON. Pure functions."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

from .model import Interview, Turn


@dataclass(frozen=True, slots=True)
class Citation:
    plain: str
    bibtex: str
    csl_json: str


def cite(iv: Interview, turn: Turn, url: str, archive_title: str) -> Citation:
    """``url`` is the turn's address (absolute when base_url is set)."""
    speaker = turn.speaker or iv.publisher or "Unknown"
    year = (iv.date or "n.d.")[:4]
    date = iv.date or "n.d."
    where = ", ".join(x for x in (iv.publisher, date) if x)
    interviewer = f", interviewed by {iv.interviewer}" if iv.interviewer else ""
    plain = (f"{speaker}. “{iv.title}”{interviewer}. {where}. "
             f"Turn {turn.index}. {archive_title}. {url}")
    return Citation(plain=plain, bibtex=_bibtex(iv, turn, speaker, year, url, archive_title),
                    csl_json=json.dumps(_csl(iv, turn, speaker, url, archive_title),
                                        ensure_ascii=False, indent=2))


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([{}%&$#_\\])", r"\\\1", text)


def _key(speaker: str, year: str, index: int) -> str:
    ascii_name = unicodedata.normalize("NFKD", speaker.split()[-1]).encode("ascii", "ignore")
    base = re.sub(r"[^a-z0-9]", "", ascii_name.decode().lower()) or "interview"
    return f"{base}{year if year.isdigit() else ''}t{index}"


def _bibtex(iv, turn, speaker, year, url, archive_title) -> str:
    fields = [("author", speaker), ("title", iv.title)]
    if iv.interviewer:
        fields.append(("editor", iv.interviewer))
    if iv.publisher:
        fields.append(("publisher", iv.publisher))
    if iv.date:
        fields += [("year", iv.date[:4]), ("date", iv.date)]
    fields += [("howpublished", f"Interview, turn {turn.index}"), ("url", url),
               ("note", f"Archived in {archive_title}")]
    body = ",\n".join(f"  {k} = {{{v if k == 'url' else _bibtex_escape(v)}}}"
                      for k, v in fields)
    return f"@misc{{{_key(speaker, year, turn.index)},\n{body}\n}}"


def _person(name: str) -> dict:
    parts = name.split()
    if len(parts) >= 2:
        return {"family": parts[-1], "given": " ".join(parts[:-1])}
    return {"literal": name}


def _csl(iv, turn, speaker, url, archive_title) -> list[dict]:
    item = {"id": _key(speaker, (iv.date or "")[:4], turn.index), "type": "interview",
            "title": iv.title, "author": [_person(speaker)], "URL": url,
            "container-title": archive_title, "medium": f"turn {turn.index}"}
    if iv.interviewer:
        item["interviewer"] = [_person(iv.interviewer)]
    if iv.publisher:
        item["publisher"] = iv.publisher
    if iv.date:
        item["issued"] = {"date-parts": [[int(x) for x in iv.date.split("-")]]}
    return [item]
