"""site.yaml, topics.yaml and speakers.yaml -> frozen, typed config.

Strict: unknown keys, wrong types and malformed YAML are ConfigErrors that
name the file and the YAML line.
"""
from __future__ import annotations

import datetime
import re
from pathlib import Path

import yaml

from .errors import ConfigError
from .lang import LANGUAGE_TAG
from .model import Role, SiteConfig, Speaker, Topic
from .slugs import slugify


MAX_CONFIG_BYTES = 1024 * 1024  # site/topics/speakers.yaml: far more than any real config
MAX_YAML_NODES = 100_000  # values in one document, counting every alias expansion


class SafeYAMLLoader(yaml.SafeLoader):
    """PyYAML's safe loader, hardened for files a maintainer did not write carefully.

    - aliases are counted as the values they expand to, and a document with more
      than ``MAX_YAML_NODES`` values is refused at the alias that crosses the limit
      (a "billion laughs" document is refused after reading a few hundred bytes);
    - a key given twice in one mapping is an error, not "last wins";
    - an impossible date (``2020-13-45``) is an error at its line, not a crash;
    - one value may have at most ``max_scalar`` characters.
    Errors are ``yaml.MarkedYAMLError`` with the line of the problem.
    """

    max_scalar = 100_000  # characters in one value

    def __init__(self, stream):
        super().__init__(stream)
        self._values = 0
        self._expanded: dict[int, int] = {}
        self._open: set[str] = set()  # anchors of collections being composed

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            if event.anchor in self._open:
                raise yaml.composer.ComposerError(
                    None, None, f"alias *{event.anchor} is inside its own anchor "
                    "(a structure that contains itself); refusing it", event.start_mark)
            target = self.anchors.get(event.anchor)
            self._count(self._size(target) if target is not None else 1, event.start_mark)
            return super().compose_node(parent, index)
        self._count(1, event.start_mark)
        if isinstance(event, yaml.ScalarEvent) and len(event.value) > self.max_scalar:
            raise yaml.composer.ComposerError(
                None, None, f"a value of {len(event.value):,} characters; at most "
                f"{self.max_scalar:,} are allowed here", event.start_mark)
        anchor = getattr(event, "anchor", None)
        if anchor is None or isinstance(event, yaml.ScalarEvent):
            return super().compose_node(parent, index)
        self._open.add(anchor)
        try:
            return super().compose_node(parent, index)
        finally:
            self._open.discard(anchor)

    def _count(self, n: int, mark) -> None:
        self._values += n
        if self._values > MAX_YAML_NODES:
            raise yaml.composer.ComposerError(
                None, None, f"the document expands to more than {MAX_YAML_NODES:,} values "
                "(aliases repeated inside aliases?); refusing it", mark)

    def _size(self, node) -> int:
        """Values a node stands for once every alias in it is expanded (memoised, so
        linear in the document however deeply aliases nest)."""
        known = self._expanded.get(id(node))
        if known is not None:
            return known
        size = 1
        if isinstance(node, yaml.SequenceNode):
            size += sum(self._size(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            size += sum(self._size(k) + self._size(v) for k, v in node.value)
        self._expanded[id(node)] = size
        return size

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict = {}
            for key_node, _value in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue  # "<<: *base" then a key of base: an override, not a repeat
                try:
                    key = self.construct_object(key_node, deep=True)
                    hash(key)
                except TypeError:
                    continue  # reported by the base class
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"key {key!r} is given twice in one mapping "
                        f"(first on line {seen[key]})", key_node.start_mark)
                seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is not a real date", node.start_mark) from None


SafeYAMLLoader.add_constructor("tag:yaml.org,2002:timestamp",
                               SafeYAMLLoader.construct_yaml_timestamp)


def load_yaml_text(text: str, loader: type = SafeYAMLLoader):
    """One YAML document through a hardened loader (raises ``yaml.YAMLError``)."""
    instance = loader(text)
    try:
        return instance.get_single_data()
    finally:
        instance.dispose()


def yaml_problem(exc: yaml.YAMLError) -> tuple[str, int | None]:
    """(what is wrong, 0-based line) of a YAML error."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
    return problem, (mark.line if mark is not None else None)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark) or UTF-16/32 with one."""
    for bom, codec in ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
                       (b"\xef\xbb\xbf", "utf-8"), (b"\xfe\xff", "utf-16-be"),
                       (b"\xff\xfe", "utf-16-le")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec)
    return data.decode("utf-8")


class _LineLoader(SafeYAMLLoader):
    """The hardened loader, remembering each mapping's line as ``__line__``."""


def _construct_mapping(loader, node, deep=False):
    mapping = SafeYAMLLoader.construct_mapping(loader, node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path, required: bool = False):
    name = str(path)
    if not path.exists():
        if required:
            raise ConfigError("file is missing", name, code="config.missing")
        return None
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ConfigError("not a regular file", name, code="config.unreadable")
        if size > MAX_CONFIG_BYTES:
            raise ConfigError(f"file is {size:,} bytes; a config file may have at most "
                              f"{MAX_CONFIG_BYTES:,}", name, code="config.too_large")
        with open(path, "rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
        if len(data) > MAX_CONFIG_BYTES:
            raise ConfigError(f"file is larger than {MAX_CONFIG_BYTES:,} bytes", name,
                              code="config.too_large")
        text = decode_text(data)
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ConfigError(f"cannot read file: {reason}", name, code="config.unreadable") from None
    try:
        return load_yaml_text(text, _LineLoader)
    except yaml.YAMLError as exc:
        problem, line = yaml_problem(exc)
        raise ConfigError(f"malformed YAML: {problem}", name,
                          line + 1 if line is not None else None, code="config.yaml") from None
    except RecursionError:
        raise ConfigError("malformed YAML: nested too deeply", name,
                          code="config.yaml") from None


def _check_keys(data: dict, allowed: set[str], path: str) -> None:
    for key in data:
        if key != "__line__" and key not in allowed:
            raise ConfigError(f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})",
                              path, data.get("__line__"), code="config.unknown_key")


def _text(data: dict, key: str, path: str, default: str = "") -> str:
    value = data.get(key, default)
    if value is None:
        return default
    if not isinstance(value, (str, int, float)):
        raise ConfigError(f"{key!r} must be text", path, data.get("__line__"),
                          code="config.type")
    return str(value).strip()


def _when(data: dict, key: str, path: str) -> str | None:
    """A role's ``since``/``until``: a year, a month (YYYY-MM) or a real date."""
    value = data.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value).strip() if isinstance(value, (str, int)) else None
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text or "")
    if match is None:
        raise ConfigError(f"{key} {value!r} must be a year, YYYY-MM or YYYY-MM-DD", path,
                          data.get("__line__"), code="config.date")
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        datetime.date(year, month, day)
    except ValueError:
        raise ConfigError(f"{key} {text!r} is not a real date", path, data.get("__line__"),
                          code="config.date") from None
    return text


def _mappings(data, path: str, what: str, allowed: set[str]):
    """The entries of a YAML list of mappings, each with its line, keys checked."""
    if not isinstance(data, list):
        raise ConfigError(f"{Path(path).name} must be a list of {what}s", path, 1,
                          code="config.type")
    for item in data:
        if not isinstance(item, dict):
            raise ConfigError(f"each {what} must be a mapping", path, code="config.type")
        _check_keys(item, allowed, path)
        yield item, item.get("__line__")


def load_site(path: Path) -> SiteConfig:
    data = read_yaml(path)
    if data is None:
        return SiteConfig()
    name = str(path)
    if not isinstance(data, dict):
        raise ConfigError("site.yaml must be a mapping", name, 1, code="config.type")
    _check_keys(data, {"title", "description", "language", "base_url", "licence", "about"}, name)
    base_url = _text(data, "base_url", name) or None
    if base_url:
        if not re.match(r"^https?://[^\s/]+", base_url):
            raise ConfigError("base_url must be an absolute http(s) URL", name,
                              data.get("__line__"), code="config.base_url")
        base_url = base_url.rstrip("/") + "/"
    language = _text(data, "language", name, "en") or "en"
    if not LANGUAGE_TAG.fullmatch(language):
        raise ConfigError(f"language {language!r} is not a language tag", name,
                          data.get("__line__"), code="config.language")
    return SiteConfig(title=_text(data, "title", name, SiteConfig.title) or SiteConfig.title,
                      description=_text(data, "description", name), language=language,
                      base_url=base_url, licence=_text(data, "licence", name),
                      about=_text(data, "about", name))


def load_topics(path: Path) -> tuple[Topic, ...]:
    data = read_yaml(path)
    if data is None:
        return ()
    name = str(path)
    topics, seen = [], {}
    for item, line in _mappings(data, name, "topic",
                                {"slug", "name", "names", "description", "keywords", "min_hits"}):
        slug = _text(item, "slug", name)
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
            raise ConfigError(f"topic slug {slug!r} must be lowercase letters, digits and "
                              "hyphens", name, line, code="config.slug")
        if slug in seen:
            raise ConfigError(f"topic {slug!r} is defined twice (also line {seen[slug]})",
                              name, line, code="config.duplicate")
        seen[slug] = line
        keywords, by_language = _keywords(item.get("keywords"), slug, name, line)
        names = {k: v for k, v in (item.get("names") or {}).items() if k != "__line__"} \
            if isinstance(item.get("names"), dict) else item.get("names") or {}
        if not isinstance(names, dict) or not all(
                isinstance(k, str) and LANGUAGE_TAG.fullmatch(k) and isinstance(v, str)
                for k, v in names.items()):
            raise ConfigError(f"topic {slug!r}: names must map a language tag to a name "
                              "(ru: Безопасность)", name, line, code="config.type")
        min_hits = item.get("min_hits", 1)
        if not isinstance(min_hits, int) or min_hits < 1:
            raise ConfigError(f"topic {slug!r}: min_hits must be a positive whole number",
                              name, line, code="config.type")
        topics.append(Topic(slug=slug, name=_text(item, "name", name) or slug,
                            description=_text(item, "description", name),
                            keywords=keywords, min_hits=min_hits, by_language=by_language,
                            names=tuple(sorted((k.lower(), v.strip()) for k, v in
                                               names.items()))))
    return tuple(topics)


ANY_LANGUAGE = "any"  # the key of keywords read in a transcript of any language


def _keywords(value, slug: str, name: str, line: int
              ) -> tuple[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """A topic's keywords: a list (read in every language) or a mapping from a
    language tag (or ``any``) to a list. Every pattern must compile."""
    groups = value if isinstance(value, dict) else {ANY_LANGUAGE: value or []}
    out: dict[str, tuple[str, ...]] = {}
    for lang, patterns in groups.items():
        if lang == "__line__":  # read_yaml's note of the mapping's line
            continue
        if not isinstance(lang, str) or not (lang == ANY_LANGUAGE or LANGUAGE_TAG.fullmatch(lang)):
            raise ConfigError(f"topic {slug!r}: keywords: {lang!r} is not a language tag "
                              f"(en, ru, zh) or {ANY_LANGUAGE!r}", name, line, code="config.type")
        if not isinstance(patterns, list) or not all(isinstance(k, str) for k in patterns):
            raise ConfigError(f"topic {slug!r}: keywords must be a list of patterns, or map "
                              "languages to lists", name, line, code="config.type")
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ConfigError(f"topic {slug!r}: bad keyword pattern {pattern!r}: {exc}",
                                  name, line, code="config.pattern") from None
        out[lang.lower()] = tuple(patterns)
    common = out.pop(ANY_LANGUAGE, ())
    return common, tuple(sorted(out.items()))


def load_speakers(path: Path) -> tuple[Speaker, ...]:
    data = read_yaml(path)
    if data is None:
        return ()
    name = str(path)
    speakers, seen = [], {}
    for item, line in _mappings(data, name, "speaker",
                                {"name", "slug", "aliases", "roles", "kind", "name_order"}):
        full = _text(item, "name", name)
        if not full:
            raise ConfigError("a speaker needs a name", name, line, code="config.missing")
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list):
            raise ConfigError(f"speaker {full!r}: aliases must be a list", name, line,
                              code="config.type")
        roles = []
        for role in item.get("roles") or []:
            if isinstance(role, str):
                roles.append(Role(role))
                continue
            if not isinstance(role, dict):
                raise ConfigError(f"speaker {full!r}: a role is text or a mapping", name,
                                  line, code="config.type")
            _check_keys(role, {"title", "since", "until"}, name)
            roles.append(Role(_text(role, "title", name), _when(role, "since", name),
                              _when(role, "until", name)))
        kind = _text(item, "kind", name, "person") or "person"
        if kind not in ("person", "organisation"):
            raise ConfigError(f"speaker {full!r}: kind must be person or organisation",
                              name, line, code="config.type")
        order = _text(item, "name_order", name, None) or None
        if order not in (None, "given-first", "family-first"):
            raise ConfigError(f"speaker {full!r}: name_order must be given-first or "
                              "family-first", name, line, code="config.type")
        slug = slugify(_text(item, "slug", name) or full)
        if slug in seen:
            raise ConfigError(f"speaker slug {slug!r} is used twice (also line {seen[slug]})",
                              name, line, code="config.duplicate")
        seen[slug] = line
        speakers.append(Speaker(name=full, slug=slug, aliases=tuple(str(a) for a in aliases),
                                roles=tuple(roles), kind=kind, name_order=order))
    return tuple(speakers)
