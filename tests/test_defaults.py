"""Each constant is defined once (dxpy._defaults) and everything else refers to it."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import dxpy
import dxpy._defaults as defaults
import dxpy._http as http
from dxpy.bindings import _transfer

PACKAGE = Path(dxpy.__file__).parent


def test_constants_are_defined_in_one_module_only():
    pattern = re.compile(r"^(DEFAULT_TIMEOUT|DEFAULT_RETRIES|API_VERSION)\s*=", re.M)
    defined = {str(p.relative_to(PACKAGE)): pattern.findall(p.read_text(encoding="utf-8"))
               for p in PACKAGE.rglob("*.py")}
    assert {k: v for k, v in defined.items() if v} == {
        "_defaults.py": ["API_VERSION", "DEFAULT_TIMEOUT", "DEFAULT_RETRIES"]}
    assert "platform.platform()" not in (PACKAGE / "__init__.py").read_text()
    assert "platform.platform()" not in (PACKAGE / "_http.py").read_text()


def test_every_user_refers_to_the_one_definition():
    assert dxpy.DEFAULT_TIMEOUT == http.DEFAULT_TIMEOUT == defaults.DEFAULT_TIMEOUT
    assert dxpy.DEFAULT_RETRIES == defaults.DEFAULT_RETRIES
    params = inspect.signature(http.DXHTTPRequest).parameters
    assert params["timeout"].default == defaults.DEFAULT_TIMEOUT
    assert params["max_retries"].default == defaults.DEFAULT_RETRIES
    upload_part = inspect.signature(_transfer.upload_part).parameters
    assert upload_part["max_retries"].default == defaults.DEFAULT_RETRIES
    assert dxpy.USER_AGENT == http.user_agent() == defaults.default_user_agent()


def test_assigning_default_timeout_does_not_change_the_default_as_upstream(monkeypatch):
    monkeypatch.setattr(dxpy, "DEFAULT_TIMEOUT", 1)
    assert inspect.signature(dxpy.DXHTTPRequest).parameters["timeout"].default == 905
