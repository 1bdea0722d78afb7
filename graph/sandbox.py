"""Run one function per task in worker processes under hard limits: memory and wall time.

Each worker is a forked child that limits its own address space (``RLIMIT_AS``: what it had
when it started plus ``Limits.max_memory``) and handles one task at a time.  The parent gives
every task ``Limits.timeout`` seconds; a worker that overruns is killed, one that dies (a
crash in a C library, the kernel's OOM killer) is noticed when its pipe closes.  Either way
the task's result becomes ``on_limit(task, reason)``, a fresh worker takes the next task, and
the results still come out in task order.

Forking keeps what the parent already loaded (compiled patterns, tables) at no cost; from a
process that runs threads (the explorer's server) workers come from a clean fork server instead.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from multiprocessing.connection import wait
from typing import Any, Callable, Iterable, Iterator

from extract.limits import Limits, configure, how_to_raise, mb

try:
    import resource
except ImportError:  # not POSIX: no address-space limit, the timeout still holds
    resource = None  # type: ignore[assignment]


def _address_space() -> int:
    """Bytes of address space this process has mapped now (Linux), else 0."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def limit_memory(extra: int) -> None:
    """Cap this process's address space at what it has now plus ``extra`` bytes."""
    if resource is None or not extra:
        return
    base = _address_space()
    if not base:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = base + extra
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def memory_reason(limits: Limits) -> str:
    return f"ran out of memory: over the {mb(limits.max_memory)} memory limit ({how_to_raise('max_memory')})"


def _serve(conn, func: Callable[[Any], Any], limits: Limits, init: Callable | None, initargs: tuple) -> None:
    """The worker: set the limits, then answer tasks until the pipe closes."""
    import faulthandler

    faulthandler.disable()  # a crash is reported once, by the parent, with the file's name
    configure(limits)
    if init is not None:
        init(*initargs)
    limit_memory(limits.max_memory)
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        if item is None:
            return
        i, task = item
        try:
            result = func(task)
        except MemoryError:
            result = MemoryError()
        conn.send((i, result))


class _Worker:
    """One child and the tasks sent to it, oldest first; only the oldest is running."""

    def __init__(self, ctx, func, limits: Limits, init, initargs) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, func, limits, init, initargs), daemon=True)
        self.proc.start()
        child.close()
        self.jobs: deque[tuple[int, Any]] = deque()
        self.deadline = float("inf")

    def give(self, i: int, task: Any, timeout: float) -> None:
        if not self.jobs:
            self.started(timeout)
        self.jobs.append((i, task))
        self.conn.send((i, task))

    def started(self, timeout: float) -> None:
        """The oldest job starts now (the one before it has just answered)."""
        self.deadline = time.monotonic() + timeout if timeout else float("inf")

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.proc.kill()
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def _context():
    # fork is cheap and shares what the parent loaded, but forking a process that runs other
    # threads can leave a lock held in the child: then use the fork server
    method = "fork" if threading.active_count() == 1 else "forkserver"
    if method not in multiprocessing.get_all_start_methods():
        method = "spawn"
    return multiprocessing.get_context(method)


# Each worker holds one task in hand and one queued, so it never waits for the parent (which
# is writing results meanwhile); the queued task's time starts when the one before answers.
_DEPTH = 2


def run(func: Callable[[Any], Any], tasks: Iterable[Any], *, workers: int, limits: Limits,
        on_limit: Callable[[Any, str], Any], initializer: Callable | None = None,
        initargs: tuple = ()) -> Iterator[Any]:
    """``func(task)`` for every task, in order, each in a limited worker (``func`` must be picklable
    under the fork server: a module-level function)."""
    todo = list(tasks)
    if not todo:
        return
    ctx = _context()
    n = max(1, min(workers, len(todo)))
    pool: list[_Worker] = []
    done: dict[int, Any] = {}
    waiting = deque(range(len(todo)))  # task indexes not given to a worker yet, in order
    next_out = 0
    try:
        pool = [_Worker(ctx, func, limits, initializer, initargs) for _ in range(n)]
        while next_out < len(todo):
            for depth in range(1, _DEPTH + 1):  # first one task to every idle worker, then a second
                for w in pool:
                    if len(w.jobs) < depth and waiting:
                        i = waiting.popleft()
                        w.give(i, todo[i], limits.timeout)
            busy = [w for w in pool if w.jobs]
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait([w.conn for w in busy], timeout=None if timeout == float("inf") else timeout)
            for idx, w in enumerate(pool):
                if not w.jobs:
                    continue
                reason = None
                if w.conn in ready:
                    try:
                        i, result = w.conn.recv()
                    except (EOFError, OSError):
                        w.proc.join(1)
                        reason = _death_reason(w.proc.exitcode, limits)
                    else:
                        if isinstance(result, MemoryError):
                            reason = memory_reason(limits)
                        else:
                            w.jobs.popleft()
                            done[i] = result
                            w.started(limits.timeout)
                            continue
                elif time.monotonic() >= w.deadline:
                    reason = (f"took longer than the {limits.timeout:g}-second time limit "
                              f"({how_to_raise('timeout')})")
                else:
                    continue
                i, task = w.jobs.popleft()
                done[i] = on_limit(task, reason)
                waiting.extendleft(j for j, _ in reversed(w.jobs))  # its queued tasks go to the next worker
                w.stop(kill=True)
                pool[idx] = _Worker(ctx, func, limits, initializer, initargs)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        for w in pool:
            w.stop()


def _death_reason(exitcode: int | None, limits: Limits) -> str:
    if exitcode is not None and exitcode < 0:
        import signal

        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        if name == "SIGKILL":  # the kernel's OOM killer, or someone else
            return f"reader process was killed ({name}; out of memory?)"
        return f"reader process crashed ({name})"
    return f"reader process exited unexpectedly (status {exitcode}); {memory_reason(limits)}?"
