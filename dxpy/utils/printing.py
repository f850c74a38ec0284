"""Terminal colours and text filling for console scripts (upstream path ``dxpy.utils.printing``).

Colours are on when standard output is a terminal; :func:`set_colors` overrides that.
Each colour function returns its escape code (empty with colours off), or, given a
message, the message wrapped in the code and :func:`ENDC`.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import textwrap
from collections.abc import Iterator
from typing import Any

_tty = sys.stdout.isatty()
#: terminal size (columns/rows; 80x24 when not a terminal)
tty_cols, tty_rows = shutil.get_terminal_size((80, 24)) if _tty else (80, 24)
#: width :func:`fill` wraps to
std_width = min(tty_cols - 2, 100) if _tty else 78
#: whether colour codes are produced
color_state = _tty
#: the field delimiter set by :func:`set_delimiter` (``None``: the caller's choice)
delimiter: str | None = None


def _code(code: str, message: str | None) -> str:
    prefix = code if color_state else ""
    return prefix if message is None else prefix + message + ENDC()


def CYAN(message: str | None = None) -> str:  # noqa: N802 (upstream name)
    """Cyan escape code, or *message* in cyan.

    :param message: text to colour
    :returns: the code or the coloured text
    """
    return _code("\033[36m", message)


def LIGHTBLUE(message: str | None = None) -> str:  # noqa: N802 (upstream name)
    """Bold blue escape code, or *message* in it.

    :param message: text to colour
    :returns: the code or the coloured text
    """
    return _code("\033[1;34m", message)


def BLUE(message: str | None = None) -> str:  # noqa: N802 (upstream name)
    """Blue escape code, or *message* in blue.

    :param message: text to colour
    :returns: the code or the coloured text
    """
    return _code("\033[34m", message)


def YELLOW(message: str | None = None) -> str:  # noqa: N802 (upstream name)
    """Yellow escape code, or *message* in yellow.

    :param message: text to colour
    :returns: the code or the coloured text
    """
    return _code("\033[33m", message)


def GREEN(message: str | None = None) -> str:  # noqa: N802 (upstream name)
    """Green escape code, or *message* in green.

    :param message: text to colour
    :returns: the code or the coloured text
    """
    return _code("\033[32m", message)


def RED(message: str | None = None) -> str:  # noqa: N802 (upstream name)
    """Red escape code, or *message* in red.

    :param message: text to colour
    :returns: the code or the coloured text
    """
    return _code("\033[31m", message)


def WHITE(message: str | None = None) -> str:  # noqa: N802 (upstream name)
    """White escape code, or *message* in white.

    :param message: text to colour
    :returns: the code or the coloured text
    """
    return _code("\033[37m", message)


def UNDERLINE(message: str | None = None) -> str:  # noqa: N802 (upstream name)
    """Underline escape code, or *message* underlined.

    :param message: text to underline
    :returns: the code or the underlined text
    """
    return _code("\033[4m", message)


def BOLD(message: str | None = None) -> str:  # noqa: N802 (upstream name)
    """Bold escape code, or *message* in bold.

    :param message: text to embolden
    :returns: the code or the bold text
    """
    return _code("\033[1m", message)


def ENDC() -> str:  # noqa: N802 (upstream name)
    """The reset escape code (empty with colours off).

    :returns: the code
    """
    return "\033[0m" if color_state else ""


def DNANEXUS_LOGO() -> str:  # noqa: N802 (upstream name)
    """The product name with its coloured x.

    :returns: the text
    """
    return BOLD() + WHITE() + "DNAne" + CYAN() + "x" + WHITE() + "us" + ENDC()


def DNANEXUS_X() -> str:  # noqa: N802 (upstream name)
    """The coloured x of the logo.

    :returns: the text
    """
    return BOLD() + CYAN() + "x" + WHITE() + ENDC()


def set_colors(state: bool = True) -> None:
    """Turn colour codes on or off.

    :param state: ``True`` for colours
    """
    global color_state
    color_state = state


def set_delimiter(delim: str | None = None) -> None:
    """Set the field delimiter console output uses (``None``: each caller's default).

    :param delim: the delimiter
    """
    global delimiter
    delimiter = delim


def get_delimiter(delim: Any = None) -> str | None:
    """The delimiter set by :func:`set_delimiter`.

    :param delim: ignored (upstream signature)
    :returns: the delimiter or ``None``
    """
    return delimiter


def DELIMITER(alt_delim: str) -> str:  # noqa: N802 (upstream name)
    """The set delimiter, or *alt_delim* when none is set.

    :param alt_delim: the caller's default
    :returns: the delimiter to use
    """
    return alt_delim if delimiter is None else delimiter


def fill(string: str, width_adjustment: int = 0, **kwargs: Any) -> str:
    """Wrap *string* to the terminal width (never narrower than 20), not breaking on hyphens.

    :param string: the text
    :param width_adjustment: added to the standard width
    :param kwargs: :func:`textwrap.fill` options (``width`` overrides)
    :returns: the wrapped text
    """
    kwargs.setdefault("width", max(std_width + width_adjustment, 20))
    kwargs.setdefault("break_on_hyphens", False)
    return textwrap.fill(string, **kwargs)


def refill_paragraphs(string: str, ignored_prefix: str = "    ") -> str:
    """Re-wrap each blank-line-separated paragraph; paragraphs starting with *ignored_prefix* stay.

    :param string: the text
    :param ignored_prefix: marks preformatted paragraphs
    :returns: the re-wrapped text
    """
    paragraphs = string.split("\n\n")
    return "\n\n".join(p if p.startswith(ignored_prefix) else fill(p) for p in paragraphs)


class DummyFile:
    """A write-only sink discarding everything."""

    def write(self, x: Any) -> None:
        """Discard *x*.

        :param x: anything
        """


@contextlib.contextmanager
def nostderr() -> Iterator[None]:
    """Silence ``sys.stderr`` inside the ``with`` block.

    :returns: a context manager
    """
    saved = sys.stderr
    sys.stderr = DummyFile()
    try:
        yield
    finally:
        sys.stderr = saved
