"""Nonces: client-chosen strings that make non-idempotent API calls safe to retry.

Routes such as ``/file/new`` or ``/applet-xxxx/run`` accept an input field
``nonce``. The platform remembers, for about an hour, which nonce a request
carried: a second request with the same nonce and the same input does not create
a second object but returns the first response again, while the same nonce with a
different input is rejected with ``InvalidInput``. The generated wrappers in
:mod:`dxpy.api` therefore add a fresh nonce to a *copy* of the input once per
call, and every HTTP-level retry of that call resends the same value.

This module is public as :class:`dxpy.utils.Nonce`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from typing import Any, Callable

from .exceptions import DXError

__all__ = ["MAX_NONCE_BYTES", "Nonce"]

#: The platform rejects nonces longer than this many bytes (UTF-8).
MAX_NONCE_BYTES = 128

_RANDOM_BYTES = 32


class Nonce:
    """A fresh, practically unique nonce value.

    The value is 64 hexadecimal characters of operating-system randomness followed
    by the creation time in seconds with microseconds (about 81 ASCII characters,
    well under :data:`MAX_NONCE_BYTES`). The random part alone makes collisions
    practically impossible; the time part helps when reading server logs.

    ``str(Nonce())`` is the value; it is also available as the ``nonce`` attribute.

    :param clock: callable returning the current time in seconds (for tests);
        defaults to :func:`time.time`.
    """

    __slots__ = ("nonce",)

    def __init__(self, clock: Callable[[], float] | None = None) -> None:
        now = (clock or time.time)()
        #: The nonce string.
        self.nonce: str = os.urandom(_RANDOM_BYTES).hex() + f"{now:f}"

    def __str__(self) -> str:
        """:returns: the nonce value."""
        return self.nonce

    def __repr__(self) -> str:
        """:returns: a representation showing the value (nonces are not secret)."""
        return f"Nonce({self.nonce!r})"

    @staticmethod
    def update_nonce(input_params: Any) -> dict[str, Any]:
        """Return a copy of *input_params* that is sure to carry a nonce.

        The copy is shallow: the caller's mapping is never modified. An existing
        non-empty ``nonce`` is kept as given (so a caller can deliberately replay
        a request); a missing, ``None`` or empty one is replaced by a fresh
        :class:`Nonce`.

        :param input_params: the API input, a mapping (``None`` means ``{}``).
        :returns: a new ``dict`` with a ``nonce`` key.
        :raises DXError: if *input_params* is neither a mapping nor ``None``.
        """
        if input_params is None:
            updated: dict[str, Any] = {}
        elif isinstance(input_params, Mapping):
            updated = dict(input_params)
        else:
            raise DXError(
                "input_params must be a JSON object (dict) for a route that takes a nonce, "
                f"not {type(input_params).__name__}"
            )
        given = updated.get("nonce")
        if given is None or (isinstance(given, (str, bytes)) and len(given) == 0):
            updated["nonce"] = Nonce().nonce
        return updated
