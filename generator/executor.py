"""Where the build's independent tasks run: in this process, in local worker processes, or on Dask.

A task is a module-level function and one picklable argument (a batch of
articles to extract, a story to align); results come back as they finish,
tagged with their position, so the caller puts them back in input order and
the output never depends on where or in which order tasks ran.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol

Task = Callable[[Any], Any]
PROCESS_THRESHOLD = 40_000  # words to parse below which local workers do not pay for their start


class Executor(Protocol):
    def run(self, task: Task, items: Sequence[Any]) -> Iterator[tuple[int, Any]]:
        """Run `task` on every item; yield (index, result) as each finishes."""
        ...

    def close(self) -> None: ...


def cores() -> int:
    """The cores this process may use (not the machine's, under a CPU limit)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class InProcess:
    """Tasks one after another in this process: for small builds, where starting workers costs more."""

    def run(self, task: Task, items: Sequence[Any]) -> Iterator[tuple[int, Any]]:
        for i, item in enumerate(items):
            yield i, task(item)

    def close(self) -> None:
        pass


class LocalProcesses:
    """Tasks on worker processes of this machine, started on first use and kept for the build.

    Workers are spawned, not forked: a forked copy of a process with threads
    (`mkdocs serve` runs a web server) can deadlock. Each loads the language
    model once.
    """

    def __init__(self, workers: int):
        self.workers = workers
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None

    def run(self, task: Task, items: Sequence[Any]) -> Iterator[tuple[int, Any]]:
        if self._pool is None:
            self._pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn")
            )
        futures = {self._pool.submit(task, item): i for i, item in enumerate(items)}
        try:
            for future in concurrent.futures.as_completed(futures):
                # let go of the future as its result is handed on: memory holds the results not yet taken,
                # not every result of the run (a story's rendered pages, an article's mentions)
                yield futures.pop(future), future.result()
        finally:
            for future in futures:
                future.cancel()

    @property
    def started(self) -> bool:
        return self._pool is not None

    def close(self) -> None:
        if self._pool is not None:
            # the workers wind down while the build goes on: nothing waits for their exit
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


class OnDask:
    """Tasks on a Dask distributed cluster: at a scheduler's address, or on a local cluster started here.

    Every worker needs the same Parallax and language model installed: tasks are
    sent by reference to functions in `generator`, not as code.
    """

    def __init__(self, scheduler: str, workers: int):
        from distributed import Client, LocalCluster

        self._cluster = None
        if scheduler == "local":
            self._cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
            self.client = Client(self._cluster)
        else:
            self.client = Client(scheduler)

    def run(self, task: Task, items: Sequence[Any]) -> Iterator[tuple[int, Any]]:
        from distributed import as_completed

        futures = self.client.map(task, list(items), pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        try:
            for future, result in as_completed(futures, with_results=True):
                yield index[future.key], result
        finally:
            self.client.cancel(futures)

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


class Adaptive:
    """In this process for small amounts of work, on local worker processes for large ones.

    A spawned worker pays a few seconds to load the language model, which only
    a large batch of articles to parse pays back. Once the workers run, that is
    paid: any later batch of several tasks goes to them.
    """

    def __init__(self, workers: int, threshold: int):
        self.threshold = threshold
        self._here = InProcess()
        self._pool = LocalProcesses(workers) if workers > 1 else None

    def run(self, task: Task, items: Sequence[Any], weight: int = 0) -> Iterator[tuple[int, Any]]:
        pool = self._pool
        worth = pool is not None and (weight >= self.threshold or (pool.started and len(items) > 1))
        use = pool if worth else self._here
        return use.run(task, items)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()


def run_weighted(executor: Executor, task: Task, items: Sequence[Any], weight: int) -> Iterator[tuple[int, Any]]:
    """Run tasks, telling an adaptive executor how much work they are (words to parse)."""
    if isinstance(executor, Adaptive):
        return executor.run(task, items, weight)
    return executor.run(task, items)


def make_executor(workers: int = 0, dask_scheduler: str | None = None) -> Executor:
    """The executor a build asked for; `workers` 0 means one per core."""
    workers = workers or cores()
    if dask_scheduler:
        return OnDask(dask_scheduler, workers)
    return Adaptive(workers, PROCESS_THRESHOLD)
