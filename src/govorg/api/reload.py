"""Reloading a served registry: watch the source, rebuild off the event loop, swap whole.

Requests read the holder's registry once, at their start, so a request in flight finishes on
the registry it began with. Invalid new data keeps the old registry serving; the problems are
logged and shown in the `registry { reload { … } }` field.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from govorg.loader import paused_gc
from govorg.problems import Severity
from govorg.registry import Registry, RegistryError

log = logging.getLogger("govorg.reload")


@dataclass(slots=True)
class ReloadStatus:
    ok: bool = True
    at: datetime | None = None  # the last reload attempt
    data_version: str = ""
    error: str | None = None
    problems: list[str] = field(default_factory=list)
    reloads: int = 0
    failing_since: datetime | None = None  # the first of the refusals in a row; None after a success


def freeze() -> None:
    """Move everything alive now out of the collector's reach. The registry is millions of small
    objects that live until the next reload; without this every full collection walks them all
    (measured here: 160–200 ms pauses at 100k tenures, 2–36 ms with it). Called once, at start."""
    gc.collect()
    gc.freeze()


def settle() -> None:
    """After a reload, in the reload thread: freeze what the build made. `gc.freeze` only moves
    the collector's lists (it takes no time), and it must come before the collector runs again:
    a build made with the collector paused leaves its objects young, and the first young
    collection would walk them all while holding the GIL, every entry of the new registry's big
    tables included (~25 ms at 100k tenures even after an incremental build, whose new tables are
    few objects but 100,000 entries each). So nothing is collected here: an incremental build
    collects the parser's few cycles right after parsing (`govorg.incremental.Build.update`), and
    the registry itself holds none. Frozen objects are still freed by reference counting, so an
    old registry (tests/test_reload.py checks it holds no cycles) goes away when its last user
    lets go."""
    gc.freeze()


class RegistryHolder:
    """The registry being served; `swap` replaces it atomically (one reference assignment)."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.status = ReloadStatus(data_version=registry.info().data_version)
        self.generation = 0  # changes with every reload attempt: answers cached before it are stale
        self._retired: list[Registry] = []
        freeze()

    def swap(self, registry: Registry) -> None:
        """Serve `registry` from now on. Nothing slow runs here (it runs on the event loop): no
        collection; the old registry is kept in `_retired` until `release` lets it go in a
        thread, so that freeing its objects never happens on the event loop."""
        self.complete(registry)
        self.status = ReloadStatus(
            ok=True, at=datetime.now(UTC), data_version=registry.info().data_version, reloads=self.status.reloads + 1
        )

    def complete(self, registry: Registry) -> None:
        """Serve `registry`, the same data as the one served (an early start's whole registry):
        a swap that is not a reload."""
        self._retired.append(self.registry)
        self.registry = registry
        self.generation += 1
        gc.freeze()  # what the requests made meanwhile: no collection (settle says why)

    def release(self) -> None:
        """Let the retired registries go (call it from a thread): requests still reading one
        keep it alive until they finish; the last of them frees what only it held."""
        self._retired.clear()

    def refuse(self, error: str, problems: list[str]) -> None:
        self.generation += 1
        now = datetime.now(UTC)
        self.status = ReloadStatus(
            ok=False,
            at=now,
            failing_since=self.status.failing_since or now,
            data_version=self.registry.info().data_version,
            error=error,
            problems=problems,
            reloads=self.status.reloads,
        )


RELOAD_SWITCH_INTERVAL = 0.001  # seconds the reload thread may hold the GIL before handing it over


def _built(load: Callable[[], Registry]) -> Registry:
    """Run a load in the reload thread: with the collector paused, frozen after (`settle`), and
    the registry's info computed here rather than on the event loop at the swap. While it runs,
    the interpreter hands the GIL over every millisecond rather than every five, so the event
    loop and the query threads wait less behind the reload's Python code."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, RELOAD_SWITCH_INTERVAL))
    with paused_gc():
        try:
            registry = load()
            registry.info()
            return registry
        finally:
            settle()
            sys.setswitchinterval(interval)


def _apply(holder: RegistryHolder, outcome: Registry | BaseException) -> bool:
    """Swap in a new registry, or keep the old one and say why; True when swapped."""
    if isinstance(outcome, RegistryError):
        errors = [p.format() for p in outcome.problems if p.severity is Severity.ERROR]
        log.error("reload refused, still serving %s: %s", holder.status.data_version[:12], outcome)
        for line in errors:
            log.error("  %s", line)
        holder.refuse(str(outcome), errors)
        return False
    if isinstance(outcome, BaseException):  # a broken database or file system: keep serving, say why
        log.error("reload failed, still serving the old registry", exc_info=outcome)
        holder.refuse(f"{type(outcome).__name__}: {outcome}", [])
        return False
    holder.swap(outcome)
    log.info("reloaded: data version %s", holder.status.data_version[:12])
    return True


async def finish_start(holder: RegistryHolder) -> None:
    """Read the whole registry beside an early one's answers (govorg.sql.early), and serve it
    once read. A reload that came first is newer and stays; a database rebuilt meanwhile is
    served as a reload; a failure keeps the early registry serving, and says why."""
    early = holder.registry
    loop = asyncio.get_running_loop()
    try:
        outcome: Registry | BaseException = await loop.run_in_executor(None, _built, early.finish)
    except Exception as exc:
        outcome = exc
    if holder.registry is not early:
        return
    if isinstance(outcome, Registry) and outcome.info().data_version == holder.status.data_version:
        holder.complete(outcome)
        log.info("the whole registry is read: every question is answered from it")
    else:
        _apply(holder, outcome)
    await loop.run_in_executor(None, holder.release)


class Watching(Protocol):
    """What the app runs beside itself to keep the registry current: a `Watcher` polling the
    source, a `NotifyWatcher` on file events, or a `govorg.api.notify.ListenWatcher` listening to PostgreSQL."""

    async def run(self) -> None: ...


@dataclass(slots=True)
class Watcher:
    """Polls `signature` every `interval` seconds and runs `load` in a thread once a change has
    settled: the signature must be the same at two polls in a row (a quiet period of one
    interval), so a file saved in two writes is never read between them. A load during which
    the signature moved again is thrown away and retried once the data is quiet.

    With `load_changes`, a reload is given the signature served and the new one, so that it
    can redo only what changed (govorg.incremental); `load` stays for the first poll.

    The signature must be cheap and never block (names, sizes and mtimes from `stat`, never
    opening a file): a FIFO in the folder is the loader's problem (refused, GO123), not the
    watcher's. This is the fallback where file-system events are not available (and what a
    database is watched with); `NotifyWatcher` reacts to events within milliseconds."""

    holder: RegistryHolder
    signature: Callable[[], object]
    load: Callable[[], Registry]
    interval: float = 1.0
    load_changes: Callable[[object, object], Registry] | None = None
    _last: object = None  # the signature of what is served (or was last refused)
    _pending: object = None  # a new signature seen at the last poll, waiting to settle

    async def run(self) -> None:
        self._last = await asyncio.to_thread(self.signature)
        while True:
            await asyncio.sleep(self.interval)
            await self.check()

    async def check(self) -> None:
        """One poll: reload only when the signature changed and then stayed the same."""
        try:
            current = await asyncio.to_thread(self.signature)
        except OSError as exc:  # pragma: no cover - a folder vanishing under us
            log.warning("cannot watch the data: %s", exc)
            return
        if current == self._last:
            self._pending = None
            return
        if current != self._pending:  # still changing (or first seen): wait for it to settle
            self._pending = current
            return
        self._pending = None
        before, self._last = self._last, current
        await self.reload(settled=current, before=before)

    async def reload(self, *, settled: object = None, before: object = None) -> None:
        outcome: Registry | BaseException
        changes = self.load_changes
        if changes is not None and before is not None and settled is not None:
            load: Callable[[], Registry] = lambda: changes(before, settled)  # noqa: E731
        else:
            load = self.load
        try:
            outcome = await asyncio.to_thread(_built, load)
        except Exception as exc:
            outcome = exc
        if settled is not None and await self._moved(settled):
            # written to while we read it: what we read may be half old, half new
            log.info("the data changed while loading; reloading once it is quiet")
            return
        if _apply(self.holder, outcome):
            await asyncio.to_thread(self.holder.release)

    async def _moved(self, settled: object) -> bool:
        try:
            return await asyncio.to_thread(self.signature) != settled
        except OSError:  # pragma: no cover - a folder vanishing under us
            return True


@dataclass(slots=True)
class NotifyWatcher:
    """Reloads on the file system's change events (inotify on Linux, through `watchfiles`)
    once the data has been quiet for `quiet` seconds, so a file saved in two writes with a
    shorter pause between them is read once, whole. `load_changes` gets the paths that changed
    (govorg.incremental redoes only what they touch). A load during which more changes came is
    thrown away: the data is loaded again with them, and only a quiet state is served."""

    holder: RegistryHolder
    root: Path
    load_changes: Callable[[set[str]], Registry]
    quiet: float = 0.05
    ready: asyncio.Event = field(default_factory=asyncio.Event)  # set once events are being watched

    async def run(self) -> None:
        import watchfiles

        queue: asyncio.Queue[set[str]] = asyncio.Queue()
        stop = asyncio.Event()

        async def feed() -> None:
            step = max(1, round(self.quiet * 1000))
            try:
                async for batch in watchfiles.awatch(
                    self.root, step=step, stop_event=stop, rust_timeout=200, yield_on_timeout=True
                ):
                    self.ready.set()  # the first (empty) timeout says the watch is in place
                    if batch:
                        queue.put_nowait({path for _, path in batch})
            except Exception:  # e.g. out of inotify watches: say so loudly, keep serving
                log.exception("cannot watch %s for changes; restart with --poll", self.root)

        feeder = asyncio.create_task(feed())
        try:
            while True:
                changed = await queue.get()
                while not queue.empty():
                    changed |= queue.get_nowait()
                await self.reload(changed, queue)
        finally:
            stop.set()
            feeder.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await feeder

    async def reload(self, changed: set[str], queue: asyncio.Queue[set[str]]) -> None:
        outcome: Registry | BaseException
        try:
            outcome = await asyncio.to_thread(_built, lambda: self.load_changes(changed))
        except Exception as exc:
            outcome = exc
        if not queue.empty():
            log.info("the data changed while loading; reloading with the new changes")
            return
        if _apply(self.holder, outcome):
            await asyncio.to_thread(self.holder.release)
