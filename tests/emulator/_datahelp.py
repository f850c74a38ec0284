"""Helpers shared by the emulator data-route tests (projects, folders, objects, search)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import dxpy.api as api
from tests._support.users import OtherUser


@pytest.fixture
def other_user(dx_emulator: Any, dx_project: str) -> Iterator[OtherUser]:
    """A fresh second user (no access to ``dx_project`` until invited)."""
    yield OtherUser(dx_emulator)


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
