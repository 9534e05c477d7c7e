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
from collections import deque
from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import Any, Protocol

Task = Callable[[Any], Any]
PROCESS_THRESHOLD = 40_000  # words to parse below which local workers do not pay for their start
TASKS_PER_SLOT = 2  # a flow keeps this many tasks out per worker: each has its next one at hand


class Executor(Protocol):
    def run(self, task: Task, items: Sequence[Any]) -> Iterator[tuple[int, Any]]:
        """Run `task` on every item; yield (index, result) as each finishes."""
        ...

    def close(self) -> None: ...


class Runner(Protocol):
    """Where a `Flow` sends its tasks one by one: an executor that runs them itself."""

    slots: int  # tasks that run at once

    def submit(self, task: Task, item: Any) -> Hashable: ...

    def wait(self, pending: Sequence[Hashable]) -> Sequence[Hashable]:
        """Some of `pending` that have finished: at least one, waiting for it if need be."""
        ...

    def result(self, handle: Hashable) -> Any: ...


def cores() -> int:
    """The cores this process may use (not the machine's, under a CPU limit)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class InProcess:
    """Tasks one after another in this process: for small builds, where starting workers costs more."""

    slots = 1

    def run(self, task: Task, items: Sequence[Any]) -> Iterator[tuple[int, Any]]:
        for i, item in enumerate(items):
            yield i, task(item)

    def submit(self, task: Task, item: Any) -> _Later:
        return _Later(task, item)

    def wait(self, pending: Sequence[_Later]) -> Sequence[_Later]:
        first = pending[0]  # the oldest: here tasks run in the order they were submitted
        first.value = first.task(first.item)
        return [first]

    def result(self, handle: _Later) -> Any:
        return handle.value

    def close(self) -> None:
        pass


class _Later:
    """A task submitted in this process, run when its result is waited for."""

    def __init__(self, task: Task, item: Any):
        self.task, self.item, self.value = task, item, None


class LocalProcesses:
    """Tasks on worker processes of this machine, started on first use and kept for the build.

    Workers are spawned, not forked: a forked copy of a process with threads
    (`mkdocs serve` runs a web server) can deadlock. Each loads the language
    model once.
    """

    def __init__(self, workers: int):
        self.workers = self.slots = workers
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None

    def _started(self) -> concurrent.futures.ProcessPoolExecutor:
        if self._pool is None:
            self._pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn")
            )
        return self._pool

    def run(self, task: Task, items: Sequence[Any]) -> Iterator[tuple[int, Any]]:
        pool = self._started()
        futures = {pool.submit(task, item): i for i, item in enumerate(items)}
        try:
            for future in concurrent.futures.as_completed(futures):
                # let go of the future as its result is handed on: memory holds the results not yet taken,
                # not every result of the run (a story's rendered pages, an article's mentions)
                yield futures.pop(future), future.result()
        finally:
            for future in futures:
                future.cancel()

    def submit(self, task: Task, item: Any) -> concurrent.futures.Future:
        return self._started().submit(task, item)

    def wait(self, pending: Sequence[concurrent.futures.Future]) -> Sequence[concurrent.futures.Future]:
        done, _ = concurrent.futures.wait(pending, return_when=concurrent.futures.FIRST_COMPLETED)
        return [f for f in pending if f in done]

    def result(self, handle: concurrent.futures.Future) -> Any:
        return handle.result()

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
        self.slots = sum(self.client.nthreads().values()) or workers

    def run(self, task: Task, items: Sequence[Any]) -> Iterator[tuple[int, Any]]:
        from distributed import as_completed

        futures = self.client.map(task, list(items), pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        try:
            for future, result in as_completed(futures, with_results=True):
                yield index[future.key], result
        finally:
            self.client.cancel(futures)

    def submit(self, task: Task, item: Any) -> Any:
        return self.client.submit(task, item, pure=False)

    def wait(self, pending: Sequence[Any]) -> Sequence[Any]:
        from distributed import wait

        done = wait(list(pending), return_when="FIRST_COMPLETED").done
        return [f for f in pending if f in done]

    def result(self, handle: Any) -> Any:
        return handle.result()

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
        return self.runner(weight, len(items)).run(task, items)

    def runner(self, weight: int, tasks: int) -> InProcess | LocalProcesses:
        """Where `tasks` tasks of this much work (words to parse) go."""
        pool = self._pool
        worth = pool is not None and (weight >= self.threshold or (pool.started and tasks > 1))
        return pool if worth else self._here

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()


def run_weighted(executor: Executor, task: Task, items: Sequence[Any], weight: int) -> Iterator[tuple[int, Any]]:
    """Run tasks, telling an adaptive executor how much work they are (words to parse)."""
    if isinstance(executor, Adaptive):
        return executor.run(task, items, weight)
    return executor.run(task, items)


class Flow:
    """Tasks that give rise to others as they finish, on one executor: a story is aligned as soon as its last
    article is parsed, while other articles are still being parsed.

    Only a few tasks are out at a time (TASKS_PER_SLOT per worker), and tasks added with `soon` go out before
    those queued earlier: what such a task holds (a story's mentions) is let go early, so memory stays with the
    work in flight, not with the whole corpus. Results come as tasks finish, each with the tag it was added with.
    """

    def __init__(self, runner: Runner):
        self._runner = runner
        self._later: deque[tuple[Task, Any, Any]] = deque()
        self._soon: deque[tuple[Task, Any, Any]] = deque()
        self._out: dict[Hashable, Any] = {}

    def add(self, task: Task, item: Any, tag: Any, soon: bool = False) -> None:
        (self._soon if soon else self._later).append((task, item, tag))

    def results(self) -> Iterator[tuple[Any, Any]]:
        while True:
            while len(self._out) < self._runner.slots * TASKS_PER_SLOT and (self._soon or self._later):
                task, item, tag = (self._soon or self._later).popleft()
                self._out[self._runner.submit(task, item)] = tag
            if not self._out:
                return
            for handle in self._runner.wait(list(self._out)):
                yield self._out.pop(handle), self._runner.result(handle)


def flow(executor: Executor, weight: int, tasks: int) -> Flow:
    """A flow of about `tasks` tasks of this much work (words to parse), where the executor would run them."""
    runner = executor.runner(weight, tasks) if isinstance(executor, Adaptive) else executor
    return Flow(runner)


def make_executor(workers: int = 0, dask_scheduler: str | None = None) -> Executor:
    """The executor a build asked for; `workers` 0 means one per core."""
    workers = workers or cores()
    if dask_scheduler:
        return OnDask(dask_scheduler, workers)
    return Adaptive(workers, PROCESS_THRESHOLD)
