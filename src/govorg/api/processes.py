"""Several server processes behind one port (`govorg serve --processes N`).

One socket is bound in the parent, which has already loaded the registry and frozen it out of
the collector's reach (`RegistryHolder`); then N children are forked, each running its own uvicorn
server on that socket, and the kernel hands each new connection to one of them. Forking after
the load means the children start at once and share the registry's pages copy-on-write until
they touch them (reference counts do write to some), instead of each loading its own copy; a
reload in one child makes that child's own copy. uvicorn's `--workers` would instead re-import
the app in fresh processes, each loading the registry again.

The parent only supervises: SIGTERM or SIGINT stops every child, and when one child ends the
others are stopped too (no restarts: run it under a service manager that restarts the whole).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from types import FrameType

import uvicorn
from starlette.applications import Starlette


def serve_processes(app: Starlette, *, host: str, port: int, processes: int, log_level: str = "info") -> int:
    """Serve `app` from `processes` forked children on one socket; the exit status."""
    config = uvicorn.Config(app, host=host, port=port, log_level=log_level)
    sock = config.bind_socket()
    children: list[int] = []
    for _ in range(processes):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child's coverage is not collected
            status = 0
            try:
                uvicorn.Server(config).run(sockets=[sock])
            except BaseException:
                status = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(status)
        children.append(pid)
    sock.close()

    def stop(signum: int, _frame: FrameType | None) -> None:
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    status = 0
    remaining = set(children)
    while remaining:
        try:
            pid, code = os.wait()
        except ChildProcessError:  # pragma: no cover - every child already reaped
            break
        remaining.discard(pid)
        status = status or os.waitstatus_to_exitcode(code)
        stop(signal.SIGTERM, None)  # one child gone: stop the rest rather than serve at part strength
    return 0 if status < 0 else status  # a child ended by our SIGTERM is a clean stop
