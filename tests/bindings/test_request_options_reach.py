"""auth= (and the other request options) reach every request a call makes, helper requests
included: a second user's project, which the default token cannot see, works end to end
when only auth= names that user (issue: compatibility, item 7)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import dxpy
from dxpy.bindings.dxfile import DXFile
from tests._support.users import OtherUser

DATA = os.urandom(3 * 1024 + 5)


@pytest.fixture
def theirs(dx_emulator: Any, dx_project: str) -> Iterator[tuple[str, Any]]:
    """(a project only the other user can see, an auth object for that user)."""
    other = OtherUser(dx_emulator)
    with other:
        params = {"minimumPartSize": 1024, "emptyLastPartAllowed": True}
        project = dxpy.api.project_new({"name": "theirs", "fileUploadParameters": params})["id"]
    auth = dxpy.DXHTTPOAuth2({"auth_token_type": "Bearer", "auth_token": other.token})
    with pytest.raises(dxpy.exceptions.DXAPIError):  # the default token cannot see it
        dxpy.api.project_describe(project)
    yield project, auth


def test_upload_local_file_and_download_dxfile(theirs: tuple, tmp_path: Path) -> None:
    project, auth = theirs
    src = tmp_path / "src.bin"
    src.write_bytes(DATA)
    handler = dxpy.upload_local_file(str(src), project=project, auth=auth, wait_on_close=True,
                                     write_buffer_size=1024)
    dest = tmp_path / "dest.bin"
    dxpy.download_dxfile(handler.get_id(), str(dest), project=project, auth=auth)
    assert dest.read_bytes() == DATA


def test_upload_string_and_dxfile_read(theirs: tuple) -> None:
    project, auth = theirs
    handler = dxpy.upload_string("hello there", project=project, auth=auth, wait_on_close=True)
    with DXFile(handler.get_id(), project=project, mode="rb") as readable:
        assert readable.read(auth=auth) == b"hello there"


def test_new_dxfile_write_close_wait(theirs: tuple) -> None:
    project, auth = theirs
    handler = dxpy.new_dxfile(project=project, auth=auth, write_buffer_size=1024)
    handler.write(DATA, auth=auth)
    handler.close(auth=auth)
    handler.wait_on_close(auth=auth)
    assert handler.describe(auth=auth)["state"] == "closed"


def test_download_folder(theirs: tuple, tmp_path: Path) -> None:
    project, auth = theirs
    dxpy.upload_string("in a folder", project=project, folder="/f", parents=True, name="x.txt", auth=auth,
                       wait_on_close=True)
    dxpy.download_folder(project, str(tmp_path / "out"), folder="/f", auth=auth)
    assert (tmp_path / "out" / "x.txt").read_text() == "in a folder"


def test_records_and_search(theirs: tuple) -> None:
    project, auth = theirs
    record = dxpy.new_dxrecord(project=project, name="r", close=True, auth=auth)
    record.wait_on_close(auth=auth)
    found = list(dxpy.find_data_objects(project=project, name="r", describe=True, auth=auth))
    assert [f["id"] for f in found] == [record.get_id()]
    assert dxpy.find_one_data_object(project=project, name="r", auth=auth)["id"] == record.get_id()
