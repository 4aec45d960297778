"""The renderer: a Jinja environment made once, and pages rendered to strings.

Autoescape is on for every template and undefined variables are errors, so a
template typo fails the build instead of rendering blank. Markdown from the
config becomes Markup at exactly one point (``markdown_safe``): raw HTML is
not recognised at all (it stays visible text, escaped by the serializer),
links keep only http(s), mailto and same-page ``#`` targets, and images
become their alt text, so the page loads nothing from anywhere.
"""
from __future__ import annotations

import functools
import hashlib
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import markdown as md
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

from . import __version__, i18n
from .cache import code_fingerprint
from .depends import recording
from .errors import BuildError
from .lang import dominant, primary
from .site import Page

LINK_SCHEMES = ("http", "https", "mailto")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")  # browsers ignore these inside a scheme


def link_allowed(href: str) -> bool:
    """A Markdown link target that is safe on every page: another site or ``#id``."""
    href = _INVISIBLE.sub("", href or "")
    if href.startswith("#"):
        return True
    try:
        parts = urlsplit(href)
    except ValueError:
        return False
    if parts.scheme.lower() == "mailto":
        return bool(parts.path)
    return parts.scheme.lower() in LINK_SCHEMES and bool(parts.netloc)


class _Inert(Treeprocessor):
    def run(self, root):
        for parent in root.iter():
            for i, el in enumerate(list(parent)):
                if el.tag == "img":  # nothing is loaded from other hosts
                    span = ET.Element("span")
                    span.text, span.tail = el.get("alt", ""), el.tail
                    parent[i] = span
                elif el.tag == "a":
                    if not link_allowed(el.get("href", "")):
                        el.tag = "span"
                        el.attrib.clear()
                    elif not el.get("href", "").startswith(("#", "mailto:")):
                        el.set("rel", "external noopener noreferrer")


class _NoRawHtml(Extension):
    def extendMarkdown(self, md_):  # noqa: N802 - Markdown API
        md_.preprocessors.deregister("html_block")
        md_.inlinePatterns.deregister("html")
        md_.treeprocessors.register(_Inert(md_), "scogen_inert", 0)


@functools.lru_cache(maxsize=64)
def markdown_safe(text: str) -> Markup:
    """Markdown to HTML with no raw HTML and no unsafe links: the one place text becomes
    Markup. (Cached: the licence is rendered into every page.)"""
    html = md.markdown(text or "", extensions=[_NoRawHtml()], output_format="html")
    return Markup(html)  # noqa: S704 - raw HTML is never parsed, links are checked above


def script_lang(text: str, page_lang: str = "en") -> str:
    """A language tag for a passage written mostly in another script than the
    page's, else ''.

    Only the script is known (see ``lang.dominant``: Cyrillic -> ru); it lets
    screen readers switch voices and browsers pick fonts."""
    page = primary(page_lang)
    if text.isascii():  # nearly every passage of an English page
        return "" if page == "en" or not any(c.isalpha() for c in text) else "en"
    tag, _share = dominant(text)
    return "" if not tag or tag == page else tag


@functools.lru_cache(maxsize=256)  # a handful of pairs, asked for every listed item
def lang_attr(tag: str | None, page_lang: str) -> Markup:
    """`` lang="ru"`` for text written in ``tag`` on a page declared in another
    language (``page_lang``, the page's ``html_lang``), else nothing."""
    if not tag or primary(tag) == primary(page_lang):
        return Markup("")
    return Markup(' lang="%s"') % tag


def script_attr(text: str | None, page_lang: str) -> Markup:
    """``lang_attr`` for a text whose language only its script tells (a name, a label)."""
    return lang_attr(script_lang(text or "", page_lang), page_lang)


def lang_text(text: str, tag: str | None, page_lang: str) -> Markup:
    """``text``, escaped, in a ``<span lang>`` when it is written in another language
    than the page's."""
    attr = lang_attr(tag, page_lang)
    return Markup("<span%s>%s</span>") % (attr, text) if attr else escape(text)


def script_text(text: str, page_lang: str) -> Markup:
    """``lang_text`` for a text whose language only its script tells."""
    return lang_text(text, script_lang(text or "", page_lang), page_lang)


def visible(text: str) -> str:
    """A repaired line as found, its spaces made visible: a no-break space as ⍽, two
    spaces as ␣␣. (A filter, not a macro: a page calls it for every repair.)"""
    return str(text).replace("\u00a0", "⍽").replace("  ", "␣␣")


def excerpt(text: str, limit: int = 280) -> str:
    """``text`` with its white space made single spaces, cut at a word before ``limit``
    characters. Only as much of a long text is normalised as the cut needs: when a
    head of it normalises to more than ``limit`` characters, its first ``limit`` are
    those of the whole text (a turn on a listing is often thousands of characters)."""
    head = " ".join(text[: 2 * limit + 64].split())
    if len(head) <= limit:
        head = " ".join(text.split())
        if len(head) <= limit:
            return head
    cut = head[:limit].rsplit(" ", 1)[0]
    return cut + " …"


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process, so a process that builds
    more than once (``serve --watch``, the tests) compiles each template once. Jinja
    checks each entry against the template's source before using it."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def make_env(templates: Path) -> jinja2.Environment:
    if not templates.is_dir():
        raise BuildError("templates folder not found", str(templates), code="render.missing")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_COMPILED,
    )
    env.filters["markdown"] = markdown_safe
    env.filters["excerpt"] = excerpt
    env.filters["visible"] = visible
    env.filters["script_lang"] = script_lang
    env.filters["long_date"] = i18n.long_date
    env.filters["number"] = i18n.number
    env.filters["lang_attr"] = lang_attr
    env.filters["script_attr"] = script_attr
    env.filters["lang_text"] = lang_text
    env.filters["script_text"] = script_text
    env.filters["cite_text"] = cite_text
    env.policies["ext.i18n.trimmed"] = True  # as scogen/locale/babel.cfg extracts them
    i18n.install(env)
    return env


def templates_key(templates: Path) -> str:
    """Changes when any template or static file, scogen's own code or the version
    of a library it uses changes."""
    h = hashlib.blake2b(digest_size=16)
    h.update(__version__.encode())
    h.update(code_fingerprint().encode())
    for path in sorted(p for p in templates.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(templates)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def render(env: jinja2.Environment, page: Page) -> str:
    """The page's HTML. Pure: reads templates, writes nothing. Any failure is a
    ``BuildError`` naming the template file and line, and the page it was for."""
    try:
        return env.get_template(page.template).render(
            page.context, **i18n.functions(page.context.get("lang")))
    except jinja2.TemplateNotFound as exc:
        raise BuildError(f"template {exc.name!r} not found (needed for {page.path})",
                         str(Path(env.loader.searchpath[0]) / exc.name),
                         code="render.template_missing") from None
    except jinja2.TemplateSyntaxError as exc:
        raise BuildError(f"template syntax error: {exc.message}",
                         exc.filename or exc.name, exc.lineno,
                         code="render.template_syntax") from None
    except jinja2.UndefinedError as exc:
        path, line = _template_location(exc, env, page)
        raise BuildError(f"undefined while rendering {page.path}: {exc.message}",
                         path, line, code="render.undefined") from None
    except BuildError:
        raise
    except Exception as exc:  # a filter or expression failed inside a template
        path, line = _template_location(exc, env, page)
        raise BuildError(f"{type(exc).__name__} while rendering {page.path}: {exc}",
                         path, line, code="render.failed") from exc


def render_keyed(env: jinja2.Environment, page: Page) -> tuple[str, str, str]:
    """``(path, html, key)``: the page rendered, and its key with what the render
    looked up in the site model (``depends.Lookups``) answered."""
    with recording() as questions:
        html = render(env, page)
    return page.path, html, page.published_key(questions)


def _template_location(exc: BaseException, env: jinja2.Environment,
                       page: Page) -> tuple[str, int | None]:
    """The innermost template file and line in the traceback (Jinja rewrites its
    frames to point at templates); the page's own template if none is found."""
    roots = [str(Path(p).resolve()) for p in getattr(env.loader, "searchpath", [])]
    found: tuple[str, int | None] | None = None
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if any(str(Path(name).resolve()).startswith(r + "/") for r in roots):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    if found:
        return found
    base = roots[0] if roots else "."
    return str(Path(base) / page.template), None


_ACCESS_MARKS = ("ДД.ММ.ГГГГ", "YYYY-MM-DD")  # cite.ACCESS_PLACEHOLDER(_ISO)


def cite_text(text: str, url: str, relative: bool) -> Markup:
    """A citation, escaped, with its access-date placeholders marked for the page's
    script to fill (``<span class="cite-accessed" data-form="ru|iso">``) and, when
    ``relative`` (no base_url), its URL marked for the script to make absolute from
    the page's own address (``<span class="cite-url">``)."""
    out = str(escape(text))
    if relative and url:
        safe = str(escape(url))
        out = out.replace(safe, f'<span class="cite-url">{safe}</span>')
    for mark, form in zip(_ACCESS_MARKS, ("ru", "iso")):
        out = out.replace(mark, f'<span class="cite-accessed" data-form="{form}">{mark}</span>')
    return Markup(out)

