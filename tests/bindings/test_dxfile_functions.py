"""File functions through the emulator: uploads, downloads, resume, corruption, folders, progress."""

from __future__ import annotations

import hashlib
import io
import os
import tracemalloc
from collections.abc import Iterator
from typing import Any

import _filehelp
import pytest

import dxpy
from dxpy.bindings import _transfer as transfer
from dxpy.bindings import dxfile_functions as files
from dxpy.bindings.dxfile import DXFile
from dxpy.emulator._blobstore.blobs import BlobStore
from dxpy.emulator._blobstore.storage import part_rows
from dxpy.emulator._protocol.faults import parse_fault_spec
from dxpy.exceptions import DXChecksumMismatchError, DXError, DXFileError

small_project = _filehelp.small_project
no_sleep = _filehelp.no_sleep

PART = _filehelp.PART


@pytest.fixture
def fetched(monkeypatch: pytest.MonkeyPatch) -> list:
    """Record the byte ranges every download GET asks for."""
    ranges: list = []
    real = transfer.fetch_range

    def spy(url_source: Any, start: int, end: int, **kwargs: Any) -> bytes:
        ranges.append((start, end))
        return real(url_source, start, end, **kwargs)

    monkeypatch.setattr(transfer, "fetch_range", spy)
    return ranges


def _local(tmp_path: Any, data: bytes, name: str = "local.bin") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def _corrupt_part(dx_emulator: Any, file_id: str, index: int) -> None:
    """Flip the first byte of a stored part (same length, different bytes)."""
    with dx_emulator.server.store.read() as db:
        row = next(r for r in part_rows(db, file_id) if r["idx"] == index)
    path = BlobStore(dx_emulator.server.config.blob_dir).path(row["blob"])
    with open(path, "r+b") as fd:
        first = fd.read(1)
        fd.seek(0)
        fd.write(bytes([first[0] ^ 0xFF]))


# -- uploads ----------------------------------------------------------------------------------


def test_upload_local_file_by_path_with_metadata(small_project: str, tmp_path: Any) -> None:
    data = os.urandom(3 * PART + 5)
    handler = files.upload_local_file(
        _local(tmp_path, data, "reads.fastq"), media_type="text/plain", write_buffer_size=PART,
        folder="/in/sub", parents=True, tags=["t1"], properties={"k": "v"}, details={"d": 1},
        wait_on_close=True,
    )
    desc = handler.describe(incl_properties=True, incl_details=True)
    assert (desc["name"], desc["folder"], desc["media"], desc["state"]) == \
        ("reads.fastq", "/in/sub", "text/plain", "closed")
    assert desc["tags"] == ["t1"] and desc["properties"] == {"k": "v"} and desc["details"] == {"d": 1}
    assert desc["size"] == len(data)
    assert len(handler.describe(fields={"parts": True})["parts"]) == 4
    assert DXFile(handler.get_id(), mode="rb").read() == data


def test_upload_local_file_from_a_file_object_and_keep_open(small_project: str) -> None:
    stream = io.BytesIO(b"streamed " * 300)
    handler = files.upload_local_file(file=stream, name="s.txt", keep_open=True, write_buffer_size=PART,
                                      multithread=False)
    assert handler.describe()["state"] == "open"
    handler.close(block=True)
    assert DXFile(handler.get_id()).read() == "streamed " * 300


def test_stream_of_unknown_size_grows_its_parts(dx_emulator: Any) -> None:
    params = {"minimumPartSize": PART, "maximumNumParts": 16, "maximumPartSize": 4 * PART}
    project = dx_emulator.call("project/new", {"name": "growing", "fileUploadParameters": params})["id"]
    try:
        with dx_emulator.configure_dxpy(project_id=project):
            data = os.urandom(35 * PART)  # 35 parts of the base size would exceed 16 parts
            handler = files.upload_local_file(file=io.BytesIO(data), name="stream", write_buffer_size=PART)
            parts = handler.describe(fields={"parts": True})["parts"]
            sizes = [parts[k]["size"] for k in sorted(parts, key=int)]
            assert sizes == [PART] * 2 + [2 * PART] * 2 + [4 * PART] * 7 + [PART]
            assert DXFile(handler.get_id(), mode="rb").read() == data
    finally:
        dx_emulator.call(f"{project}/destroy", {})


def test_upload_local_file_into_an_existing_file(small_project: str, tmp_path: Any) -> None:
    target = files.new_dxfile(name="given")
    handler = files.upload_local_file(_local(tmp_path, b"into existing"), use_existing_dxfile=target)
    assert handler is target
    assert handler.describe()["name"] == "given"
    assert handler.closed()


def test_upload_local_file_needs_a_source() -> None:
    with pytest.raises(DXError, match="filename or file"):
        files.upload_local_file()


def test_upload_string_and_new_and_open(small_project: str) -> None:
    text = files.upload_string("plain text", media_type="text/x-test", name="t", wait_on_close=True)
    assert text.describe()["media"] == "text/x-test"
    raw = files.upload_string(b"\x00\xff bytes", keep_open=True)
    assert raw.describe()["state"] == "open"
    raw.close(block=True)
    handle = files.open_dxfile(raw.get_id(), mode="rb", read_buffer_size=4)
    assert handle.read() == b"\x00\xff bytes"
    assert handle.get_proj_id() == small_project
    assert files.new_dxfile(name="fresh").describe()["state"] == "open"


def test_upload_progress_callback_and_forced_bar(small_project: str, tmp_path: Any,
                                                 capsys: pytest.CaptureFixture) -> None:
    data = os.urandom(5 * PART)
    calls: list = []
    handler = files.upload_local_file(_local(tmp_path, data), write_buffer_size=PART, show_progress="force",
                                      report_progress_fn=lambda h, n: calls.append((h, n)))
    assert sum(n for _, n in calls) == len(data) and all(h is handler for h, _ in calls)
    err = capsys.readouterr().err
    assert "Uploaded 5.0 KiB of 5.0 KiB (100%)" in err and err.endswith("\n")
    files.upload_local_file(_local(tmp_path, data, "quiet.bin"), show_progress=True)
    assert capsys.readouterr().err == "", "no bar when stderr is not a terminal"


def test_upload_progress_counts_the_last_partial_part(small_project: str, tmp_path: Any) -> None:
    data = os.urandom(2 * PART + PART // 2)  # the last part is sent by the final flush
    calls: list = []
    files.upload_local_file(_local(tmp_path, data), write_buffer_size=PART,
                            report_progress_fn=lambda h, n: calls.append(n))
    assert sum(calls) == len(data) and calls.count(PART // 2) == 1


def test_upload_failure_leaves_the_file_open(small_project: str, dx_emulator: Any, tmp_path: Any,
                                             no_sleep: list) -> None:
    dx_emulator.server.faults.add(parse_fault_spec("drop:/storage/upload/*:100"))
    with pytest.raises(DXError):
        files.upload_local_file(_local(tmp_path, os.urandom(3 * PART)), name="broken", write_buffer_size=PART)
    dx_emulator.server.faults.clear()
    found = dxpy.api.system_find_data_objects({"class": "file", "name": "broken",
                                               "scope": {"project": small_project}, "describe": True})
    assert [r["describe"]["state"] for r in found["results"]] == ["open"]


# -- downloads --------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, PART, 4 * PART, 4 * PART + 100])
def test_download_round_trip(small_project: str, tmp_path: Any, size: int) -> None:
    data = os.urandom(size)
    handler = files.upload_local_file(_local(tmp_path, data), write_buffer_size=PART, wait_on_close=True)
    out = tmp_path / "out.bin"
    files.download_dxfile(handler.get_id(), str(out), chunksize=700)
    assert out.read_bytes() == data


def test_download_accepts_handlers_links_and_describe_output(small_project: str, tmp_path: Any) -> None:
    handler = files.upload_string("abc" * 1000, write_buffer_size=PART, wait_on_close=True)
    desc = handler.describe(fields={"parts": True, "size": True, "state": True})
    for i, source in enumerate([handler, dxpy.bindings.dxlink(handler.get_id()), handler.get_id()]):
        out = tmp_path / f"o{i}"
        files.download_dxfile(source, str(out), describe_output=desc if i == 2 else None,
                              project=small_project)
        assert out.read_text() == "abc" * 1000


def test_parallel_download_asks_for_one_url(small_project: str, tmp_path: Any,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    data = os.urandom(8 * PART)
    handler = files.upload_local_file(_local(tmp_path, data), write_buffer_size=PART)
    calls: list = []
    real = dxpy.api.file_download

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(dxpy.api, "file_download", counting)
    out = tmp_path / "out.bin"
    files.download_dxfile(handler.get_id(), str(out), chunksize=PART)
    assert out.read_bytes() == data
    assert calls == [handler.get_id()], "workers share the first URL instead of each asking for one"


def test_download_refuses_an_open_file(small_project: str, tmp_path: Any) -> None:
    handler = files.upload_string("open", keep_open=True)
    with pytest.raises(DXFileError, match="not closed"):
        files.download_dxfile(handler.get_id(), str(tmp_path / "x"))


def test_download_progress(small_project: str, tmp_path: Any, capsys: pytest.CaptureFixture) -> None:
    data = os.urandom(3 * PART)
    handler = files.upload_local_file(_local(tmp_path, data), write_buffer_size=PART)
    calls: list = []
    files.download_dxfile(handler.get_id(), str(tmp_path / "p"), chunksize=500, show_progress="force",
                          report_progress_fn=lambda h, n: calls.append(n))
    assert sum(calls) == len(data) and max(calls) == 500
    assert "Downloaded 3.0 KiB of 3.0 KiB (100%)" in capsys.readouterr().err


def test_corrupted_part_on_the_server_raises_checksum_error(small_project: str, dx_emulator: Any,
                                                            tmp_path: Any, fetched: list) -> None:
    data = os.urandom(3 * PART)
    handler = files.upload_local_file(_local(tmp_path, data), write_buffer_size=PART)
    _corrupt_part(dx_emulator, handler.get_id(), 2)
    out = tmp_path / "out.bin"
    with pytest.raises(DXChecksumMismatchError, match="part 2"):
        files.download_dxfile(handler.get_id(), str(out))
    assert fetched.count((PART, 2 * PART)) == 1 + transfer.PART_RETRIES
    assert out.read_bytes()[:PART] == data[:PART]


def test_download_without_a_parts_listing_checks_the_whole_file_md5(small_project: str, tmp_path: Any,
                                                                     fetched: list) -> None:
    data = os.urandom(3 * PART)
    handler = files.upload_local_file(_local(tmp_path, data), write_buffer_size=PART)
    # what the platform reports for a symlinked file: no parts, a whole-file MD5
    desc = {"id": handler.get_id(), "state": "closed", "size": len(data), "parts": {},
            "md5": hashlib.md5(data).hexdigest()}
    out = tmp_path / "sym.bin"
    files.download_dxfile(handler.get_id(), str(out), describe_output=desc, chunksize=PART)
    assert out.read_bytes() == data
    fetched.clear()
    desc["md5"] = "0" * 32
    with pytest.raises(DXChecksumMismatchError):
        files.download_dxfile(handler.get_id(), str(out), describe_output=desc, symlink_max_tries=2)
    assert fetched == [(0, len(data))] * 2


@pytest.mark.parametrize("fault", ["500:/storage/download/*:3", "drop:/storage/download/*:2",
                                   "truncate:/storage/download/*:2", "503:/file-*/download:1"])
def test_download_survives_transient_faults(small_project: str, dx_emulator: Any, tmp_path: Any,
                                            no_sleep: list, fault: str) -> None:
    data = os.urandom(4 * PART)
    handler = files.upload_local_file(_local(tmp_path, data), write_buffer_size=PART)
    dx_emulator.server.faults.add(parse_fault_spec(fault))
    out = tmp_path / "out.bin"
    files.download_dxfile(handler.get_id(), str(out), chunksize=PART)
    assert out.read_bytes() == data
    assert dx_emulator.server.faults.list() == []


class Interrupted(Exception):
    pass


def _intact_leading_parts(local: bytes, data: bytes) -> int:
    """How many leading PART-sized parts of *local* equal those of *data*."""
    count = 0
    while count * PART < len(data):
        span = slice(count * PART, (count + 1) * PART)
        if local[span] != data[span]:
            break
        count += 1
    return count


def test_interrupted_download_resumes_when_run_again(small_project: str, tmp_path: Any,
                                                     fetched: list) -> None:
    data = os.urandom(6 * PART)
    handler = files.upload_local_file(_local(tmp_path, data), write_buffer_size=PART)
    out = tmp_path / "out.bin"
    written: list = []

    def stop_after_two_and_a_half_parts(_h: Any, num_bytes: int) -> None:
        written.append(num_bytes)
        if sum(written) >= 2 * PART + PART // 2:
            raise Interrupted

    with pytest.raises(Interrupted):
        files.download_dxfile(handler.get_id(), str(out), chunksize=PART // 2,
                              report_progress_fn=stop_after_two_and_a_half_parts)
    partial = out.read_bytes()
    assert partial != data
    # chunks land out of order: whatever is on disk is either the right bytes or a hole (zeros)
    assert all(partial[i:i + PART // 2] in (data[i:i + PART // 2], bytes(PART // 2))
               for i in range(0, len(partial), PART // 2))
    intact = _intact_leading_parts(partial, data)
    fetched.clear()
    files.download_dxfile(handler.get_id(), str(out), chunksize=PART // 2)
    assert out.read_bytes() == data
    assert sorted(fetched) == [(s, s + PART // 2) for s in range(intact * PART, 6 * PART, PART // 2)], \
        "intact leading parts are kept, every other part is fetched again"


def test_resume_does_not_trust_parts_without_md5(small_project: str, tmp_path: Any, fetched: list) -> None:
    data = os.urandom(3 * PART)
    handler = files.upload_local_file(_local(tmp_path, data), write_buffer_size=PART)
    desc = handler.describe(fields={"parts": True, "size": True, "state": True})
    for part in desc["parts"].values():
        del part["md5"]
    out = tmp_path / "out.bin"
    out.write_bytes(data[:PART] + bytes(PART) + data[2 * PART:])  # a hole where part 2 belongs
    files.download_dxfile(handler.get_id(), str(out), describe_output=desc)
    assert out.read_bytes() == data
    assert sorted(fetched) == [(0, PART), (PART, 2 * PART), (2 * PART, 3 * PART)]


def test_resume_refetches_parts_that_differ_on_disk(small_project: str, tmp_path: Any, fetched: list,
                                                    capsys: pytest.CaptureFixture) -> None:
    data = os.urandom(3 * PART)
    handler = files.upload_local_file(_local(tmp_path, data), write_buffer_size=PART)
    out = tmp_path / "out.bin"
    out.write_bytes(data[:PART] + b"X" + data[PART + 1:] + b"extra bytes beyond the end")
    files.download_dxfile(handler.get_id(), str(out))
    assert out.read_bytes() == data
    # workers fetch in parallel: the order in which they start is up to the scheduler
    assert sorted(fetched) == [(PART, 2 * PART), (2 * PART, 3 * PART)]
    fetched.clear()
    files.download_dxfile(handler.get_id(), str(out), show_progress="force")
    assert fetched == [] and out.read_bytes() == data
    assert "Downloaded 3.0 KiB of 3.0 KiB (100%)" in capsys.readouterr().err


@pytest.mark.parametrize("positional", [True, False])
def test_positional_file_writes_from_many_threads(tmp_path: Any, positional: bool) -> None:
    import threading

    blocks = [bytes([i]) * 4096 for i in range(32)]
    with open(tmp_path / "f.bin", "w+b", buffering=0) as fd:
        target = files._PositionalFile(fd)
        target._positional = positional  # False: the seek-and-write fallback for platforms without pwrite
        threads = [threading.Thread(target=target.write_at, args=(i * 4096, block))
                   for i, block in reversed(list(enumerate(blocks)))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert target.read_at(5 * 4096, 4096) == blocks[5]
        assert target.read_at(31 * 4096 + 100, 10_000) == blocks[31][100:], "short read at the end"
    assert (tmp_path / "f.bin").read_bytes() == b"".join(blocks)


def test_without_append_an_existing_local_file_ends_up_as_the_remote_file(small_project: str,
                                                                        tmp_path: Any) -> None:
    handler = files.upload_string("short")
    out = tmp_path / "out.txt"
    out.write_text("a much longer previous content")
    files.download_dxfile(handler.get_id(), str(out))
    assert out.read_text() == "short"


def test_append_writes_the_whole_remote_file_after_the_local_bytes(small_project: str, tmp_path: Any,
                                                                   fetched: list) -> None:
    data = os.urandom(3 * PART)
    handler = files.upload_local_file(_local(tmp_path, data), write_buffer_size=PART)
    out = tmp_path / "out.bin"
    out.write_bytes(b"LOCAL-" + data[:PART])  # even bytes that look like part 1 are not "resumed"
    files.download_dxfile(handler.get_id(), str(out), chunksize=PART // 2, append=True)
    assert out.read_bytes() == b"LOCAL-" + data[:PART] + data
    assert sorted(fetched) == [(s, s + PART // 2) for s in range(0, 3 * PART, PART // 2)]
    files.download_dxfile(handler.get_id(), str(tmp_path / "new.bin"), append=True)
    assert (tmp_path / "new.bin").read_bytes() == data, "append to a missing file creates it"


@pytest.fixture
def subprocess_emulator(tmp_path: Any) -> Iterator[str]:
    """An emulator in another process (so its buffers are not counted), dxpy pointed at it.

    :returns: a project with 256 KiB minimum parts
    """
    import json
    import shlex
    import subprocess
    import sys
    import time

    env_file = tmp_path / "emulator.env"
    proc = subprocess.Popen([sys.executable, "-m", "dxpy.emulator", "serve", "--port", "0",
                             "--state-dir", str(tmp_path / "state"), "--env-file", str(env_file)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    previous = (dxpy.APISERVER_HOST, dxpy.APISERVER_PORT, dxpy.APISERVER_PROTOCOL, dxpy.SECURITY_CONTEXT,
                dxpy.PROJECT_CONTEXT_ID, dxpy.WORKSPACE_ID)
    try:
        deadline = time.monotonic() + 30
        while not env_file.exists():
            assert proc.poll() is None and time.monotonic() < deadline, "emulator did not start"
            time.sleep(0.05)
        env = dict(line[len("export "):].split("=", 1) for line in env_file.read_text().splitlines()
                   if line.startswith("export "))
        env = {k: shlex.split(v)[0] for k, v in env.items()}
        dxpy.set_api_server_info(host=env["DX_APISERVER_HOST"], port=env["DX_APISERVER_PORT"],
                                 protocol="http")
        dxpy.set_security_context(json.loads(env["DX_SECURITY_CONTEXT"]))
        params = {"minimumPartSize": 256 * 1024}
        project = dxpy.api.project_new({"name": "memory", "fileUploadParameters": params})["id"]
        dxpy.set_project_context(project)
        dxpy.set_workspace_id(project)
        yield project
    finally:
        host, port, protocol, security, project_ctx, workspace = previous
        dxpy.set_api_server_info(host=host, port=port, protocol=protocol)
        dxpy.set_security_context(security)
        dxpy.set_project_context(project_ctx)
        dxpy.set_workspace_id(workspace)
        proc.terminate()
        proc.wait(timeout=30)


def test_large_transfer_memory_stays_bounded(subprocess_emulator: str, tmp_path: Any) -> None:
    part = 256 * 1024
    data = os.urandom(64 * part)  # 16 MiB in 64 parts
    source = _local(tmp_path, data)
    del data
    tracemalloc.start()
    try:
        handler = files.upload_local_file(source, write_buffer_size=part)
        _, upload_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        files.download_dxfile(handler.get_id(), str(tmp_path / "back.bin"), chunksize=part)
        _, download_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # parts in flight (pool + 1 or 2), the one being read or written, transport buffers:
    # a few parts, far below the 64 parts of the file
    bound = (transfer.pool_size() + 6) * part
    assert upload_peak < bound and download_peak < bound, (upload_peak, download_peak, bound)
    with open(source, "rb") as a, open(tmp_path / "back.bin", "rb") as b:
        assert hashlib.md5(a.read()).digest() == hashlib.md5(b.read()).digest()


# -- folders ----------------------------------------------------------------------------------


def _tree(project: str) -> None:
    for folder in ("/data/a/deep", "/data/empty", "/other"):
        dxpy.api.project_new_folder(project, {"folder": folder, "parents": True})
    files.upload_string("top", name="top.txt", folder="/data")
    files.upload_string("in a", name="a.txt", folder="/data/a")
    files.upload_string("deep", name="d.txt", folder="/data/a/deep")
    files.upload_string("elsewhere", name="o.txt", folder="/other")
    files.upload_string("still open", name="open.txt", folder="/data", keep_open=True)


def test_list_subfolders(small_project: str) -> None:
    _tree(small_project)
    assert files.list_subfolders(small_project, "/data") == \
        ["/data", "/data/a", "/data/a/deep", "/data/empty"]
    assert files.list_subfolders(small_project, "/data/", recurse=False) == \
        ["/data", "/data/a", "/data/empty"]
    assert files.list_subfolders(small_project, "/", recurse=False) == ["/", "/data", "/other"]
    assert files.list_subfolders(small_project, "/nope") == []
    with pytest.raises(DXError, match="start with '/'"):
        files.list_subfolders(small_project, "data")


def test_download_folder_mirrors_the_tree(small_project: str, tmp_path: Any) -> None:
    _tree(small_project)
    dest = tmp_path / "dest"
    files.download_folder(small_project, str(dest), folder="/data")
    found = sorted(str(p.relative_to(dest)) for p in dest.rglob("*"))
    assert found == ["a", "a/a.txt", "a/deep", "a/deep/d.txt", "empty", "top.txt"]
    assert (dest / "a" / "deep" / "d.txt").read_text() == "deep"
    with pytest.raises(DXFileError, match="already exists"):
        files.download_folder(small_project, str(dest), folder="/data")
    (dest / "top.txt").write_text("changed locally")
    files.download_folder(small_project, str(dest), folder="/data/", overwrite=True)
    assert (dest / "top.txt").read_text() == "top"


def test_download_folder_errors(small_project: str, tmp_path: Any) -> None:
    _tree(small_project)
    with pytest.raises(DXFileError, match="not found"):
        files.download_folder(small_project, str(tmp_path / "x"), folder="/missing")
    a_file = tmp_path / "plain"
    a_file.write_text("")
    with pytest.raises(DXFileError, match="not a directory"):
        files.download_folder(small_project, str(a_file), folder="/data")
    files.upload_string("twin", name="top.txt", folder="/data")
    with pytest.raises(DXFileError, match="both be downloaded"):
        files.download_folder(small_project, str(tmp_path / "y"), folder="/data")


def test_download_folder_refuses_a_local_file_where_a_subfolder_goes_and_creates_nothing(
        small_project: str, tmp_path: Any) -> None:
    _tree(small_project)
    dest = tmp_path / "dest"
    dest.mkdir()
    (dest / "a").write_text("a local file where the remote folder /data/a must go")
    with pytest.raises(DXFileError, match="a exists and is not a directory"):
        files.download_folder(small_project, str(dest), folder="/data")
    assert sorted(p.name for p in dest.iterdir()) == ["a"]  # nothing created


@pytest.mark.parametrize("destdir", ["", " ", "\t \n"])
def test_download_folder_refuses_a_blank_destination(small_project: str, tmp_path: Any, monkeypatch: Any,
                                                     destdir: str) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DXFileError, match="destination must be a local directory path"):
        files.download_folder(small_project, destdir, folder="/")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("folder", ["a/b", "\t", "data", "/da\nta", "//data"])
def test_download_folder_refuses_a_malformed_remote_folder(small_project: str, tmp_path: Any,
                                                           folder: str) -> None:
    with pytest.raises(DXFileError, match="remote folder must be an absolute path"):
        files.download_folder(small_project, str(tmp_path / "dest"), folder=folder)
    assert not (tmp_path / "dest").exists()


# -- per-part checksums besides MD5 (issue: compatibility, items 8 and 14) -------------------------


def _with_checksums(dx_emulator: Any, file_id: str, kind: Any, **overrides: Any) -> dict:
    return dx_emulator.call("emulator/setFileChecksums", {"file": file_id, "checksumType": kind, **overrides})


@pytest.mark.parametrize("kind", ["CRC32", "CRC32C", "SHA1", "SHA256", "CRC64NVME"])
def test_download_verifies_each_checksum_type(small_project: str, dx_emulator: Any, tmp_path: Any,
                                              kind: str) -> None:
    data = os.urandom(5 * _filehelp.PART + 11)
    handler = files.upload_string(data, project=small_project, write_buffer_size=_filehelp.PART,
                                  wait_on_close=True)
    sums = _with_checksums(dx_emulator, handler.get_id(), kind)["checksums"]
    assert len(sums) == 6
    desc = handler.describe(fields={"parts": True, "checksumType": True})
    assert desc["checksumType"] == kind and desc["parts"]["1"]["checksum"] == sums["1"]
    files.download_dxfile(handler.get_id(), str(tmp_path / "ok.bin"))
    assert (tmp_path / "ok.bin").read_bytes() == data


def test_a_checksum_mismatch_raises_after_the_part_retries(small_project: str, dx_emulator: Any,
                                                           tmp_path: Any, no_sleep: list) -> None:
    handler = files.upload_string(os.urandom(3 * _filehelp.PART), project=small_project,
                                  write_buffer_size=_filehelp.PART, wait_on_close=True)
    _with_checksums(dx_emulator, handler.get_id(), "CRC32C", checksums={"2": "AAAAAA=="})
    with pytest.raises(DXChecksumMismatchError, match="part 2: expected CRC32C AAAAAA=="):
        files.download_dxfile(handler.get_id(), str(tmp_path / "bad.bin"))


@pytest.mark.parametrize("desc_parts,kind,message", [
    ({"1": {"size": 3, "md5": "x"}}, "MD4", "unknown checksumType 'MD4'"),
    ({"1": {"size": 3, "md5": "x"}}, "SHA256", "part 1 has no checksum"),
])
def test_an_unknown_type_or_a_missing_checksum_is_a_file_error(desc_parts: dict, kind: str,
                                                               message: str) -> None:
    with pytest.raises(DXFileError, match=message):
        transfer.parts_from_describe(desc_parts, kind)
