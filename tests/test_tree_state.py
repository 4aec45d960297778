"""The input state a no-op build compares (cache.state.tree_state): every file's path,
size and time, read with one stat a file."""
from __future__ import annotations

import os

from scogen.cache.state import _stats, tree_state


def test_the_state_changes_with_a_file_and_not_otherwise(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("one")
    (tmp_path / "b.txt").write_text("two")
    first = tree_state(tmp_path)
    assert tree_state(tmp_path) == first
    (tmp_path / "a" / "x.txt").write_text("three")
    assert tree_state(tmp_path) != first
    second = tree_state(tmp_path)
    (tmp_path / "a" / "y.txt").write_text("")
    assert tree_state(tmp_path) != second


def test_every_file_is_listed_once_in_path_order_and_links_are_read_as_files(tmp_path):
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "deep").mkdir()
    (tmp_path / "z" / "deep" / "c.txt").write_text("c")
    (tmp_path / "a.txt").write_text("a")
    os.symlink(tmp_path / "a.txt", tmp_path / "link.txt")      # a linked file: its target
    os.symlink(tmp_path / "z", tmp_path / "loop")              # a linked folder: not followed
    listed = [path for path, _st in _stats(tmp_path)]
    assert listed == sorted(listed)
    assert [os.path.relpath(p, tmp_path) for p in listed] == ["a.txt", "link.txt",
                                                              "z/deep/c.txt"]
    assert _stats(tmp_path / "a.txt")[0][1].st_size == 1
    assert _stats(tmp_path / "missing") == []
