"""``dx-download-all-inputs`` and ``dx-upload-all-outputs``.

They move job files between ``~/in``, ``~/out`` and the platform.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import logging
import os
import sys
from typing import Any

logger = logging.getLogger(__name__)


def download_all(argv: list[str] | None = None) -> int:
    """``dx-download-all-inputs [--except NAME] [--parallel]``: download the file inputs into ``~/in``.

    :param argv: arguments
    :returns: exit status
    """
    parser = argparse.ArgumentParser(description="Download all file inputs of the job into $HOME/in/<name>/")
    parser.add_argument(
        "--except",
        dest="exclude",
        action="append",
        default=[],
        metavar="NAME",
        help="Do not download the input with this name (repeatable)",
    )
    parser.add_argument(
        "--parallel", action="store_true", default=False, help="Download the files in parallel"
    )
    parser.add_argument("--sequential", dest="parallel", action="store_false", help="Download one at a time")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    from ..bindings.download_all_inputs import download_all_inputs

    download_all_inputs(exclude=args.exclude, parallel=args.parallel)
    return 0


def _output_spec() -> dict[str, dict[str, Any]] | None:
    spec: list[dict[str, Any]] | None = None
    if "DX_JOB_ID" in os.environ:
        from ..bindings import describe

        job = describe(os.environ["DX_JOB_ID"])
        if job.get("function") == "main":
            spec = describe(job.get("app") or job.get("applet")).get("outputSpec")
    elif "DX_TEST_DXAPP_JSON" in os.environ:
        with open(os.environ["DX_TEST_DXAPP_JSON"]) as fh:
            spec = json.load(fh).get("outputSpec")
    if spec is None:
        return None
    return {s["name"]: {"class": s["class"], "optional": s.get("optional", False)} for s in spec}


def _visible(path: str) -> tuple[list[str], list[str]]:
    files: list[str] = []
    dirs: list[str] = []
    for name in sorted(os.listdir(path)):
        full = os.path.join(path, name)
        if name.startswith(".") or os.path.islink(full):
            continue
        (dirs if os.path.isdir(full) else files).append(name)
    return files, dirs


def _local_files(top: str, rel: str = "") -> list[str]:
    files, dirs = _visible(os.path.join(top, rel))
    result = [os.path.join(rel, f) for f in files]
    for d in dirs:
        result.extend(_local_files(top, os.path.join(rel, d)))
    return result


class _OutputError(Exception):
    pass


def _collect(odir: str, spec: dict[str, dict[str, Any]] | None) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    if os.path.isdir(odir):
        for name in _visible(odir)[1]:
            fields[name] = _local_files(os.path.join(odir, name))
    for name, files in fields.items():
        if spec is None or name not in spec:
            continue
        cls = spec[name]["class"]
        if cls not in ("file", "array:file"):
            raise _OutputError(f"key {name} is of class {cls} but it appears in the output directory")
        if cls == "file" and len(files) > 1:
            raise _OutputError(
                f"Expected to find 1 file for key {name} of class file, but there are {len(files)} files"
            )
    return fields


def _upload(odir: str, name: str, rel: str, wait_on_close: bool) -> dict[str, Any]:
    from ..bindings import dxlink
    from ..bindings.dxfile_functions import upload_local_file

    folder = os.path.dirname(rel)
    local = os.path.join(odir, name, rel)
    logger.info("uploading file: %s -> /%s", local, rel)
    kwargs: dict[str, Any] = {"wait_on_close": wait_on_close}
    if folder:
        kwargs.update(folder="/" + folder, parents=True)
    return dxlink(upload_local_file(local, **kwargs))


def _merge(output: dict[str, Any], name: str, cls: str | None, links: list[dict[str, Any]]) -> None:
    previous = output.get(name, [])
    previous = previous if isinstance(previous, list) else [previous]
    if cls == "array:file":
        output[name] = previous + links
    elif cls == "file" and len(links) == 1:
        output[name] = links[0]
    elif cls is None:
        combined = previous + links
        output[name] = combined[0] if len(combined) == 1 else combined
    else:
        raise _OutputError(f"Type mismatch, key {name} is of type {cls}, num_dxlinks={len(links)}")


def _fail(message: str) -> int:
    with open(os.path.join(os.path.expanduser("~"), "job_error.json"), "w") as fh:
        fh.write(json.dumps({"error": {"type": "AppInternalError", "message": message}}, indent=4) + "\n")
    sys.stderr.write(message + "\n")
    return 1


def upload_all(argv: list[str] | None = None) -> int:
    """``dx-upload-all-outputs``: upload ``~/out/<name>/...`` files and add them to ``~/job_output.json``.

    With an outputSpec (the job's executable, or ``$DX_TEST_DXAPP_JSON``) a ``file`` output
    takes exactly one file and an ``array:file`` output a list; without one, one file gives a
    link and several a list. Files in subdirectories go to the same folders in the workspace.

    :param argv: arguments
    :returns: exit status (1 with ``job_error.json`` written when the files do not fit the spec)
    """
    parser = argparse.ArgumentParser(
        description="Upload all files in $HOME/out/<name>/ and record them as "
        "outputs in $HOME/job_output.json"
    )
    parser.add_argument("--except", dest="exclude", action="append", default=[], metavar="NAME")
    parser.add_argument("--parallel", action="store_true", default=False, help="Upload the files in parallel")
    parser.add_argument("--sequential", dest="parallel", action="store_false", help="Upload one at a time")
    parser.add_argument("--clearJSON", type=bool, default=False, help="Start from an empty job_output.json")
    parser.add_argument("--wait-on-close", action="store_true", default=False, help="Wait for files to close")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    from ..utils.file_load_utils import get_output_dir, get_output_json_file

    odir = get_output_dir()
    spec = _output_spec()
    try:
        fields = {k: v for k, v in _collect(odir, spec).items() if k not in args.exclude}
    except _OutputError as exc:
        return _fail(str(exc))
    jobs = [(name, rel) for name, files in fields.items() for rel in files]
    with concurrent.futures.ThreadPoolExecutor(max_workers=8 if args.parallel else 1) as pool:
        links = list(pool.map(lambda job: _upload(odir, job[0], job[1], args.wait_on_close), jobs))
    output_file = get_output_json_file()
    output: dict[str, Any] = {}
    if os.path.exists(output_file) and not args.clearJSON:
        with open(output_file) as fh:
            output = json.load(fh)
    try:
        for name in fields:
            field_links = [link for (n, _), link in zip(jobs, links) if n == name]
            if field_links:
                _merge(output, name, spec[name]["class"] if spec and name in spec else None, field_links)
    except _OutputError as exc:
        return _fail(str(exc))
    with open(output_file, "w") as fh:
        json.dump(output, fh, indent=4)
    return 0


def main_download_all() -> None:
    """Console entry point of ``dx-download-all-inputs``."""
    sys.exit(download_all(sys.argv[1:]))


def main_upload_all() -> None:
    """Console entry point of ``dx-upload-all-outputs``."""
    sys.exit(upload_all(sys.argv[1:]))
