"""Fixtures shared by the integration tests that drive upstream dxpy."""

from __future__ import annotations

import pytest

from tests._support.upstream import upstream_python


@pytest.fixture(scope="module")
def upstream() -> str:
    """The upstream dxpy interpreter; the test is skipped when it is not installed."""
    python = upstream_python()
    if python is None:
        pytest.skip("upstream dxpy is not installed (set DXPY_UPSTREAM_PYTHON to its interpreter)")
    return python
