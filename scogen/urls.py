"""The one authority for output paths and the relative links between pages.

Every page is a file path relative to the site root, always ending in
``.html`` (``interviews/<slug>/index.html``), so links work from ``file://``
too. Links are computed relative to the linking page; nothing is
root-relative. Slugs come from ``slugs.slugify`` and contain only [a-z0-9-].
"""
from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path, PurePosixPath

from .errors import BuildError
from .model import Interview
from .slugs import slugify

__all__ = ["slugify", "segment", "interview_slug", "interview_path", "speaker_path",
           "topic_path", "relative", "root_prefix", "safe_join", "paged", "parallel_path"]

_SEGMENT = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def segment(slug: str) -> str:
    """``slug`` itself if it is a valid path segment ([a-z0-9-], no edge hyphens)."""
    if not isinstance(slug, str) or not _SEGMENT.fullmatch(slug):
        raise BuildError(f"{slug!r} is not a valid slug (only a-z, 0-9 and inner hyphens)",
                         code="urls.slug")
    return slug


def interview_slug(iv: Interview) -> str:
    """From the file name; a name in a script slugify cannot spell (上海.txt) gets a
    stable short hash instead, so two such files never share a page."""
    stem = Path(iv.source).stem
    return slugify(stem) or "interview-" + hashlib.sha1(stem.encode()).hexdigest()[:10]


def interview_path(slug: str) -> str:
    return f"interviews/{segment(slug)}/index.html"


def parallel_path(slug: str, other: str) -> str:
    """The side-by-side page of two language versions, beside the first one's page."""
    return f"interviews/{segment(slug)}/parallel/{segment(other)}.html"


def speaker_path(slug: str) -> str:
    return f"speakers/{segment(slug)}/index.html"


def topic_path(slug: str) -> str:
    return f"topics/{segment(slug)}/index.html"


def paged(path: str, page: int) -> str:
    """Page ``n`` of a listing: ``topics/x/index.html`` -> ``topics/x/page-2/index.html``."""
    if page <= 1:
        return path
    folder = posixpath.dirname(path)
    return posixpath.join(folder, f"page-{page}", "index.html") if folder \
        else f"page-{page}/index.html"


def root_prefix(page_path: str) -> str:
    """``interviews/x/index.html`` -> ``../../``; ``index.html`` -> ``""``."""
    depth = len(PurePosixPath(page_path).parts) - 1
    return "../" * depth


def relative(from_page: str, to_path: str) -> str:
    """A link from one page to another site path (may carry a #fragment)."""
    target, _, fragment = to_path.partition("#")
    if target == from_page and fragment:
        return "#" + fragment
    rel = posixpath.relpath(target or from_page, posixpath.dirname(from_page) or ".")
    return rel + ("#" + fragment if fragment else "")


def safe_join(root: Path, rel_path: str) -> Path:
    """Join a page path to the output folder, refusing anything that leaves it."""
    if rel_path.startswith(("/", "\\")) or ".." in PurePosixPath(rel_path).parts:
        raise BuildError(f"page path {rel_path!r} would leave the output folder",
                         code="urls.escape")
    full = (root / rel_path).resolve()
    base = root.resolve()
    if base != full and base not in full.parents:
        raise BuildError(f"page path {rel_path!r} would leave the output folder",
                         code="urls.escape")
    return full
