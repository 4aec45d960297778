"""``scogen check``: verify a built site without trusting the builder.

Every internal ``href``/``src`` must resolve to a file inside the site, every
``#fragment`` to an ``id`` on the target page, and no link may be absolute
(root-relative or to another host) except the metadata that ``base_url``
makes absolute (canonical, OpenGraph, feeds). Each page has one ``h1``, a
``<title>`` and a ``lang``. Every feed and the sitemap parse as XML. The search
bundle's entry file is whole, each language's metadata, word index and text files
are there, and its fixed files (scripts, styles, each language's WebAssembly) are
byte-identical to what the installed Pagefind writes: a file cut short in
publishing is named.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

_LINK_ATTRS = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
               ("source", "src"), ("iframe", "src"), ("form", "action"))
_ABSOLUTE_OK_RELS = {"canonical", "alternate", "external"}  # external: a deliberate link out


@dataclass(frozen=True, slots=True)
class Problem:
    page: str
    message: str

    def __str__(self) -> str:
        return f"{self.page}: error: {self.message} [check]"


NOT_FOUND_PAGE = "404.html"


def check_site(root: Path) -> list[Problem]:
    root = Path(root).resolve()
    pages = sorted(root.rglob("*.html"))
    ids: dict[Path, set[str]] = {}
    links: list[tuple[Path, str, str]] = []
    problems: list[Problem] = []
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        ids[page] = {el["id"] for el in soup.find_all(id=True)} | \
            {el["name"] for el in soup.find_all("a", attrs={"name": True})}
        rel = str(page.relative_to(root))
        problems.extend(_page_rules(rel, soup))
        for tag, attr in _LINK_ATTRS:
            for el in soup.find_all(tag, attrs={attr: True}):
                rels = set(el.get("rel") or [])
                links.append((page, el[attr], "meta" if rels & _ABSOLUTE_OK_RELS else ""))
    for page, url, kind in links:
        problems.extend(_check_link(root, page, url, kind, ids))
    problems.extend(_check_xml(root))
    problems.extend(_check_search(root))
    return problems


# files of an index that depend on its records; every other file Pagefind writes is
# fixed for its version and language
_PER_INDEX = ("fragment/", "index/", "filter/")


def _check_search(root: Path) -> list[Problem]:
    """Every bundle of the search index (``pagefind/`` and those its ``shards.json``
    lists) is whole."""
    import json

    if not (root / "pagefind").is_dir():
        return []
    folders = ["pagefind"]
    listing = root / "pagefind" / "shards.json"
    if listing.is_file():
        try:
            listed = json.loads(listing.read_text("utf-8"))["bundles"]
            folders += [str(b["path"]).strip("./") for b in listed]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return [Problem("pagefind/shards.json", "the list of the search index's "
                            "bundles is not whole JSON")]
    out = []
    for name in folders:
        if name != "pagefind" and not (name.startswith("pagefind-") and "/" not in name):
            out.append(Problem("pagefind/shards.json", f"names a bundle outside the "
                               f"site's root folders: {name!r}"))
            continue
        out += _check_bundle(root, name)
    return out


def _check_bundle(root: Path, name: str) -> list[Problem]:
    import json
    import tempfile

    folder = root / name
    if not folder.is_dir():
        return [Problem(f"{name}/", "a bundle of the search index is missing")]
    try:
        entry = json.loads((folder / "pagefind-entry.json").read_text("utf-8"))
        languages = dict(entry["languages"])
    except (OSError, ValueError, KeyError, TypeError):
        return [Problem(f"{name}/pagefind-entry.json", "the search index's entry file is "
                        "missing or not whole JSON")]
    out = []
    for lang, info in sorted(languages.items()):
        info = info if isinstance(info, dict) else {}
        meta = folder / f"pagefind.{info.get('hash', '')}.pf_meta"
        if not meta.is_file() or meta.stat().st_size == 0:
            out.append(Problem(f"{name}/{meta.name}", f"the search metadata for {lang!r} "
                               f"is missing or empty"))
        if info.get("page_count"):
            # each language's words and texts are its own files, named by the language
            for sub, ext in (("index", "pf_index"), ("fragment", "pf_fragment")):
                if not any(p.stat().st_size for p in folder.glob(f"{sub}/{lang}_*.{ext}")):
                    out.append(Problem(f"{name}/{sub}/", f"no {sub} files for {lang!r}, "
                                       f"which the entry file says has "
                                       f"{info['page_count']} record(s)"))
    from .errors import BuildError
    from .search import Record, write_index
    with tempfile.TemporaryDirectory() as tmp:
        # one reference index with a record in every language of the bundle: Pagefind
        # writes the fixed files (scripts, styles, each language's WebAssembly) they need
        reference = Path(tmp) / "pagefind"
        try:
            write_index([Record(url=f"{lang}.html", content="reference", meta={"title": lang},
                                filters={}, sort={}, language=lang)
                         for lang in sorted(languages)], reference)
        except BuildError as exc:
            return out + [Problem(f"{name}/", f"cannot compare the search bundle with "
                                  f"Pagefind's own files: {exc.message}")]
        for ref in sorted(p for p in reference.rglob("*") if p.is_file()):
            rel = ref.relative_to(reference).as_posix()
            if rel.startswith(_PER_INDEX) or rel.endswith(".pf_meta") or \
                    rel == "pagefind-entry.json":
                continue
            have = folder / rel
            if not have.is_file():
                out.append(Problem(f"{name}/{rel}", "missing from the search bundle"))
            elif have.read_bytes() != ref.read_bytes():
                out.append(Problem(f"{name}/{rel}", f"differs from what Pagefind writes "
                                   f"({have.stat().st_size} bytes, expected "
                                   f"{ref.stat().st_size}): cut short or altered"))
    return out


def _check_xml(root: Path) -> list[Problem]:
    """Every feed and the sitemap parse as XML (a control character in a transcript
    once made feed.xml invalid while the build and this check passed)."""
    from xml.etree import ElementTree
    out = []
    for path in sorted(root.rglob("*.xml")):
        if "pagefind" in path.relative_to(root).parts:
            continue
        try:
            ElementTree.parse(path)
        except ElementTree.ParseError as exc:
            out.append(Problem(str(path.relative_to(root)), f"not well-formed XML: {exc}"))
    return out


def _page_rules(rel: str, soup) -> list[Problem]:
    out = []
    h1 = soup.find_all("h1")
    if len(h1) != 1:
        out.append(Problem(rel, f"{len(h1)} h1 elements (want exactly one)"))
    if not (soup.title and soup.title.get_text(strip=True)):
        out.append(Problem(rel, "no <title>"))
    html = soup.find("html")
    if html is None or not html.get("lang"):
        out.append(Problem(rel, "no lang attribute on <html>"))
    return out


def _check_link(root: Path, page: Path, url: str, kind: str, ids) -> list[Problem]:
    rel = str(page.relative_to(root))
    parts = urlsplit(url)
    if parts.scheme in ("mailto", "tel", "data"):
        return []
    if parts.scheme or parts.netloc:
        if kind == "meta" and parts.scheme in ("http", "https"):
            return []
        return [Problem(rel, f"link to another host or absolute URL: {url}")]
    if url.startswith("/"):
        if rel == NOT_FOUND_PAGE:
            # served for missing addresses at any depth, so with base_url its links
            # start from the site's root path ('/sco/index.html'): some tail of it
            # must be a file of the site
            segments = unquote(parts.path).strip("/").split("/")
            if any((root / "/".join(segments[i:])).is_file() for i in range(len(segments))):
                return []
            return [Problem(rel, f"broken link: {url}")]
        return [Problem(rel, f"root-relative link breaks sub-path hosting: {url}")]
    target = page if not parts.path else (page.parent / unquote(parts.path))
    target = Path(_normalise(target))
    if root not in target.parents and target != root:
        return [Problem(rel, f"link leaves the site: {url}")]
    if target.is_dir():
        return [Problem(rel, f"link to a folder, which file:// cannot open: {url}")]
    if not target.is_file():
        return [Problem(rel, f"broken link: {url}")]
    if parts.fragment and target.suffix == ".html":
        if target not in ids:
            return []
        if unquote(parts.fragment) not in ids[target]:
            return [Problem(rel, f"broken anchor: {url}")]
    return []


def _normalise(path: Path) -> str:
    import os
    return os.path.normpath(str(path))
