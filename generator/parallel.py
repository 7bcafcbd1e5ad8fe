"""Run the independent pieces of a build at once, one process per core."""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import TypeVar

Result = TypeVar("Result")
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>

# The work of the current run, inherited by the forked workers rather than sent to them: the content
# model it uses is made of read-only mappings, which cannot be pickled, and need not be.
_work: Callable[[int], object] | None = None


def cores() -> int:
    """Return how many cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def each_at_once(work: Callable[[int], Result], count: int, workers: int) -> Iterator[tuple[int, Result]]:
    """Yield (index, work(index)) for every index below `count`, as each finishes, in up to `workers` processes.

    Where processes cannot be forked (or one worker is asked for), the work is done
    here, in order. What `work` returns must be picklable. When the caller stops
    early (Ctrl+C, SIGTERM, an error, or closing the iterator), the workers are killed
    at once rather than waited for.
    """
    global _work
    if workers <= 1 or count <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for index in range(count):
            yield index, work(index)
        return
    _work = work
    # Objects made so far are left out of the workers' garbage collection, so that collecting does not
    # touch, and so copy, the memory the workers share with this process.
    gc.freeze()
    pool = ProcessPoolExecutor(max_workers=min(workers, count), mp_context=multiprocessing.get_context("fork"),
                               initializer=_started, initargs=(os.getpid(),))
    try:
        futures = {pool.submit(_do, index): index for index in range(count)}
        for future in as_completed(futures):
            yield futures[future], future.result()
    except BaseException:
        # The rest of the work is no longer wanted; waiting for the pieces under way would hold up a stop.
        end_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()
        _work = None


def end_workers(pool: ProcessPoolExecutor) -> None:
    """Kill every worker of `pool` now."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            process.kill()
        except (OSError, ValueError):  # gone already
            pass


def _started(parent: int) -> None:
    """Set up a worker: stopping is the main process's job, and the worker dies with it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches every process; the main one ends the workers
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with(parent)


def _die_with(parent: int) -> None:
    """Have the kernel kill this process when `parent` dies, even by kill -9 (Linux only)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it died before the request was made
        os._exit(1)


def _do(index: int):
    return _work(index)
