"""Open-data exports: JSON and CSV text, with checksums. Pure functions."""
from __future__ import annotations

import csv
import hashlib
import io
import json

from .model import Interview, interview_to_dict

CSV_COLUMNS = ["interview", "date", "turn", "number", "kind", "speaker", "topics", "text"]


def interviews_json(interviews: tuple[Interview, ...]) -> str:
    """All records in the ``scogen inspect --json`` shape, newest first."""
    # compact: json's C encoder is used only without indent (5x faster at scale)
    return json.dumps([interview_to_dict(iv) for iv in interviews], ensure_ascii=False,
                      separators=(",", ":")) + "\n"


def interview_json(iv: Interview) -> str:
    return json.dumps(interview_to_dict(iv), ensure_ascii=False, separators=(",", ":")) + "\n"


def turns_csv(interviews: tuple[Interview, ...], slug_of) -> str:
    """One row per turn. Cells that a spreadsheet would run as a formula are
    prefixed with a quote (CSV injection)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for iv in interviews:
        for t in iv.turns:
            writer.writerow([_safe(x) for x in (
                slug_of(iv), iv.date or "", t.index, "" if t.number is None else t.number,
                t.kind, t.speaker or "", ";".join(t.topics), "\n\n".join(t.paragraphs))])
    return buf.getvalue()


def _safe(value) -> str:
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not \
        text.lstrip("-").replace(".", "", 1).isdigit() else text


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
