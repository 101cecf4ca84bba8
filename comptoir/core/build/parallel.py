"""Work shared over forked processes that inherit the whole build.

A forked child sees everything the parent had made (the build context, the
reader, the recorded pages) without pickling it; only each share's result
travels back, through a pipe. Used to read Markdown, to write pages, and to
index the site for search while the pages are written.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing import get_context
from typing import Any, TypeVar

R = TypeVar("R")


INTERRUPTED = "KeyboardInterrupt: "  # what a child stopped by Ctrl-C sends back


def _child(work: Callable[[int, int], Any], share: int, shares: int, conn: Any) -> None:
    try:
        conn.send((True, work(share, shares)))
    except BaseException as error:  # told to the parent, which reports it
        conn.send((False, f"{type(error).__name__}: {error}"))
    finally:
        conn.close()


@contextmanager
def frozen() -> Iterator[None]:
    """While forking: the objects the build made so far out of the garbage
    collector's reach. A child's collection would otherwise go through the
    whole inherited build, touching every object and so copying every page
    of memory it sits on (a part of the search index took 0.26 s of CPU to
    write 500 files, against 0.01 s once frozen)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the block runs (a build), back as
    it was after; what it would have freed is freed at its next pass."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def fork_shares(work: Callable[[int, int], R], shares: int) -> tuple[list[R], list[str]]:
    """Run ``work(share, shares)`` for each share in a forked process of its
    own; return the results in share order, and what went wrong (a child
    that failed or died)."""
    context = get_context("fork")
    children = []
    with frozen():
        for share in range(shares):
            parent_end, child_end = context.Pipe(duplex=False)
            process = context.Process(target=_child, args=(work, share, shares, child_end))
            process.start()
            child_end.close()
            children.append((process, parent_end))
    results: list[R] = []
    failures: list[str] = []
    # Read each pipe before joining: a child blocks until its result is read.
    for process, conn in children:
        try:
            ok, value = conn.recv()
            if ok:
                results.append(value)
            else:
                failures.append(value)
        except EOFError:
            failures.append("a worker process stopped without reporting")
        process.join()
        if process.exitcode:
            failures.append(f"a worker process failed (exit {process.exitcode})")
    return results, failures


class Forked:
    """``work()`` started now in a forked process of its own; :meth:`result`
    waits for it. Its result should be small (the pipe's buffer) unless it
    is read at once: a child whose result is never read must not stay
    blocked on sending it. ``daemon``: the child may not fork in turn, and
    dies with the parent."""

    def __init__(self, work: Callable[[], Any], daemon: bool = True) -> None:
        context = get_context("fork")
        self._conn, child_end = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_child, args=(lambda _share, _shares: work(), 0, 1, child_end), daemon=daemon
        )
        with frozen():
            self._process.start()
        child_end.close()

    @property
    def exitcode(self) -> int | None:
        """How the child ended (negative: the signal that killed it)."""
        return self._process.exitcode

    def result(self) -> Any:
        """The work's value, or RuntimeError saying what went wrong;
        KeyboardInterrupt when Ctrl-C stopped the child (or this process,
        which then waits for the child to stop too)."""
        try:
            ok, value = self._conn.recv()
        except EOFError:
            ok, value = False, "a worker process stopped without reporting"
        finally:
            self._conn.close()
            self._process.join()
        if not ok and value == INTERRUPTED:
            raise KeyboardInterrupt
        if not ok:
            raise RuntimeError(value)
        if self._process.exitcode:
            raise RuntimeError(f"a worker process failed (exit {self._process.exitcode})")
        return value
