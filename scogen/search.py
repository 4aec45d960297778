"""The full-text search index (Pagefind), one record per turn.

Every question and answer is its own Pagefind custom record whose URL is the
turn's anchor *relative to the site root* (``interviews/<slug>/index.html#t3``)
— Pagefind never alters a custom record's URL, and the search page lives at
the site root, so results resolve correctly under any sub-path. Filters
(speaker, topic, year, publisher, kind) and the date sort key are per turn,
so a speaker filter returns that speaker's answers only. Listing pages are
not indexed, so hits are never duplicated.

Each record is indexed in its interview's language (and filtered by it), so
one bundle holds one index per language (``pagefind-entry.json`` lists them): a
Russian answer is stemmed as Russian, and Chinese text is cut into words, which
Pagefind does only in an index whose language is zh or ja and only in its extended
binary (one index forced to the site language would hold a Chinese sentence as
one "word", and a query for a word inside it would find nothing). The search page
searches every language's index at once (templates/static/search.js).

A large archive's index is cut into bundles (``bundles``): a language's interviews
are spread over ``ceil(n / SHARD_SIZE)`` bundles, at most MAX_BUNDLES, by a hash of
their page path, so that adding an interview changes one bundle, which alone is
indexed again, and a Pagefind process holds only its bundle's records. Bundle 0 is
``pagefind/``, the others ``pagefind-<n>/`` beside it; ``pagefind/shards.json``
lists them and their languages, and the search page merges them all, as it merges
languages. A random split keeps each bundle's word statistics (which Pagefind's
ranking reads from its own index) close to the whole archive's. An archive of up to
SHARD_SIZE interviews in each language is one bundle, as before.
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .cache import code_fingerprint, drop_text, read_text, versions
from .depends import identity
from .errors import BuildError
from .lang import primary
from .model import Archive, Interview

# the index is written by the pagefind package's service, a binary shipped as
# pagefind-bin-extended (pagefind-bin is the plain one, enough without Chinese)
PAGEFIND = ("pagefind", "pagefind-bin", "pagefind-bin-extended")


BATCH = 500  # records written to the Pagefind service between waits for the pipe

# languages whose words are not separated by spaces: Pagefind cuts them into words
# only in its extended binary (pagefind_bin_extended), and only for an index in them
SEGMENTED = frozenset({"zh", "ja", "th"})

# interviews of one language that one bundle of the index holds, until a language
# has MAX_BUNDLES of them; then the bundles grow. Measured on 1,000 generated
# interviews: bundles of 250 (four, indexed two at a time) built the site with search
# in 18.9 s against 32.5 s as one bundle, and cost the search page 47-51 requests and
# 436-527 KB against 38-39 and 369-379 KB (each bundle is one more Pagefind instance,
# with its own WebAssembly): eight per language bounds that cost
SHARD_SIZE = 250
MAX_BUNDLES = 8
SHARDS_FILE = "shards.json"  # in bundle 0: the other bundles and their languages


@dataclass(frozen=True, slots=True)
class Bundle:
    number: int
    interviews: tuple[Interview, ...]
    languages: tuple[str, ...]  # the primary tags of its records, sorted

    @property
    def folder(self) -> str:
        """Its folder at the site's root."""
        return "pagefind" if self.number == 0 else f"pagefind-{self.number}"


def bundles(archive: Archive, url_of: Callable[[Interview], str],
            size: int | None = None) -> list[Bundle]:
    """Pure: the bundles the index is cut into. Each language's interviews are
    spread over ``ceil(count / size)`` bundles (at most MAX_BUNDLES) by a hash of
    their page path (not by their place in the archive: adding or removing one moves
    no other). Bundle 0 is always there (the search page opens it); another bundle
    left empty by the hash is not made."""
    size = max(1, size or SHARD_SIZE)
    by_language: dict[str, list[Interview]] = {}
    for iv in archive.interviews:
        by_language.setdefault(record_language(archive, iv), []).append(iv)
    members: dict[int, list[Interview]] = {0: []}
    for ivs in by_language.values():
        count = min(-(-len(ivs) // size), MAX_BUNDLES)
        for iv in ivs:
            members.setdefault(_spread(url_of(iv), count), []).append(iv)
    return [Bundle(n, tuple(ivs), tuple(sorted({record_language(archive, iv)
                                                for iv in ivs})))
            for n, ivs in sorted(members.items()) if ivs or n == 0]


def _spread(path: str, count: int) -> int:
    """A bundle number in ``range(count)`` from a page path, the same on every run."""
    if count <= 1:
        return 0
    digest = hashlib.blake2b(path.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % count


def shards_file(plan: list[Bundle]) -> bytes:
    """``pagefind/shards.json``: every other bundle's folder (relative to
    ``pagefind/``) and its languages, for the search page to merge."""
    return json.dumps({"bundles": [{"path": f"../{b.folder}/", "number": b.number,
                                    "languages": list(b.languages)}
                                   for b in plan if b.number]},
                      ensure_ascii=False, indent=1).encode("utf-8")


@dataclass(frozen=True, slots=True)
class Record:
    url: str
    content: str
    meta: dict[str, str]
    filters: dict[str, list[str]]
    sort: dict[str, str]
    language: str = ""  # a primary tag (en, ru, zh); empty: the index's default language


def records(archive: Archive, url_of: Callable[[Interview], str],
            bundle: Bundle | None = None, sharded: bool = False) -> list[Record]:
    """Pure: the records to index, of every interview or of one bundle's. ``url_of(iv)``
    is the page path from the root. When the index is cut into bundles (``sharded``),
    each record has a ``shard`` filter, its bundle's number: sorted by date, Pagefind
    ranks a result by its place in its own bundle, so the search page reads each
    bundle's list alone and merges them by date."""
    topic_names = {t.slug: t.name for t in archive.topics}
    chosen = archive.interviews if bundle is None else bundle.interviews
    read_text(chosen)
    out = []
    for iv in chosen:
        page = url_of(iv)
        language = record_language(archive, iv)
        for t in iv.turns:
            if t.kind not in ("question", "answer"):
                continue
            who = t.speaker or "Unknown speaker"
            # the language is a filter (the search page shows it), not metadata:
            # Pagefind indexes a custom record's metadata values as words, and every
            # Chinese answer would match a query for "zh"
            filters = {"speaker": [who], "kind": [t.kind], "language": [language]}
            if t.topics:
                filters["topic"] = [topic_names.get(s, s) for s in t.topics]
            if iv.date:
                filters["year"] = [iv.date[:4]]
            if iv.publisher:
                filters["publisher"] = [iv.publisher]
            # the indexed body is what the turn says, and nothing else: a speaker's
            # name or the interview's title in it made every turn of an interview a
            # hit for every word of its title. Who, where and when are filters, which
            # Pagefind does not index as words, and which the result's data carries
            # for its line; not metadata, whose every value Pagefind (1.5) indexes
            # ("2009" would find every turn of 2009)
            filters["interview"] = [iv.title or iv.source]
            if iv.date:
                filters["date"] = [iv.date]
            if sharded and bundle is not None:
                filters["shard"] = [str(bundle.number)]
            out.append(Record(
                url=f"{page}#{t.anchor}",
                content="\n\n".join(t.paragraphs),
                meta={},
                filters=filters, sort={"date": iv.date or "0000-00-00"},
                language=language))
    return out


def record_language(archive: Archive, iv: Interview) -> str:
    """The language an interview's turns are indexed in: its own primary tag, else
    the site's."""
    return primary(iv.language) or index_language(archive)


def index_languages(archive: Archive) -> tuple[str, ...]:
    """The languages the index is written in: the site's first (the default, the
    one the search page opens first), then each interview's."""
    site = index_language(archive)
    return (site,) + tuple(sorted({record_language(archive, iv)
                                   for iv in archive.interviews} - {site}))


def index_key(archive: Archive, url_of: Callable[[Interview], str],
              ident_of: Callable[[Interview], str], bundle: Bundle | None = None,
              plan: list[Bundle] | None = None) -> str:
    """The identity of everything a bundle of the index (or the whole index) is made
    from: its records' inputs (every interview of it whole, its page, the topics),
    the languages it is written in (the site's, the default, and each interview's),
    how the index is cut (every bundle's folder and languages: bundle 0 lists them,
    and the others' records carry their number), scogen's code and the Pagefind
    versions that write it."""
    chosen = archive.interviews if bundle is None else bundle.interviews
    layout = [(b.folder, b.languages) for b in plan or ()]
    return identity((code_fingerprint(), versions(PAGEFIND), index_languages(archive),
                     layout, bundle.number if bundle else None,
                     [(iv, url_of(iv)) for iv in chosen], archive.topics),
                    ident_of)


def write_bundles(archive: Archive, url_of: Callable[[Interview], str],
                  todo: list[tuple[Bundle, Path]], plan: list[Bundle],
                  jobs: int | None = None, keep: frozenset[int] = frozenset()) -> None:
    """Index each bundle of ``todo`` into its folder, ``jobs`` Pagefind services at a
    time (each holds only its bundle's records, and the text read for them is dropped
    when its bundle is written); bundle 0's folder gets the list of bundles too."""
    sharded = len(plan) > 1
    language = archive.site.language

    def one(item: tuple[Bundle, Path]) -> None:
        bundle, folder = item
        write_index(records(archive, url_of, bundle, sharded), folder, language)
        drop_text(bundle.interviews, keep)  # read again from the cache if needed
        if bundle.number == 0:
            _rewrite(folder / SHARDS_FILE, shards_file(plan))

    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    if workers == 1:
        for item in todo:
            one(item)
        return
    with ThreadPoolExecutor(workers) as pool:
        for _ in pool.map(one, todo):
            pass


def index_language(archive: Archive) -> str:
    """The site's language, the index's default."""
    return primary(archive.site.language) or "en"


def write_index(recs: list[Record], folder: Path, language: str = "en",
                attempts: int = 3) -> None:
    """Write the index into ``folder`` (the site's ``pagefind/``, which the publication
    hands out): the Pagefind binary's service mode indexes the records, one index per
    language of the records (``language`` is the default: a record without one is in
    it), and hands back every file of the bundle (``GetFiles``), which are written
    here and then checked against those bytes. The service is not asked to write the
    files itself (``WriteFiles``): it builds the whole index again for each of the two
    requests (measured: 8.3 s to write, 4.4 s to hand back, for 13,000 records), and
    the files it wrote were not the ones it hands back (its filter and metadata files
    are made anew under other names, upstream issue #638). A file whose size or bytes
    differ from what the service holds is written again; if the index still does not
    match, the whole index is made again."""
    for attempt in range(1, attempts + 1):
        try:
            expected = asyncio.run(_write(recs, folder, language))
        except BuildError:
            raise
        except Exception as exc:  # the service is an external process: report, don't trace
            raise BuildError(f"search indexing failed: {exc}", str(folder),
                             code="search.pagefind") from None
        for name in _mismatched(folder, expected):
            _rewrite(folder / name, expected[name])
        for path in _strays(folder, expected):
            path.unlink(missing_ok=True)
        if not _mismatched(folder, expected) and _whole(folder):
            return
    raise BuildError(f"search indexing failed: Pagefind wrote an incomplete index "
                     f"{attempts} times", str(folder), code="search.pagefind")


def _mismatched(folder: Path, expected: dict[str, bytes]) -> list[str]:
    """The files of ``expected`` missing from ``folder`` or differing from it in
    size or in any byte (the bytes are in memory: comparing them is exact, where a
    hash of each side would only stand for them)."""
    wrong = []
    for name, content in sorted(expected.items()):
        path = folder / name
        try:
            if path.stat().st_size != len(content) or path.read_bytes() != content:
                wrong.append(name)
        except OSError:
            wrong.append(name)
    return wrong


def _strays(folder: Path, expected: dict[str, bytes]) -> list[Path]:
    """Index files in ``folder`` (words, texts, filters, metadata) that the index the
    service holds does not have."""
    return [p for p in sorted(folder.rglob("*")) if p.is_file()
            and p.relative_to(folder).as_posix() not in expected
            and p.suffix in (".pf_fragment", ".pf_index", ".pf_filter", ".pf_meta")]


def _rewrite(path: Path, content: bytes) -> None:
    """Write one file of the index (the folder is the staging copy of ``pagefind/``,
    which is published whole or not at all, so a file needs no copy of its own)."""
    try:
        try:
            path.write_bytes(content)
        except FileNotFoundError:  # its folder is not made yet (once per folder)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    except OSError as exc:
        raise BuildError(f"search indexing failed: cannot write {path.name}: "
                         f"{exc.strerror or exc}", str(path), code="search.pagefind") from None


def _whole(folder: Path) -> bool:
    """The index's entry file is there and is whole JSON naming its languages."""
    try:
        entry = json.loads((folder / "pagefind-entry.json").read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(entry, dict) and bool(entry.get("languages"))


def pagefind_binary(site_dir: Path, languages=()) -> Path:
    """The Pagefind binary that ``pagefind[extended]`` installs (its public lookup,
    which prefers the extended binary to ``pagefind[bin]``'s). The extended one is
    required when ``languages`` include one written without spaces: the other would
    index a Chinese sentence as one word, silently."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        get_executable = None
    binary = get_executable() if get_executable else None
    if binary is None:
        raise BuildError("the Pagefind binary is not installed (pip install "
                         "'pagefind[extended]'), or build with --no-search", str(site_dir),
                         code="search.missing")
    needs = sorted(SEGMENTED.intersection(languages))
    if needs and "extended" not in Path(binary).name:
        raise BuildError(f"searching text in {', '.join(needs)} needs the extended Pagefind "
                         f"binary, which cuts it into words (pip install "
                         f"'pagefind[extended]'); {binary} is the plain one. Or build with "
                         f"--no-search", str(site_dir), code="search.segmenter")
    return Path(binary)


async def _write(recs: list[Record], folder: Path, language: str) -> dict[str, bytes]:
    """Index ``recs`` and return what Pagefind holds for each file of the bundle (its
    path under ``pagefind/`` -> bytes); nothing is written yet."""
    lang = primary(language) or "en"
    languages = {lang} | {primary(r.language) for r in recs if r.language}
    service = await _Service.start(pagefind_binary(folder, languages))
    try:
        # no force_language: each record's own language picks its index (stemmer,
        # word segmentation); a forced one would put every record in one index
        created = await service.ask({"type": "NewIndex", "config": {}}, "NewIndex")
        index = created["index_id"]
        await service.pipeline(({"type": "AddRecord", "index_id": index, "url": r.url,
                                 "content": r.content,
                                 "language": primary(r.language) or lang, "meta": r.meta,
                                 "filters": r.filters, "sort": r.sort} for r in recs),
                               len(recs), "IndexedFile")
        held = await service.ask({"type": "GetFiles", "index_id": index}, "GetFiles")
    finally:
        await service.close()
    files = {}
    for item in held.get("files", []):
        name = str(item.get("path", ""))
        parts = Path(name).parts
        if not name or Path(name).is_absolute() or ".." in parts:
            raise BuildError(f"search indexing failed: Pagefind named a file outside "
                             f"its folder: {name!r}", str(folder), code="search.pagefind")
        files[name] = base64.b64decode(item.get("content", ""))
    if not files:
        raise BuildError("search indexing failed: Pagefind reported no files",
                         str(folder), code="search.pagefind")
    return files


class _Service:
    """A client of ``pagefind --service``, the interface the official Python and
    Node wrappers speak (base64 JSON messages, each followed by a comma). The
    Python wrapper sleeps 0.1 s before reading each reply, ten records a second;
    this client writes records while it reads replies, so neither pipe fills and
    nothing waits on a timer. When done it closes the service's input and waits
    for it to exit (the wrapper terminates it)."""

    def __init__(self, process: asyncio.subprocess.Process):
        self.process = process
        self.sent = 0

    @classmethod
    async def start(cls, binary: Path) -> "_Service":
        process = await asyncio.create_subprocess_exec(
            str(binary), "--service", stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
            limit=1 << 30)  # GetFiles answers with the whole index in one message
        return cls(process)

    def _send(self, payload: dict) -> None:
        self.sent += 1
        message = {"message_id": self.sent, "payload": payload}
        self.process.stdin.write(base64.b64encode(
            json.dumps(message, ensure_ascii=False).encode("utf-8")) + b",")

    async def _receive(self, expect: str) -> dict:
        try:
            raw = await self.process.stdout.readuntil(b",")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            raise BuildError("the Pagefind service stopped before answering",
                             code="search.pagefind") from None
        payload = json.loads(base64.b64decode(raw[:-1]))["payload"]
        if payload.get("type") != expect:
            raise BuildError(f"search indexing failed: Pagefind answered "
                             f"{payload.get('type')}: {payload.get('message', '')}",
                             code="search.pagefind")
        return payload

    async def ask(self, payload: dict, expect: str) -> dict:
        self._send(payload)
        await self.process.stdin.drain()
        return await self._receive(expect)

    async def pipeline(self, payloads, count: int, expect: str) -> None:
        """Send every payload while reading the ``count`` replies."""
        async def write():
            for n, payload in enumerate(payloads, start=1):
                self._send(payload)
                if n % BATCH == 0:
                    await self.process.stdin.drain()
            await self.process.stdin.drain()

        writer = asyncio.create_task(write())
        try:
            for _ in range(count):
                await self._receive(expect)
        except BaseException:
            writer.cancel()
            raise
        await writer

    async def close(self) -> None:
        if self.process.returncode is not None:
            return
        try:
            self.process.stdin.close()
            await asyncio.wait_for(self.process.wait(), timeout=60)
        except (asyncio.TimeoutError, OSError):
            self.process.kill()
            await self.process.wait()
