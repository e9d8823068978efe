"""Replicas of one PostgreSQL database reload when told to, instead of polling it.

`govorg build --db postgresql+psycopg://…` sends `NOTIFY govorg_data, '<data version>'` in the
build's transaction, only when the data changed (govorg.sql.store). A `ListenWatcher` keeps one
connection LISTENing on that channel and reloads when a notification arrives, on the reload path
every watcher shares (`Watcher.reload`: off the event loop, swapped whole, refused data keeps the
old registry serving).

A notification is lost when it is sent while the listening connection is down, so the stored data
version is compared with the served one every time the connection is (re)made, and every
`safety_interval` seconds besides: a replica can miss a build, but never stays stale for longer
than the safety net. Notifications that arrive during a load are folded into one more check.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from govorg.api.reload import RegistryHolder, Watcher
from govorg.registry import Registry

log = logging.getLogger("govorg.notify")


@dataclass(slots=True)
class ListenWatcher:
    """LISTENs on `channel` over `conninfo` (libpq's connection string) and reloads with `load`
    when the data version `version()` reads from the database differs from the one last loaded.

    `checks` counts the reads of the stored version (each notification, each connection and each
    safety poll makes one), so a test can tell notifications from polling."""

    holder: RegistryHolder
    conninfo: str
    channel: str
    version: Callable[[], str | None]
    load: Callable[[], Registry]
    safety_interval: float = 60.0
    retry_interval: float = 1.0  # seconds between attempts to reconnect the listener
    checks: int = 0
    listening: bool = False
    _last: str | None = None  # the stored version last loaded (or refused)
    _wake: asyncio.Event = field(default_factory=asyncio.Event)

    async def run(self) -> None:
        self._last = self.holder.status.data_version
        reloader = Watcher(self.holder, self.version, self.load)
        listener = asyncio.create_task(self._listen())
        try:
            while True:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self.safety_interval)
                self._wake.clear()
                await self.check(reloader)
        finally:
            listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await listener

    async def check(self, reloader: Watcher) -> None:
        """Compare the stored data version with the last one loaded; reload when they differ."""
        self.checks += 1
        try:
            stored = await asyncio.to_thread(self.version)
        except Exception as exc:  # the database is away: the next wake or safety poll tries again
            log.warning("cannot read the stored data version: %s", exc)
            return
        if stored is None or stored == self._last:
            return
        self._last = stored
        log.info("data version %s stored; reloading", stored[:12])
        await reloader.reload()

    async def _listen(self) -> None:
        import psycopg  # the `postgres` extra: only a PostgreSQL replica needs it

        while True:
            try:
                async with await psycopg.AsyncConnection.connect(self.conninfo, autocommit=True) as conn:
                    await conn.execute(f'LISTEN "{self.channel}"')
                    self.listening = True
                    self._wake.set()  # anything built while we were not listening is caught here
                    async for note in conn.notifies():
                        log.info("notified: data version %s", note.payload[:12])
                        self._wake.set()
            except psycopg.Error as exc:
                log.warning("listening for new data failed (%s); retrying in %gs", exc, self.retry_interval)
            finally:
                self.listening = False
            await asyncio.sleep(self.retry_interval)
