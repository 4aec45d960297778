"""What an output depends on, found by construction instead of listed by hand.

A page's key has two parts:

* **What it is given.** ``identity()`` walks the page's whole context value by
  value: a record counts by the fingerprint of its entire content (so a template
  that starts showing another field of a neighbour needs no key change), a config
  object by all its fields, an object made for the page by what it says it is made
  of (``__key__``). A value the walk does not know is an error, never left out.
* **What it reads while rendering.** Template functions that consult the site
  model (which speakers have a page of their own) are ``Lookups``: during a render
  each call is recorded as a question and its answer, as Lektor's builder records
  the sources a page read. The published key is a digest of the page's identity,
  its questions and their answers, followed by the questions themselves, so the
  next build can ask them again and know, before rendering, whether the page it
  would render equals the one it has (``candidates``).

Rendering is deterministic in what it is given and what it reads, so equal keys
mean equal pages. The same holds for non-HTML outputs: an asset's key is the
identity of the function that makes it and of the arguments it gets.
"""
from __future__ import annotations

import functools
import hashlib
import json
import types
from contextvars import ContextVar
from dataclasses import fields, is_dataclass
from typing import Callable

from .errors import BuildError
from .model import Interview

_DIGEST = 32  # hex characters of a key's digest; the questions follow it


def identity(value: object, ident_of: Callable[[Interview], str],
             memo: "Memo | None" = None) -> str:
    """A digest of everything in ``value``; records count by ``ident_of(record)``.
    ``memo`` keeps the walk of each frozen object met (``Memo``) for the next call."""
    out: list[str] = []
    _walk(value, ident_of, out.append, memo)
    return hashlib.blake2b("\x1f".join(out).encode("utf-8", "surrogatepass"),
                           digest_size=_DIGEST // 2).hexdigest()


class Memo:
    """The walks of frozen dataclasses (a listing's entries, met on a speaker's page,
    its topics' pages and its years' pages; speakers, topics), kept for the walks of
    other pages of one build. A walk is kept only when it met nothing that can
    change (no list, dict, or object that is not frozen), so it stays right while
    the object lives, and the memo holds every object it knows, so no other object
    takes its ``id``. Tokens are kept joined: the digest joins all tokens the same
    way, so a kept walk gives the same identity as a fresh one."""

    def __init__(self):
        self._walked: dict[int, tuple[object, str]] = {}
        self.mutable = False  # the walk under way has met something that can change

    def walk(self, v: object, ident_of, put) -> None:
        got = self._walked.get(id(v))
        if got is not None:
            put(got[1])
            return
        outer, self.mutable = self.mutable, False
        out: list[str] = []
        _walk_frozen(v, ident_of, out.append, self)
        text = "\x1f".join(out)
        if not self.mutable:
            self._walked[id(v)] = (v, text)
        self.mutable = outer or self.mutable
        put(text)


def _walk_frozen(v: object, ident_of, put, memo) -> None:
    t = type(v)
    put(t.__qualname__)
    if hasattr(t, "__key__"):
        _walk(v.__key__(), ident_of, put, memo)
    else:
        for name in _FIELDS[t]:
            _walk(getattr(v, name), ident_of, put, memo)


def _walk(v: object, ident_of, put, memo=None) -> None:
    t = type(v)
    if t is str:  # most values, and every key of a context (and inlined below)
        put(f"s{len(v)}:{v}")
        return
    kind = _KINDS.get(t) or _kind(t)
    if kind == "scalar":
        put(f"{t.__name__}:{v!r}")
    elif kind == "seq":
        if memo is not None and t is list:
            memo.mutable = True
        put(f"({len(v)}")
        for item in v:
            if type(item) is str:
                put(f"s{len(item)}:{item}")
            else:
                _walk(item, ident_of, put, memo)
    elif kind == "dict":
        if memo is not None:
            memo.mutable = True
        put(f"{{{len(v)}")
        for k, item in v.items():
            if type(k) is str:
                put(f"s{len(k)}:{k}")
            else:
                _walk(k, ident_of, put, memo)
            if type(item) is str:
                put(f"s{len(item)}:{item}")
            else:
                _walk(item, ident_of, put, memo)
    elif kind == "record":
        put("iv:" + ident_of(v))
    elif kind == "frozen":
        if memo is not None:
            memo.walk(v, ident_of, put)
        else:
            _walk_frozen(v, ident_of, put, memo)
    elif kind == "text":  # Markup and other str subclasses
        put(f"{t.__name__}{len(v)}:{v}")
    elif kind == "key" or kind == "dataclass":
        if memo is not None:
            memo.mutable = True
        put(t.__qualname__)
        if kind == "key":
            _walk(v.__key__(), ident_of, put, memo)
        else:
            for name in _FIELDS[t]:
                _walk(getattr(v, name), ident_of, put, memo)
    elif kind == "method" and hasattr(v, "__func__"):
        if memo is not None:
            memo.mutable = True
        put(f"m:{v.__func__.__module__}.{v.__func__.__qualname__}")
        _walk(v.__self__, ident_of, put, memo)
    elif kind == "function" and "<" not in v.__qualname__:
        put(f"f:{v.__module__}.{v.__qualname__}")  # a module-level function
    else:
        raise BuildError(f"a page or file is given a {t.__qualname__}, which has no "
                         "identity for its key: give it a __key__() method",
                         code="build.key")


_KINDS: dict[type, str] = {str: "str", int: "scalar", float: "scalar", bool: "scalar",
                           type(None): "scalar", tuple: "seq", list: "seq", dict: "dict"}
_FIELDS: dict[type, tuple[str, ...]] = {}


def _kind(t: type) -> str:
    """How values of a type are walked, decided once per type."""
    if issubclass(t, Interview):
        kind = "record"
    elif is_dataclass(t) and t.__dataclass_params__.frozen:
        kind = "frozen"  # its walk may be kept (``Memo``)
        _FIELDS[t] = tuple(f.name for f in fields(t))
    elif hasattr(t, "__key__"):
        kind = "key"
    elif issubclass(t, str):
        kind = "text"
    elif is_dataclass(t):
        kind = "dataclass"
        _FIELDS[t] = tuple(f.name for f in fields(t))
    elif t is types.MethodType:
        kind = "method"
    elif t is types.FunctionType:
        kind = "function"
    else:
        kind = "unknown"
    _KINDS[t] = kind
    return kind


def records_in(value: object) -> list[Interview]:
    """Every record ``value`` holds, by the same walk that makes its identity: the
    records whose text rendering it may read."""
    found: dict[int, Interview] = {}

    def note(iv: Interview) -> str:
        found.setdefault(id(iv), iv)
        return ""

    _walk(value, note, lambda _token: None)
    return list(found.values())


# --- what a page reads while it renders ----------------------------------------------

_reading: ContextVar[set | None] = ContextVar("scogen_reading", default=None)


class Lookups:
    """Named functions of the site model that templates call. Inside ``recording()``
    every call is noted as a question, ``(name, *args)``; ``answer()`` asks it again."""

    def __init__(self, **functions: Callable):
        self._functions = functions

    def template_function(self, name: str) -> Callable:
        fn = self._functions[name]

        def recorded(*args):
            questions = _reading.get()
            if questions is not None:
                questions.add((name, *args))
            return fn(*args)

        recorded.__name__ = name
        return recorded

    def answer(self, question: tuple) -> object:
        name, *args = question
        return self._functions[name](*args)

    def key(self, identity_: str, questions) -> str:
        """The published key: identity, questions and answers digested, then the
        questions (sorted, as JSON) so a later build can ask them again."""
        asked = sorted(questions, key=_question_text)
        answers = [self.answer(q) for q in asked]
        digest = hashlib.blake2b(json.dumps([identity_, asked, answers], ensure_ascii=False)
                                 .encode("utf-8", "surrogatepass"),
                                 digest_size=_DIGEST // 2).hexdigest()
        return digest + (json.dumps(asked, ensure_ascii=False, separators=(",", ":"))
                         if asked else "")

    def candidates(self, identity_: str, *stored: str | None) -> list[str]:
        """The key this page would publish now if it asks what it asked when each
        ``stored`` key was made. A stored key it equals is a page still right."""
        out = []
        for key in stored:
            if not key or key in out:
                continue
            try:
                asked = [tuple(q) for q in json.loads(key[_DIGEST:] or "[]")]
                out.append(self.key(identity_, asked))
            except (ValueError, TypeError, KeyError):
                continue  # a key of an older format, or a lookup that no longer exists
        return out


@functools.lru_cache(maxsize=1 << 16)  # the same few questions, sorted for every page
def _question_text(question: tuple) -> str:
    return json.dumps(question, ensure_ascii=False)


class recording:  # noqa: N801 - used as a context manager, like open()
    """``with recording() as questions:`` collects the lookups called inside."""

    def __enter__(self) -> set:
        self._questions: set = set()
        self._token = _reading.set(self._questions)
        return self._questions

    def __exit__(self, *exc) -> None:
        _reading.reset(self._token)
