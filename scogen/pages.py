"""The HTML pages of the site, as specs, from the site model. No I/O, no rendering.

Each ``Page`` names its template and context. Its key is not written here: it is
the identity of everything the context holds (``depends.identity``) plus what the
template looks up while rendering, so a template that starts showing another
field needs no change here to stay correct.
"""
from __future__ import annotations

from collections import Counter

from . import urls
from .cite import Citer, question_numbers
from .depends import Memo, identity
from .i18n import interface_language
from .jsonld import interview_jsonld, script_json
from .lang import primary
from .model import Interview, Speaker
from .site import PER_PAGE, Entry, Page, SiteModel, chunks, distinct, group_by, top, year_of


class _Lazy:
    """Text computed when a template first prints it: ``make(*args)``. Its identity
    is the function and its arguments."""

    def __init__(self, make, *args):
        self._make, self._args, self._text = make, args, None

    def __str__(self) -> str:
        if self._text is None:
            self._text = self._make(*self._args)
        return self._text

    def __key__(self) -> tuple:
        return (self._make, self._args)


class _Citations:
    """Citations of an interview's turns, made only when a page is rendered; what
    they share is made once for the page (``cite.Citer``)."""

    def __init__(self, iv: Interview, path: str, title: str, base_url: str | None,
                 people: dict[str, Speaker]):
        self.iv, self.path, self.title, self.base_url = iv, path, title, base_url
        self.people = people  # the speaker records of the names it cites
        self._made: dict[int, object] = {}
        self._citer: Citer | None = None  # made once, for every turn

    def __getitem__(self, index: int):
        if index not in self._made:
            turn = self.iv.turns[index - 1]
            if self._citer is None:
                self._citer = Citer(self.iv, self.title, self.people,
                                    questions=question_numbers(self.iv))
            self._made[index] = self._citer.turn(
                turn, cite_url(self.base_url, f"{self.path}#{turn.anchor}"))
        return self._made[index]

    def __key__(self) -> tuple:
        return (self.iv, self.path, self.title, self.base_url, self.people)


class Deferred:
    """A context value the builder fills in after the pages are listed (the About
    page's checksums of the downloads): known by what it will be made from."""

    def __init__(self, *made_from):
        self.made_from = made_from

    def __key__(self) -> tuple:
        return self.made_from


def absolute(base_url: str | None, path: str) -> str | None:
    if not base_url:
        return None
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    return base_url + path


def cite_url(base_url: str | None, path: str) -> str:
    """The address to cite: absolute (as the canonical URL) with base_url, else the
    path within the site."""
    page, _, fragment = path.partition("#")
    url = absolute(base_url, page)
    if url is None:
        return path
    return url + ("#" + fragment if fragment else "")


def _jsonld(iv: Interview, url: str | None, topic_names: dict, title: str,
            kinds: tuple = ()) -> str:
    return script_json(interview_jsonld(iv, url, topic_names, title, dict(kinds)))


def _kinds(model: SiteModel, iv: Interview) -> tuple:
    """(name, kind) of the people an interview's JSON-LD names that are not persons."""
    return tuple((n, s.kind) for n, s in _people(model, iv).items() if s.kind != "person")


def template_globals(model: SiteModel) -> dict:
    """What every template may use besides its context. ``site`` and ``topic_of``
    are part of every page's key (``_Globals``); ``speaker_path`` asks the model and
    is recorded; the rest are pure functions of their arguments."""
    return {
        "site": model.archive.site,
        "topic_of": model.topics,
        "speaker_path": model.lookups.template_function("speaker_path"),
        "interview_path": model.path_of,  # from the record's file name alone
        "topic_path": urls.topic_path,
        "relative": urls.relative,
    }


def all_pages(model: SiteModel, template_key: str, downloads_from=()) -> list[Page]:
    """Every HTML page of the site. ``template_key`` fingerprints the templates;
    ``downloads_from`` is what the About page's download list is made from."""
    g = _Globals(model, template_key, downloads_from)
    pages: list[Page] = []
    pages += _front(model, g)
    pages += _interview_pages(model, g)
    pages += _parallel_pages(model, g)
    pages += _speaker_pages(model, g)
    pages += _topic_pages(model, g)
    pages += _timeline_pages(model, g)
    pages += _misc_pages(model, g)
    return pages


class _Globals:
    """What every page's key holds besides its own context: the templates (and
    scogen's code), and the template globals that are values (``site``, ``topic_of``)."""

    def __init__(self, model: SiteModel, template_key: str, downloads_from):
        self.model = model
        # walked once: what every page's identity starts with
        self.base = identity((template_key, model.archive.site, model.topics), model.ident_of)
        self.downloads_from = downloads_from
        self.memo = Memo()  # an entry on many listings is walked once for their keys


def _page(path: str, template: str, title: str, g: _Globals, **context) -> Page:
    """A page in the site's language unless ``context`` says otherwise: ``html_lang``
    is what the page declares, ``lang`` the catalogue its interface is read from."""
    site = g.model.archive.site
    context.setdefault("html_lang", site.language)
    context.setdefault("lang", interface_language(site.language))
    root = context.pop("root_override", None) or urls.root_prefix(path)
    context.update(page_path=path, root=root, title=title)
    return Page(path=path, template=template, context=context, title=title,
                key=identity((g.base, path, template, context), g.model.ident_of, g.memo),
                lookups=g.model.lookups)


def _counts(model: SiteModel) -> dict:
    return {
        "speakers": sorted(((name, len({e.iv.source for e in es}), len(es))
                            for name, es in model.by_speaker.items()),
                           key=lambda x: (-x[2], x[0])),
        "topics": [(t, len(model.by_topic.get(t.slug, []))) for t in model.archive.topics],
    }


def _front(model: SiteModel, g: _Globals) -> list[Page]:
    newest = model.interviews[:10]
    counts = _counts(model)
    years = sorted(model.by_year, reverse=True)
    total_turns = sum(len(iv.outline) for iv in model.interviews)
    people = _people_rows(model)
    # the most-heard interviewees, not all of them: the speakers index has everyone
    heard = sorted((r for r in people if r[4] == "interviewee"), key=lambda r: (-r[2], r[0]))
    pages = [_page("index.html", "index.html", model.archive.site.title, g,
                   newest=newest, years=years, total_interviews=len(model.interviews),
                   total_turns=total_turns, topics=counts["topics"],
                   top_speakers=[(r[0], r[1], r[2]) for r in heard[:FRONT_SPEAKERS]],
                   speaker_total=len(people))]
    # newest first; older ones through the year pages of the timeline, which only
    # change when an interview of their year does
    base = "interviews/index.html"
    shown = model.interviews[:PER_PAGE]
    links = _year_links(base, {y: model.by_year[y] for y in years},
                        lambda y: f"timeline/{y}/index.html") \
        if len(model.interviews) > PER_PAGE else []
    pages.append(_page(base, "interviews.html", "All interviews", g,
                       interviews=shown, year_links=links, shown=len(shown),
                       total=len(model.interviews)))
    return pages


def _year_links(here: str, groups: dict[str, list], path_of) -> list[tuple[str, str, int]]:
    """(year, relative link, how many) for a listing's years, newest first."""
    return [(y, urls.relative(here, path_of(y)), len(items)) for y, items in groups.items()]


def _years(entries: list) -> dict[str, list]:
    """Entries (newest first) grouped by the year of their interview, order kept."""
    return group_by(entries, lambda e: [year_of(e.iv)])


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
    title, base_url = model.archive.site.title, model.archive.site.base_url
    topic_names: dict[str, dict[str, str]] = {}  # interface language -> slug -> name
    for i, iv in enumerate(ivs):
        # the page in its record's language when the interface is translated into
        # it, else in the site's (the transcript's text is then marked with its own)
        lang = interface_language(iv.language, model.archive.site.language)
        html_lang = iv.language if primary(iv.language) == lang else model.archive.site.language
        names = topic_names.setdefault(lang, {t.slug: t.name_in(lang)
                                              for t in model.archive.topics})
        path = model.path_of(iv)
        newer = ivs[i - 1] if i > 0 else None
        older = ivs[i + 1] if i + 1 < len(ivs) else None
        related = model.related[iv.source]
        canonical = absolute(base_url, path)
        pages.append(_page(
            path, "interview.html", iv.title or iv.source, g,
            iv=iv, slug=model.slug[iv.source], newer=newer, older=older,
            related=related, lang=lang, html_lang=html_lang,
            citations=_Citations(iv, path, title, base_url, _people(model, iv)),
            jsonld=_Lazy(_jsonld, iv, canonical, names, title, _kinds(model, iv)),
            questions=question_numbers(iv),
            canonical=canonical, description=iv.lead or iv.title,
            versions=model.versions.page(iv, path)))
        # the raw text as a page that declares UTF-8 (servers send .txt without a
        # charset, and browsers then show Cyrillic and Chinese as mojibake)
        pages.append(_page(
            path[: -len("index.html")] + "source.html", "source.html",
            f"Raw transcript: {iv.title or iv.source}", g,
            iv=iv, lang=lang, html_lang=html_lang, description=iv.lead or iv.title))
    return pages


def _parallel_pages(model: SiteModel, g: _Globals) -> list[Page]:
    """A side-by-side page for every pair of language versions of one interview."""
    pages = []
    for left, right in model.versions.pairs():
        path = model.versions.parallel_path(left, right)
        title = f"Side by side: {left.title or left.source}"
        pages.append(_page(path, "parallel.html", title, g,
                           description=f"{left.title or left.source}: each question and "
                                       "answer next to its other version",
                           **model.versions.parallel_context(left, right, path)))
    return pages


def _people(model: SiteModel, iv: Interview) -> dict[str, Speaker]:
    """The speaker records of the names an interview's citations name (their kind,
    and their names in other scripts)."""
    names = (*iv.speakers, iv.publisher, iv.interviewer, *(p.name for p in iv.interviewees))
    return {n: model.speakers[n] for n in dict.fromkeys(names) if n in model.speakers}


FRONT_SPEAKERS = 20  # interviewees on the front page; the speakers index has all


def _people_rows(model: SiteModel) -> list[tuple]:
    """(name, interviews, turns, roles, group, letter) of everyone who asks or
    answers, A-Z. ``group`` is "interviewee" for a person who answers, else "asker"
    (an outlet, or an interviewer who only asks)."""
    rows = []
    for name, es in model.by_speaker.items():
        sp = model.speakers[name]
        answers = sum(1 for e in es if e.kind == "answer")
        group = "interviewee" if answers and sp.kind != "organisation" else "asker"
        roles = "; ".join(dict.fromkeys(r.title for r in sp.roles))
        first = name.lstrip()[:1].upper()
        rows.append((name, len({e.iv.source for e in es}), len(es), roles, group,
                     first if first.isalpha() else "#"))
    return sorted(rows, key=lambda r: (r[0].casefold(), r[0]))


def _speakers_index(model: SiteModel, g: _Globals) -> list[Page]:
    """The speakers index twice: A-Z (with a letter bar) and by number of turns;
    interviewees first, then the outlets and interviewers who ask."""
    rows = _people_rows(model)
    by_count = sorted(rows, key=lambda r: (-r[2], r[0].casefold(), r[0]))
    pages = []
    for path, order, listed in (("speakers/index.html", "az", rows),
                                ("speakers/by-count/index.html", "count", by_count)):
        groups = [(grp, [r for r in listed if r[4] == grp]) for grp in ("interviewee", "asker")]
        pages.append(_page(path, "speakers.html", "Speakers", g, order=order,
                           groups=groups, total=len(rows),
                           letters=list(dict.fromkeys(r[5] for r in rows
                                                      if r[4] == "interviewee"))))
    return pages


def _speaker_pages(model: SiteModel, g: _Globals) -> list[Page]:
    pages = _speakers_index(model, g)
    askers = sorted({e.speaker for es in model.by_speaker.values() for e in es
                     if e.kind == "question"})
    asked = [(n, sum(1 for e in model.by_speaker[n] if e.kind == "question"),
              len({e.iv.source for e in model.by_speaker[n]})) for n in askers]
    pages.append(_page("askers/index.html", "askers.html", "Questioners: outlets and interviewers",
                       g, askers=asked))
    questions: dict[tuple[str, int], Entry | None] = {}  # an answer is on a page per topic

    def question_of(e: Entry) -> Entry | None:
        at = (e.iv.source, e.position)
        if at not in questions:
            questions[at] = _question_of(e)
        return questions[at]

    for name, entries in model.by_speaker.items():
        speaker = model.speakers[name]
        base = urls.speaker_path(speaker.slug)
        topics = Counter(t for e in entries if e.kind == "answer" for t in e.topics)
        interviews = distinct(e.iv for e in entries)
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
            speaker=speaker, entries=head, interviews=interviews, pairs=pairs,
            top_topics=top(topics), asked=n_asked, answered=n_answered, pager=None,
            year_links=links, shown=len(head), total=len(ordered),
            description=f"Everything {name} said in the archive"))
        if links:
            pages += _split_listing(model, g, base, name, ordered, name, show_speaker=False)
        has_pair = {t for t, _ in pairs}
        for topic_slug, _count in pairs:
            pair = model.by_pair.get((name, topic_slug), [])
            topic = model.topics[topic_slug]
            path = f"speakers/{speaker.slug}/{topic_slug}/index.html"
            # what else this speaker's answers on it are tagged, when they have a page
            near = Counter(t for e in pair for t in e.topics
                           if t != topic_slug and t in has_pair)
            pages.append(_page(
                path, "pair.html", f"What {name} said about {topic.name}", g,
                speaker=speaker, topic=topic, entries=pair[:500],
                exchanges=[(question_of(e), e) for e in pair[:500]], total=len(pair),
                related=top(near, 8),
                description=f"Answers by {name} on {topic.name}"))
    return pages


def _question_of(e: Entry) -> Entry | None:
    """The question an answer answers: the nearest question before it in its
    interview (several answer turns may follow one question), else None."""
    for i in range(e.position - 1, -1, -1):
        kind, speaker, topics, index = e.iv.outline[i]
        if kind == "question":
            return Entry(e.iv, i, e.slug, kind, speaker, topics, index)
    return None


def _topic_pages(model: SiteModel, g: _Globals) -> list[Page]:
    pages = [_page("topics/index.html", "topics.html", "Topics", g, **_counts(model))]
    for topic in model.archive.topics:
        entries = model.by_topic.get(topic.slug, [])  # already newest first
        base = urls.topic_path(topic.slug)
        who = Counter(e.speaker for e in entries if e.kind == "answer" and e.speaker)
        head = entries[:PER_PAGE]
        links = _year_links(base, _years(entries), lambda y: f"{base[:-10]}{y}/index.html") \
            if len(entries) > PER_PAGE else []
        top_who = top(who, 10)
        # the topics its turns are also tagged: read together, a group of topics
        near = Counter(t for e in entries for t in e.topics if t != topic.slug)
        pages.append(_page(
            base, "topic.html", topic.name, g,
            topic=topic, entries=head, top_speakers=top_who, pager=None, year_links=links,
            related=top(near, 8),
            shown=len(head), total=len(entries),
            description=topic.description))
        if links:
            pages += _split_listing(model, g, base, topic.name, entries, topic.name,
                                    description=topic.description)
    return pages


def _timeline_pages(model: SiteModel, g: _Globals) -> list[Page]:
    years = sorted(model.by_year, reverse=True)
    pages = [_page("timeline/index.html", "timeline.html", "Timeline", g,
                   years=[(y, len(model.by_year[y])) for y in years])]
    for year in years:
        ivs = model.by_year[year]
        parts = chunks(ivs)
        base = f"timeline/{year}/index.html"
        for n, chunk in enumerate(parts, start=1):
            path = urls.paged(base, n)
            pages.append(_page(path, "year.html", f"Interviews of {year}", g,
                               year=year, interviews=chunk,
                               pager=_pager(base, n, len(parts), path)))
    return pages


def _root_path(base_url: str | None) -> str | None:
    """'/sco/' of 'https://archive.example/sco/': the site's root on its host."""
    if not base_url:
        return None
    from urllib.parse import urlsplit
    return urlsplit(base_url).path or "/"


def _misc_pages(model: SiteModel, g: _Globals) -> list[Page]:
    return [
        _page("search.html", "search.html", "Search", g),
        _page("about/index.html", "about.html", "About & data", g,
              downloads=Deferred(g.downloads_from)),
        # served for a missing address at any depth: with base_url its links start
        # from the site's root path ("/sco/"), else its script finds the root
        _page("404.html", "404.html", "Page not found", g,
              root_override=_root_path(model.archive.site.base_url)),
    ]


