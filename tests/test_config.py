"""Config files: typed values, and errors that name the file and YAML line."""
from __future__ import annotations

from pathlib import Path

import pytest

from scogen.config import load_site, load_speakers, load_topics
from scogen.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]


def test_shipped_config_loads():
    site = load_site(ROOT / "content" / "site.yaml")
    assert site.title and site.language == "en"
    topics = load_topics(ROOT / "content" / "topics.yaml")
    slugs = {t.slug for t in topics}
    assert {"security-counter-terrorism", "drugs-organised-crime", "information-security",
            "military-cooperation", "economic-cooperation", "culture-humanitarian",
            "afghanistan", "membership-expansion", "russia-china-relations",
            "international-organisations", "diplomatic-history"} <= slugs
    assert all(t.keywords and t.description for t in topics)
    speakers = load_speakers(ROOT / "content" / "speakers.yaml")
    assert any(s.name == "Kirill Barsky" and s.roles for s in speakers)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_malformed_yaml_names_line(tmp_path):
    path = _write(tmp_path, "topics.yaml", "- slug: a\n  name: A\n  keywords: [x\n- slug: b\n")
    with pytest.raises(ConfigError) as err:
        load_topics(path)
    assert str(path) in str(err.value) and err.value.line is not None
    assert "malformed YAML" in str(err.value)


def test_unknown_key_names_line(tmp_path):
    path = _write(tmp_path, "site.yaml", "title: T\n\ncolour: red\n")
    with pytest.raises(ConfigError) as err:
        load_site(path)
    assert "colour" in str(err.value) and err.value.line == 1


def test_unknown_key_in_topic_names_its_line(tmp_path):
    path = _write(tmp_path, "topics.yaml",
                  "- slug: a\n  name: A\n  keywords: [x]\n- slug: b\n  nmae: B\n")
    with pytest.raises(ConfigError) as err:
        load_topics(path)
    assert err.value.line == 4 and "nmae" in err.value.message


def test_bad_slug_and_pattern(tmp_path):
    with pytest.raises(ConfigError, match="slug"):
        load_topics(_write(tmp_path, "t1.yaml", "- slug: ../x\n  keywords: [a]\n"))
    with pytest.raises(ConfigError, match="pattern"):
        load_topics(_write(tmp_path, "t2.yaml", "- slug: x\n  keywords: ['(']\n"))


def test_base_url_normalised_and_checked(tmp_path):
    site = load_site(_write(tmp_path, "s.yaml", "title: T\nbase_url: https://ex.org/arch\n"))
    assert site.base_url == "https://ex.org/arch/"
    with pytest.raises(ConfigError, match="base_url"):
        load_site(_write(tmp_path, "s2.yaml", "title: T\nbase_url: javascript:alert(1)\n"))


def test_speaker_slug_is_safe(tmp_path):
    speakers = load_speakers(_write(tmp_path, "sp.yaml",
                                    "- name: <script>alert(1)</script>\n- name: ../../etc/passwd\n"))
    for s in speakers:
        assert s.slug and all(c.isalnum() and c.islower() or c.isdigit() or c == "-"
                              for c in s.slug)
