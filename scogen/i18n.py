"""The interface in the language of a page: a gettext message catalogue (Babel)
and dates and numbers in the conventions of a locale (CLDR, through Babel).

Templates mark their strings with ``_()`` / ``ngettext()`` / ``{% trans %}``
(Jinja's ``i18n`` extension); ``pybabel extract`` collects them into
``locale/messages.pot`` and translators keep ``locale/<lang>/LC_MESSAGES/messages.po``.
The ``.po`` files are read here as they are (no compiled ``.mo`` to keep in step):
each language's catalogue is parsed once per process, when a page in it is first
rendered, and made into an in-memory ``gettext`` ``Translations``.

Which catalogue a string is looked up in is the page's ``lang`` (its context),
so one Jinja environment and one compiled template serve every language.
"""
from __future__ import annotations

import datetime as dt
import functools
import gettext as _gettext
import io
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup

from .lang import primary

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SOURCE_LANGUAGE = "en"  # the language the templates are written in (the msgids)
# Babel's mapping for `pybabel extract` (the same options as the renderer's
# environment, so a {% trans %} block's msgid is what the renderer looks up)
MAPPING = LOCALE_DIR / "babel.cfg"


def catalogue_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"


@functools.cache
def languages() -> tuple[str, ...]:
    """The interface languages: the source language and every language with a
    catalogue."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob("*/LC_MESSAGES/messages.po"))
    return (SOURCE_LANGUAGE, *(x for x in found if x != SOURCE_LANGUAGE))


def interface_language(tag: str | None, fallback: str = SOURCE_LANGUAGE) -> str:
    """The interface language for a page in ``tag``: its primary language when
    the interface is translated into it, else ``fallback``'s, else the source."""
    for candidate in (primary(tag), primary(fallback)):
        if candidate in languages():
            return candidate
    return SOURCE_LANGUAGE


@functools.cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The catalogue of ``lang`` as gettext translations, made once per process.
    Fuzzy and untranslated entries fall back to the English msgid."""
    path = catalogue_path(lang)
    if lang == SOURCE_LANGUAGE or not path.is_file():
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    with path.open("rb") as f:
        catalog = read_po(f, locale=lang, domain="messages")
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return _gettext.GNUTranslations(buf)


class Gettext:
    """New-style gettext as Jinja's i18n extension defines it, for one language: a
    msgid is Markup (the templates autoescape), formatted with its keyword
    arguments, ngettext's count also as ``num``; a string with no arguments is
    translated once. ``functions(lang)`` gives them to a render as context values
    (``render.render`` does): a plain function costs one call per string, where a
    ``pass_context`` one copies the context at every call inside a block or loop."""

    def __init__(self, lang: str):
        self.lang = lang
        self._done: dict[str, Markup] = {}

    def gettext(self, message: str, **variables) -> Markup:
        if variables:
            return Markup(translations(self.lang).gettext(message)) % variables
        done = self._done.get(message)
        if done is None:  # formatted with no variables, as Jinja does ('%%' is '%')
            done = self._done[message] = Markup(translations(self.lang).gettext(message)) % {}
        return done

    def ngettext(self, singular: str, plural: str, n: int, **variables) -> Markup:
        variables.setdefault("num", n)
        return Markup(translations(self.lang).ngettext(singular, plural, n)) % variables

    def pgettext(self, msgctxt: str, message: str, **variables) -> Markup:
        variables.setdefault("context", msgctxt)
        return Markup(translations(self.lang).pgettext(msgctxt, message)) % variables

    def npgettext(self, msgctxt: str, singular: str, plural: str, n: int,
                  **variables) -> Markup:
        variables.setdefault("context", msgctxt)
        variables.setdefault("num", n)
        return Markup(translations(self.lang).npgettext(msgctxt, singular, plural, n)) \
            % variables


@functools.cache
def functions(lang: str | None) -> dict:
    """The gettext functions of one interface language, by the names templates use."""
    g = Gettext(lang or SOURCE_LANGUAGE)
    return {"_": g.gettext, "gettext": g.gettext, "ngettext": g.ngettext,
            "pgettext": g.pgettext, "npgettext": g.npgettext}


def _of(context, name: str):
    return functions(context.get("lang"))[name]


# the same, for a template rendered without them in its context: the page's ``lang``
@pass_context
def gettext(context, message: str, **variables) -> Markup:
    return _of(context, "gettext")(message, **variables)


@pass_context
def ngettext(context, singular: str, plural: str, n: int, **variables) -> Markup:
    return _of(context, "ngettext")(singular, plural, n, **variables)


@pass_context
def pgettext(context, msgctxt: str, message: str, **variables) -> Markup:
    return _of(context, "pgettext")(msgctxt, message, **variables)


@pass_context
def npgettext(context, msgctxt: str, singular: str, plural: str, n: int,
              **variables) -> Markup:
    return _of(context, "npgettext")(msgctxt, singular, plural, n, **variables)


def install(env) -> None:
    """Jinja's i18n extension (``{% trans %}``, new-style: ``_("%(n)s repairs", n=3)``
    formats and escapes), looking strings up in the catalogue of each page's ``lang``.
    The environment must autoescape (scogen's does, for every template)."""
    assert env.autoescape is True, "translations are Markup: the templates must autoescape"
    env.add_extension("jinja2.ext.i18n")
    env.newstyle_gettext = True
    env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext,
                       pgettext=pgettext, npgettext=npgettext)


# --- dates and numbers -------------------------------------------------------------

@functools.cache
def _locale(lang: str):
    from babel import Locale
    return Locale.parse(lang)


@functools.lru_cache(maxsize=4096)
def long_date(iso: str | None, lang: str) -> str:
    """An ISO date as a reader of ``lang`` writes it: '12 марта 2024 г.',
    '2024年3月12日'. English pages keep the ISO form the archive has always shown
    (unambiguous, and the same in every English-speaking country). A partial or
    unreadable date is shown as it is."""
    if not iso or primary(lang) == SOURCE_LANGUAGE:
        return iso or ""
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    from babel.dates import format_date
    return format_date(day, "long", locale=_locale(primary(lang)))


def number(n: int, lang: str) -> str:
    """An integer with the locale's digit grouping (1,234 · 1 234)."""
    from babel.numbers import format_decimal
    return format_decimal(n, locale=_locale(primary(lang) or SOURCE_LANGUAGE))
