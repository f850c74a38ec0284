"""Utilities shared by the bindings (upstream path ``dxpy.utils``).

Kept light on purpose: nothing here imports the bindings or the transport.
"""

from __future__ import annotations

import importlib
import re
import time
from typing import Any

from .._nonce import Nonce
from ..exceptions import DXError

__all__ = ["Nonce", "normalize_time_input", "normalize_timedelta", "get_futures_threadpool",
           "wait_for_a_future",
           "wait_for_all_futures", "response_iterator", "string_buffer_length", "OrderedDefaultdict",
           "group_array_by_field", "merge", "json_load_raise_on_duplicates", "json_loads_raise_on_duplicates",
           "warn", "THREAD_TIMEOUT_MAX"]

#: milliseconds per unit suffix accepted in time inputs (``M`` = 30 days, ``y`` = 365 days)
_UNIT_MS = {
    "ms": 1,
    "s": 1000,
    "m": 60 * 1000,
    "h": 3600 * 1000,
    "d": 86400 * 1000,
    "w": 7 * 86400 * 1000,
    "M": 30 * 86400 * 1000,
    "y": 365 * 86400 * 1000,
}
_DELTA_RE = re.compile(r"^(-?\d+)([smhdwMy]|ms)?$")
_DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S")


def normalize_timedelta(timedelta: Any) -> int:
    """Convert a duration to milliseconds.

    :param timedelta: an int (seconds) or a string: digits (seconds) or digits with
        a unit suffix ``s``, ``m``, ``h``, ``d``, ``w``, ``M`` (30 days), ``y`` (365 days)
    :returns: the duration in milliseconds (negative input stays negative)
    :raises DXError: if the value cannot be parsed
    """
    if isinstance(timedelta, int) and not isinstance(timedelta, bool):
        return timedelta * 1000
    match = _DELTA_RE.match(str(timedelta).strip())
    if match is None:
        raise DXError(f"Cannot parse {timedelta!r} as a duration such as 30s, 10m, 2h, 1d, 1w")
    return int(match.group(1)) * _UNIT_MS[match.group(2) or "s"]


def _parse_date(text: str) -> int | None:
    import calendar  # only needed for dates; keeps ``import dxpy.utils`` light

    for fmt in _DATE_FORMATS:
        try:
            parsed = time.strptime(text, fmt)
        except ValueError:
            continue
        return calendar.timegm(parsed) * 1000
    return None


def normalize_time_input(t: Any, future: bool = False, default_unit: str = "ms") -> int:
    """Convert a user-supplied time to milliseconds since the epoch.

    Accepted: an int or digit string (a timestamp in *default_unit*; negative means
    that long before now); a number with a unit suffix (``-1d``: one day ago; without
    a sign, the duration itself, or now plus it when *future* is true); a UTC date
    ``YYYY-MM-DD`` optionally followed by `` HH:MM[:SS]`` or ``THH:MM[:SS]``.

    :param t: the time value
    :param future: interpret unsigned values as offsets into the future
    :param default_unit: unit of bare numbers (``ms``, ``s``, ``m``, ``h``, ``d``, ``w``, ``M``, ``y``)
    :returns: milliseconds since the epoch
    :raises DXError: if the value cannot be parsed
    """
    if default_unit not in _UNIT_MS:
        raise DXError(f"Unknown time unit {default_unit!r}")
    now_ms = int(time.time() * 1000)
    text = str(t).strip()
    match = _DELTA_RE.match(text)
    if match is None:
        date_ms = _parse_date(text)
        if date_ms is None:
            raise DXError(
                f"Expected a timestamp, a date (YYYY-MM-DD[ HH:MM[:SS]]) or a number with a unit suffix "
                f"(s, m, h, d, w, M, y; e.g. -10d for ten days ago), got {t!r}"
            )
        return date_ms
    value = int(match.group(1)) * _UNIT_MS[match.group(2) or default_unit]
    if value < 0 or future:
        return now_ms + value
    return value


#: submodules reachable as attributes (``dxpy.utils.exec_utils``) without importing them all up front
#: helpers living in :mod:`dxpy.utils._helpers` (loaded on first use: it imports concurrent.futures)
_HELPERS = frozenset(__all__[3:])


def __getattr__(name: str) -> Any:
    if name in _HELPERS:
        return getattr(importlib.import_module(f"{__name__}._helpers"), name)
    from .._lazy import submodule  # any public submodule, such as dxpy.utils.resolver

    module = submodule(__name__, name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return module
