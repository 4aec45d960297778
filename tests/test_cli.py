"""The command line, in-process: exit codes, messages, the JSON shape."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from scogen.cli import main

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / "tests" / "fixtures" / "seed"  # the seed transcripts, kept in the repo
KEYS = ["source", "title", "date", "publisher", "interviewer", "interviewees", "lead",
        "language", "document", "translation_of", "source_url", "chrome", "turns", "repairs",
        "warnings"]
TURN_KEYS = ["kind", "number", "label", "speaker", "paragraphs", "topics"]


@pytest.mark.parametrize("raw", sorted((SHARED / "transcripts").glob("*.txt")),
                         ids=lambda p: p.stem)
def test_inspect_json_shape(raw, capsys):
    assert main(["inspect", str(raw), "--json", "--content", str(ROOT / "content")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == KEYS
    assert data["source"] == raw.name
    assert data["date"] is None or len(data["date"]) == 10
    for p in data["interviewees"]:
        assert set(p) == {"name", "role"}
    for t in data["turns"]:
        assert list(t) == TURN_KEYS
        assert t["kind"] in ("question", "answer", "remark")
        assert all(isinstance(x, str) and x for x in t["paragraphs"])
    assert all(isinstance(r, list) and len(r) == 2 for r in data["repairs"])


def test_inspect_text_output(capsys):
    raw = next((SHARED / "transcripts").glob("001_*.txt"))
    assert main(["inspect", str(raw)]) == 0
    out = capsys.readouterr().out
    assert "Igor Ivanov" in out and "repair(s)" in out


def test_inspect_missing_file(capsys, tmp_path):
    assert main(["inspect", str(tmp_path / "nope.txt")]) == 1
    err = capsys.readouterr().err
    assert "nope.txt" in err and "error" in err and "Traceback" not in err


def test_inspect_empty_file(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n")
    assert main(["inspect", str(empty)]) == 1
    assert "empty.txt: error: file is empty" in capsys.readouterr().err


def test_inspect_reports_malformed_front_matter_line(capsys, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("---\ntitle: ok\ndate: [2020\n---\nQuestion: Why?\n\nAnswer: Because.\n")
    assert main(["inspect", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.txt:" in err and "front matter" in err


def test_add_imports_by_date_and_name_and_refuses_duplicates(capsys, tmp_path):
    content = tmp_path / "content"
    (content / "transcripts").mkdir(parents=True)
    raw = next((SHARED / "transcripts").glob("001_*.txt"))
    assert main(["add", str(raw), "--content", str(content)]) == 0
    out = capsys.readouterr().out
    target = content / "transcripts" / "2007-05-22-igor-ivanov.txt"
    assert target.read_bytes() == raw.read_bytes()
    assert "turns: 10" in out and "2007-05-22" in out
    copy = tmp_path / "copy.txt"
    shutil.copy(raw, copy)
    assert main(["add", str(copy), "--content", str(content)]) == 1
    assert "already in the archive" in capsys.readouterr().err
    assert sorted(p.name for p in (content / "transcripts").iterdir()) == [target.name]


def test_no_command_prints_help(capsys):
    assert main([]) == 2
