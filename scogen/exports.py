"""Open-data exports: JSON and CSV text, with checksums. Pure functions."""
from __future__ import annotations

import csv
import hashlib
import io
import json

from .cache import read_text
from .model import Interview, interview_to_dict

CSV_COLUMNS = ["interview", "title", "publisher", "date", "turn", "number", "kind", "speaker",
               "topics", "url", "text"]
BOM = "\ufeff"  # so spreadsheet programs read the file as UTF-8, not the local code page


def export_dict(iv: Interview, versions=None) -> dict:
    """A record as the data exports give it: the ``scogen inspect --json`` shape plus
    ``versions`` (its other language versions: source, language, page and
    side-by-side page, relative to the site's root) after ``translation_of``, and per
    turn ``aligned``: the turn of each other version it is aligned with (its anchor
    number, null for none) and whether that is certain. ``versions`` is a
    ``versions.Exported`` or None (no other version)."""
    out = {}
    for key, value in interview_to_dict(iv).items():
        out[key] = value
        if key == "translation_of":
            out["versions"] = [{"source": s, "language": lang, "url": url, "parallel": par}
                               for s, lang, url, par in (versions.versions if versions else ())]
    aligned = versions.aligned if versions else [()] * len(out["turns"])
    for turn, found in zip(out["turns"], aligned):
        turn["aligned"] = [{"source": s, "turn": n, "certain": c} for s, n, c in found]
    return out


def interviews_json(interviews: tuple[Interview, ...], versions_of=None) -> str:
    """All records in the export shape (``export_dict``), newest first; ``versions_of``
    maps a record's source to its ``versions.Exported``."""
    versions_of = versions_of or {}
    # compact: json's C encoder is used only without indent (5x faster at scale)
    return json.dumps([export_dict(iv, versions_of.get(iv.source)) for iv in interviews],
                      ensure_ascii=False, separators=(",", ":")) + "\n"


def interview_json(iv: Interview, versions=None) -> str:
    return json.dumps(export_dict(iv, versions), ensure_ascii=False,
                      separators=(",", ":")) + "\n"


def turns_csv(interviews: tuple[Interview, ...], slug_of, base_url: str | None = None) -> str:
    """One row per turn, with its interview's title and outlet and the turn's
    address (absolute with ``base_url``, else from the site's root). As spreadsheet
    programs open a file: a UTF-8 byte-order mark and CRLF line ends (RFC 4180).
    Cells that a spreadsheet would run as a formula are prefixed with a quote (CSV
    injection)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    buf.write(BOM)
    writer.writerow(CSV_COLUMNS)
    for iv in interviews:
        page = f"{base_url or ''}interviews/{slug_of(iv)}/"
        for t in iv.turns:
            writer.writerow([_safe(x) for x in (
                slug_of(iv), iv.title or "", iv.publisher or "", iv.date or "", t.index,
                "" if t.number is None else t.number, t.kind, t.speaker or "",
                ";".join(t.topics), f"{page}#{t.anchor}", "\n\n".join(t.paragraphs))])
    return buf.getvalue()


def _safe(value) -> str:
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not \
        text.lstrip("-").replace(".", "", 1).isdigit() else text


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ExportPieces:
    """data/interviews.json is the records' JSON texts joined into one array and
    data/turns.csv their CSV rows one after another, so both are put together from
    per-record pieces: each made once per build, or taken from the fragment pack
    (``cache.FragmentPack``) for a record that did not change. What each export
    holds is decided by its arguments alone (the slug comes from the record's file
    name; a record's other versions, ``versions.Exported``, are passed with it), so
    this object adds nothing to an export's identity."""

    def __init__(self, slug: dict[str, str], ident_of, pack=None, base_url=None):
        self.slug, self.ident_of, self.pack = slug, ident_of, pack
        self.base_url = base_url  # the CSV rows' addresses start with it

    def __key__(self) -> tuple:
        return (self.base_url,)

    def _piece(self, iv: Interview, versions=None):
        """(JSON piece without its newline, CSV rows) of one record, as UTF-8."""
        ident = piece_key(self.ident_of(iv), versions, self.base_url)
        got = self.pack.get(ident) if self.pack is not None else None
        if got is None:
            read_text((iv,))
            rows = turns_csv((iv,), lambda i: self.slug[i.source],
                             self.base_url).split("\r\n", 1)[1]
            got = (interview_json(iv, versions)[:-1].encode("utf-8"), rows.encode("utf-8"))
            if self.pack is not None:
                self.pack.put(ident, *got)
        return got

    def json_text(self, iv: Interview, versions=None) -> bytes:
        """data/interviews/<slug>.json: the record's piece of data/interviews.json."""
        return bytes(self._piece(iv, versions)[0]) + b"\n"

    def interviews_json(self, interviews, versions=()) -> bytes:
        """``versions``: (source, versions.Exported) of the records that have any."""
        # the same bytes as interviews_json(): json.dumps of a list with
        # separators (",", ":") is "[" + ",".join(items) + "]"
        of = dict(versions)
        return b"[" + b",".join(self._piece(iv, of.get(iv.source))[0]
                                for iv in interviews) + b"]\n"

    def turns_csv(self, interviews) -> bytes:
        header = turns_csv((), lambda iv: "").encode("utf-8")
        return header + b"".join(self._piece(iv)[1] for iv in interviews)


def piece_key(ident: str, versions=None, base_url: str | None = None) -> str:
    """A record's key in the fragment pack: its content, its versions if any, and
    the base_url its CSV rows' addresses start with."""
    if versions is None and not base_url:
        return ident
    return hashlib.blake2b(f"{ident}\x00{versions!r}\x00{base_url or ''}"
                           .encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
