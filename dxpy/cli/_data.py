"""Helpers shared by the data commands (``describe``, transfers, ``find``): argument
parsing for properties and dates, and resolving paths to files with CLI-style errors."""

from __future__ import annotations

import json
import re
import time
from datetime import datetime
from typing import Any

from ._common import fail

#: seconds per suffix of a relative time (``-1d``) or a duration (``2h``)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400, "M": 30 * 86400, "y": 365 * 86400}
_DURATION = re.compile(r"^(\d+)([smhdwMy]?)$")


def parse_duration(text: str) -> int:
    """Turn ``"90"``, ``"15m"``, ``"1h"``, ``"2d"`` ... into seconds.

    :param text: a number of seconds, or a number with a unit suffix (s m h d w M y)
    :returns: the number of seconds
    :raises CLIExit: if *text* is not such a duration
    """
    match = _DURATION.match(text.strip())
    if match is None:
        fail(f'Invalid duration "{text}": use a number of seconds or a number with s, m, h, d, w, M or y')
    return int(match.group(1)) * _UNIT_SECONDS[match.group(2) or "s"]


def parse_time(text: str) -> int:
    """Turn a ``--created-after``-style argument into milliseconds since the epoch.

    Accepted: an integer timestamp in ms, a negative offset into the past with a unit
    (``-1d``, ``-3h``), or a date ``YYYY-MM-DD`` optionally followed by ``HH:MM[:SS]``
    (local time).

    :param text: the argument
    :returns: ms since the epoch
    :raises CLIExit: if *text* is none of those
    """
    value = text.strip()
    if re.fullmatch(r"\d+", value):
        return int(value)
    relative = re.fullmatch(r"-(\d+)([smhdwMy]?)", value)
    if relative:
        seconds = int(relative.group(1)) * _UNIT_SECONDS[relative.group(2) or "s"]
        return int((time.time() - seconds) * 1000)
    for pattern in ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"):
        try:
            return int(datetime.strptime(value, pattern).timestamp() * 1000)
        except ValueError:
            continue
    fail(f'Invalid time "{text}": use a date (2024-01-31 or "2024-01-31 12:00:00"), '
         "a timestamp in ms, or a negative offset such as -1d")


def parse_properties(pairs: list[str] | None, allow_key_only: bool = False) -> dict[str, Any]:
    """Turn repeated ``--property key=value`` arguments into a mapping.

    :param pairs: the arguments (``None``: none given)
    :param allow_key_only: accept ``key`` alone (mapped to ``True``, "has this property")
    :returns: the properties
    :raises CLIExit: for an argument without ``=`` when *allow_key_only* is false
    """
    result: dict[str, Any] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not key:
            fail(f'Invalid property "{pair}": the key is empty')
        if not sep:
            if not allow_key_only:
                fail(f'Invalid property "{pair}": expected key=value')
            result[key] = True
        else:
            result[key] = value
    return result


def parse_json_arg(text: str | None, what: str) -> Any:
    """Decode a JSON option value.

    :param text: the option's value (``None``: not given)
    :param what: the option's name, for the error message
    :returns: the decoded value, or ``None``
    :raises CLIExit: if *text* is not valid JSON
    """
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError as exc:
        fail(f"{what} is not valid JSON: {exc}")


def link_to_path(path: str) -> str:
    """Turn a JSON ``$dnanexus_link`` (how bash jobs see file inputs) into an ID path.

    :param path: what the user typed, e.g. ``{"$dnanexus_link": "file-xxxx"}``
    :returns: ``"file-xxxx"`` or ``"project-yyyy:file-xxxx"`` for a link, else *path* unchanged
    """
    if not path.lstrip().startswith("{"):
        return path
    try:
        value = json.loads(path)
    except ValueError:
        return path
    link = value.get("$dnanexus_link") if isinstance(value, dict) else None
    if isinstance(link, str):
        return link
    if isinstance(link, dict) and isinstance(link.get("id"), str):
        return f"{link['project']}:{link['id']}" if isinstance(link.get("project"), str) else link["id"]
    return path


def resolve_one_file(path: str) -> tuple[str | None, str]:
    """Resolve *path* (ID, ``project:path`` or path) to exactly one file.

    :param path: what the user typed
    :returns: ``(project or None, file ID)``
    :raises ResolutionError: the path names nothing or several objects
    :raises CLIExit: the path names a folder or something other than a file
    """
    from ..utils.resolver import resolve_existing_path

    # resolution errors propagate: dx prints them as "<type>: <message>" with status 3
    project, folder, entity = resolve_existing_path(link_to_path(path), expected="entity", describe=False)
    if entity is None or isinstance(entity, str):
        fail(f'"{path}" is not a file')
    if not str(entity["id"]).startswith("file-"):
        fail(f'"{path}" is a {str(entity["id"]).split("-", 1)[0]}, not a file')
    return entity.get("project") or project, str(entity["id"])
