"""Run the independent pieces of a build at once, one process per core."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import TypeVar

Result = TypeVar("Result")

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
    here, in order. What `work` returns must be picklable.
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
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(workers, count), mp_context=context) as pool:
            futures = {pool.submit(_do, index): index for index in range(count)}
            for future in as_completed(futures):
                yield futures[future], future.result()
    finally:
        gc.unfreeze()
        _work = None


def _do(index: int):
    return _work(index)
