"""site.yaml, topics.yaml and speakers.yaml -> frozen, typed config.

Strict: unknown keys, wrong types and malformed YAML are ConfigErrors that
name the file and the YAML line.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from .errors import ConfigError
from .model import Role, SiteConfig, Speaker, Topic
from .slugs import slugify


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers each mapping's line as ``__line__``."""


def _construct_mapping(loader, node, deep=False):
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
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
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read file: {exc}", name, code="config.unreadable") from None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        raise ConfigError(f"malformed YAML: {problem}", name,
                          mark.line + 1 if mark else None, code="config.yaml") from None


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
    if not re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", language):
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
                                {"slug", "name", "description", "keywords", "min_hits"}):
        slug = _text(item, "slug", name)
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
            raise ConfigError(f"topic slug {slug!r} must be lowercase letters, digits and "
                              "hyphens", name, line, code="config.slug")
        if slug in seen:
            raise ConfigError(f"topic {slug!r} is defined twice (also line {seen[slug]})",
                              name, line, code="config.duplicate")
        seen[slug] = line
        keywords = item.get("keywords") or []
        if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
            raise ConfigError(f"topic {slug!r}: keywords must be a list of patterns", name,
                              line, code="config.type")
        for pattern in keywords:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ConfigError(f"topic {slug!r}: bad keyword pattern {pattern!r}: {exc}",
                                  name, line, code="config.pattern") from None
        min_hits = item.get("min_hits", 1)
        if not isinstance(min_hits, int) or min_hits < 1:
            raise ConfigError(f"topic {slug!r}: min_hits must be a positive whole number",
                              name, line, code="config.type")
        topics.append(Topic(slug=slug, name=_text(item, "name", name) or slug,
                            description=_text(item, "description", name),
                            keywords=tuple(keywords), min_hits=min_hits))
    return tuple(topics)


def load_speakers(path: Path) -> tuple[Speaker, ...]:
    data = read_yaml(path)
    if data is None:
        return ()
    name = str(path)
    speakers, seen = [], {}
    for item, line in _mappings(data, name, "speaker",
                                {"name", "slug", "aliases", "roles", "kind"}):
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
            roles.append(Role(_text(role, "title", name), _text(role, "since", name) or None,
                              _text(role, "until", name) or None))
        kind = _text(item, "kind", name, "person") or "person"
        if kind not in ("person", "organisation"):
            raise ConfigError(f"speaker {full!r}: kind must be person or organisation",
                              name, line, code="config.type")
        slug = slugify(_text(item, "slug", name) or full)
        if slug in seen:
            raise ConfigError(f"speaker slug {slug!r} is used twice (also line {seen[slug]})",
                              name, line, code="config.duplicate")
        seen[slug] = line
        speakers.append(Speaker(name=full, slug=slug, aliases=tuple(str(a) for a in aliases),
                                roles=tuple(roles), kind=kind))
    return tuple(speakers)
