"""Small upstream ``dxpy.utils`` helpers: thread pools, ordered task results, dict merging, strict JSON."""

from __future__ import annotations

import collections
import concurrent.futures
import json
import os
import sys
from collections.abc import Iterator, Mapping
from typing import IO, Any, Callable

#: upper bound for a single wait, so Ctrl-C is noticed (seconds)
THREAD_TIMEOUT_MAX = 60 * 60 * 24 * 7


def get_futures_threadpool(max_workers: int | None) -> concurrent.futures.ThreadPoolExecutor:
    """A thread pool for :func:`response_iterator`.

    :param max_workers: number of threads
    :returns: a new :class:`concurrent.futures.ThreadPoolExecutor`
    """
    return concurrent.futures.ThreadPoolExecutor(max_workers=max_workers)


def wait_for_a_future(futures: Any, print_traceback: bool = False) -> concurrent.futures.Future:
    """The next future of *futures* to complete.

    :param futures: iterable of futures
    :param print_traceback: unused, accepted for upstream compatibility
    :returns: the completed future
    """
    return next(concurrent.futures.as_completed(futures, timeout=THREAD_TIMEOUT_MAX))


def wait_for_all_futures(futures: Any, print_traceback: bool = False) -> None:
    """Block until every future of *futures* completed.

    :param futures: iterable of futures
    :param print_traceback: unused, accepted for upstream compatibility
    """
    concurrent.futures.wait(list(futures))


def response_iterator(
    request_iterator: Iterator[tuple[Callable[..., Any], Any, Any]],
    thread_pool: concurrent.futures.Executor,
    max_active_tasks: int | None = None,
    do_first_task_sequentially: bool = True,
) -> Iterator[Any]:
    """Run ``(callable, args, kwargs)`` tasks on *thread_pool*, yielding results in task order.

    At most *max_active_tasks* tasks are running or holding an unconsumed result, so a
    slow consumer throttles the producer (unlike ``Executor.map``).

    :param request_iterator: iterator of ``(callable, args, kwargs)``
    :param thread_pool: executor to run them on
    :param max_active_tasks: bound on tasks in flight (default: the number of CPUs)
    :param do_first_task_sequentially: run the first task alone, before starting the others
    :returns: an iterator of the results
    """
    limit = max_active_tasks or os.cpu_count() or 1
    in_flight: collections.deque[concurrent.futures.Future] = collections.deque()

    def submit() -> bool:
        task = next(request_iterator, None)
        if task is None:
            return False
        func, args, kwargs = task
        in_flight.append(thread_pool.submit(func, *args, **kwargs))
        return True

    if do_first_task_sequentially:
        first = next(request_iterator, None)
        if first is None:
            return
        yield first[0](*first[1], **first[2])
    for _ in range(limit):
        if not submit():
            break
    while in_flight:
        result = in_flight.popleft().result(timeout=THREAD_TIMEOUT_MAX)
        submit()
        yield result


def string_buffer_length(buf: IO[Any]) -> int:
    """Length of a seekable buffer, keeping its position.

    :param buf: the buffer
    :returns: its size
    """
    position = buf.tell()
    buf.seek(0, os.SEEK_END)
    size = buf.tell()
    buf.seek(position)
    return size


class OrderedDefaultdict(collections.OrderedDict):
    """An ordered dict with a default factory, like :class:`collections.defaultdict`.

    :param default_factory: callable making missing values, or ``None``
    :raises TypeError: if *default_factory* is not callable
    """

    def __init__(self, default_factory: Callable[[], Any] | None = None, *args: Any, **kwargs: Any) -> None:
        if default_factory is not None and not callable(default_factory):
            raise TypeError("first argument must be callable or None")
        super().__init__(*args, **kwargs)
        self.default_factory = default_factory

    def __missing__(self, key: Any) -> Any:
        if self.default_factory is None:
            raise KeyError(key)
        self[key] = value = self.default_factory()
        return value

    def __reduce__(self) -> Any:
        args = (self.default_factory,) if self.default_factory else ()
        return type(self), args, None, None, iter(self.items())


def group_array_by_field(array: list[dict[str, Any]], field: str = "group") -> OrderedDefaultdict:
    """Group mappings by the value of *field* (missing: key ``None``, listed first if it comes first).

    :param array: list of mappings
    :param field: the key to group by
    :returns: ordered mapping value -> list of items
    """
    groups = OrderedDefaultdict(list)
    for item in array:
        groups[item.get(field)].append(item)
    return groups


def merge(d: dict[Any, Any], u: Mapping[Any, Any]) -> dict[Any, Any]:
    """Recursively update *d* with *u*: nested mappings merge, other values replace.

    :param d: the dict to update (changed in place)
    :param u: the updates
    :returns: *d*
    """
    for key, value in u.items():
        if isinstance(value, Mapping):
            d[key] = merge(d.get(key, {}), value)
        else:
            d[key] = value
    return d


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key: {key!r}")
        result[key] = value
    return result


def json_load_raise_on_duplicates(*args: Any, **kwargs: Any) -> Any:
    """:func:`json.load` that refuses objects with a repeated key.

    :param args: as :func:`json.load`
    :param kwargs: as :func:`json.load`
    :returns: the document
    :raises ValueError: naming the duplicate key
    """
    kwargs["object_pairs_hook"] = _no_duplicates
    return json.load(*args, **kwargs)


def json_loads_raise_on_duplicates(*args: Any, **kwargs: Any) -> Any:
    """:func:`json.loads` that refuses objects with a repeated key.

    :param args: as :func:`json.loads`
    :param kwargs: as :func:`json.loads`
    :returns: the document
    :raises ValueError: naming the duplicate key
    """
    kwargs["object_pairs_hook"] = _no_duplicates
    return json.loads(*args, **kwargs)


def warn(*args: Any, **kwargs: Any) -> None:
    """Print to standard error (upstream's console helper).

    :param args: as :func:`print`
    :param kwargs: as :func:`print`
    """
    print(*args, file=sys.stderr, **kwargs)  # noqa: T201 (a console helper by definition)
