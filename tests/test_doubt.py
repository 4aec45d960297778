"""Low-confidence repairs: the word model says when a split was a close call, the
record carries a warning with its line, front matter ``reviewed`` acknowledges it,
and ``scogen build --strict`` fails until then."""
from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from scogen.cli import main
from scogen.errors import InputError
from scogen.loader import default_lexicon, load_interview
from scogen.loader.segment import doubtful, segment

ROOT = Path(__file__).resolve().parents[1]
LEX = default_lexicon()
TEXT = ("Talks on security\n\nMay 22, 2007\n\nBy Li Wei\n\n"
        "SCO Secretary-General Zhang Ming gave an interview to Li Wei.\n\n"
        "Li Wei: What did the ministers do?\n\n"
        "Zhang Ming: Last week wereviewed the plans and the nationstogether agreed.\n\n"
        "Li Wei: Thank you.\n\nZhang Ming: Thank you.\n")
CODE = "[loader.low_confidence_repair]"


@pytest.mark.parametrize("run,close", [("wereviewed", True), ("talkson", True),
                                       ("nationstogether", False), ("XiJinping", False),
                                       ("ofthe", False)])
def test_doubtful_marks_close_calls(run, close):
    assert len(segment(run, LEX)) > 1
    assert doubtful(run, LEX) is close


def test_held_out_errors_are_among_the_doubtful():
    """Glue 5% of neighbouring words of the gold's clean text: splits the model
    is sure of are right; the few it doubts hold its mistakes."""
    import yaml
    gold = [yaml.safe_load(p.read_text("utf-8"))
            for p in sorted((ROOT / "tests" / "fixtures" / "seed" / "gold").glob("*.yaml"))]
    corpus = [p for g in gold for t in g["turns"] for p in t["paragraphs"]]
    sure = [0, 0]
    doubted = [0, 0]
    for seed in range(1, 6):
        rng = random.Random(seed)
        for para in corpus:
            groups = [[]]
            for w in para.split(" "):
                glue = groups[-1] and rng.random() < 0.05 and groups[-1][-1][-1:].isalpha() \
                    and w[:1].isalpha()
                groups[-1].append(w) if glue else groups.append([w])
            for g in (g for g in groups if len(g) > 1):
                truth = re.findall(r"[^\W\d_]+", " ".join(g))
                for run in re.findall(r"[^\W\d_]+", "".join(g)):
                    pieces = list(segment(run, LEX))
                    if len(pieces) < 2:
                        continue
                    right = any(truth[i:i + len(pieces)] == pieces for i in range(len(truth)))
                    tally = doubted if doubtful(run, LEX) else sure
                    tally[0] += 1
                    tally[1] += not right
    assert sure[0] > 300
    assert sure[1] <= sure[0] * 0.002  # (measured: 0 wrong)
    assert doubted[0] <= (sure[0] + doubted[0]) * 0.02  # few are doubted


def _write(folder: Path, text: str) -> Path:
    path = folder / "2007-05-22-talks.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_record_warns_with_the_line(tmp_path):
    iv = load_interview(_write(tmp_path, TEXT), LEX)
    doubts = [w for w in iv.warnings if w.code == "loader.low_confidence_repair"]
    assert [(w.line, "wereviewed" in w.message) for w in doubts] == [(11, True)]
    assert any(r.raw == "wereviewed" for r in iv.repairs)  # still repaired


def test_reviewed_front_matter_acknowledges_it(tmp_path):
    iv = load_interview(_write(tmp_path, "---\nreviewed: [wereviewed]\n---\n" + TEXT), LEX)
    assert [w for w in iv.warnings if w.code == "loader.low_confidence_repair"] == []
    control = load_interview(_write(tmp_path, TEXT.replace("wereviewed", "we reviewed")), LEX)
    assert [w.code for w in iv.warnings] == [w.code for w in control.warnings]
    assert any(r.clean == "we reviewed" for r in iv.repairs)


def test_reviewed_must_name_a_repair(tmp_path):
    path = _write(tmp_path, "---\nreviewed: [wereviewd]\n---\n" + TEXT)
    with pytest.raises(InputError) as exc:
        load_interview(path, LEX)
    assert "wereviewd" in str(exc.value) and exc.value.path.endswith("2007-05-22-talks.txt")


def test_build_strict_fails_until_reviewed(tmp_path, capsys):
    content = tmp_path / "content"
    (content / "transcripts").mkdir(parents=True)
    for name in ("site.yaml", "topics.yaml", "speakers.yaml"):
        shutil.copy(ROOT / "content" / name, content / name)
    path = _write(content / "transcripts", TEXT)
    args = ["build", "--quiet", "--no-search", "--content", str(content),
            "--templates", str(ROOT / "templates"), "--out", str(tmp_path / "site")]
    assert main([*args, "--strict"]) != 0
    err = capsys.readouterr().err
    assert "2007-05-22-talks.txt:11" in err and CODE in err
    assert not (tmp_path / "site").exists()
    assert main(args) == 0  # without --strict: built, the warning summarised
    # reviewed: the strict build ends as it does for the same text written without
    # the glued words (whatever else the loader may warn about), never for the repair
    path.write_text(TEXT.replace("wereviewed", "we reviewed"), encoding="utf-8")
    control = main([*args, "--strict"])
    capsys.readouterr()
    path.write_text("---\nreviewed: [wereviewed]\n---\n" + TEXT, encoding="utf-8")
    assert main([*args, "--strict"]) == control
    assert CODE not in capsys.readouterr().err
