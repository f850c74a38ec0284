"""Fault injection: make the next N requests matching a path glob misbehave.

Grammar of a fault spec (``--faults SPEC``, and the ``spec`` input of
``POST /emulator/faults``)::

    SPEC   := ENTRY ("," ENTRY)*
    ENTRY  := KIND ":" GLOB [":" COUNT] (":" OPTION)*
    KIND   := "500" | "503" | "429" | "drop" | "truncate" | "stall"
    COUNT  := integer >= 1 (default 1): how many matching requests are affected
    OPTION := "retry=" SECONDS   (503/429: Retry-After value, default 0; "retry=none" omits it)
            | "secs=" SECONDS    (stall: delay before the request is served, default 5)

``GLOB`` is an ``fnmatch`` pattern over the request path (no query string), e.g.
``/system/whoami``, ``/file-*/upload``, ``/upload/*`` or ``*``. Paths under
``/emulator/`` (the control route) are never affected.

Kinds: ``500`` answers InternalError; ``503`` ServiceUnavailable (+Retry-After);
``429`` RateLimitConditional (+Retry-After); ``drop`` closes the connection
without answering; ``truncate`` serves the request normally (side effects
happen) but sends only half of the response body before closing the
connection; ``stall`` waits ``secs`` seconds, then serves normally.
"""

from __future__ import annotations

import fnmatch
import threading
from dataclasses import dataclass
from typing import Any, Optional

__all__ = ["Fault", "FaultSet", "parse_fault_spec", "KINDS"]

KINDS = ("500", "503", "429", "drop", "truncate", "stall")


@dataclass
class Fault:
    """One armed fault.

    :param kind: one of :data:`KINDS`.
    :param pattern: fnmatch glob over the request path.
    :param count: remaining number of requests to affect.
    :param retry_after: Retry-After seconds for 503/429 (None: header omitted).
    :param secs: stall duration in seconds.
    """

    kind: str
    pattern: str
    count: int = 1
    retry_after: Optional[int] = 0
    secs: float = 5.0

    def to_json(self) -> dict[str, Any]:
        """Describe this fault as JSON.

        :returns: ``{"kind", "path", "count", "retryAfter", "secs"}``.
        """
        return {
            "kind": self.kind,
            "path": self.pattern,
            "count": self.count,
            "retryAfter": self.retry_after,
            "secs": self.secs,
        }


def _parse_entry(entry: str) -> Fault:
    parts = entry.strip().split(":")
    if len(parts) < 2 or not parts[1]:
        raise ValueError(f"fault {entry!r}: expected KIND:GLOB[:COUNT][:OPTION...]")
    kind, pattern = parts[0].strip(), parts[1].strip()
    if kind not in KINDS:
        raise ValueError(f"fault {entry!r}: unknown kind {kind!r} (expected one of {', '.join(KINDS)})")
    fault = Fault(kind, pattern)
    rest = parts[2:]
    if rest and "=" not in rest[0]:
        try:
            fault.count = int(rest[0])
        except ValueError:
            raise ValueError(f"fault {entry!r}: COUNT must be an integer, not {rest[0]!r}") from None
        if fault.count < 1:
            raise ValueError(f"fault {entry!r}: COUNT must be >= 1")
        rest = rest[1:]
    for option in rest:
        name, sep, value = option.partition("=")
        try:
            if name == "retry" and sep:
                fault.retry_after = None if value == "none" else int(value)
            elif name == "secs" and sep:
                fault.secs = float(value)
            else:
                raise ValueError(option)
        except ValueError:
            raise ValueError(f"fault {entry!r}: bad option {option!r}") from None
    return fault


def parse_fault_spec(spec: str) -> list[Fault]:
    """Parse a fault spec string (grammar in the module docstring).

    :param spec: e.g. ``"500:/system/whoami:2,503:*:1:retry=3"``.
    :returns: the parsed faults, in order.
    :raises ValueError: naming the bad entry.
    """
    return [_parse_entry(e) for e in spec.split(",") if e.strip()]


def fault_from_json(doc: Any) -> Fault:
    """Build a fault from its JSON form (as sent to ``/emulator/faults``).

    :param doc: ``{"kind", "path", "count"?, "retryAfter"?, "secs"?}``.
    :returns: the fault.
    :raises ValueError: naming the bad field.
    """
    if not isinstance(doc, dict):
        raise ValueError("each fault must be a JSON object")
    kind, pattern = doc.get("kind"), doc.get("path")
    if kind not in KINDS:
        raise ValueError(f"fault kind must be one of {', '.join(KINDS)}")
    if not isinstance(pattern, str) or not pattern:
        raise ValueError("fault path must be a non-empty string")
    count = doc.get("count", 1)
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        raise ValueError("fault count must be a positive integer")
    retry = doc.get("retryAfter", 0)
    if retry is not None and (not isinstance(retry, int) or isinstance(retry, bool) or retry < 0):
        raise ValueError("fault retryAfter must be a non-negative integer or null")
    secs = doc.get("secs", 5.0)
    if not isinstance(secs, (int, float)) or isinstance(secs, bool) or secs < 0:
        raise ValueError("fault secs must be a non-negative number")
    return Fault(str(kind), pattern, count, retry, float(secs))


class FaultSet:
    """The thread-safe list of armed faults of one server."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self.fired = 0

    def add(self, faults: list[Fault]) -> None:
        """Arm more faults (matched in the order added).

        :param faults: the faults.
        """
        with self._lock:
            self._faults.extend(faults)

    def clear(self) -> None:
        """Disarm every fault."""
        with self._lock:
            self._faults.clear()

    def list(self) -> list[Fault]:
        """Return copies of the armed faults.

        :returns: the faults still armed.
        """
        with self._lock:
            return [Fault(f.kind, f.pattern, f.count, f.retry_after, f.secs) for f in self._faults]

    def take(self, path: str) -> Optional[Fault]:
        """Consume one use of the first fault matching ``path``.

        :param path: the request path (no query string).
        :returns: the fault to apply, or None.
        """
        if path.startswith("/emulator/"):
            return None
        with self._lock:
            for fault in self._faults:
                if fnmatch.fnmatchcase(path, fault.pattern):
                    fault.count -= 1
                    if fault.count <= 0:
                        self._faults.remove(fault)
                    self.fired += 1
                    return Fault(fault.kind, fault.pattern, 1, fault.retry_after, fault.secs)
        return None
