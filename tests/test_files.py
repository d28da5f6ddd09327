"""kg.files.cached_pickle: a cache the build can recompute never fails the command that reads it."""

from __future__ import annotations

from pathlib import Path

from kg.files import cached_key, cached_pickle


def test_a_cache_that_cannot_be_written_is_computed_and_the_command_goes_on(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    calls: list[int] = []
    for _ in range(2):
        assert cached_pickle(blocker / "shapes.pickle", "k", lambda: calls.append(1) or 42) == 42
    assert len(calls) == 2 and cached_key(blocker / "shapes.pickle") is None


def test_a_written_cache_is_read_back_for_the_same_key_only(tmp_path: Path) -> None:
    file = tmp_path / "c.pickle"
    assert cached_pickle(file, "k1", lambda: "first") == "first"
    assert cached_pickle(file, "k1", lambda: "recomputed") == "first"
    assert cached_key(file) == "k1"
    assert cached_pickle(file, "k2", lambda: "second") == "second" and cached_key(file) == "k2"
