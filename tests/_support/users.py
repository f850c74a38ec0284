"""A second emulator user for permission tests (shared by the emulator and bindings tests)."""

from __future__ import annotations

import uuid
from typing import Any

import dxpy


class OtherUser:
    """A fresh emulator user; ``with user:`` makes dxpy calls with that user's token.

    :param emulator: the running :class:`~dxpy.emulator.Emulator`
    """

    def __init__(self, emulator: Any) -> None:
        self.user_id, self.token = emulator.new_user("u" + uuid.uuid4().hex[:12])

    def __enter__(self) -> OtherUser:
        self._previous = dict(dxpy.SECURITY_CONTEXT)
        dxpy.set_security_context({"auth_token_type": "Bearer", "auth_token": self.token})
        return self

    def __exit__(self, *exc: Any) -> None:
        dxpy.set_security_context(self._previous)
