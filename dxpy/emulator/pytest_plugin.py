"""pytest plugin (entry point ``dxpy_emulator``): fixtures backed by a local emulator.

* ``dx_emulator`` (session): one :class:`~dxpy.emulator.Emulator` for the whole
  test session, with its state in a pytest temporary directory. It does **not**
  change dxpy's configuration; call ``dx_emulator.configure_dxpy()`` (and undo it)
  if a test needs that without a project.
* ``dx_project`` (function): a fresh project owned by the default user; while
  the test runs dxpy's default context points at the emulator with that project
  as project context and workspace. Afterwards the configuration is restored and
  the project destroyed. The fixture's value is the project ID.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import pytest

from dxpy.emulator import Emulator, EmulatorCallError

logger = logging.getLogger(__name__)


@pytest.fixture(scope="session")
def dx_emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    """One emulator server for the test session.

    :param tmp_path_factory: pytest's temporary directory factory.
    :returns: the running :class:`~dxpy.emulator.Emulator` (a generator fixture).
    """
    emulator = Emulator(state_dir=str(tmp_path_factory.mktemp("dx-emulator")))
    emulator.start()
    try:
        yield emulator
    finally:
        emulator.stop()


@pytest.fixture
def dx_project(dx_emulator: Emulator, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh project for one test, with dxpy configured to use it.

    :param dx_emulator: the session emulator.
    :param request: the pytest request (names the project after the test).
    :returns: the project ID (a generator fixture).
    """
    name = "pytest " + re.sub(r"[^\w\[\]\-. ]", "_", request.node.name)[:200]
    project_id = dx_emulator.call("project/new", {"name": name})["id"]
    restore = dx_emulator.configure_dxpy(project_id=project_id)
    try:
        yield project_id
    finally:
        restore()
        try:
            dx_emulator.call(f"{project_id}/destroy", {"terminateJobs": True})
        except EmulatorCallError as exc:
            # the test may have destroyed it (or left the project) itself
            logger.debug("could not destroy %s after the test: %s", project_id, exc)
