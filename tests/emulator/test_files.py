"""Emulator file routes and pre-signed storage URLs, through dxpy.api and plain urllib3/http.client."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPConnection
from typing import Any, Optional

import pytest
import urllib3

import dxpy
import dxpy.api
from dxpy import exceptions
from dxpy.emulator import Emulator, EmulatorCallError
from dxpy.emulator._blobstore import storage as storage
from dxpy.emulator._blobstore.blobs import BlobStore
from dxpy.emulator._protocol.faults import parse_fault_spec
from dxpy.emulator._routes import files as routes_files

MIN_PART = 16  # minimumPartSize of the test projects


def md5(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


@pytest.fixture(scope="module")
def emu(dx_emulator: Emulator) -> Emulator:
    return dx_emulator


@pytest.fixture
def dx(emu: Emulator) -> Iterator[Emulator]:
    with emu.configure_dxpy():
        yield emu


@pytest.fixture
def project(dx: Emulator) -> Iterator[str]:
    params = {"minimumPartSize": MIN_PART, "maximumPartSize": 1 << 30, "maximumNumParts": 50}
    pid = dxpy.api.project_new({"name": "files test", "fileUploadParameters": params})["id"]
    yield pid
    dxpy.api.project_destroy(pid, {})


@pytest.fixture(scope="module")
def http() -> Iterator[urllib3.PoolManager]:
    pool = urllib3.PoolManager(retries=False)
    yield pool
    pool.clear()


@pytest.fixture(scope="module")
def viewer(emu: Emulator) -> tuple[str, str]:
    return emu.new_user("fileviewer" + os.urandom(3).hex())


def new_file(project: str, **kw: Any) -> str:
    body = {"project": project}
    body.update(kw)
    return str(dxpy.api.file_new(body)["id"])


def put_part(http: urllib3.PoolManager, file_id: str, index: int, data: bytes, **upload_kw: Any) -> Any:
    info = dxpy.api.file_upload(file_id, {"index": index, "size": len(data), "md5": md5(data), **upload_kw})
    return http.request("PUT", info["url"], body=data, headers=info["headers"])


def upload_file(http: urllib3.PoolManager, project: str, parts: list[bytes], close: bool = True) -> str:
    fid = new_file(project)
    for i, data in enumerate(parts, 1):
        resp = put_part(http, fid, i, data)
        assert resp.status == 200, resp.data
    if close:
        dxpy.api.file_close(fid, {})
    return fid


def download(http: urllib3.PoolManager, file_id: str, headers: Optional[dict] = None, **kw: Any) -> Any:
    info = dxpy.api.file_download(file_id, kw)
    return http.request("GET", info["url"], headers={**info["headers"], **(headers or {})})


def error_type(resp: Any) -> str:
    assert resp.headers["Content-Type"] == "application/json"
    return str(json.loads(resp.data)["error"]["type"])


def blob_count(emu: Emulator) -> int:
    return len(list(storage.blob_store(emu.server.config).names()))


# -- file/new and describe ------------------------------------------------------------------------


def test_new_file_describe_defaults(project):
    fid = new_file(project, name="reads.fq", media="text/plain", tags=["a"])
    desc = dxpy.api.file_describe(fid, {})
    assert desc["class"] == "file" and desc["state"] == "open"
    assert (desc["media"], desc["size"], desc["archivalState"]) == ("text/plain", 0, "live")
    assert desc["name"] == "reads.fq" and desc["tags"] == ["a"]
    assert "parts" not in desc
    assert dxpy.api.file_describe(fid, {"fields": {"parts": True}}) == {"id": fid, "parts": {}}
    bare = new_file(project)
    assert dxpy.api.file_describe(bare, {})["media"] == ""


def test_describe_accepts_the_old_style_parts_flag(project, http):
    fid = upload_file(http, project, [b"a" * MIN_PART, b"tail"])
    parts = {"1": {"state": "complete", "size": MIN_PART, "md5": md5(b"a" * MIN_PART)},
             "2": {"state": "complete", "size": 4, "md5": md5(b"tail")}}
    default = dxpy.api.file_describe(fid, {})
    # what `dx download` sends: the default description plus parts
    old_style = dxpy.api.file_describe(fid, {"parts": True, "size": True, "md5": True, "project": project})
    assert old_style == {**default, "parts": parts}
    assert dxpy.api.file_describe(fid, {"parts": False}) == default
    assert dxpy.api.file_describe(fid, {"parts": True, "fields": {"name": True}}) == \
        {"id": fid, "name": default["name"], "parts": parts}
    assert dxpy.api.file_describe(fid, {"parts": True, "fields": {"parts": False}}) == {"id": fid}
    with pytest.raises(exceptions.InvalidInput, match="parts"):
        dxpy.api.file_describe(fid, {"parts": "yes"})
    assert routes_files.with_deprecated_parts_flag({"parts": True}) == \
        {"defaultFields": True, "fields": {"parts": True}}


def test_new_file_errors(project, emu, viewer):
    with pytest.raises(exceptions.InvalidInput):
        dxpy.api.file_new({"project": project, "media": 5})
    with pytest.raises(exceptions.InvalidInput):
        dxpy.api.file_new({"name": "no project"})
    dxpy.api.project_invite(project, {"invitee": viewer[0], "level": "VIEW"})
    with pytest.raises(EmulatorCallError) as info:
        emu.call("/file/new", {"project": project}, token=viewer[1])
    assert info.value.error_type == "PermissionDenied"


def test_new_file_nonce_replay(project):
    body = {"project": project, "name": "n", "nonce": "fixed-nonce-for-files"}
    first = dxpy.api.file_new(body)
    assert dxpy.api.file_new(body) == first
    with pytest.raises(exceptions.InvalidInput):
        dxpy.api.file_new({**body, "name": "other"})


# -- /upload --------------------------------------------------------------------------------------


def test_upload_url_shape(project, emu):
    fid = new_file(project)
    data = b"x" * 20
    info = dxpy.api.file_upload(fid, {"index": 3, "size": 20, "md5": md5(data).upper()})
    url = urllib.parse.urlsplit(info["url"])
    api_host = urllib.parse.urlsplit(emu.url).hostname
    assert url.hostname != api_host and url.hostname in ("localhost", "127.0.0.1")
    assert url.port == emu.port
    assert fid in url.path
    assert info["headers"] == {
        "content-length": "20",
        "content-md5": base64.b64encode(hashlib.md5(data).digest()).decode(),
    }
    assert info["expires"] > time.time() * 1000
    parts = dxpy.api.file_describe(fid, {"fields": {"parts": True}})["parts"]
    assert parts == {"3": {"state": "pending", "size": 20, "md5": md5(data)}}


def test_upload_defaults_index_1_and_optional_size(project, http):
    fid = new_file(project)
    info = dxpy.api.file_upload(fid, {})
    assert info["headers"] == {}
    resp = http.request("PUT", info["url"], body=b"free size")
    assert resp.status == 200
    assert resp.headers["ETag"] == f'"{md5(b"free size")}"'
    parts = dxpy.api.file_describe(fid, {"fields": {"parts": True}})["parts"]
    assert parts == {"1": {"state": "complete", "size": 9, "md5": md5(b"free size")}}


@pytest.mark.parametrize(
    "body",
    [
        {"index": 0},
        {"index": 51},  # maximumNumParts of the test project is 50
        {"index": "1"},
        {"index": True},
        {"index": 1, "size": -1},
        {"index": 1, "size": (1 << 30) + 1},
        {"index": 1, "size": "10"},
        {"index": 1, "md5": "abc"},
        {"index": 1, "md5": "z" * 32},
    ],
)
def test_upload_input_errors(project, body):
    fid = new_file(project)
    with pytest.raises(exceptions.InvalidInput):
        dxpy.api.file_upload(fid, body)


def test_upload_default_limit_is_10000_parts(dx):
    fid = new_file(dx.project_id)
    assert dxpy.api.file_upload(fid, {"index": 10000})["url"]
    with pytest.raises(exceptions.InvalidInput):
        dxpy.api.file_upload(fid, {"index": 10001})
    with pytest.raises(exceptions.InvalidInput):
        dxpy.api.file_upload(fid, {"index": 1, "size": 5368709121})


def test_upload_permissions(project, emu, viewer):
    fid = new_file(project)
    dxpy.api.project_invite(project, {"invitee": viewer[0], "level": "VIEW"})
    with pytest.raises(EmulatorCallError) as info:
        emu.call(f"/{fid}/upload", {"index": 1}, token=viewer[1])
    assert info.value.error_type == "PermissionDenied"
    _, stranger = emu.new_user("filestranger" + os.urandom(3).hex())
    with pytest.raises(EmulatorCallError) as info:
        emu.call(f"/{fid}/upload", {"index": 1}, token=stranger)
    assert info.value.error_type == "ResourceNotFound"
    with pytest.raises(exceptions.ResourceNotFound):
        dxpy.api.file_upload("file-" + "B" * 24, {"index": 1})


def test_upload_on_closed_file_is_invalid_state(project, http):
    fid = upload_file(http, project, [b"abc"])
    with pytest.raises(exceptions.InvalidState) as info:
        dxpy.api.file_upload(fid, {"index": 2})
    assert "is not in the open state" in str(info.value)


# -- PUT ------------------------------------------------------------------------------------------


def test_multipart_assembled_in_index_order(project, http):
    parts = {i: os.urandom(MIN_PART + i * 7) for i in (1, 2, 3, 4, 7)}
    parts[7] = b"tail"
    fid = new_file(project)
    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(lambda i: put_part(http, fid, i, parts[i]).status, [7, 3, 1, 4, 2]))
    assert statuses == [200] * 5
    dxpy.api.file_close(fid, {})
    desc = dxpy.api.file_describe(fid, {"fields": {"parts": True, "size": True, "state": True}})
    whole = b"".join(parts[i] for i in sorted(parts))
    assert desc["state"] == "closed" and desc["size"] == len(whole)
    assert desc["parts"] == {
        str(i): {"state": "complete", "size": len(d), "md5": md5(d)} for i, d in parts.items()
    }
    assert list(desc["parts"]) == ["1", "2", "3", "4", "7"]
    resp = download(http, fid)
    assert resp.status == 200
    assert resp.headers["Content-Length"] == str(len(whole))
    assert resp.data == whole


def test_reupload_last_put_wins_and_old_blob_removed(project, http, emu):
    fid = new_file(project)
    storage.drain_trash(emu.server.config)
    before = blob_count(emu)
    assert put_part(http, fid, 1, b"first version!!!").status == 200
    assert put_part(http, fid, 1, b"second").status == 200
    assert blob_count(emu) == before + 1
    dxpy.api.file_close(fid, {})
    assert download(http, fid).data == b"second"


def test_put_wrong_md5_rejected(project, http):
    fid = new_file(project)
    info = dxpy.api.file_upload(fid, {"index": 1, "size": 5, "md5": md5(b"hello")})
    resp = http.request("PUT", info["url"], body=b"HELLO", headers=info["headers"])
    assert resp.status == 400 and error_type(resp) == "BadDigest"
    # Content-MD5 only (no md5 given to /upload)
    info = dxpy.api.file_upload(fid, {"index": 2})
    bad = base64.b64encode(hashlib.md5(b"other").digest()).decode()
    resp = http.request("PUT", info["url"], body=b"bytes", headers={"Content-MD5": bad})
    assert resp.status == 400 and error_type(resp) == "BadDigest"
    # a header contradicting the md5 given to /upload is refused before reading the body
    info = dxpy.api.file_upload(fid, {"index": 3, "md5": md5(b"abc")})
    resp = http.request("PUT", info["url"], body=b"abc", headers={"Content-MD5": bad})
    assert resp.status == 400 and error_type(resp) == "BadDigest"
    parts = dxpy.api.file_describe(fid, {"fields": {"parts": True}})["parts"]
    assert {k: v["state"] for k, v in parts.items()} == {"1": "pending", "2": "pending", "3": "pending"}


def test_put_length_mismatch_and_missing_length(project, emu):
    fid = new_file(project)
    info = dxpy.api.file_upload(fid, {"index": 1, "size": 10})
    url = urllib.parse.urlsplit(info["url"])
    conn = HTTPConnection(url.hostname, url.port, timeout=10)
    try:
        conn.request("PUT", url.path, body=b"12345", headers={"Content-Length": "5"})
        resp = conn.getresponse()
        assert resp.status == 400 and json.loads(resp.read())["error"]["type"] == "BadRequest"
    finally:
        conn.close()
    conn = HTTPConnection(url.hostname, url.port, timeout=10)
    try:
        conn.putrequest("PUT", url.path)
        conn.endheaders()
        resp = conn.getresponse()
        assert resp.status == 411 and json.loads(resp.read())["error"]["type"] == "LengthRequired"
    finally:
        conn.close()


def test_put_without_announced_size_respects_maximum_part_size(dx, http):
    pid = dxpy.api.project_new({"name": "small parts", "fileUploadParameters": {"maximumPartSize": 10}})["id"]
    try:
        fid = new_file(pid)
        info = dxpy.api.file_upload(fid, {"index": 1})
        resp = http.request("PUT", info["url"], body=b"x" * 11)
        assert resp.status == 400 and error_type(resp) == "BadRequest"
        assert http.request("PUT", info["url"], body=b"x" * 10).status == 200
    finally:
        dxpy.api.project_destroy(pid, {})


def test_put_body_cut_short_stores_nothing(project, emu):
    fid = new_file(project)
    info = dxpy.api.file_upload(fid, {"index": 1, "size": 1000})
    url = urllib.parse.urlsplit(info["url"])
    before = blob_count(emu)
    conn = HTTPConnection(url.hostname, url.port, timeout=10)
    conn.putrequest("PUT", url.path)
    conn.putheader("Content-Length", "1000")
    conn.endheaders()
    conn.send(b"x" * 100)
    conn.close()
    # the server notices EOF and stores nothing; a later valid request works
    tmp_dir = os.path.join(emu.server.config.blob_dir, "tmp")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        parts = dxpy.api.file_describe(fid, {"fields": {"parts": True}})["parts"]
        if parts["1"]["state"] == "pending" and not os.listdir(tmp_dir):
            break
        time.sleep(0.02)
    assert parts["1"]["state"] == "pending"
    assert blob_count(emu) == before


def test_put_with_authorization_header_rejected(project, http, emu):
    fid = new_file(project)
    info = dxpy.api.file_upload(fid, {"index": 1, "size": 3, "md5": md5(b"abc")})
    headers = {**info["headers"], "Authorization": "Bearer " + emu.token}
    resp = http.request("PUT", info["url"], body=b"abc", headers=headers)
    assert resp.status == 400 and error_type(resp) == "BadRequest"
    message = json.loads(resp.data)["error"]["message"]
    assert "Authorization" in message and emu.token not in message
    assert dxpy.api.file_describe(fid, {"fields": {"parts": True}})["parts"]["1"]["state"] == "pending"


def test_forged_and_expired_tokens_rejected(project, http, emu):
    fid = new_file(project)
    other = new_file(project)
    info = dxpy.api.file_upload(fid, {"index": 1, "size": 3, "md5": md5(b"abc")})
    base, token = info["url"].rsplit("/", 1)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    cfg = emu.server.config
    payload = {"k": "u", "f": fid, "i": 1, "s": 3, "m": md5(b"abc")}
    expired = cfg.sign(payload, int(time.time() * 1000) - 1)
    urls = [
        base + "/" + forged,
        base + "/" + expired,
        base + "/not-a-token",
        info["url"].replace(fid, other),  # token for another file
        info["url"].replace(f"/{fid}/1/", f"/{fid}/2/"),  # token for another part
    ]
    for url in urls:
        resp = http.request("PUT", url, body=b"abc", headers=info["headers"])
        assert resp.status == 403, url
        assert error_type(resp) == "PermissionDenied"
    dl = cfg.sign({"k": "d", "f": fid, "p": project}, int(time.time() * 1000) + 60000)
    resp = http.request("PUT", f"{base}/{dl}", body=b"abc", headers=info["headers"])
    assert resp.status == 403  # a download token is not an upload token
    assert http.request("PUT", info["url"], body=b"abc", headers=info["headers"]).status == 200


def test_put_after_close_rejected(project, http):
    fid = new_file(project)
    assert put_part(http, fid, 1, b"z" * MIN_PART).status == 200
    # a URL re-issued for a complete part leaves it complete, so the file can close
    info = dxpy.api.file_upload(fid, {"index": 1, "size": 3, "md5": md5(b"abc")})
    dxpy.api.file_close(fid, {})
    resp = http.request("PUT", info["url"], body=b"abc", headers=info["headers"])
    assert resp.status == 422 and error_type(resp) == "InvalidState"
    assert download(http, fid).data == b"z" * MIN_PART


def test_injected_faults_apply_to_storage_paths(project, http, emu):
    fid = new_file(project)
    emu.server.faults.add(parse_fault_spec("500:/storage/upload/*:1"))
    assert put_part(http, fid, 1, b"data").status == 500
    assert put_part(http, fid, 1, b"data").status == 200
    dxpy.api.file_close(fid, {})
    emu.server.faults.add(parse_fault_spec("truncate:/storage/download/*:1"))
    with pytest.raises(urllib3.exceptions.ProtocolError):
        download(http, fid)
    assert download(http, fid).data == b"data"


# -- close ----------------------------------------------------------------------------------------


def test_close_with_pending_part_fails(project, http):
    fid = new_file(project)
    assert put_part(http, fid, 1, b"a" * MIN_PART).status == 200
    dxpy.api.file_upload(fid, {"index": 2, "size": 4})
    with pytest.raises(exceptions.InvalidState) as info:
        dxpy.api.file_close(fid, {})
    assert "part 2" in str(info.value)
    assert put_part(http, fid, 2, b"done").status == 200
    dxpy.api.file_close(fid, {})
    assert dxpy.api.file_describe(fid, {})["size"] == MIN_PART + 4


def test_close_with_too_small_part_fails(project, http):
    fid = upload_file(http, project, [b"a" * (MIN_PART - 1), b"last"], close=False)
    with pytest.raises(exceptions.InvalidState) as info:
        dxpy.api.file_close(fid, {})
    assert "minimumPartSize" in str(info.value)
    assert dxpy.api.file_describe(fid, {})["state"] == "open"
    # the last part may be small, and the only part of a file is the last one
    fid2 = upload_file(http, project, [b"tiny"])
    assert dxpy.api.file_describe(fid2, {})["state"] == "closed"


def test_empty_last_part_rules(dx, http):
    azure = dxpy.api.project_new({"name": "azure-like", "region": "azure:westus"})["id"]
    try:
        fid = upload_file(http, azure, [b"abc", b""], close=False)
        with pytest.raises(exceptions.InvalidState):
            dxpy.api.file_close(fid, {})
    finally:
        dxpy.api.project_destroy(azure, {})


def test_close_twice_is_noop_and_permissions(project, http, emu, viewer):
    fid = upload_file(http, project, [b"abc"], close=False)
    dxpy.api.project_invite(project, {"invitee": viewer[0], "level": "VIEW"})
    with pytest.raises(EmulatorCallError) as info:
        emu.call(f"/{fid}/close", {}, token=viewer[1])
    assert info.value.error_type == "PermissionDenied"
    assert dxpy.api.file_close(fid, {}) == {"id": fid}
    assert dxpy.api.file_close(fid, {}) == {"id": fid}
    with pytest.raises(exceptions.InvalidState):
        dxpy.api.file_set_details(fid, {"a": 1})
    dxpy.api.file_rename(fid, {"project": project, "name": "renamed"})


def test_empty_files(project, http):
    fid = upload_file(http, project, [])
    desc = dxpy.api.file_describe(fid, {"fields": {"parts": True, "size": True, "state": True}})
    assert desc == {"id": fid, "parts": {}, "size": 0, "state": "closed"}
    resp = download(http, fid)
    assert resp.status == 200 and resp.data == b"" and resp.headers["Content-Length"] == "0"
    resp = download(http, fid, {"Range": "bytes=0-"})
    assert resp.status == 416 and resp.headers["Content-Range"] == "bytes */0"
    # dxpy's way: an empty part 1, then close
    fid2 = upload_file(http, project, [b""])
    assert dxpy.api.file_describe(fid2, {"fields": {"parts": True}})["parts"] == {
        "1": {"state": "complete", "size": 0, "md5": md5(b"")}
    }
    assert download(http, fid2).data == b""


def test_close_delay_goes_through_closing(project, http, emu):
    emu.server.config.extra["file_close_delay_ms"] = 100
    try:
        fid = upload_file(http, project, [b"abc"])
        assert dxpy.api.file_describe(fid, {})["state"] == "closing"
        with pytest.raises(exceptions.InvalidState):
            dxpy.api.file_download(fid, {})
        deadline = time.monotonic() + 30
        while dxpy.api.file_describe(fid, {})["state"] != "closed":
            assert time.monotonic() < deadline
            time.sleep(0.02)
    finally:
        emu.server.config.extra.pop("file_close_delay_ms", None)
    assert download(http, fid).data == b"abc"


# -- /download and GET ----------------------------------------------------------------------------


def test_download_route_inputs(project, http, emu, dx):
    fid = upload_file(http, project, [b"0123456789"])
    now = time.time() * 1000
    info = dxpy.api.file_download(fid, {"preauthenticated": True, "duration": 120, "filename": "a b.txt"})
    assert now + 110_000 <= info["expires"] <= now + 130_000 + 5000
    assert fid in info["url"] and info["url"].endswith("/a%20b.txt")
    assert info["headers"] == {}
    resp = http.request("GET", info["url"])
    assert resp.headers["Content-Disposition"].startswith('attachment; filename="a b.txt"')
    info = dxpy.api.file_download(fid, {"project": project})
    assert project in json.dumps(info) or fid in info["url"]
    assert dx.project_id not in info["url"]
    with pytest.raises(exceptions.ResourceNotFound):
        dxpy.api.file_download(fid, {"project": dx.project_id})  # exists, but not holding the file
    with pytest.raises(exceptions.ResourceNotFound):
        dxpy.api.file_download(fid, {"project": "project-" + "F" * 24})
    for bad in ({"duration": "1"}, {"preauthenticated": "yes"}, {"filename": 3}, {"project": "nope"}):
        with pytest.raises(exceptions.InvalidInput):
            dxpy.api.file_download(fid, bad)


def test_download_open_file_invalid_state(project, http):
    fid = upload_file(http, project, [b"abc"], close=False)
    with pytest.raises(exceptions.InvalidState):
        dxpy.api.file_download(fid, {})


def test_download_permissions(project, http, emu, viewer):
    fid = upload_file(http, project, [b"abc"])
    _, stranger = emu.new_user("dlstranger" + os.urandom(3).hex())
    with pytest.raises(EmulatorCallError) as info:
        emu.call(f"/{fid}/download", {}, token=stranger)
    assert info.value.error_type == "ResourceNotFound"
    dxpy.api.project_invite(project, {"invitee": viewer[0], "level": "VIEW"})
    url = emu.call(f"/{fid}/download", {}, token=viewer[1])["url"]
    assert http.request("GET", url).data == b"abc"


def test_get_with_authorization_header_rejected(project, http, emu):
    fid = upload_file(http, project, [b"abc"])
    resp = download(http, fid, {"Authorization": "Bearer " + emu.token})
    assert resp.status == 400 and error_type(resp) == "BadRequest"
    info = dxpy.api.file_download(fid, {})
    forged = info["url"].replace(fid + "/", fid + "/x")
    assert http.request("GET", forged).status == 403
    expired = emu.server.config.sign({"k": "d", "f": fid, "p": project}, int(time.time() * 1000) - 5)
    url = storage.storage_base_url(emu.server.config) + f"{storage.DOWNLOAD_PREFIX}{fid}/{expired}/x"
    resp = http.request("GET", url)
    assert resp.status == 403 and error_type(resp) == "PermissionDenied"


RANGE_CASES = [
    ("bytes=0-0", 206, 0, 0),
    ("bytes=0-49", 206, 0, 49),
    ("bytes=49-49", 206, 49, 49),
    ("bytes=10-25", 206, 10, 25),  # crosses the part boundary at 16
    ("bytes=16-31", 206, 16, 31),
    ("bytes=40-", 206, 40, 49),
    ("bytes=-5", 206, 45, 49),
    ("bytes=-500", 206, 0, 49),
    ("bytes=45-1000", 206, 45, 49),
    ("bytes=0-1,5-6", 200, 0, 49),  # several ranges: whole body
    ("bytes=7-3", 200, 0, 49),  # invalid: ignored
    ("items=0-3", 200, 0, 49),
    ("bytes=abc", 200, 0, 49),
]


def test_range_requests(project, http):
    data = os.urandom(50)
    fid = upload_file(http, project, [data[:16], data[16:32], data[32:]])
    info = dxpy.api.file_download(fid, {})
    for header, status, start, end in RANGE_CASES:
        resp = http.request("GET", info["url"], headers={"Range": header})
        assert resp.status == status, header
        assert resp.data == data[start : end + 1], header
        assert resp.headers["Content-Length"] == str(end - start + 1)
        if status == 206:
            assert resp.headers["Content-Range"] == f"bytes {start}-{end}/50"
        else:
            assert "Content-Range" not in resp.headers
        assert "Content-Encoding" not in resp.headers
    for header in ("bytes=50-", "bytes=50-60", "bytes=-0", "bytes=1000-2000"):
        resp = http.request("GET", info["url"], headers={"Range": header})
        assert resp.status == 416, header
        assert resp.headers["Content-Range"] == "bytes */50"


def test_head_and_keepalive(project, emu):
    data = b"k" * 40
    fid = upload_file(urllib3.PoolManager(), project, [data])
    url = urllib.parse.urlsplit(dxpy.api.file_download(fid, {})["url"])
    conn = HTTPConnection(url.hostname, url.port, timeout=10)
    try:
        conn.request("HEAD", url.path)
        resp = conn.getresponse()
        assert resp.status == 200 and resp.getheader("Content-Length") == "40" and resp.read() == b""
        assert resp.getheader("Accept-Ranges") == "bytes"
        for _ in range(3):  # same connection, several ranged reads
            conn.request("GET", url.path, headers={"Range": "bytes=5-9"})
            resp = conn.getresponse()
            assert resp.status == 206 and resp.read() == b"kkkkk"
    finally:
        conn.close()


def test_download_of_deleted_file_and_blob_cleanup(project, http, emu):
    fid = upload_file(http, project, [b"p" * MIN_PART, b"q"])
    url = dxpy.api.file_download(fid, {})["url"]
    names = [r["blob"] for r in _part_rows(emu, fid)]
    assert all(storage.blob_store(emu.server.config).exists(n) for n in names)
    dxpy.api.project_remove_objects(project, {"objects": [fid]})
    resp = http.request("GET", url)
    assert resp.status == 404 and error_type(resp) == "ResourceNotFound"
    storage.drain_trash(emu.server.config)
    assert not any(storage.blob_store(emu.server.config).exists(n) for n in names)


def _part_rows(emu: Emulator, fid: str) -> list:
    assert emu.server.store is not None
    with emu.server.store.read() as db:
        return storage.part_rows(db, fid)


def test_corrupted_blob_is_served_as_is(project, http, emu):
    """Clients must detect corruption with the describe md5s; the server does not hide it."""
    data = b"a" * 30
    fid = upload_file(http, project, [data])
    (row,) = _part_rows(emu, fid)
    path = storage.file_path_for_tests(emu.server.config, row["blob"])
    with open(path, "r+b") as fh:
        fh.write(b"Z")
    body = download(http, fid).data
    parts = dxpy.api.file_describe(fid, {"fields": {"parts": True}})["parts"]
    assert len(body) == 30 and md5(body) != parts["1"]["md5"]


def test_storage_host_option(project, emu):
    cfg = emu.server.config
    fid = new_file(project)
    try:
        cfg.extra["storage_host"] = "same"
        url = dxpy.api.file_upload(fid, {"index": 1})["url"]
        assert urllib.parse.urlsplit(url).hostname == "127.0.0.1"
        cfg.extra["storage_host"] = "localhost"
        url = dxpy.api.file_upload(fid, {"index": 1})["url"]
        assert urllib.parse.urlsplit(url).hostname == "localhost"
    finally:
        cfg.extra.pop("storage_host", None)


def test_options_from_environment(project, emu, monkeypatch):
    cfg = emu.server.config
    fid = new_file(project)
    monkeypatch.setenv("DX_EMULATOR_STORAGE_HOST", "same")
    url = dxpy.api.file_upload(fid, {"index": 1})["url"]
    assert urllib.parse.urlsplit(url).hostname == "127.0.0.1"
    cfg.extra["storage_host"] = "auto"  # the server's own setting wins
    try:
        url = dxpy.api.file_upload(fid, {"index": 1})["url"]
        assert urllib.parse.urlsplit(url).hostname == "localhost"
    finally:
        cfg.extra.pop("storage_host", None)
    monkeypatch.setenv("DX_EMULATOR_FILE_CLOSE_DELAY_MS", "60000")
    slow = new_file(project)
    dxpy.api.file_close(slow, {})
    assert dxpy.api.file_describe(slow, {})["state"] == "closing"
    monkeypatch.setenv("DX_EMULATOR_FILE_CLOSE_DELAY_MS", "soon")
    other = new_file(project)
    dxpy.api.file_close(other, {})
    assert dxpy.api.file_describe(other, {})["state"] == "closed"


def test_concurrent_uploads_of_one_part_stay_consistent(project, http):
    fid = new_file(project)
    versions = [bytes([65 + i]) * (MIN_PART + i) for i in range(8)]
    with ThreadPoolExecutor(8) as pool:
        assert set(pool.map(lambda d: put_part(http, fid, 1, d).status, versions)) == {200}
    dxpy.api.file_close(fid, {})
    part = dxpy.api.file_describe(fid, {"fields": {"parts": True}})["parts"]["1"]
    body = download(http, fid).data
    assert body in versions
    assert (md5(body), len(body)) == (part["md5"], part["size"])


def test_large_part_streams(project, http):
    data = os.urandom(3 * 1024 * 1024 + 5)
    fid = upload_file(http, project, [data[: 2 * 1024 * 1024], data[2 * 1024 * 1024 :]])
    resp = download(http, fid, {"Range": f"bytes=1000-{len(data) - 1}"})
    assert resp.status == 206 and resp.data == data[1000:]


# -- restart and housekeeping ---------------------------------------------------------------------


def test_restart_keeps_files_and_sweeps(tmp_path):
    state = str(tmp_path / "state")
    pool = urllib3.PoolManager(retries=False)
    with Emulator(state_dir=state) as first, first.configure_dxpy():
        fid = upload_file(pool, first.project_id, [b"persisted"])
        open_id = upload_file(pool, first.project_id, [b"x"], close=False)
        first.server.config.extra["file_close_delay_ms"] = 60_000
        dxpy.api.file_close(open_id, {})
        assert dxpy.api.file_describe(open_id, {})["state"] == "closing"
    orphan = BlobStore(os.path.join(state, "blobs")).store_bytes(b"orphan")
    with Emulator(state_dir=state) as second:  # the server runs _routes_files.on_server_start
        with second.configure_dxpy():
            assert download(pool, fid).data == b"persisted"
            assert dxpy.api.file_describe(open_id, {})["state"] == "closed"
        assert not storage.blob_store(second.server.config).exists(orphan.name)
        assert storage.blob_store(second.server.config).exists(_part_rows(second, fid)[0]["blob"])
        assert routes_files.on_server_start(second.server.config) is None  # idempotent


def test_storage_base_url_swaps_host_textually():
    from dxpy.emulator._protocol.registry import ServerConfig

    def base(url: str, **extra: str) -> str:
        cfg = ServerConfig(base_url=url, secret=b"k", state_dir="/nonexistent", blob_dir="/nonexistent")
        cfg.extra.update(extra)
        return storage.storage_base_url(cfg)

    assert base("http://127.0.0.1:8124") == "http://localhost:8124"
    assert base("http://localhost:8124") == "http://127.0.0.1:8124"
    assert base("http://10.0.0.5:80") == "http://10.0.0.5:80"
    assert base("http://[::1]:9") == "http://[::1]:9"
    assert base("http://127.0.0.1:8124", storage_host="same") == "http://127.0.0.1:8124"
    assert base("http://127.0.0.1:8124", storage_host="files.test") == "http://files.test:8124"


def test_redact_path():
    assert storage.redact_path("/storage/upload/file-x/3/abc.def") == "/storage/upload/file-x/3/<token>"
    redacted = storage.redact_path("/storage/download/file-x/abc.def/n.txt")
    assert redacted == "/storage/download/file-x/<token>/n.txt"
    assert storage.redact_path("/system/whoami") == "/system/whoami"


def test_parse_range_unit():
    assert storage.parse_range(None, 10) is None
    assert storage.parse_range("bytes=0-", 0) == "unsatisfiable"
    assert storage.parse_range("bytes=-3", 10) == (7, 9)
    assert storage.parse_range(" bytes = 2 - 4 ", 10) == (2, 4)
    assert storage.parse_range("bytes=-", 10) is None


def test_error_bodies_do_not_echo_tokens(project, http, emu):
    fid = new_file(project)
    info = dxpy.api.file_upload(fid, {"index": 1, "size": 1})
    token = info["url"].rsplit("/", 1)[1]
    resp = http.request("PUT", info["url"], body=b"ab", headers={"Content-Length": "2"})
    assert resp.status == 400 and token not in resp.data.decode()


# -- stable download URLs (issue: compatibility, item 11) ------------------------------------------


def test_the_same_download_input_gives_the_same_url_while_it_is_valid(project, http):
    fid = upload_file(http, project, [b"stable bytes"])
    first = dxpy.api.file_download(fid, {})
    assert dxpy.api.file_download(fid, {}) == first
    named = dxpy.api.file_download(fid, {"filename": "other.txt"})
    assert named["url"] != first["url"] and named["url"].endswith("/other.txt")
    assert dxpy.api.file_download(fid, {"filename": "other.txt"}) == named
    pre = dxpy.api.file_download(fid, {"preauthenticated": True, "duration": 600})
    assert pre["url"] != first["url"]
    assert abs(pre["expires"] - (time.time() * 1000 + 600_000)) < 120_000
    assert dxpy.api.file_download(fid, {"preauthenticated": True, "duration": 600}) == pre
    assert http.request("GET", first["url"]).data == b"stable bytes"


def test_a_url_close_to_expiry_is_not_handed_out_again(emu, project, http):
    fid = upload_file(http, project, [b"x"])
    first = dxpy.api.file_download(fid, {"duration": 3600})
    cache = emu.server.config.extra["download_urls"]
    (key, (url, _expires)), = [(k, v) for k, v in cache.items() if v[0] == first["url"]]
    soon = int(time.time() * 1000) + 5_000
    cache[key] = (url, soon)  # pretend it is about to expire
    fresh = dxpy.api.file_download(fid, {"duration": 3600})
    assert fresh["expires"] >= first["expires"] > soon  # a new hour-long URL, not the nearly expired one
    assert cache[key] == (fresh["url"], fresh["expires"])
