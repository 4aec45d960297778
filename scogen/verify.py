"""``scogen build --verify``: the full build is the reference (as MkDocs says of
its ``--dirty`` builds). After an incremental build, every page and file is
rendered again into a temporary folder and compared with what was published."""
from __future__ import annotations

import shutil
import tempfile
import re
from pathlib import Path

from .model import Archive

# a bundle of the search index (pagefind/, pagefind-1/, ...) and its fragments
_BUNDLE = re.compile(r"pagefind(-\d+)?/")
_FRAGMENTS = re.compile(r"pagefind(-\d+)?/fragment/")


def site_files(folder: Path) -> dict[str, bytes]:
    """Every file of a built site by relative path, except Pagefind's filter and
    metadata indexes in each bundle of the search index, which Pagefind does not
    write byte-reproducibly (its issue #638); the fragments, which hold what is
    indexed, and the list of bundles are compared."""
    return {rel: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
            for rel in [p.relative_to(folder).as_posix()]
            if not _BUNDLE.match(rel) or _FRAGMENTS.match(rel)
            or rel == "pagefind/shards.json"}


def compare(published: Path, reference: Path) -> list[str]:
    """Relative paths that differ between two sites, or exist in only one."""
    a, b = site_files(published), site_files(reference)
    return sorted(p for p in a.keys() | b.keys() if a.get(p) != b.get(p))


def verify(archive: Archive, templates: Path, out: Path, *, search: bool = True,
           jobs: int | None = None) -> list[str]:
    """Build ``archive`` from nothing into a temporary folder; the files of ``out``
    that differ from it (none when the incremental build was right)."""
    from .build import build

    scratch = Path(tempfile.mkdtemp(prefix="scogen-verify-"))
    try:
        reference = scratch / "site"
        build(archive, templates, reference, quiet=True, search=search, jobs=jobs)
        return compare(Path(out), reference)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
