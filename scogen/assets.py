"""The site's files that are not HTML pages: raw sources, data exports, feeds,
robots.txt and the sitemap. No I/O, no rendering.

Each is an ``Asset``: a path, a function and the arguments it is called with.
Its key is the identity of all three plus scogen's code and libraries
(``depends.identity``), so a file is rewritten exactly when what makes it
changed; nothing here lists fields by hand.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from . import urls
from .cache import code_fingerprint, read_text
from .depends import identity
from .exports import ExportPieces, piece_key
from .feeds import Entry as FeedEntry
from .feeds import atom, robots, sitemap
from .model import Interview
from .pages import absolute, cite_url
from .site import SiteModel, distinct
from .slugs import slugify

FEED_SIZE = 30
DOWNLOADS = ("data/interviews.json", "data/turns.csv")


@dataclass(frozen=True)
class Asset:
    """A non-template output: ``make(*args)`` produces its text only when needed."""

    path: str
    make: object
    args: tuple = ()
    key: str = field(default="", compare=False)

    def build(self) -> str | bytes:
        return self.make(*self.args)


def _asset(model: SiteModel, path: str, make, *args) -> Asset:
    return Asset(path, make, args,
                 identity((code_fingerprint(), path, make, args), model.ident_of))


def raw_text(iv: Interview) -> str:
    read_text((iv,))
    return iv.raw_text


def all_assets(model: SiteModel, pack=None) -> list[Asset]:
    """Every non-HTML output. ``pack`` (a ``cache.FragmentPack``) holds the pieces of
    the whole-archive exports from earlier builds."""
    out: list[Asset] = []
    exports = ExportPieces(model.slug, model.ident_of, pack, model.archive.site.base_url)
    versions = exported(model)
    for iv in model.interviews:
        slug = model.slug[iv.source]
        out.append(_asset(model, f"interviews/{slug}/source.txt", raw_text, iv))
        out.append(_asset(model, f"data/interviews/{slug}.json", exports.json_text, iv,
                          versions.get(iv.source)))
    ivs = tuple(model.interviews)
    out.append(_asset(model, "data/interviews.json", exports.interviews_json, ivs,
                      tuple(versions.items())))
    out.append(_asset(model, "data/turns.csv", exports.turns_csv, ivs))
    out += _feeds(model)
    site = model.archive.site
    out.append(_asset(model, "robots.txt", robots, site.base_url))
    if site.base_url:
        locs = [absolute(site.base_url, p) for p in _html_paths(model)]
        out.append(_asset(model, "sitemap.xml", sitemap, [u for u in locs if u]))
    return out


def exported(model: SiteModel) -> dict:
    """source -> what the exports add of its other versions, for records that have any."""
    found = ((iv.source, model.versions.exported(iv)) for iv in model.interviews)
    return {source: got for source, got in found if got is not None}


def pieces_in_use(model: SiteModel) -> set[str]:
    """The fragment-pack keys of this build's records (``exports.piece_key``)."""
    versions = exported(model)
    return {piece_key(model.ident_of(iv), versions.get(iv.source), model.archive.site.base_url)
            for iv in model.interviews}


def downloads_from(assets: list[Asset]) -> tuple[str, ...]:
    """What the About page's download list is made from: the downloads' keys."""
    return tuple(a.key for a in assets if a.path in DOWNLOADS)


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
    base_url = model.archive.site.base_url
    out = []
    for iv in ivs[:FEED_SIZE]:
        path = model.path_of(iv)
        out.append(FeedEntry(title=iv.title or iv.source,
                             url=cite_url(base_url, path),
                             # an IRI without base_url too: a tag: URI (RFC 4151) of the
                             # archive's title and the record's file name and date
                             id=None if base_url else entry_tag(model.archive.site.title,
                                                                iv),
                             date=iv.date, summary=iv.lead or iv.title,
                             author=", ".join(p.name for p in iv.interviewees) or None))
    return out


def _feeds(model: SiteModel) -> list[Asset]:
    site = model.archive.site
    home = absolute(site.base_url, "index.html") or "index.html"
    feeds = [("feed.xml", site.title, model.interviews)]
    for name, entries in model.by_speaker.items():
        slug = model.speakers[name].slug
        feeds.append((f"speakers/{slug}/feed.xml", f"{site.title}: {name}",
                      distinct(e.iv for e in entries)))
    for topic in model.archive.topics:
        entries = model.by_topic.get(topic.slug, [])
        feeds.append((f"topics/{topic.slug}/feed.xml", f"{site.title}: {topic.name}",
                      distinct(e.iv for e in entries)))
    out = []
    for path, title, ivs in feeds:
        feed_url = absolute(site.base_url, path) or path
        feed_id = feed_url if site.base_url else \
            f"tag:scogen.invalid,2000:{slugify(site.title)}/{path}"  # see entry_tag
        out.append(_asset(model, path, atom, title, feed_url, home,
                          _feed_entries(model, ivs), feed_id))
    return out


def entry_tag(site_title: str, iv: Interview) -> str:
    """'tag:scogen.invalid,2007-05-22:sco-interview-archive/2007-05-22-igor-ivanov.txt':
    an Atom entry id that is an IRI with no address to make one from. The authority
    is the reserved ``.invalid`` name (RFC 2606: no one else's), the date the
    interview's, the specific part the site and the record's file name, which stay
    the same from build to build."""
    from urllib.parse import quote
    date = iv.date if iv.date and len(iv.date) == 10 else "2000-01-01"
    return f"tag:scogen.invalid,{date}:{quote(slugify(site_title))}/{quote(iv.source)}"
