"""What the cache's keys are made of: scogen's code, the versions of the libraries
it declares, and where the cache lives."""
from __future__ import annotations

import hashlib
import importlib.metadata as metadata
import re
import tomllib
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]  # scogen/
CACHE_DIR = ".scogen-cache"
FORMAT = "6"  # bump when the flat layout of records.py (or how idents are computed) changes

# the modules whose code decides what a record is (not the site's look)
RECORD_CODE = ("loader", "lang.py", "model.py", "errors.py", "config.py", "slugs.py", "archive.py",
               "cache", "__init__.py")


def declared_dependencies() -> tuple[str, ...]:
    """The distributions scogen declares (``[project] dependencies``): from
    pyproject.toml in a source checkout, else from the installed metadata. Every
    import of scogen's code is one of these (a test checks it), so a library the
    loader starts using is in the record key without anyone listing it here."""
    pyproject = PACKAGE.parent / "pyproject.toml"
    try:
        requires = tomllib.loads(pyproject.read_text("utf-8"))["project"]["dependencies"]
    except (OSError, KeyError, ValueError):
        requires = [r for r in metadata.requires("scogen") or () if "extra ==" not in r]
    return tuple(sorted({re.split(r"[\s<>=!~;\[(]", r.strip(), maxsplit=1)[0].lower()
                         for r in requires}))


def versions(names) -> tuple[tuple[str, str], ...]:
    """(name, installed version or "absent") for each distribution."""
    out = []
    for name in names:
        try:
            out.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            out.append((name, "absent"))
    return tuple(out)


@lru_cache(maxsize=1)
def library_versions() -> str:
    """The installed versions of every declared dependency, as one string."""
    return ";".join(f"{n}={v}" for n, v in versions(declared_dependencies()))


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Changes whenever any of scogen's own source files (its code and the message
    catalogues the pages are worded from) or a library version changes."""
    return _hash_code(sorted(PACKAGE.rglob("*.py")) + sorted(PACKAGE.glob("locale/**/*.po")),
                      library_versions())


@lru_cache(maxsize=1)
def records_fingerprint() -> str:
    """Changes whenever code that makes records changes (the loader, the model, ...)
    or a library it uses is upgraded."""
    paths = [p for p in sorted(PACKAGE.rglob("*.py"))
             if p.relative_to(PACKAGE).parts[0] in RECORD_CODE]
    return _hash_code(paths, FORMAT + library_versions())


def _hash_code(paths: list[Path], extra: str = "") -> str:
    h = hashlib.blake2b(digest_size=16)
    h.update(extra.encode())
    for path in paths:
        h.update(str(path.relative_to(PACKAGE)).encode())  # two catalogues share a name
        h.update(path.read_bytes())
    return h.hexdigest()


def cache_dir(content: Path) -> Path:
    return Path(content).resolve().parent / CACHE_DIR
