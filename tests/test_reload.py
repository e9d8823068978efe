"""Reloading after a quiet period: a file saved in two writes is never served half-written, and
a FIFO in the data folder does not stall the watcher."""

from __future__ import annotations

import asyncio
import gc
import os
import threading
import time
from pathlib import Path

import pytest

from govorg.api.reload import NotifyWatcher, RegistryHolder, Watcher
from govorg.cli.admin import data_signature
from govorg.incremental import Reloader
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


def write_in_two_writes(target: Path, rows: int, *, attempts: int, before: float, settle: float, pause: float) -> None:
    """A clerk saving `target` (a file of `rows` appointments) in two writes, `pause` seconds apart
    (shorter than the quiet period), `attempts` times; between attempts the file is removed and the
    removal given `settle` seconds to be served."""
    full = rows_file(rows)
    half = full[: full.index("  - {row: 7,")]
    for attempt in range(attempts):
        time.sleep(before)
        if attempt:
            target.unlink()
            time.sleep(settle)
        with target.open("w", encoding="utf-8") as handle:
            handle.write(half)
            handle.flush()
            time.sleep(pause)
            handle.write(full[len(half) :])


def test_a_file_written_in_two_writes_is_never_served_half_written(tiny_copy: Path) -> None:
    interval = 0.2
    watcher = watcher_for(tiny_copy, interval)
    before = appointments(watcher.holder.registry)
    target = tiny_copy / "appointments" / "big.yaml"

    def clerk() -> None:
        write_in_two_writes(target, ROWS, attempts=4, before=interval * 1.7, settle=interval * 3, pause=interval * 0.6)

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


def notify_watcher_for(data: Path, quiet: float) -> NotifyWatcher:
    reloader = Reloader(data)
    return NotifyWatcher(RegistryHolder(reloader.registry()), data.resolve(), reloader.changed, quiet=quiet)


def test_file_events_never_serve_a_file_written_in_two_writes(tiny_copy: Path) -> None:
    quiet = 0.2
    watcher = notify_watcher_for(tiny_copy, quiet)
    before = appointments(watcher.holder.registry)
    target = tiny_copy / "appointments" / "big.yaml"

    def clerk() -> None:
        write_in_two_writes(target, ROWS, attempts=3, before=quiet * 2, settle=quiet * 4, pause=quiet * 0.5)

    async def scenario() -> set[int]:
        served: set[int] = set()
        task = asyncio.create_task(watcher.run())
        await asyncio.wait_for(watcher.ready.wait(), timeout=10)
        writer = threading.Thread(target=clerk)
        writer.start()
        while writer.is_alive():
            served.add(appointments(watcher.holder.registry))
            await asyncio.sleep(0.01)
        for _ in range(100):  # the last write is served within a few quiet periods
            served.add(appointments(watcher.holder.registry))
            if before + ROWS in served:
                break
            await asyncio.sleep(0.05)
        task.cancel()
        return served

    served = asyncio.run(scenario())
    assert before + 6 not in served, served
    assert before + ROWS in served
    assert served <= {before, before + ROWS}
    assert watcher.holder.status.reloads >= 2  # written, removed, written again: each one served


def test_polling_reloads_only_what_changed(tiny_copy: Path) -> None:
    reloader = Reloader(tiny_copy)
    holder = RegistryHolder(reloader.registry())
    watcher = Watcher(holder, lambda: data_signature(tiny_copy), reloader.reload, 1.0, load_changes=reloader.between)
    watcher._last = data_signature(tiny_copy)
    (tiny_copy / "appointments" / "big.yaml").write_text(rows_file(3), encoding="utf-8")

    async def polls() -> None:
        await watcher.check()
        await watcher.check()

    asyncio.run(polls())
    assert reloader.build.incremental and holder.status.reloads == 1
    assert appointments(holder.registry) == appointments(Registry.load(tiny_copy))


@pytest.mark.parametrize("data", ["tiny", "composed"], ids=["tiny", "composed"])
def test_a_registry_holds_no_reference_cycles(data: str, tiny_copy: Path, tmp_path: Path) -> None:
    """The swap frees an old registry by reference counting alone (no collection runs on the
    event loop): so a registry, once asked its usual questions, must leave no garbage cycles."""
    from datetime import date

    if data == "composed":
        from govorg.synth import synthesize

        synthesize(tmp_path / "synth", tenures=300)
        root = tmp_path / "synth"
    else:
        root = tiny_copy
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        registry = Registry.load(root)
        gc.collect()  # the parser's own cycles (settle collects those of an incremental reload)
        day = date(2022, 1, 1)
        registry.info()
        for org in list(registry.catalog.organisations)[:20]:
            registry.in_charge(org, on=day)
            registry.catalog.descendants(org)
        for committee in registry.committees():
            registry.roster(committee.id, on=day)
        registry.history  # noqa: B018 - derived on first use
        registry.network(on=day)
        del registry
        gc.set_debug(gc.DEBUG_SAVEALL)  # keep what a collection finds, to look at it
        gc.collect()
        ours = [o for o in gc.garbage if type(o).__module__.startswith("govorg")]
        # networkx graphs cache views of themselves (a graph and its `in_degree` view refer to
        # each other): those few objects need the collector; the registry's own objects must not
        assert ours == []
        assert len(gc.garbage) < 200, len(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was:
            gc.enable()


def test_an_incremental_reload_leaves_nothing_for_the_collector(tmp_path: Path) -> None:
    """`settle` freezes a reload's objects without collecting them (a young collection would walk
    the new registry's big tables with the GIL held): so an incremental update must collect the
    parser's cycles itself and make none of its own."""
    from govorg.synth import synthesize

    root = tmp_path / "synth"
    synthesize(root, tenures=300)
    reloader = Reloader(root)
    reloader.registry()
    target = sorted(root.glob("appointments/*/*.yaml"))[0]
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        text = target.read_text(encoding="utf-8")
        target.write_text(text.replace("appointments:\n", "appointments:\n  # 改\n", 1), encoding="utf-8")
        reloader.changed([target])
        assert reloader.build.incremental
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        assert [type(o).__name__ for o in gc.garbage] == []
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was:
            gc.enable()


def test_serving_freezes_the_apps_containers_once_and_nothing_after(tiny_registry: Registry) -> None:
    """The answer cache and the other containers the app keeps are out of the collector's reach
    while it serves (a full collection would traverse every entry), and nothing made by requests
    is frozen: a cycle a request leaves behind is still the collector's to free."""
    from starlette.testclient import TestClient

    from govorg.api.app import create_app

    app = create_app(tiny_registry)
    cache = app.state.cache._answers
    assert id(cache) in {id(o) for o in gc.get_objects()}  # not frozen before the app serves
    with TestClient(app) as client:
        assert id(cache) not in {id(o) for o in gc.get_objects()}  # the permanent generation
        frozen = gc.get_freeze_count()
        for day in ("2021-07-01", "2021-06-01", "2021-05-01"):
            query = f'{{ holders(organisation: "区房管局", title: "副局长", on: "{day}") {{ person {{ name }} }} }}'
            assert client.post("/graphql", json={"query": query}).status_code == 200
        kept = [[i] for i in range(100)]  # alive through a full collection, like a cache's entries
        cycle: list[object] = []
        cycle.append(cycle)
        del cycle
        assert gc.collect() >= 1
        oldest = {id(o) for o in gc.get_objects(2)}
        assert all(id(x) in oldest for x in kept)  # still the collector's, not frozen
        assert gc.get_freeze_count() <= frozen  # frozen objects may be freed; none are added
