"""Choosing among matches on the terminal, and the small helpers upstream's resolver
exposes beside its path functions (re-exported by :mod:`dxpy.utils.resolver`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..exceptions import DXCLIError, DXError


def escaper(match: re.Match[str]) -> str:
    """A :func:`re.sub` callback that puts a backslash before the matched text.

    :param match: the match
    :returns: ``"\\" + match.group(0)``
    """
    return "\\" + match.group(0)


def unescaper(match: re.Match[str]) -> str:
    """A :func:`re.sub` callback that drops the backslash starting the matched text.

    :param match: a match of a backslash and one character
    :returns: the character
    """
    return match.group(0)[1:]


def try_call(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call ``func``, turning any platform error into a :class:`~dxpy.exceptions.DXCLIError`.

    :param func: what to call
    :param args: its positional arguments
    :param kwargs: its keyword arguments
    :returns: what ``func`` returns
    :raises DXCLIError: carrying the failed call's error message
    """
    try:
        return func(*args, **kwargs)
    except DXCLIError:
        raise
    except DXError as exc:
        raise DXCLIError(f"{type(exc).__name__}: {exc}") from exc


def _read(prompt: str) -> str:
    try:
        return input(prompt)
    except EOFError:
        raise DXCLIError("No choice was made (end of input)") from None


def _parse_pick(answer: str, count: int, default: int | None, allow_mult: bool, more_choices: bool) -> Any:
    """The choice ``answer`` stands for, or None when it is not a valid one."""
    answer = answer.strip()
    if answer == "" and default is not None:
        return default
    if more_choices and answer == "m":
        return "m"
    if allow_mult and answer == "*":
        return "*"
    words = answer.replace(",", " ").split() if allow_mult else [answer]
    if not words or not all(w.isdigit() and 0 <= int(w) < count for w in words):
        return None
    picks = [int(w) for w in words]
    return picks if allow_mult else picks[0]


def pick(
    choices: Sequence[Any],
    default: int | None = None,
    str_choices: Sequence[str] | None = None,
    prompt: str | None = None,
    allow_mult: bool = False,
    more_choices: bool = False,
) -> Any:
    """Show numbered ``choices`` and read which one the user wants (asking again until valid).

    :param choices: what to choose among (shown with ``str``)
    :param default: the index an empty answer picks
    :param str_choices: extra words accepted as answers, standing for those choices by position
    :param prompt: the question (default: "Pick a numbered choice")
    :param allow_mult: accept several numbers, or ``*`` for all
    :param more_choices: offer ``m`` for more results
    :returns: the index; with ``allow_mult`` a list of indices or ``"*"``; ``"m"`` for more
    :raises DXCLIError: when the input ends before a valid answer
    """
    for index, choice in enumerate(choices):
        sys.stderr.write(f"{index}) {choice}\n")
    if more_choices:
        sys.stderr.write("m) More options not shown...\n")
    text = prompt or ("Pick a numbered choice" + (' or "*" for all' if allow_mult else ""))
    if default is not None:
        text += f" [{default}]"
    while True:
        answer = _read(text + ": ")
        if str_choices is not None and answer.strip() in str_choices:
            return list(str_choices).index(answer.strip())
        chosen = _parse_pick(answer, len(choices), default, allow_mult, more_choices)
        if chosen is not None:
            return chosen
        sys.stderr.write("Not a valid choice; try again\n")


def paginate_and_pick(
    generator: Iterable[Any],
    render_fn: Callable[[Any], str] = str,
    filter_fn: Callable[[Any], bool] | None = None,
    page_len: int = 10,
    **pick_opts: Any,
) -> dict[str, Any]:
    """Show the results of ``generator`` a page at a time and let the user pick one.

    :param generator: the results
    :param render_fn: how a result is shown
    :param filter_fn: keep only the results it accepts
    :param page_len: results per page
    :param pick_opts: more options for :func:`pick`
    :returns: ``{"pick": index or None, "results": the results shown}`` (``pick`` is None when there
        were no results)
    :raises DXCLIError: when the input ends before a valid answer
    """
    results: list[Any] = []
    iterator = iter(generator)
    exhausted = False
    while True:
        page: list[Any] = []
        while len(page) < page_len and not exhausted:
            try:
                item = next(iterator)
            except StopIteration:
                exhausted = True
                break
            if filter_fn is None or filter_fn(item):
                page.append(item)
        results.extend(page)
        if not results:
            return {"pick": None, "results": results}
        chosen = pick([render_fn(r) for r in results], more_choices=not exhausted, **pick_opts)
        if chosen != "m":
            return {"pick": chosen, "results": results}
