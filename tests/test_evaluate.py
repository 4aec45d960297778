"""The evaluator itself, on hand-made records: it must pass whatever the loader does."""
from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from scogen.errors import InputError
from scogen.evaluate import Report, boundary_errors, evaluate, format_report, score
from scogen.model import Interview, Person, Repair, Turn, interview_to_dict

RECORD = Interview(
    source="x.txt", title="SCO envoy on the summit", date="2020-01-01", publisher="TASS",
    interviewer=None, interviewees=(Person("Askar Temirbekov", "SCO Deputy Secretary-General"),),
    lead="The envoy spoke to TASS.",
    turns=(Turn("question", 1, "Question", "TASS", ("Why so?",), ("a",)),
           Turn("answer", None, "Answer", "Askar Temirbekov",
                ("Because it is.", "And it will stay so."), ("a", "b"))),
    repairs=(Repair("so ?", "so?", "remove_stray_spaces"),),
    chrome=("Related Articles",))
GOLD = interview_to_dict(RECORD)


def _got(**changes) -> dict:
    return interview_to_dict(replace(RECORD, **changes))


def _turn(i: int, **changes) -> Turn:
    return replace(RECORD.turns[i], **changes)


def test_perfect_match_is_all_right_and_no_errors():
    s = score("x", GOLD, _got())
    assert s.meta_ok == s.meta_total == 7 and s.meta_wrong == []
    assert s.turns_ok == s.turns_total == 2
    assert s.paras_ok == s.paras_total == 3
    assert s.words == 10
    assert (s.missing_spaces, s.extra_spaces, s.chars_lost, s.chars_invented) == (0, 0, 0, 0)
    assert s.chrome_leaks == 0
    assert s.repairs_found == s.repairs_gold == s.repairs_made == 1
    assert s.topics_found == s.topics_gold == s.topics_made == 3


def test_each_metadata_field_counts_once():
    s = score("x", GOLD, _got(title="Wrong", date=None))
    assert (s.meta_ok, s.meta_total, s.meta_wrong) == (5, 7, ["title", "date"])


def test_interviewees_compare_name_and_role():
    s = score("x", GOLD, _got(interviewees=(Person("Askar Temirbekov", None),)))
    assert s.meta_wrong == ["interviewees"]


def test_gold_without_a_field_does_not_score_it():
    gold = {k: v for k, v in GOLD.items() if k != "lead"}
    s = score("x", gold, _got(lead="Something else"))
    assert (s.meta_ok, s.meta_total) == (6, 6)


def test_missing_space_is_one_missing_boundary():
    assert boundary_errors("Because it is.", "Becauseit is.") == (1, 0, 0, 0)
    s = score("x", GOLD, _got(turns=(RECORD.turns[0], _turn(1, paragraphs=(
        "Becauseit is.", "And it will stay so.")))))
    assert (s.missing_spaces, s.extra_spaces, s.chars_lost, s.chars_invented) == (1, 0, 0, 0)
    assert s.paras_ok == 2 and s.per_1k(s.missing_spaces) == pytest.approx(100.0)


def test_extra_space_is_one_extra_boundary():
    assert boundary_errors("Because it is.", "Because i t is.") == (0, 1, 0, 0)
    assert boundary_errors("co-operation", "co- operation") == (0, 1, 0, 0)


def test_invented_and_lost_characters_are_counted():
    assert boundary_errors("Because it is.", "Because it is!.") == (0, 0, 0, 1)
    assert boundary_errors("Because it is.", "Because t is.") == (0, 0, 1, 0)
    assert boundary_errors("Because it is.", "Because it was.") == (0, 0, 1, 2)  # i lost, wa invented
    # characters shared in order are not lost, whatever the spacing
    assert boundary_errors("a b c", "abc") == (2, 0, 0, 0)


def test_whitespace_kind_and_amount_do_not_matter():
    assert boundary_errors("one two\nthree", "one  two three") == (0, 0, 0, 0)


def test_paragraph_split_differently_counts_paragraphs_not_characters():
    joined = _turn(1, paragraphs=("Because it is. And it will stay so.",))
    s = score("x", GOLD, _got(turns=(RECORD.turns[0], joined)))
    assert s.paras_ok == 1 and s.paras_total == 3
    assert (s.missing_spaces, s.extra_spaces, s.chars_lost, s.chars_invented) == (0, 0, 0, 0)


def test_chrome_line_inside_a_paragraph_is_a_leak():
    leaked = _turn(1, paragraphs=("Because it is.", "And it will stay so. Related Articles"))
    s = score("x", GOLD, _got(turns=(RECORD.turns[0], leaked)))
    assert s.chrome_leaks == 1
    assert s.chars_invented == len("RelatedArticles") and s.chars_lost == 0
    assert s.paras_ok == 2


def test_wrong_speaker_and_extra_turn_lower_turn_accuracy():
    turns = (RECORD.turns[0], _turn(1, speaker="Someone"),
             Turn("remark", None, None, None, ("Thank you.",)))
    s = score("x", GOLD, _got(turns=turns))
    assert (s.turns_ok, s.turns_total) == (1, 3)


def test_turns_are_aligned_not_compared_by_position():
    intro = Turn("remark", None, None, None, ("Welcome.",))
    s = score("x", GOLD, _got(turns=(intro, *RECORD.turns)))
    assert (s.turns_ok, s.turns_total) == (2, 3)
    assert s.paras_ok == 3 and s.chars_invented == len("Welcome.")


def test_repairs_precision_and_recall():
    made = (Repair("so ?", "so?", "x"), Repair("ofthe", "of the", "y"))
    s = score("x", GOLD, _got(repairs=made))
    assert (s.repairs_found, s.repairs_made, s.repairs_gold) == (1, 2, 1)
    s = score("x", GOLD, _got(repairs=()))
    assert (s.repairs_found, s.repairs_made, s.repairs_gold) == (0, 0, 1)


def test_topics_agree_per_turn():
    s = score("x", GOLD, _got(turns=(_turn(0, topics=("b",)), RECORD.turns[1])))
    assert (s.topics_found, s.topics_gold, s.topics_made) == (2, 3, 3)


# --- evaluate(): files on disk, a stand-in loader ------------------------------------


def _write_gold(folder: Path, name: str, record: dict) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(yaml.safe_dump(record, allow_unicode=True), "utf-8")


def test_evaluate_pairs_gold_with_raw_by_source(tmp_path):
    gold_dir, raw_dir = tmp_path / "gold", tmp_path / "raw"
    _write_gold(gold_dir, "a.yaml", dict(GOLD, source="one.txt"))
    _write_gold(gold_dir, "b.yaml", dict(GOLD, source="two.txt", title="Other"))
    seen = []

    def load(path: Path) -> Interview:
        seen.append(path)
        return replace(RECORD, source=path.name)

    report = evaluate(gold_dir, raw_dir, load=load)
    assert seen == [raw_dir / "one.txt", raw_dir / "two.txt"]
    assert [f.name for f in report.files] == ["one.txt", "two.txt"]
    assert report.files[0].meta_ok == 7 and report.files[1].meta_wrong == ["title"]
    total = report.total()
    assert (total.meta_ok, total.meta_total, total.paras_ok, total.paras_total) == (13, 14, 6, 6)
    assert total.error is None and report.failures == []


def test_a_file_that_fails_to_load_is_a_failure_not_a_crash(tmp_path):
    gold_dir = tmp_path / "gold"
    _write_gold(gold_dir, "a.yaml", dict(GOLD, source="bad.txt"))
    _write_gold(gold_dir, "b.yaml", dict(GOLD, source="good.txt"))

    def load(path: Path) -> Interview:
        if path.name == "bad.txt":
            raise InputError("no recognisable turns", str(path), 3, code="loader.no_turns")
        return RECORD

    report = evaluate(gold_dir, tmp_path, load=load)
    bad, good = report.files
    assert "no recognisable turns" in bad.error and good.error is None
    total = report.total()
    assert total.error == "1 file(s) failed"
    # the failed file's gold still counts: half of everything is right
    assert (total.turns_ok, total.turns_total) == (2, 4)
    assert (total.meta_ok, total.meta_total) == (7, 14)
    assert (total.repairs_found, total.repairs_gold) == (1, 2)
    text = format_report(report)
    assert "bad.txt" in text and "FAILED" in text and "no recognisable turns" in text
    assert "1 file(s) failed" in text


def test_a_loader_bug_is_reported_with_its_type(tmp_path):
    _write_gold(tmp_path / "gold", "a.yaml", GOLD)

    def load(path: Path) -> Interview:
        raise IndexError("list index out of range")

    report = evaluate(tmp_path / "gold", tmp_path, load=load)
    assert report.files[0].error == "IndexError: list index out of range"


def test_malformed_gold_is_an_input_error_with_its_line(tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "a.yaml").write_text('source: "x.txt"\ntitle: [unclosed\n', "utf-8")
    with pytest.raises(InputError) as info:
        evaluate(gold_dir, tmp_path, load=lambda p: RECORD)
    assert info.value.path.endswith("a.yaml") and info.value.line


def test_gold_that_is_not_a_mapping_is_an_input_error(tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "a.yaml").write_text("- just a list\n", "utf-8")
    with pytest.raises(InputError, match="mapping"):
        evaluate(gold_dir, tmp_path, load=lambda p: RECORD)


def test_report_prints_a_row_per_file_and_a_total(tmp_path):
    damaged = _turn(1, paragraphs=("Becauseit is.", "And it will stay so."))
    report = Report([score("clean.txt", GOLD, _got()),
                     score("damaged.txt", GOLD, _got(turns=(RECORD.turns[0], damaged)))])
    lines = format_report(report).splitlines()
    clean = next(line for line in lines if line.startswith("clean.txt"))
    hurt = next(line for line in lines if line.startswith("damaged.txt"))
    total = next(line for line in lines if line.startswith("TOTAL"))
    assert clean.split()[1:4] == ["100.0%"] * 3
    assert hurt.split()[3] == "66.7%"            # two of three paragraphs exact
    assert hurt.split()[5:7] == ["1", "100.00"]  # one missing space in ten words
    assert total.split()[4:7] == ["20", "1", "50.00"]


RECORD_KEYS = {"source", "title", "date", "publisher", "interviewer", "interviewees", "lead",
               "chrome", "turns", "repairs"}
TURN_KEYS = {"kind", "number", "label", "speaker", "paragraphs", "topics"}


@pytest.mark.parametrize("path", sorted(
    (Path(__file__).parent / "fixtures" / "layouts" / "gold").glob("*.yaml")), ids=lambda p: p.stem)
def test_layout_gold_has_the_shared_shape(path):
    gold = yaml.safe_load(path.read_text("utf-8"))
    assert set(gold) - {"warnings_count", "warnings_min"} == RECORD_KEYS
    assert (path.parent.parent / gold["source"]).is_file()
    assert gold["turns"] and all(set(t) == TURN_KEYS for t in gold["turns"])
    assert all(len(r) == 2 and r[0] != r[1] for r in gold["repairs"])


@pytest.mark.parametrize("path", sorted(
    (Path(__file__).parent / "fixtures" / "layouts" / "gold").glob("*.yaml")), ids=lambda p: p.stem)
def test_one_invented_word_in_a_layout_gold_costs_one_paragraph(path):
    """The scorer on real records: a word added to one paragraph, all else equal."""
    gold = yaml.safe_load(path.read_text("utf-8"))
    got = copy.deepcopy(gold)
    got["turns"][-1]["paragraphs"][-1] += " invented"
    s = score(gold["source"], gold, got)
    assert s.meta_ok == s.meta_total == 6
    assert s.turns_ok == s.turns_total > 0
    assert s.paras_ok == s.paras_total - 1
    assert s.chars_lost == 0 and s.chars_invented == len("invented")
