"""Helpers shared by the emulator data-route tests (projects, folders, objects, search)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

import dxpy
import dxpy.api as api


class OtherUser:
    """A second emulator user; ``with user:`` makes dxpy calls as that user."""

    def __init__(self, emulator: Any, project_id: str) -> None:
        self.emulator = emulator
        self.project_id = project_id
        self.user_id, self.token = emulator.new_user("u" + uuid.uuid4().hex[:12])
        self._restore: Any = None

    def __enter__(self) -> OtherUser:
        self._previous = dict(dxpy.SECURITY_CONTEXT)
        dxpy.set_security_context({"auth_token_type": "Bearer", "auth_token": self.token})
        return self

    def __exit__(self, *exc: Any) -> None:
        dxpy.set_security_context(self._previous)


@pytest.fixture
def other_user(dx_emulator: Any, dx_project: str) -> Iterator[OtherUser]:
    """A fresh second user (no access to ``dx_project`` until invited)."""
    yield OtherUser(dx_emulator, dx_project)


def new_record(project: str, **fields: Any) -> str:
    """Create a record through dxpy.api and return its ID."""
    body = {"project": project}
    body.update(fields)
    return str(api.record_new(body)["id"])


def new_project(name: str = "scratch", **fields: Any) -> str:
    """Create a project through dxpy.api and return its ID."""
    body = {"name": name}
    body.update(fields)
    return str(api.project_new(body)["id"])
