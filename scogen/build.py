"""The build: site model -> rendered pages -> one atomic publish.

Nothing touches the output folder until every page has rendered. Pages
and assets whose key is unchanged since the last build are hard-linked,
not re-rendered, so a rebuild after adding one transcript renders only the
pages that show it; the output is byte-identical to a clean build.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildError
from .model import Archive
from .cache import (FragmentPack, cache_dir, cache_folder_of, drop_text, last_state,
                    read_text, save_state, text_held, tree_state)
from .depends import records_in
from .phases import reached
from .output import (MANIFEST, OutputLock, Publication, check_output, read_manifest,
                     write_error)
from .assets import DOWNLOADS, all_assets, digest, downloads, downloads_from, pieces_in_use
from .pages import all_pages, template_globals
from .render import make_env, render_keyed, templates_key
from .search import bundles, index_key, write_bundles
from .site import build_model, check_unique, fingerprint
from .archive import quiet_worker


@dataclass
class BuildReport:
    pages: int = 0
    written: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    searched: bool = False

    def __str__(self) -> str:
        return (f"{self.pages} pages, {self.written} files written, {self.unchanged} "
                f"unchanged, {self.seconds:.2f}s" + (", search index built" if self.searched
                                                      else ""))


def input_state(content: Path, templates: Path, search: bool) -> str:
    """What a build reads (sizes and times of the inputs, scogen's code, search on/off).
    Taken once, before loading: an input changed during the build makes the next
    build run."""
    return fingerprint(tree_state(Path(content), Path(templates)), search,
                       _odd_entries(Path(content) / "transcripts"))


def _odd_entries(folder: Path) -> list[tuple[str, int]]:
    """Entries that are not plain files (links, pipes, loops): the file state does
    not see them, yet a build reports them, so they are part of the input state."""
    try:
        with os.scandir(folder) as entries:
            return sorted((e.name, e.stat(follow_symlinks=False).st_mode) for e in entries
                          if not e.is_file(follow_symlinks=False))
    except OSError:
        return []


def up_to_date(state: str, content: Path, out: Path) -> bool:
    """True when the last successful build into ``out`` read the same inputs."""
    out = Path(out)
    if not (out / MANIFEST).is_file() or last_state(cache_dir(content), out) != state:
        return False
    return _intact(out)


def _intact(out: Path) -> bool:
    """Every top-level file and folder the manifest lists is still there (a
    removed ``pagefind/`` or page folder means the site must be built again)."""
    tops = {path.split("/", 1)[0] for path in read_manifest(out)}
    return bool(tops) and all(os.path.lexists(out / top) for top in tops)


def remember(state: str, content: Path, out: Path) -> None:
    save_state(cache_dir(content), out, state)


def build(archive: Archive, templates: Path, out: Path, *, quiet: bool = False,
          search: bool = True, jobs: int | None = None, content: Path | None = None,
          force: bool = False, on_wait=None) -> BuildReport:
    """Render and publish the site. The output folder is checked first
    (``check_output``: only a folder scogen wrote is replaced; ``force`` allows a
    non-empty one without a manifest) and locked for the whole publication; a
    failure to write is a ``BuildError`` naming the path, the previous site intact."""
    started = time.perf_counter()
    templates, out = Path(templates), Path(out)
    check_output(out, content=content, templates=templates, force=force)
    with OutputLock(out, on_wait=on_wait):
        return _build(archive, templates, out, quiet=quiet, search=search, jobs=jobs,
                      started=started)


def _build(archive: Archive, templates: Path, out: Path, *, quiet: bool, search: bool,
           jobs: int | None, started: float) -> BuildReport:
    env = make_env(templates)
    tkey = templates_key(templates)
    held = text_held(archive.interviews)  # the text the caller has stays; what the
    # build reads for a step is dropped when the step is done
    model = build_model(archive)
    reached("model")
    pack = FragmentPack(cache_folder_of(archive.interviews))
    assets = all_assets(model, pack)
    pages = all_pages(model, tkey, downloads_from(assets))
    check_unique([*pages, *assets])
    env.globals.update(template_globals(model))
    previous = read_manifest(out) if out.is_dir() else {}
    pub = Publication(out=out, previous=previous)
    report = BuildReport(pages=len(pages))
    try:
        pub.begin()
        reached("staging")
        # only the checksums of the downloads are kept, not the exports themselves
        digests: dict[str, tuple[int, str]] = {}
        for asset in assets:
            if not pub.unchanged(asset.path, asset.key):
                data = asset.build()
                pub.write(asset.path, data, asset.key)
                if asset.path in DOWNLOADS:
                    digests[asset.path] = digest(data)
        # a page is kept when the key it would publish now, asking the model what it
        # asked last time, equals the key it has (depends.py)
        todo = [p for p in pages if not any(
            pub.unchanged(p.path, k)
            for k in p.keys_now(pub.base.get(p.path), pub.previous.get(p.path)))]
        # what the exports read is not kept: the pages read their records again, each
        # render worker those of its own pages (a clean build's main process held every
        # turn's text for the whole build, and each worker a copy of what it touched)
        drop_text(model.archive.interviews, held)
        parallel = _parallel(jobs, todo)
        if not parallel:
            read_text(records_in([p.context for p in todo]))  # the records they show, in full
        for page in todo:
            if "downloads" in page.context:  # the About page lists checksums
                for asset in assets:
                    if asset.path in DOWNLOADS and asset.path not in digests:
                        digests[asset.path] = digest(asset.build())
                page.context["downloads"] = downloads(digests)
        for path, html, key in _render_all(env, todo, quiet, jobs, parallel):
            pub.write(path, html, key)
        _copy_static(templates, pub)
        reached("rendered")
        if search:
            _search(model, pub, archive, jobs, held)
            report.searched = True
        reached("publishing")
        pub.commit()
    except OSError as exc:  # a full disk, a read-only parent, a vanished folder...
        pub.abort()
        raise write_error(exc, out=out) from None
    except BaseException:
        pub.abort()
        raise
    pack.save(pieces_in_use(model))
    report.written, report.unchanged = pub.written, pub.linked
    report.seconds = time.perf_counter() - started
    return report


PARALLEL_RENDER_FROM = 400  # pages; below this, starting processes costs more than it saves
RECYCLE_AFTER = 32  # chunks of 64 pages a render worker does before a fresh one takes over
_FORKED: dict = {}


def _jobs(jobs: int | None) -> int:
    return jobs if jobs is not None else (os.cpu_count() or 1)


def _parallel(jobs: int | None, todo) -> bool:
    return _jobs(jobs) > 1 and len(todo) >= PARALLEL_RENDER_FROM


def _render_all(env, todo, quiet: bool, jobs: int | None = None, parallel: bool = False):
    """Render pages, on every core for big builds, with a progress bar on a terminal.
    Rendered in parallel, each worker reads the text of its own pages' records."""
    jobs = _jobs(jobs)
    show = not quiet and sys.stderr.isatty() and len(todo) > 300
    results = _render_parallel(env, todo, jobs) if parallel else \
        (render_keyed(env, page) for page in todo)
    if not show:
        yield from results
        return
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("rendering", total=len(todo))
        for item in results:
            yield item
            progress.advance(task)


def _render_parallel(env, todo, jobs: int):
    """Forked workers inherit the pages and the loaded templates; they return text."""
    for name in {p.template for p in todo}:
        render_env_warm(env, name)
    _FORKED.update(env=env, todo=todo)
    ctx = multiprocessing.get_context("fork")
    chunks = [range(i, min(i + 64, len(todo))) for i in range(0, len(todo), 64)]
    try:
        # a worker is replaced after RECYCLE_AFTER chunks: what it copied of the shared
        # pages (touching an object copies its page) goes with it
        # (concurrent.futures cannot recycle forked workers; multiprocessing.Pool can)
        with ctx.Pool(jobs, quiet_worker, (os.getpid(),),
                      maxtasksperchild=RECYCLE_AFTER) as pool:
            for batch in pool.imap(_render_chunk, chunks):
                yield from batch
    finally:
        _FORKED.clear()


def _render_chunk(indexes: range) -> list[tuple[str, str, str]]:
    env, todo = _FORKED["env"], _FORKED["todo"]
    read_text(records_in([todo[i].context for i in indexes]))
    return [render_keyed(env, todo[i]) for i in indexes]


def render_env_warm(env, name: str) -> None:
    try:
        env.get_template(name)
    except Exception:  # a broken template is reported by render() with its location
        pass


def _copy_static(templates: Path, pub: Publication) -> None:
    static = templates / "static"
    if not static.is_dir():
        raise BuildError("templates/static/ is missing (style.css lives there)", str(static),
                         code="build.static")
    for path in sorted(p for p in static.rglob("*") if p.is_file()):
        rel = "static/" + path.relative_to(static).as_posix()
        data = path.read_bytes()
        key = fingerprint("static", data)
        if not pub.unchanged(rel, key):
            pub.write(rel, data, key)


def _search(model, pub: Publication, archive: Archive, jobs: int | None = None,
            held: frozenset[int] = frozenset()) -> None:
    """The Pagefind index, in bundles (search.bundles), each kept as one unit under one
    key: reused whole when its records are unchanged (Pagefind's filter and metadata
    files are not byte-reproducible between runs, upstream issue #638), indexed again
    otherwise, so adding an interview indexes again only the bundle it falls in."""
    plan = bundles(archive, model.path_of)
    todo = []
    for bundle in plan:
        # what the records are made of: each interview (content, name, page) and the
        # topic names; the records themselves (every turn's text) are made only when
        # needed
        key = index_key(archive, model.path_of, model.ident_of, bundle, plan)
        rel = bundle.folder
        if pub.base.get(rel + "/") == key and (pub.staging / rel).is_dir():
            pub.linked += 1  # the spare has it already
        elif pub.previous.get(rel + "/") == key and (pub.out / rel).is_dir():
            pub.link_tree(rel)
        else:
            todo.append((bundle, pub.tree_for_tool(rel)))
        pub.keys[rel + "/"] = key
    if todo:
        write_bundles(archive, model.path_of, todo, plan, jobs, held)
