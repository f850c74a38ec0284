"""Helpers shared by the bindings tests (second users, ID constants)."""

from __future__ import annotations

import uuid
from typing import Any

import dxpy

#: Well-formed IDs that exist nowhere (for shape tests against the scripted server).
REC = "record-" + "B" * 24
PROJ = "project-" + "F" * 24
PROJ2 = "project-" + "G" * 24
CONT = "container-" + "J" * 24
FILE = "file-" + "K" * 24


class OtherUser:
    """A second emulator user; ``with user:`` makes dxpy calls with that user's token.

    :param emulator: the session emulator
    """

    def __init__(self, emulator: Any) -> None:
        self.user_id, self.token = emulator.new_user("b" + uuid.uuid4().hex[:12])

    def __enter__(self) -> OtherUser:
        self._previous = dict(dxpy.SECURITY_CONTEXT)
        dxpy.set_security_context({"auth_token_type": "Bearer", "auth_token": self.token})
        return self

    def __exit__(self, *exc: Any) -> None:
        dxpy.set_security_context(self._previous)


def new_project(name: str = "scratch", **fields: Any) -> dxpy.DXProject:
    """Create a project (destroy it at the end of the test yourself if it matters)."""
    project = dxpy.DXProject()
    project.new(name, **fields)
    return project
