"""Several server processes behind one port (`govorg serve --processes N`).

The parent has already loaded the registry and frozen it out of the collector's reach
(`RegistryHolder`); it forks N children, each in a session of its own (see
`_own_scheduling_group`), listening on the port with its own SO_REUSEPORT socket and running its
own uvicorn server, and the kernel hands each new connection to one of them. Forking after the
load means the children start at once and share the registry's pages copy-on-write until they
touch them (reference counts do write to some), instead of each loading its own copy; a reload
in one child makes that child's own copy. uvicorn's `--workers` would instead re-import
the app in fresh processes, each loading the registry again.

The parent only supervises: SIGTERM or SIGINT stops every child, and when one child ends the
others are stopped too (no restarts: run it under a service manager that restarts the whole).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
from types import FrameType

import uvicorn
from starlette.applications import Starlette


def serve_processes(
    app: Starlette, *, host: str, port: int, processes: int, log_level: str = "info", access_log: bool = True
) -> int:
    """Serve `app` from `processes` forked children on one socket; the exit status."""
    config = uvicorn.Config(app, host=host, port=port, log_level=log_level, access_log=access_log)
    children: list[int] = []
    for _ in range(processes):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child's coverage is not collected
            status = 0
            _own_scheduling_group()
            try:
                uvicorn.Server(config).run(sockets=[_bind(host, port)])
            except OSError as exc:
                print(f"govorg: cannot listen on {host}:{port}: {exc}", file=sys.stderr)
                status = 1
            except BaseException:
                status = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(status)
        children.append(pid)

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


def _bind(host: str, port: int) -> socket.socket:
    """This child's own listening socket on the shared port (SO_REUSEPORT): the kernel spreads
    new connections evenly over the children's sockets, where with one shared socket whichever
    child woke first would take every connection waiting (asyncio accepts a backlog's worth at a
    time). Only sockets of the same user that all set the option can share a port.

    The protocol is set to IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets whose
    protocol says TCP, and the accepted ones inherit it; with 0 (uvicorn's `bind_socket`) every
    answer, headers and body in two writes, waited ~40 ms for the client's delayed ACK (measured
    here: 350 req/s instead of 4,700 for a bare endpoint)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(2048)
    return sock


def _own_scheduling_group() -> None:
    """Make this child a scheduling unit of its own, and tie its life to the parent's.

    With the kernel's autogroup scheduling (on by default on many Linux systems, and on the
    benchmark machine) CPU time is shared fairly between sessions, not processes: N children
    left in the parent's session together get one session's share, so a second process added
    no throughput on a shared machine (measured here: 0.90 cores used with 1 process and 0.95
    with 2 while other sessions were busy; two CPU-bound loops got 0.58 s of CPU each in one
    session and 1.17 s each in two). A new session per child makes each one count as
    separately started servers would. The new session no longer receives the terminal's
    signals, so the child asks the kernel to send it SIGTERM when the parent dies (Linux), and
    the parent forwards SIGINT and SIGTERM itself."""
    with contextlib.suppress(OSError):
        os.setsid()
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
