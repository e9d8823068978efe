"""Parsing files in worker processes gives the same load as one process, problems in the same order."""

from __future__ import annotations

import pickle
import shutil
import threading
from pathlib import Path

import pytest

from govorg.loader import ParseCache, load, parse_in_parallel

BROKEN = Path(__file__).resolve().parent / "broken"


@pytest.fixture
def mixed(tiny_copy: Path) -> Path:
    """The tiny registry plus a few broken files, so that problems come from several files."""
    for name in ("GO100-bad-indentation.yaml", "GO100-not-utf8.yaml", "GO101-unknown-key-in-document.yaml"):
        shutil.copy(BROKEN / name, tiny_copy / name)
    return tiny_copy


@pytest.mark.parametrize("workers", [2, 3], ids=["two", "three"])
def test_parallel_load_equals_one_process(mixed: Path, workers: int) -> None:
    one = load(mixed)
    many = load(mixed, workers=workers)
    assert many.records == one.records
    assert [p.format() for p in many.problems] == [p.format() for p in one.problems]
    assert many.files == one.files and many.content_hash == one.content_hash
    assert one.problems, "the broken files must contribute problems"
    if threading.active_count() == 1:  # else the load falls back to one process (next test)
        files = [(str(p), str(p)) for p in sorted(mixed.rglob("*.yaml"))]
        assert len(parse_in_parallel(files, root=mixed, workers=workers)) >= len(one.files) - 2


def test_parallel_load_fills_an_empty_cache(mixed: Path) -> None:
    cache = ParseCache()
    forked = threading.active_count() == 1  # else the load parses in-process (see below)
    many = load(mixed, cache=cache, workers=2)
    assert cache.memory and cache.misses == (0 if forked else len(cache.memory))
    again = load(mixed, cache=cache)
    assert again.records == many.records and cache.hits == len(cache.memory)


def test_records_pickle_to_equal_records(tiny_copy: Path) -> None:
    loaded = load(tiny_copy)
    back = pickle.loads(pickle.dumps((loaded.records, loaded.problems), protocol=pickle.HIGHEST_PROTOCOL))
    assert back == (loaded.records, loaded.problems)
    assert sum(len(getattr(loaded.records, k)) for k in ("appointments", "removals", "people")) > 0


def test_parallel_load_with_other_threads_parses_in_process(mixed: Path) -> None:
    """Forking beside running threads could deadlock a worker: the load parses in-process instead."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert parse_in_parallel([(str(p), str(p)) for p in sorted(mixed.rglob("*.yaml"))], root=mixed, workers=2) == {}
        many = load(mixed, workers=2)
    finally:
        stop.set()
        other.join()
    one = load(mixed)
    assert many.records == one.records
    assert [p.format() for p in many.problems] == [p.format() for p in one.problems]
