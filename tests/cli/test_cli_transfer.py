"""``dx cat/head/upload/download/make_download_url`` against the emulator, and a bash job using them."""

from __future__ import annotations

import os
import time
import urllib.request
from pathlib import Path
from typing import Any

PAYLOAD = bytes(range(256)) * 1200 + b"tail\n"


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_upload_then_download_is_byte_identical(dx: Any, tmp_path: Path) -> None:
    src = _write(tmp_path / "blob.bin", PAYLOAD)
    uploaded = dx("upload", str(src), "--brief")
    file_id = uploaded.stdout.strip()
    assert file_id.startswith("file-") and uploaded.stderr == ""  # no progress bar off a terminal
    out = tmp_path / "copy.bin"
    dx("download", file_id, "-o", str(out))
    assert out.read_bytes() == PAYLOAD
    by_path = tmp_path / "by-path.bin"
    dx("download", "/blob.bin", "-o", str(by_path))
    assert by_path.read_bytes() == PAYLOAD


def test_upload_human_and_json_output_and_metadata(dx: Any, tmp_path: Path) -> None:
    src = _write(tmp_path / "a.txt", b"hello\nworld\n")
    human = dx("upload", str(src)).stdout
    assert human.splitlines()[0].startswith("ID") and "file-" in human.splitlines()[0]
    assert any(line.split() == ["Size", "12", "bytes"] for line in human.splitlines())
    desc = dx("upload", str(src), "--json", "--path", "/sub/b.txt", "-p", "--tag", "t1", "--property", "k=v",
              "--details", '{"x": 1}', "--visibility", "hidden", "--wait").json()
    assert (desc["name"], desc["folder"]) == ("b.txt", "/sub")
    assert (desc["tags"], desc["properties"]) == (["t1"], {"k": "v"})
    assert desc["details"] == {"x": 1} and desc["hidden"] is True and desc["state"] == "closed"


def test_upload_into_an_existing_folder_keeps_the_local_name(dx: Any, tmp_path: Path) -> None:
    src = _write(tmp_path / "keep.txt", b"k")
    dx("upload", str(src), "--path", "/dir/", "-p", "--brief")
    desc = dx("upload", str(src), "--path", "/dir", "--json").json()
    assert (desc["folder"], desc["name"]) == ("/dir", "keep.txt")


def test_upload_into_a_missing_folder_without_parents_fails(dx: Any, tmp_path: Path) -> None:
    src = _write(tmp_path / "a.txt", b"x")
    result = dx.fails("upload", str(src), "--path", "/missing/a.txt")
    assert result.returncode == 3 and "/missing" in result.stderr and len(result.stderr.splitlines()) == 1


def test_stdin_upload_cat_and_head(dx: Any) -> None:
    file_id = dx("upload", "-", "--path", "/lines.txt", "--brief", input="one\ntwo\nthree\n").stdout.strip()
    assert dx("cat", file_id).stdout == "one\ntwo\nthree\n"
    assert dx("cat", "/lines.txt", file_id).stdout == "one\ntwo\nthree\n" * 2
    assert dx("head", "-n", "2", "lines.txt").stdout == "one\ntwo\n"
    assert dx("head", "lines.txt").stdout == "one\ntwo\nthree\n"
    assert dx("head", "-n", "0", "lines.txt").stdout == ""
    unnamed = dx("upload", "-", "--json", input="x").json()
    assert unnamed["name"] == unnamed["id"]  # the platform's default name, as with upstream's dx


def test_recursive_upload_and_download_round_trip(dx: Any, tmp_path: Path) -> None:
    tree = {"top.txt": b"top\n", "e/two.bin": PAYLOAD, "e/f/deep.txt": b"deep\n"}
    for rel, data in tree.items():
        _write(tmp_path / "d" / rel, data)
    (tmp_path / "d" / "empty").mkdir()
    ids = dx("upload", "-r", str(tmp_path / "d"), "--brief").stdout.split()
    assert len(ids) == 3
    dest = tmp_path / "back"
    dx("download", "-r", "/d", "-o", str(dest))
    got = {str(p.relative_to(dest)): p.read_bytes() for p in dest.rglob("*") if p.is_file()}
    assert got == tree and (dest / "empty").is_dir()
    dx.cwd = str(tmp_path / "elsewhere")
    os.makedirs(dx.cwd)
    dx("download", "-r", "/d")
    assert (tmp_path / "elsewhere" / "d" / "e" / "two.bin").read_bytes() == PAYLOAD


def test_download_refuses_to_overwrite_without_f(dx: Any, tmp_path: Path) -> None:
    file_id = dx("upload", "-", "--path", "/x.txt", "--brief", input="new\n").stdout.strip()
    target = _write(tmp_path / "x.txt", b"old, longer content\n")
    result = dx.fails("download", file_id, "-o", str(target))
    assert result.returncode == 1 and "-f/--overwrite" in result.stderr
    assert target.read_bytes() == b"old, longer content\n"
    dx("download", file_id, "-o", str(target), "-f")
    assert target.read_bytes() == b"new\n"


def test_download_to_stdout_globs_and_directories(dx: Any, tmp_path: Path) -> None:
    for name in ("g1.txt", "g2.txt"):
        dx("upload", "-", "--path", f"/glob/{name}", "-p", "--brief", input=name)
    assert dx("download", "/glob/g1.txt", "-o", "-").stdout == "g1.txt"
    out = tmp_path / "out"
    result = dx.fails("download", "/glob/*.txt", "-o", str(out))
    assert result.returncode == 1 and "existing directory" in result.stderr
    out.mkdir()
    dx("download", "/glob/*.txt", "-o", str(out))
    assert sorted(os.listdir(out)) == ["g1.txt", "g2.txt"]
    dx("upload", "-", "--path", "/glob/g1.txt", "--brief", input="again")
    twice = dx.fails("download", "/glob/g1.txt", "--all", "-o", str(out), "-f")
    assert twice.returncode == 1 and "several files" in twice.stderr
    folder = dx.fails("download", "/glob")
    assert folder.returncode == 1 and "-r/--recursive" in folder.stderr


def test_make_download_url_works_without_credentials(dx: Any) -> None:
    dx("upload", "-", "--path", "/u.txt", "--brief", input="via url\n")
    url = dx("make_download_url", "/u.txt", "--duration", "1h", "--filename", "other.txt").stdout.strip()
    assert url.startswith("http") and url.endswith("/other.txt")
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - the emulator's own URL
        assert response.read() == b"via url\n"
    assert dx.fails("make_download_url", "/u.txt", "--duration", "soon").returncode == 3


def test_bad_paths_fail_with_one_line(dx: Any, tmp_path: Path) -> None:
    for args in (("cat", "nothere"), ("head", "nothere"), ("download", "nothere"),
                 ("make_download_url", "nothere"), ("cat", "file-" + "0" * 24),
                 ("download", "nosuchproject:/x"), ("upload", str(tmp_path / "missing.txt"))):
        result = dx.fails(*args)
        assert len(result.stderr.strip().splitlines()) == 1, (args, result.stderr)
    assert "ResolutionError: Unable to resolve" in dx.fails("cat", "nothere").stderr
    missing = dx.fails("upload", str(tmp_path / "missing.txt")).stderr
    assert missing.startswith("FileNotFoundError: [Errno 2] No such file or directory:")
    (tmp_path / "adir").mkdir()
    refused = dx.fails("upload", str(tmp_path / "adir"))
    assert refused.returncode == 3 and "-r/--recursive" in refused.stderr


BASH_APP = """main() {
    dx download "$inp" -o input.txt
    tr a-z A-Z < input.txt > shout.txt
    dx upload shout.txt --brief > id.txt
    dx-jobutil-add-output out "$(cat id.txt)" --class=file
}
"""


def test_bash_applet_uses_dx_download_and_upload_inside_a_job(dx: Any, dx_emulator: Any) -> None:
    import sysconfig

    # jobs find dx first on PATH in this interpreter's scripts directory
    script = os.path.join(sysconfig.get_path("scripts"), "dx")
    assert os.path.exists(script), f"{script} is missing: pip install -e . installs the dx script"
    file_id = dx("upload", "-", "--path", "/in.txt", "--brief", input="quiet words\n").stdout.strip()
    applet = dx_emulator.call("applet/new", {
        "project": dx.project_id, "name": "shout", "dxapi": "1.0.0",
        "inputSpec": [{"name": "inp", "class": "file"}], "outputSpec": [{"name": "out", "class": "file"}],
        "runSpec": {"interpreter": "bash", "code": BASH_APP, "distribution": "Ubuntu", "release": "24.04"},
    })["id"]
    job = dx_emulator.call(f"{applet}/run", {"project": dx.project_id,
                                             "input": {"inp": {"$dnanexus_link": file_id}}})["id"]
    deadline = time.monotonic() + 120
    while (desc := dx_emulator.call(f"{job}/describe"))["state"] not in ("done", "failed"):
        assert time.monotonic() < deadline, desc["state"]
        time.sleep(0.1)
    assert desc["state"] == "done", desc.get("failureMessage")
    out_id = desc["output"]["out"]["$dnanexus_link"]
    assert dx("cat", out_id).stdout == "QUIET WORDS\n"


def test_progress_is_drawn_on_a_terminal_only(dx: Any, tmp_path: Path) -> None:
    import pty
    import select
    import subprocess
    import sys

    src = _write(tmp_path / "p.bin", PAYLOAD)
    env = dict(dx.env, **dx.extra_env)
    primary, secondary = pty.openpty()
    try:
        # as upstream, --brief and --no-progress both keep the bar away
        for extra, drawn in (((), True), (("--no-progress",), False), (("--brief",), False)):
            proc = subprocess.run([sys.executable, "-m", "dxpy.cli", "upload", str(src), *extra],
                                  stdout=subprocess.PIPE, stderr=secondary, env=env, cwd=dx.home, timeout=60)
            assert proc.returncode == 0 and b"file-" in proc.stdout
            seen = b""
            while True:
                ready, _, _ = select.select([primary], [], [], 0.2)
                if not ready:
                    break
                seen += os.read(primary, 65536)
            assert (b"\r" in seen) is drawn, seen  # the bar redraws its line with carriage returns
    finally:
        os.close(primary)
        os.close(secondary)
