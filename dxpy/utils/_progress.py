"""Progress reporting for file transfers.

Two audiences are served:

* people at a terminal: :class:`ProgressBar` draws one line on standard error
  (bytes done, percentage, rate), redrawn in place with a carriage return and at
  most a few times a second.  It draws nothing unless the stream is a terminal,
  or the caller forces it (``show_progress="force"`` in the file functions);
* programs: a ``report_progress_fn`` callback, called as
  ``report_progress_fn(handler, num_bytes)`` with the number of bytes that have
  *just* been transferred (not the running total), after each part or chunk.

:class:`ProgressTracker` combines both and is thread safe, so transfer worker
threads may report to it directly.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import IO, Any, Callable, Optional

__all__ = ["ProgressBar", "ProgressTracker", "format_size", "progress_wanted"]

#: ``report_progress_fn(handler, num_bytes)`` -- see the module docstring.
ProgressCallback = Callable[[Any, int], Any]

_UNITS = ("B", "KiB", "MiB", "GiB", "TiB", "PiB")
_FORCE_VALUES = ("force", "always")


def format_size(num_bytes: float) -> str:
    """Render a byte count with a binary unit, e.g. ``"12.5 MiB"``.

    :param num_bytes: the count (may be a float, e.g. a rate)
    :returns: the count scaled to the largest unit keeping it >= 1, one decimal
        place (bytes are shown as integers)
    """
    value = float(num_bytes)
    for unit in _UNITS:
        if abs(value) < 1024.0 or unit == _UNITS[-1]:
            if unit == "B":
                return f"{round(value)} B"
            return f"{value:.1f} {unit}"
        value /= 1024.0
    return f"{value:.1f} {_UNITS[-1]}"  # pragma: no cover - loop always returns


def _is_forced(show_progress: object) -> bool:
    return isinstance(show_progress, str) and show_progress.lower() in _FORCE_VALUES


def progress_wanted(show_progress: object, stream: Optional[IO[str]] = None) -> bool:
    """Decide whether a progress bar should be drawn.

    :param show_progress: the caller's ``show_progress`` argument: false-ish for
        never, ``True`` for "when the stream is a terminal", ``"force"`` (or
        ``"always"``) to draw even when it is not
    :param stream: the stream the bar would be drawn on (default ``sys.stderr``)
    :returns: ``True`` when a bar should be drawn
    """
    if not show_progress:
        return False
    if _is_forced(show_progress):
        return True
    target = sys.stderr if stream is None else stream
    isatty = getattr(target, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except (ValueError, OSError):  # closed or detached stream
        return False


class ProgressBar:
    """A single-line progress bar drawn on a text stream.

    :param total: the number of bytes expected, or ``None`` when unknown (the
        percentage and the bar are then left out)
    :param label: a word describing the transfer, e.g. ``"Uploaded"``
    :param name: what is being transferred (a file name), shown at the end
    :param stream: where to draw (default ``sys.stderr``, looked up at draw time)
    :param clock: monotonic clock in seconds, injectable for tests
    :param min_interval: minimum seconds between two redraws (the final one is
        always drawn)
    :param width: number of cells of the bar itself
    """

    def __init__(
        self,
        total: Optional[int],
        label: str = "Transferred",
        name: str = "",
        stream: Optional[IO[str]] = None,
        clock: Callable[[], float] = time.monotonic,
        min_interval: float = 0.2,
        width: int = 24,
    ) -> None:
        self.total = total
        self.label = label
        self.name = name
        self._stream = stream
        self._clock = clock
        self._min_interval = min_interval
        self._width = width
        self._start = clock()
        self._last_draw: Optional[float] = None
        self._last_len = 0
        self.done = 0
        self.finished = False

    @property
    def stream(self) -> IO[str]:
        """The stream the bar is drawn on."""
        return sys.stderr if self._stream is None else self._stream

    def render(self) -> str:
        """Build the text of the bar for the current state (without ``\\r``).

        :returns: e.g. ``"[=====>      ] Uploaded 5.0 MiB of 20.0 MiB (25%) at 9.8 MiB/s  reads.bam"``
        """
        elapsed = max(self._clock() - self._start, 1e-9)
        rate = format_size(self.done / elapsed) + "/s"
        if self.total:
            fraction = min(self.done / self.total, 1.0)
            filled = int(fraction * self._width)
            arrow = ">" if filled < self._width else ""
            bar = "[" + "=" * filled + arrow + " " * (self._width - filled - len(arrow)) + "] "
            text = (
                f"{bar}{self.label} {format_size(self.done)} of {format_size(self.total)} "
                f"({int(fraction * 100)}%) at {rate}"
            )
        else:
            text = f"{self.label} {format_size(self.done)} at {rate}"
        return f"{text}  {self.name}" if self.name else text

    def update(self, num_bytes: int) -> None:
        """Count ``num_bytes`` more bytes and redraw if enough time passed.

        :param num_bytes: bytes transferred since the previous call
        """
        self.done += num_bytes
        now = self._clock()
        if self._last_draw is None or now - self._last_draw >= self._min_interval:
            self._draw(now)

    def _columns(self) -> Optional[int]:
        try:
            return os.get_terminal_size(self.stream.fileno()).columns
        except (AttributeError, OSError, ValueError):  # not a terminal: no width to respect
            return None

    def _draw(self, now: float) -> None:
        text = self.render()
        columns = self._columns()
        if columns is not None and len(text) >= columns:
            # a wrapped line could not be redrawn in place; drop the end (the name) instead
            text = text[:max(columns - 1, 1)]
        pad = " " * max(self._last_len - len(text), 0)
        self._last_len = len(text)
        self._last_draw = now
        try:
            self.stream.write("\r" + text + pad)
            self.stream.flush()
        except (ValueError, OSError):  # the stream went away; progress is best effort
            pass

    def finish(self) -> None:
        """Draw the final state and end the line (idempotent)."""
        if self.finished:
            return
        self.finished = True
        self._draw(self._clock())
        try:
            self.stream.write("\n")
            self.stream.flush()
        except (ValueError, OSError):
            pass


class ProgressTracker:
    """Thread-safe sink for transfer progress: a bar, a callback, or both.

    :param handler: the object passed as first argument to ``callback`` (the
        :class:`~dxpy.bindings.dxfile.DXFile`)
    :param total: expected bytes (``None`` if unknown)
    :param show_progress: ``False``, ``True`` (draw on a terminal) or ``"force"``
    :param callback: ``report_progress_fn(handler, num_bytes)`` or ``None``
    :param label: word for the bar, e.g. ``"Downloaded"``
    :param name: what is transferred, shown on the bar
    :param stream: stream for the bar (default ``sys.stderr``)
    :param clock: injectable monotonic clock
    """

    def __init__(
        self,
        handler: Any = None,
        total: Optional[int] = None,
        show_progress: object = False,
        callback: Optional[ProgressCallback] = None,
        label: str = "Transferred",
        name: str = "",
        stream: Optional[IO[str]] = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.handler = handler
        self.callback = callback
        self.bar: Optional[ProgressBar] = None
        if progress_wanted(show_progress, stream):
            self.bar = ProgressBar(total, label=label, name=name, stream=stream, clock=clock)
        self.done = 0
        self._lock = threading.Lock()

    @property
    def active(self) -> bool:
        """``True`` when reporting goes anywhere (a bar or a callback)."""
        return self.bar is not None or self.callback is not None

    def __call__(self, num_bytes: int) -> None:
        """Report ``num_bytes`` newly transferred bytes.

        :param num_bytes: bytes transferred since the previous report
        """
        with self._lock:
            self.done += num_bytes
            if self.bar is not None:
                self.bar.update(num_bytes)
            if self.callback is not None:
                self.callback(self.handler, num_bytes)

    def finish(self) -> None:
        """End the bar's line, if a bar is drawn."""
        with self._lock:
            if self.bar is not None:
                self.bar.finish()
