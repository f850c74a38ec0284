"""Fixtures shared by the file tests (DXFile, file functions, transfer engine)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

#: The test projects' minimumPartSize: small parts keep multi-part tests fast.
PART = 1024


@pytest.fixture
def small_project(dx_emulator: Any) -> Iterator[str]:
    """A project whose files may have 1 KiB parts; dxpy points at it during the test."""
    params = {"minimumPartSize": PART, "emptyLastPartAllowed": True}
    project = dx_emulator.call("project/new", {"name": "files", "fileUploadParameters": params})["id"]
    restore = dx_emulator.configure_dxpy(project_id=project)
    try:
        yield project
    finally:
        restore()
        dx_emulator.server.faults.clear()
        dx_emulator.call(f"{project}/destroy", {"terminateJobs": True})


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list:
    """Make the transport's retry waits instant, recording them."""
    import dxpy._http as http
    from dxpy._retry import RetryPolicy

    waits: list = []
    monkeypatch.setattr(http, "DEFAULT_RETRY_POLICY", RetryPolicy(sleep=waits.append))
    return waits
