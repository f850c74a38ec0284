"""Databases: download URLs (/database-xxxx/downloadFile, cached per file) and downloading a file of
a database in ranged chunks to a local directory."""

from __future__ import annotations

from typing import Any

import pytest

import dxpy
from dxpy.exceptions import DXError
from tests._support.testserver import RecordedRequest, handler, reply

DB = "database-" + "D" * 24
PROJ = "project-" + "F" * 24
CONTENT = bytes(range(256)) * 40  # 10240 bytes


def _platform(server: Any) -> Any:
    def answer(req: RecordedRequest) -> Any:
        if req.path == f"/{DB}/describe":
            return reply(json={"id": DB, "project": PROJ})
        if req.path == f"/{DB}/downloadFile":
            url = server.url + "/blob/" + req.json()["filename"]
            return reply(json={"url": url, "headers": {"X-Sig": "s"}})
        if req.path.startswith("/blob/"):
            first, last = req.headers["range"].removeprefix("bytes=").split("-")
            return reply(206, body=CONTENT[int(first): int(last) + 1])
        return reply(404, json={"error": {"type": "ResourceNotFound", "message": req.path}})

    return handler(answer)


def test_get_download_url_bills_the_handlers_project_and_is_cached(dx_test_context: Any,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DX_JOB_ID", raising=False)
    server = dx_test_context
    server.default = _platform(server)
    db = dxpy.DXDatabase(DB, project=PROJ)
    url, headers = db.get_download_url(src_filename="tables/a.parquet")
    assert url.endswith("/blob/tables/a.parquet") and headers == {"X-Sig": "s"}
    assert db.get_download_url(src_filename="tables/a.parquet") == (url, headers)
    calls = [(q.path, q.json()) for q in server.requests]
    assert calls == [(f"/{DB}/describe", {"project": PROJ, "fields": {"project": True}}),
                     (f"/{DB}/downloadFile", {"filename": "tables/a.parquet", "projectContext": PROJ}),
                     (f"/{DB}/describe", {"project": PROJ, "fields": {"project": True}})]
    db.get_download_url(src_filename="b", project=db.NO_PROJECT_HINT)
    assert server.requests[-1].json() == {"filename": "b"}


def test_download_dxdatabasefile_writes_the_file_in_chunks(dx_test_context: Any, tmp_path: Any) -> None:
    server = dx_test_context
    server.default = _platform(server)
    dxpy.download_dxdatabasefile(DB, str(tmp_path / "out"), "dir/part-0.csv", {"size": len(CONTENT)},
                                 chunksize=4096, project=PROJ)
    assert (tmp_path / "out" / "dir" / "part-0.csv").read_bytes() == CONTENT
    ranges = [q.headers["range"] for q in server.requests if q.path.startswith("/blob/")]
    assert ranges == ["bytes=0-4095", "bytes=4096-8191", "bytes=8192-10239"]
    assert [q.path for q in server.requests].count(f"/{DB}/downloadFile") == 1


def test_download_dxdatabasefile_checks_its_arguments(dx_test_context: Any, tmp_path: Any) -> None:
    with pytest.raises(DXError, match="size"):
        dxpy.download_dxdatabasefile(DB, str(tmp_path), "x", {}, project=PROJ)
    with pytest.raises(DXError, match="chunksize"):
        dxpy.download_dxdatabasefile(DB, str(tmp_path), "x", {"size": 1}, chunksize=0, project=PROJ)
    assert dx_test_context.requests == []
