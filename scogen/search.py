"""The full-text search index (Pagefind), one record per turn.

Every question and answer is its own Pagefind custom record whose URL is the
turn's anchor *relative to the site root* (``interviews/<slug>/index.html#t3``)
— Pagefind never alters a custom record's URL, and the search page lives at
the site root, so results resolve correctly under any sub-path. Filters
(speaker, topic, year, publisher, kind) and the date sort key are per turn,
so a speaker filter returns that speaker's answers only. Listing pages are
not indexed, so hits are never duplicated.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .cache import code_fingerprint, versions
from .depends import identity
from .errors import BuildError
from .model import Archive, Interview

# the index is written by the pagefind package's service, a binary shipped as pagefind-bin
PAGEFIND = ("pagefind", "pagefind-bin")


BATCH = 500  # records in flight to the Pagefind service at once


@dataclass(frozen=True, slots=True)
class Record:
    url: str
    content: str
    meta: dict[str, str]
    filters: dict[str, list[str]]
    sort: dict[str, str]


def records(archive: Archive, url_of: Callable[[Interview], str]) -> list[Record]:
    """Pure: the records to index. ``url_of(iv)`` is the page path from the root."""
    topic_names = {t.slug: t.name for t in archive.topics}
    out = []
    for iv in archive.interviews:
        page = url_of(iv)
        for t in iv.turns:
            if t.kind not in ("question", "answer"):
                continue
            who = t.speaker or "Unknown speaker"
            filters = {"speaker": [who], "kind": [t.kind]}
            if t.topics:
                filters["topic"] = [topic_names.get(s, s) for s in t.topics]
            if iv.date:
                filters["year"] = [iv.date[:4]]
            if iv.publisher:
                filters["publisher"] = [iv.publisher]
            out.append(Record(
                url=f"{page}#{t.anchor}",
                content=f"{who}: " + "\n\n".join(t.paragraphs),
                meta={"title": f"{who} — {iv.title}", "interview": iv.title,
                      "speaker": who, "date": iv.date or "", "kind": t.kind},
                filters=filters, sort={"date": iv.date or "0000-00-00"}))
    return out


def index_key(archive: Archive, url_of: Callable[[Interview], str],
              ident_of: Callable[[Interview], str]) -> str:
    """The identity of everything the index is made from: the records' inputs (every
    interview whole, its page, the topics), the site language the index is written
    for, scogen's code and the Pagefind versions that write it."""
    return identity((code_fingerprint(), versions(PAGEFIND), index_language(archive),
                     [(iv, url_of(iv)) for iv in archive.interviews], archive.topics),
                    ident_of)


def index_language(archive: Archive) -> str:
    return (archive.site.language or "en").split("-")[0].lower()


def write_index(recs: list[Record], site_dir: Path, language: str = "en") -> None:
    """Write ``site_dir/pagefind/`` with the Pagefind service (its own binary)."""
    try:
        asyncio.run(_write(recs, site_dir, language))
    except BuildError:
        raise
    except Exception as exc:  # the service is an external process: report, don't trace
        raise BuildError(f"search indexing failed: {exc}", str(site_dir),
                         code="search.pagefind") from None


class _NoPollDelay:
    """The pagefind wrapper's response loop sleeps 0.1 s before reading each
    response (pagefind/service/__init__.py, ``_wait_for_responses``), which caps
    indexing at ten records a second. This stands in for the ``asyncio`` module
    inside that one module only, with ``sleep`` yielding instead of waiting;
    the reads still block on real data, so nothing busy-waits."""

    def __init__(self, real):
        self._real = real

    def __getattr__(self, name):
        return getattr(self._real, name)

    async def sleep(self, delay, result=None):
        return await self._real.sleep(0, result)


async def _write(recs: list[Record], site_dir: Path, language: str) -> None:
    try:
        import pagefind.service as service
        from pagefind.index import PagefindIndex
    except ImportError:
        raise BuildError("the pagefind package is not installed (pip install "
                         "'pagefind[bin]'), or build with --no-search", str(site_dir),
                         code="search.missing") from None
    if not isinstance(service.asyncio, _NoPollDelay):
        service.asyncio = _NoPollDelay(service.asyncio)
    lang = (language or "en").split("-")[0].lower()
    # leaving the context writes the files to output_path (and only there)
    config = {"force_language": lang, "output_path": str(site_dir / "pagefind")}
    async with PagefindIndex(config=config) as index:
        # pipelined: awaiting each record in turn costs one service round trip per turn
        for start in range(0, len(recs), BATCH):
            await asyncio.gather(*(
                index.add_custom_record(url=r.url, content=r.content, language=lang,
                                        meta=r.meta, filters=r.filters, sort=r.sort)
                for r in recs[start:start + BATCH]))
