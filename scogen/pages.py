"""Page specs and non-HTML outputs from the site model. No I/O, no rendering.

Each ``Page`` names its template and context; each output file that is not
a template (feeds, exports, raw sources, sitemap) is an ``Asset`` with its
text. The builder renders and writes both.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import Callable

from . import urls
from .cite import cite
from .exports import interview_json, turns_csv
from .feeds import Entry as FeedEntry
from .feeds import atom, robots, sitemap
from .jsonld import interview_jsonld, script_json
from .model import Interview
from .site import PER_PAGE, Page, SiteModel, chunks, fingerprint, group_by, top, year_of

FEED_SIZE = 30


@dataclass(frozen=True)
class Asset:
    """A non-template output; ``make()`` produces its text only when needed."""

    path: str
    make: Callable[[], str]
    key: str


def _distinct(ivs) -> list[Interview]:
    """Interviews in first-seen order, by source name (hashing whole records is slow)."""
    seen: dict[str, Interview] = {}
    for iv in ivs:
        seen.setdefault(iv.source, iv)
    return list(seen.values())


class _Lazy:
    """Text computed when a template first prints it."""

    def __init__(self, make):
        self._make, self._text = make, None

    def __str__(self) -> str:
        if self._text is None:
            self._text = self._make()
        return self._text


class _Citations:
    """Citations of an interview's turns, made only when a page is rendered."""

    def __init__(self, model: SiteModel, iv: Interview, path: str, title: str):
        self.model, self.iv, self.path, self.title = model, iv, path, title
        self._made: dict[int, object] = {}

    def __getitem__(self, index: int):
        if index not in self._made:
            turn = self.iv.turns[index - 1]
            self._made[index] = cite(self.iv, turn,
                                     cite_url(self.model, f"{self.path}#{turn.anchor}"),
                                     self.title)
        return self._made[index]


def absolute(model: SiteModel, path: str) -> str | None:
    base = model.archive.site.base_url
    if not base:
        return None
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    return base + path


def cite_url(model: SiteModel, path: str) -> str:
    """The address to cite: absolute (as the canonical URL) with base_url, else the
    path within the site."""
    page, _, fragment = path.partition("#")
    url = absolute(model, page)
    if url is None:
        return path
    return url + ("#" + fragment if fragment else "")


def all_pages(model: SiteModel, template_key: str) -> list[Page]:
    """Every HTML page of the site. ``template_key`` fingerprints the templates."""
    g = _Globals(model, template_key)
    pages: list[Page] = []
    pages += _front(model, g)
    pages += _interview_pages(model, g)
    pages += _speaker_pages(model, g)
    pages += _topic_pages(model, g)
    pages += _timeline_pages(model, g)
    pages += _misc_pages(model, g)
    return pages


class _Globals:
    """What every page's key depends on: templates, site config, the archive's shape."""

    def __init__(self, model: SiteModel, template_key: str):
        site = model.archive.site
        self.base = fingerprint(template_key, site, model.archive.topics)
        self.nav = fingerprint(*(s for s in model.by_speaker), *(t for t in model.by_topic))
        self._pages = model.by_speaker

    def key(self, *parts) -> str:
        return fingerprint(self.base, *parts)

    def linkable(self, names) -> tuple:
        """Which of these names get a link (a person with a page): part of a key."""
        return tuple((n, n in self._pages) for n in names if n)


def _page(path: str, template: str, title: str, g: _Globals, key_parts: tuple,
          **context) -> Page:
    context.update(page_path=path, root=urls.root_prefix(path), title=title)
    return Page(path=path, template=template, context=context,
                key=g.key(path, template, *key_parts), title=title)


def _counts_key(counts: dict) -> str:
    return fingerprint(counts["speakers"], [(t.slug, n) for t, n in counts["topics"]])


def _counts(model: SiteModel) -> dict:
    return {
        "speakers": sorted(((name, len({e.iv.source for e in es}), len(es))
                            for name, es in model.by_speaker.items()),
                           key=lambda x: (-x[2], x[0])),
        "topics": [(t, len(model.by_topic.get(t.slug, []))) for t in model.archive.topics],
    }


def _front(model: SiteModel, g: _Globals) -> list[Page]:
    newest = model.interviews[:10]
    idents = [model.ident[iv.source] for iv in newest]
    counts = _counts(model)
    years = sorted(model.by_year, reverse=True)
    total_turns = sum(len(iv.outline) for iv in model.interviews)
    pages = [_page("index.html", "index.html", model.archive.site.title, g,
                   (g.nav, *idents, years, len(model.interviews), total_turns,
                    _counts_key(counts)),
                   newest=newest, years=years, total_interviews=len(model.interviews),
                   total_turns=total_turns, **counts)]
    # newest first; older ones through the year pages of the timeline, which only
    # change when an interview of their year does
    base = "interviews/index.html"
    shown = model.interviews[:PER_PAGE]
    links = _year_links(base, {y: model.by_year[y] for y in years},
                        lambda y: f"timeline/{y}/index.html") \
        if len(model.interviews) > PER_PAGE else []
    pages.append(_page(base, "interviews.html", "All interviews", g,
                       (*(model.ident[iv.source] for iv in shown), links),
                       interviews=shown, year_links=links))
    return pages


def _year_links(here: str, groups: dict[str, list], path_of) -> list[tuple[str, str, int]]:
    """(year, relative link, how many) for a listing's years, newest first."""
    return [(y, urls.relative(here, path_of(y)), len(items)) for y, items in groups.items()]


def _years(entries: list) -> dict[str, list]:
    """Entries (newest first) grouped by the year of their interview, order kept."""
    return group_by(entries, lambda e: [year_of(e.iv)])


def _entries_key(model: SiteModel, g: _Globals, entries: list) -> tuple:
    """What a list of entries shows: which turn of which record, and the person links."""
    ident = model.ident
    return (fingerprint(*(f"{ident[e.iv.source]}:{e.position}" for e in entries)),
            g.linkable(sorted({e.speaker for e in entries if e.speaker})))


def _split_listing(model: SiteModel, g: _Globals, base: str, title: str, entries: list,
                   up: str, **context) -> list[Page]:
    """The year pages of a long listing: ``<base folder>/<year>/index.html`` (and
    ``page-2`` ... within a year), each only as wide as its year, so a new
    interview changes the pages of its own year and no others."""
    pages = []
    folder = base[: -len("index.html")]
    for year, items in _years(entries).items():
        ybase = f"{folder}{year}/index.html"
        parts = chunks(items)
        for n, chunk in enumerate(parts, start=1):
            path = urls.paged(ybase, n)
            pages.append(_page(
                path, "_listing.html", f"{title}: {year}", g,
                (n, len(parts), up, _entries_key(model, g, chunk), tuple(context.items())),
                entries=chunk, pager=_pager(ybase, n, len(parts), path),
                up=(urls.relative(path, base), up), **context))
    return pages


def _pager(base: str, n: int, total: int, here: str) -> dict | None:
    if total <= 1:
        return None
    link = lambda k: urls.relative(here, urls.paged(base, k))  # noqa: E731
    return {"n": n, "total": total,
            "prev": link(n - 1) if n > 1 else None,
            "next": link(n + 1) if n < total else None,
            # first, last and a window around this page: O(1) links per page
            "pages": [(k, link(k)) for k in sorted({1, total, *range(max(1, n - 3),
                                                                   min(total, n + 3) + 1)})]}


def _interview_pages(model: SiteModel, g: _Globals) -> list[Page]:
    pages = []
    ivs = model.interviews
    title = model.archive.site.title
    topic_names = {t.slug: t.name for t in model.archive.topics}
    for i, iv in enumerate(ivs):
        path = model.path_of(iv)
        newer = ivs[i - 1] if i > 0 else None
        older = ivs[i + 1] if i + 1 < len(ivs) else None
        related = model.related[iv.source]
        citations = _Citations(model, iv, path, title)
        jsonld = _Lazy(lambda iv=iv, path=path: script_json(
            interview_jsonld(iv, absolute(model, path), topic_names, title)))
        pages.append(_page(
            path, "interview.html", iv.title or iv.source, g,
            (model.ident[iv.source], *((o.source, o.title, o.date) for o in
                                       (newer, older, *related) if o),
             g.linkable([iv.publisher, iv.interviewer, *(p.name for p in iv.interviewees),
                         *iv.speakers])),
            iv=iv, slug=model.slug[iv.source], newer=newer, older=older,
            related=related, citations=citations, jsonld=jsonld,
            canonical=absolute(model, path), description=iv.lead or iv.title))
    return pages


def _speaker_pages(model: SiteModel, g: _Globals) -> list[Page]:
    pages = [_page("speakers/index.html", "speakers.html", "Speakers", g, (g.nav, *(
        (n, len(es)) for n, es in model.by_speaker.items())), **_counts(model))]
    askers = sorted({e.speaker for es in model.by_speaker.values() for e in es
                     if e.kind == "question"})
    asked = [(n, sum(1 for e in model.by_speaker[n] if e.kind == "question"),
              len({e.iv.source for e in model.by_speaker[n]})) for n in askers]
    pages.append(_page("askers/index.html", "askers.html", "Questioners: outlets and interviewers",
                       g, (*asked,), askers=asked))
    for name, entries in model.by_speaker.items():
        speaker = model.speakers[name]
        base = urls.speaker_path(speaker.slug)
        topics = Counter(t for e in entries if e.kind == "answer" for t in e.topics)
        interviews = _distinct(e.iv for e in entries)
        pairs = [(t, n) for t, n in top(topics, 50)]
        ordered = sorted(entries, key=lambda e: (e.iv.date or "", e.slug, -e.index),
                         reverse=True)
        head = ordered[:PER_PAGE]
        links = _year_links(base, _years(ordered), lambda y, b=base: f"{b[:-10]}{y}/index.html") \
            if len(ordered) > PER_PAGE else []
        n_asked = sum(1 for e in entries if e.kind == "question")
        n_answered = sum(1 for e in entries if e.kind == "answer")
        pages.append(_page(
            base, "speaker.html", name, g,
            (speaker, *(model.ident[iv.source] for iv in interviews), _entries_key(model, g, head),
             links, g.linkable(iv.publisher for iv in interviews)),
            speaker=speaker, entries=head, interviews=interviews, pairs=pairs,
            top_topics=top(topics), asked=n_asked, answered=n_answered, pager=None,
            year_links=links, description=f"Everything {name} said in the archive"))
        if links:
            pages += _split_listing(model, g, base, name, ordered, name, show_speaker=False)
        for topic_slug, _count in pairs:
            pair = model.by_pair.get((name, topic_slug), [])
            topic = model.topics[topic_slug]
            path = f"speakers/{speaker.slug}/{topic_slug}/index.html"
            pages.append(_page(
                path, "pair.html", f"What {name} said about {topic.name}", g,
                (speaker, topic, _entries_key(model, g, pair[:500])),
                speaker=speaker, topic=topic, entries=pair[:500],
                description=f"Answers by {name} on {topic.name}"))
    return pages


def _topic_pages(model: SiteModel, g: _Globals) -> list[Page]:
    pages = [_page("topics/index.html", "topics.html", "Topics", g,
                   (*((t, len(model.by_topic.get(t, []))) for t in model.topics),),
                   **_counts(model))]
    for topic in model.archive.topics:
        entries = model.by_topic.get(topic.slug, [])  # already newest first
        base = urls.topic_path(topic.slug)
        who = Counter(e.speaker for e in entries if e.kind == "answer" and e.speaker)
        head = entries[:PER_PAGE]
        links = _year_links(base, _years(entries), lambda y: f"{base[:-10]}{y}/index.html") \
            if len(entries) > PER_PAGE else []
        top_who = top(who, 10)
        pages.append(_page(
            base, "topic.html", topic.name, g,
            (topic, _entries_key(model, g, head), links, top_who, g.linkable(n for n, _ in top_who)),
            topic=topic, entries=head, top_speakers=top_who, pager=None, year_links=links,
            description=topic.description))
        if links:
            pages += _split_listing(model, g, base, topic.name, entries, topic.name,
                                    description=topic.description)
    return pages


def _timeline_pages(model: SiteModel, g: _Globals) -> list[Page]:
    years = sorted(model.by_year, reverse=True)
    pages = [_page("timeline/index.html", "timeline.html", "Timeline", g,
                   (*((y, len(model.by_year[y])) for y in years),),
                   years=[(y, len(model.by_year[y])) for y in years])]
    for year in years:
        ivs = model.by_year[year]
        parts = chunks(ivs)
        base = f"timeline/{year}/index.html"
        for n, chunk in enumerate(parts, start=1):
            path = urls.paged(base, n)
            pages.append(_page(path, "year.html", f"Interviews of {year}", g,
                               (n, len(parts), *(model.ident[iv.source] for iv in chunk)),
                               year=year, interviews=chunk,
                               pager=_pager(base, n, len(parts), path)))
    return pages


def _misc_pages(model: SiteModel, g: _Globals) -> list[Page]:
    return [
        _page("search.html", "search.html", "Search", g, (g.nav,)),
        _page("about/index.html", "about.html", "About & data", g,
              ("about", *model.ident.values()), downloads=None),
        _page("404.html", "404.html", "Page not found", g, ()),
    ]


# --- non-HTML outputs ---------------------------------------------------------------


def all_assets(model: SiteModel, pack=None) -> list[Asset]:
    """Every non-HTML output. ``pack`` (a ``cache.FragmentPack``) holds the pieces of
    the whole-archive exports from earlier builds."""
    out: list[Asset] = []
    ident_all = fingerprint(*model.ident.values(), model.archive.site)
    exports = _Exports(model, pack)
    for iv in model.interviews:
        slug = model.slug[iv.source]
        out.append(Asset(f"interviews/{slug}/source.txt", lambda iv=iv: iv.raw_text,
                         fingerprint("raw", model.ident[iv.source])))
        out.append(Asset(f"data/interviews/{slug}.json", lambda iv=iv: exports.json_text(iv),
                         fingerprint("json", model.ident[iv.source])))
    out.append(Asset("data/interviews.json", exports.interviews_json,
                     fingerprint("all.json", ident_all)))
    out.append(Asset("data/turns.csv", exports.turns_csv, fingerprint("csv", ident_all)))
    out += _feeds(model)
    site = model.archive.site
    out.append(Asset("robots.txt", lambda: robots(site.base_url), fingerprint("robots", site)))
    if site.base_url:
        locs = [absolute(model, p) for p in _html_paths(model)]
        out.append(Asset("sitemap.xml", lambda: sitemap([u for u in locs if u]),
                         fingerprint("sitemap", ident_all, *model.by_speaker, *model.by_topic)))
    return out


class _Exports:
    """The data exports. data/interviews.json is the records' JSON texts joined into
    one array and data/turns.csv their CSV rows one after another, so both are put
    together from per-interview pieces: computed once per build, and taken from
    the fragment pack for records that did not change."""

    def __init__(self, model: SiteModel, pack):
        self.model, self.pack = model, pack

    def _piece(self, iv: Interview):
        """(JSON piece without its newline, CSV rows) of one record, as UTF-8: from the
        pack, else made once and put there (the pack holds new pieces until saved)."""
        ident = self.model.ident[iv.source]
        got = self.pack.get(ident) if self.pack is not None else None
        if got is None:
            rows = turns_csv((iv,), lambda i: self.model.slug[i.source]).split("\n", 1)[1]
            got = (interview_json(iv)[:-1].encode("utf-8"), rows.encode("utf-8"))
            if self.pack is not None:
                self.pack.put(ident, *got)
        return got

    def json_text(self, iv: Interview) -> bytes:
        """data/interviews/<slug>.json: the record's piece of data/interviews.json."""
        return bytes(self._piece(iv)[0]) + b"\n"

    def interviews_json(self) -> bytes:
        # the same bytes as exports.interviews_json: json.dumps of a list with
        # separators (",", ":") is "[" + ",".join(items) + "]"
        return b"[" + b",".join(self._piece(iv)[0] for iv in self.model.interviews) + b"]\n"

    def turns_csv(self) -> bytes:
        header = turns_csv((), lambda iv: "").encode("utf-8")
        return header + b"".join(self._piece(iv)[1] for iv in self.model.interviews)


DOWNLOADS = ("data/interviews.json", "data/turns.csv")


def digest(data: str | bytes) -> tuple[int, str]:
    """Size in bytes and SHA-256 of a file's content."""
    data = data.encode("utf-8") if isinstance(data, str) else data
    return len(data), hashlib.sha256(data).hexdigest()


def downloads(digests: dict[str, tuple[int, str]]) -> list[tuple[str, int, str]]:
    """The data files the About page offers, with size and SHA-256."""
    return [(path, *digests[path]) for path in DOWNLOADS if path in digests]


def _html_paths(model: SiteModel) -> list[str]:
    paths = ["index.html", "interviews/index.html", "speakers/index.html",
             "topics/index.html", "timeline/index.html", "about/index.html"]
    paths += [model.path_of(iv) for iv in model.interviews]
    paths += [urls.speaker_path(model.speakers[n].slug) for n in model.by_speaker]
    paths += [urls.topic_path(t.slug) for t in model.archive.topics]
    return paths


def _feed_entries(model: SiteModel, ivs: list[Interview]) -> list[FeedEntry]:
    out = []
    for iv in ivs[:FEED_SIZE]:
        path = model.path_of(iv)
        out.append(FeedEntry(title=iv.title or iv.source, url=cite_url(model, path),
                             date=iv.date, summary=iv.lead or iv.title,
                             author=", ".join(p.name for p in iv.interviewees) or None))
    return out


def _feeds(model: SiteModel) -> list[Asset]:
    site = model.archive.site
    home = absolute(model, "index.html") or "index.html"
    feeds = [("feed.xml", site.title, model.interviews)]
    for name, entries in model.by_speaker.items():
        slug = model.speakers[name].slug
        feeds.append((f"speakers/{slug}/feed.xml", f"{site.title}: {name}",
                      _distinct(e.iv for e in entries)))
    for topic in model.archive.topics:
        entries = model.by_topic.get(topic.slug, [])
        feeds.append((f"topics/{topic.slug}/feed.xml", f"{site.title}: {topic.name}",
                      _distinct(e.iv for e in entries)))
    out = []
    for path, title, ivs in feeds:
        feed_url = absolute(model, path) or path
        entries = _feed_entries(model, ivs)
        feed_id = feed_url if site.base_url else f"urn:scogen:{path}"
        out.append(Asset(path, lambda t=title, u=feed_url, e=entries, i=feed_id:
                         atom(t, u, home, e, i), fingerprint("feed", path, site,
                                                 *(model.ident[iv.source]
                                                   for iv in ivs[:FEED_SIZE]))))
    return out
