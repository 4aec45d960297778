"""The renderer: a Jinja environment made once, and pages rendered to strings.

Autoescape is on for every template and undefined variables are errors, so a
template typo fails the build instead of rendering blank. Markdown from the
config becomes Markup at exactly one point (``markdown_safe``), with any raw
HTML in it escaped first.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2
import markdown as md
from markupsafe import Markup, escape

from . import __version__
from .errors import BuildError
from .site import Page


def markdown_safe(text: str) -> Markup:
    """Markdown to HTML with raw HTML neutralised: the one place text becomes Markup."""
    html = md.markdown(str(escape(text or "")), extensions=[], output_format="html")
    return Markup(html)  # noqa: S704 - input escaped above


def excerpt(text: str, limit: int = 280) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " …"


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
    )
    env.filters["markdown"] = markdown_safe
    env.filters["excerpt"] = excerpt
    return env


def templates_key(templates: Path) -> str:
    """Changes when any template or static file (or scogen's own code) changes."""
    h = hashlib.blake2b(digest_size=16)
    h.update(__version__.encode())
    code = Path(__file__).parent
    for path in sorted(code.rglob("*.py")):
        h.update(path.read_bytes())
    for path in sorted(p for p in templates.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(templates)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def render(env: jinja2.Environment, page: Page) -> str:
    try:
        return env.get_template(page.template).render(page.context)
    except jinja2.TemplateNotFound as exc:
        raise BuildError(f"template {exc.name!r} not found (needed for {page.path})",
                         str(Path(env.loader.searchpath[0]) / exc.name),
                         code="render.template_missing") from None
    except jinja2.TemplateSyntaxError as exc:
        raise BuildError(f"template syntax error: {exc.message}",
                         exc.filename or exc.name, exc.lineno,
                         code="render.template_syntax") from None
    except jinja2.UndefinedError as exc:
        raise BuildError(f"template error while rendering {page.path}: {exc.message}",
                         page.template, code="render.undefined") from None
