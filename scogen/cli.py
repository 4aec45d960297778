"""The command line: the only place that prints errors and chooses exit codes."""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import threading
from pathlib import Path

from . import __version__
from .errors import ErrorGroup, ScogenError

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        with _terminate_as_interrupt():
            return args.func(args)
    except ErrorGroup as group:
        for err in group.errors:
            print(err, file=sys.stderr)
        print(f"scogen: {len(group.errors)} error(s); nothing was written", file=sys.stderr)
        return EXIT_ERROR
    except ScogenError as err:
        print(err, file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        _ignore_further(signal.SIGINT)  # a second Ctrl-C while saying so: no traceback
        print("scogen: interrupted; the previous site is unchanged", file=sys.stderr)
        return 130
    except _Terminated:
        _ignore_further(signal.SIGTERM)
        print("scogen: terminated; the previous site is unchanged", file=sys.stderr)
        return 143
    except RecursionError:
        print("scogen: error: input nested too deeply to process", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:  # the last resort: a file error no module turned into a message
        where = f"{exc.filename}: " if exc.filename is not None else "scogen: "
        print(f"{where}error: {exc.strerror or exc} [os.error]", file=sys.stderr)
        return EXIT_ERROR


def _ignore_further(signum: int) -> None:
    if threading.current_thread() is threading.main_thread():
        signal.signal(signum, signal.SIG_IGN)


class _Terminated(BaseException):
    """SIGTERM, raised where the build is so that it cleans up as after Ctrl-C."""


STOP_GRACE = 30.0  # seconds a stopped build may take to wind down before it exits anyway


@contextlib.contextmanager
def _terminate_as_interrupt():
    """While a command runs, SIGTERM unwinds it like Ctrl-C (staging removed, the
    previous site kept) instead of killing it mid-write. Either signal also arms a
    watchdog: winding down means stopping worker pools, and a ``multiprocessing``
    pool stopped at an unlucky moment can wait forever on a lock a worker held
    (seen once under load); after ``STOP_GRACE`` seconds the process says so and
    exits, as a killed build would, whose leftovers the next build clears."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    watchdogs: list[threading.Timer] = []

    def stop(_signum, _frame):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM kills at once
        watchdogs.append(_watchdog(143))
        raise _Terminated()

    def interrupt(_signum, _frame):
        watchdogs.append(_watchdog(130))
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    previous_int = signal.signal(signal.SIGINT, interrupt) \
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler else None
    try:
        yield
    finally:  # reached once the command has wound down: the watchdog is not needed
        for timer in watchdogs:
            timer.cancel()
        signal.signal(signal.SIGTERM, previous)
        if previous_int is not None:
            signal.signal(signal.SIGINT, previous_int)


def _watchdog(code: int) -> threading.Timer:
    def give_up():
        try:
            print(f"scogen: stopped; winding down took over {STOP_GRACE:g} s, exiting "
                  "(the previous site is unchanged; the next build clears what is left)",
                  file=sys.stderr, flush=True)
        finally:
            os._exit(code)

    timer = threading.Timer(STOP_GRACE, give_up)
    timer.daemon = True
    timer.start()
    return timer


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="scogen", description="Build the SCO interview archive.")
    p.add_argument("--version", action="version", version=f"scogen {__version__}")
    sub = p.add_subparsers(metavar="COMMAND")

    b = sub.add_parser("build", help="build the static site from content/")
    _site_args(b)
    b.add_argument("--strict", action="store_true", help="fail on any loader warning")
    b.add_argument("--quiet", "-q", action="store_true", help="print errors only")
    b.add_argument("--no-search", action="store_true", help="skip the Pagefind index")
    b.add_argument("--verify", action="store_true",
                   help="after building, render everything again and report the files "
                        "that differ from what was published")
    b.add_argument("--force", action="store_true",
                   help="replace an output folder that is not empty although scogen did "
                        "not write it (its files are lost)")
    b.add_argument("--jobs", "-j", type=int, default=None,
                   help="processes for loading transcripts and rendering pages (default: all cores)")
    b.set_defaults(func=cmd_build)

    i = sub.add_parser("inspect", help="print the record a raw transcript becomes")
    i.add_argument("file", type=Path)
    i.add_argument("--json", action="store_true", help="the stable JSON shape")
    i.add_argument("--content", type=Path, default=Path("content"),
                   help="content folder whose topics.yaml/speakers.yaml to use, if present")
    i.set_defaults(func=cmd_inspect)

    e = sub.add_parser("eval", help="compare the loader with gold records")
    e.add_argument("gold_dir", type=Path)
    e.add_argument("raw_dir", type=Path)
    e.add_argument("--content", type=Path, default=Path("content"))
    e.set_defaults(func=cmd_eval)

    a = sub.add_parser("add", help="import raw transcripts into content/transcripts")
    a.add_argument("paths", type=Path, nargs="+")
    a.add_argument("--content", type=Path, default=Path("content"))
    a.set_defaults(func=cmd_add)

    c = sub.add_parser("check", help="verify a built site: links, anchors, page basics")
    c.add_argument("--out", type=Path, default=Path("site"))
    c.set_defaults(func=cmd_check)

    s = sub.add_parser("serve", help="serve the built site on 127.0.0.1 for preview")
    s.add_argument("--out", type=Path, default=Path("site"))
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--watch", action="store_true",
                   help="rebuild on changes to content/ or templates/ and reload open pages")
    s.add_argument("--content", type=Path, default=Path("content"))
    s.add_argument("--templates", type=Path, default=Path("templates"))
    s.set_defaults(func=cmd_serve)
    return p


def _site_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--content", type=Path, default=Path("content"))
    p.add_argument("--templates", type=Path, default=Path("templates"))
    p.add_argument("--out", type=Path, default=Path("site"))


NO_BASE_URL = ("scogen: note: site.yaml has no base_url, so citations give relative URLs "
               "(the page fills in its own address when JavaScript runs), feeds have no "
               "absolute links and no sitemap.xml is written; set base_url to the address "
               "the site is published at")


def cmd_build(args) -> int:
    import time

    from .archive import all_warnings, load_archive
    from .build import build, input_state, remember, up_to_date
    from .output import check_output

    started = time.perf_counter()
    # before anything is read: a wrong --out must not cost a load, nor touch anything
    check_output(args.out, content=args.content, templates=args.templates, force=args.force)
    search = not args.no_search
    state = input_state(args.content, args.templates, search)
    if not args.strict and not args.verify and up_to_date(state, args.content, args.out):
        if not args.quiet:
            print(f"{args.out} is up to date: nothing changed "
                  f"({time.perf_counter() - started:.2f}s)")
        return EXIT_OK
    skipped: list[str] = []
    archive = load_archive(args.content, jobs=args.jobs, notices=skipped)
    warnings = skipped + all_warnings(archive)
    for w in warnings:
        if not args.quiet or args.strict:  # under --strict they are the errors
            print(w, file=sys.stderr)
    if args.strict and warnings:
        print(f"scogen: {len(warnings)} warning(s) and --strict; nothing was written",
              file=sys.stderr)
        return EXIT_ERROR
    if not archive.site.base_url and not args.quiet:
        print(NO_BASE_URL, file=sys.stderr)  # once a build: a notice, not a loader warning
    def waiting(pid: str) -> None:
        print(f"scogen: waiting for another build into {args.out}"
              + (f" (process {pid})" if pid else "") + " to finish", file=sys.stderr)

    report = build(archive, args.templates, args.out, quiet=args.quiet, search=search,
                   jobs=args.jobs, content=args.content, force=args.force, on_wait=waiting)
    remember(state, args.content, args.out)
    if not args.quiet:
        print(f"built {args.out}: {report} ({len(archive.interviews)} interviews, "
              f"{len(warnings)} warning(s), {time.perf_counter() - started:.2f}s in all)")
    if args.verify:
        from .verify import verify
        differ = verify(archive, args.templates, args.out, search=search, jobs=args.jobs)
        for path in differ:
            print(f"{args.out / path}: differs from a clean build", file=sys.stderr)
        if differ:
            print(f"scogen: --verify: {len(differ)} file(s) differ from a clean build",
                  file=sys.stderr)
            return EXIT_ERROR
        if not args.quiet:
            print("verified: the same files as a clean build")
    return EXIT_OK


def _context(content: Path):
    """topics and speakers from a content folder, when there is one."""
    from .config import load_speakers, load_topics
    if not content.is_dir():
        return (), ()
    return load_topics(content / "topics.yaml"), load_speakers(content / "speakers.yaml")


def cmd_inspect(args) -> int:
    from .loader import load_interview
    from .model import interview_to_dict

    topics, speakers = _context(args.content)
    iv = load_interview(args.file, topics=topics, speakers=speakers)
    if args.json:
        json.dump(interview_to_dict(iv), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    print(f"{iv.source}: {iv.title!r}")
    print(f"  date: {iv.date}   publisher: {iv.publisher}   interviewer: {iv.interviewer}")
    for p in iv.interviewees:
        print(f"  interviewee: {p.name}" + (f", {p.role}" if p.role else ""))
    if iv.lead:
        print(f"  lead: {iv.lead}")
    for line in iv.chrome:
        print(f"  chrome: {line!r}")
    for t in iv.turns:
        num = f" {t.number}." if t.number is not None else ""
        print(f"\n[{t.index}]{num} {t.kind} — {t.speaker or '?'}"
              f" (label {t.label!r}, line {t.line}) topics: {', '.join(t.topics) or '-'}")
        for para in t.paragraphs:
            print(f"    {para}")
    print(f"\n{len(iv.repairs)} repair(s):")
    for r in iv.repairs:
        print(f"  {iv.source}:{r.line}: {r.raw!r} -> {r.clean!r} [{r.rule}]")
    for w in iv.warnings:
        print(w.format(iv.path or iv.source), file=sys.stderr)
    return EXIT_OK


def cmd_eval(args) -> int:
    from .evaluate import evaluate, format_report
    from .loader import load_interview

    topics, speakers = _context(args.content)
    report = evaluate(args.gold_dir, args.raw_dir,
                      load=lambda p: load_interview(p, topics=topics, speakers=speakers))
    print(format_report(report))
    return EXIT_OK


def cmd_add(args) -> int:
    from .add import _Partial, add, summary

    topics, speakers = _context(args.content)
    try:
        added = add(args.paths, args.content, topics=topics, speakers=speakers)
    except _Partial as partial:
        for item in partial.added:
            print(summary(item))
        for err in partial.errors.errors:
            print(err, file=sys.stderr)
        return EXIT_ERROR
    for item in added:
        print(summary(item))
    return EXIT_OK


def cmd_check(args) -> int:
    from .check import check_site
    if not (args.out / "index.html").is_file():
        raise ScogenError("no built site here; run `scogen build` first", str(args.out),
                          code="check.no_site")
    problems = check_site(args.out)
    for p in problems:
        print(p, file=sys.stderr)
    pages = sum(1 for _ in args.out.rglob("*.html"))
    print(f"checked {pages} pages: {len(problems)} problem(s)")
    return EXIT_ERROR if problems else EXIT_OK


def cmd_serve(args) -> int:
    if args.watch:
        return _serve_watch(args)
    from .serve import serve
    if not (args.out / "index.html").is_file():
        raise ScogenError("no built site here; run `scogen build` first", str(args.out),
                          code="serve.no_site")
    serve(args.out, port=args.port)
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


def _serve_watch(args) -> int:
    from .archive import load_archive
    from .build import build
    from .watch import serve_and_watch

    # a site built with its search index keeps it: rebuilt only when the records
    # change (a watch rebuild once dropped pagefind/ from the site)
    search = (args.out / "pagefind").is_dir()

    def rebuild() -> None:
        try:
            report = build(load_archive(args.content), args.templates, args.out, quiet=True,
                           search=search, content=args.content)
            print(f"rebuilt: {report}")
        except ErrorGroup as group:
            for err in group.errors:
                print(err, file=sys.stderr)
            raise
        except ScogenError as err:
            print(err, file=sys.stderr)
            raise
        except Exception as exc:  # an unexpected failure: said once, here; the last site stays
            print(f"scogen: rebuild failed: {exc}", file=sys.stderr)
            raise

    rebuild()
    serve_and_watch(args.out, [args.content, args.templates], rebuild, port=args.port,
                    say=print)
    return EXIT_OK
