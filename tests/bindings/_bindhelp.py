"""Helpers shared by the bindings tests (second users, ID constants)."""

from __future__ import annotations

from typing import Any

import dxpy
from tests._support.users import OtherUser

__all__ = ["CONT", "FILE", "PROJ", "PROJ2", "REC", "OtherUser", "new_project"]

#: Well-formed IDs that exist nowhere (for shape tests against the scripted server).
REC = "record-" + "B" * 24
PROJ = "project-" + "F" * 24
PROJ2 = "project-" + "G" * 24
CONT = "container-" + "J" * 24
FILE = "file-" + "K" * 24


def new_project(name: str = "scratch", **fields: Any) -> dxpy.DXProject:
    """Create a project (destroy it at the end of the test yourself if it matters)."""
    project = dxpy.DXProject()
    project.new(name, **fields)
    return project
