"""Reloading after a quiet period: a file saved in two writes is never served half-written, and
a FIFO in the data folder does not stall the watcher."""

from __future__ import annotations

import asyncio
import os
import threading
import time
from pathlib import Path

import pytest

from govorg.api.reload import RegistryHolder, Watcher
from govorg.cli.admin import data_signature
from govorg.registry import Registry

ROWS = 20


def rows_file(count: int) -> str:
    """A file of `count` appointment rows; any prefix cut at a row boundary is valid YAML."""
    head = "format: 1\ndocument: {id: big-table, title: 大表, date: 2021-05-01}\nappointments:\n"
    rows = "".join(
        f"  - {{row: {n}, person: wang-feng, post: {{organisation: 区房管局, title: 调研员{n}}}}}\n"
        for n in range(1, count + 1)
    )
    return head + rows


def appointments(registry: Registry) -> int:
    return len(registry.loaded.records.appointments)


def watcher_for(data: Path, interval: float) -> Watcher:
    holder = RegistryHolder(Registry.load(data))
    return Watcher(holder, lambda: data_signature(data), lambda: Registry.load(data), interval)


def test_a_change_is_loaded_only_once_the_signature_is_unchanged_across_two_polls(tiny_copy: Path) -> None:
    watcher = watcher_for(tiny_copy, 1.0)
    before = appointments(watcher.holder.registry)
    watcher._last = data_signature(tiny_copy)
    full = rows_file(ROWS)
    half = full[: full.index("  - {row: 7,")]  # six rows: valid YAML, and wrong
    target = tiny_copy / "appointments" / "big.yaml"

    async def scenario() -> list[int]:
        seen = []
        target.write_text(half, encoding="utf-8")
        await watcher.check()  # first sight of the half file: wait
        seen.append(appointments(watcher.holder.registry))
        with target.open("a", encoding="utf-8") as handle:
            handle.write(full[len(half) :])
        await watcher.check()  # changed again: wait
        seen.append(appointments(watcher.holder.registry))
        await watcher.check()  # quiet for one poll: load
        seen.append(appointments(watcher.holder.registry))
        return seen

    assert asyncio.run(scenario()) == [before, before, before + ROWS]
    assert watcher.holder.status.reloads == 1


def test_a_file_written_in_two_writes_is_never_served_half_written(tiny_copy: Path) -> None:
    interval = 0.2
    watcher = watcher_for(tiny_copy, interval)
    before = appointments(watcher.holder.registry)
    full = rows_file(ROWS)
    half = full[: full.index("  - {row: 7,")]
    target = tiny_copy / "appointments" / "big.yaml"

    def clerk() -> None:
        for attempt in range(4):
            time.sleep(interval * 1.7)
            if attempt:
                target.unlink()
                time.sleep(interval * 3)  # let the removal be served
            with target.open("w", encoding="utf-8") as handle:
                handle.write(half)
                handle.flush()
                time.sleep(interval * 0.6)  # a pause shorter than the quiet period
                handle.write(full[len(half) :])

    async def scenario() -> set[int]:
        served: set[int] = set()
        task = asyncio.create_task(watcher.run())
        writer = threading.Thread(target=clerk)
        writer.start()
        while writer.is_alive():
            served.add(appointments(watcher.holder.registry))
            await asyncio.sleep(0.01)
        await asyncio.sleep(interval * 4)
        served.add(appointments(watcher.holder.registry))
        task.cancel()
        return served

    served = asyncio.run(scenario())
    assert before + 6 not in served, served
    assert before + ROWS in served
    assert served <= {before, before + ROWS}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_the_folder_does_not_stall_the_watcher(tiny_copy: Path) -> None:
    watcher = watcher_for(tiny_copy, 0.05)
    watcher._last = data_signature(tiny_copy)
    os.mkfifo(tiny_copy / "people" / "pipe.yaml")

    async def scenario() -> None:
        for _ in range(3):
            await asyncio.wait_for(watcher.check(), timeout=5)

    started = time.monotonic()
    asyncio.run(scenario())
    assert time.monotonic() - started < 5
    assert not watcher.holder.status.ok
    assert any("GO123" in line for line in watcher.holder.status.problems)
    os.unlink(tiny_copy / "people" / "pipe.yaml")
    (tiny_copy / "appointments" / "big.yaml").write_text(rows_file(3), encoding="utf-8")

    async def again() -> None:
        for _ in range(3):
            await watcher.check()

    asyncio.run(again())
    assert watcher.holder.status.ok and watcher.holder.status.reloads == 1
