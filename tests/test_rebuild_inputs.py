"""What a build depends on outside the content: declared dependencies, library
versions in the record cache key, the search index key."""
from __future__ import annotations

import ast
import importlib.metadata as metadata
import re
import sys
import tomllib
from pathlib import Path

from scogen import cache
from scogen.cache import keys as cache_keys

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "scogen"


def _name(requirement: str) -> str:
    return metadata.Distribution.from_name(
        re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0]).metadata["Name"].lower()


def _third_party_imports(paths) -> set[str]:
    """Top-level modules imported anywhere in these files, other than the standard
    library and scogen itself (imports inside functions included)."""
    found = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m != "scogen"}


def _distributions(modules: set[str]) -> set[str]:
    owners = metadata.packages_distributions()
    missing = sorted(m for m in modules if m not in owners)
    assert not missing, f"imported but not installed from any distribution: {missing}"
    return {d.lower() for m in modules for d in owners[m]}


def test_every_import_is_a_declared_dependency():
    declared = {_name(r) for r in
                tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
                ["dependencies"]}
    used = _distributions(_third_party_imports(PACKAGE.rglob("*.py")))
    assert {"beautifulsoup4", "wordfreq", "charset-normalizer"} <= used  # the scan works
    assert used - declared == set()


def test_record_key_names_every_library_the_loader_imports():
    """Whatever library the record-making code imports, its version is in the record
    key (it comes from the declared dependencies, which the test above keeps whole)."""
    record_code = [p for p in PACKAGE.rglob("*.py")
                   if p.relative_to(PACKAGE).parts[0] in cache.RECORD_CODE]
    assert any(p.parent.name == "loader" for p in record_code)
    used = _distributions(_third_party_imports(record_code))
    keyed = {n.lower() for n, _v in cache.versions(cache.declared_dependencies())}
    assert used and used - keyed == set()
    for name in used:
        assert f"{name}={metadata.version(name)}" in cache.library_versions()


def test_library_versions_are_part_of_the_record_key(monkeypatch):
    before = (cache.records_fingerprint(), cache.code_fingerprint())
    real = metadata.version

    def upgraded(name):
        return "999.0" if name.lower() == "wordfreq" else real(name)

    monkeypatch.setattr(cache_keys.metadata, "version", upgraded)
    cache.records_fingerprint.cache_clear()
    cache.code_fingerprint.cache_clear()
    cache.library_versions.cache_clear()
    try:
        after = (cache.records_fingerprint(), cache.code_fingerprint())
    finally:
        monkeypatch.undo()
        cache.records_fingerprint.cache_clear()
        cache.code_fingerprint.cache_clear()
        cache.library_versions.cache_clear()
    assert after[0] != before[0]  # cached records are not reused
    assert after[1] != before[1]  # and the "nothing changed" shortcut does not apply
    assert cache.records_fingerprint() == before[0]
