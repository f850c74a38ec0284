"""``dx-run-app-locally``: run an applet's source directory on this machine (local debug mode).

The directory holds ``dxapp.json`` (``runSpec.file``, ``runSpec.interpreter`` ``python3``
or ``bash``). The ``main`` entry point runs in ``<workdir>/localjob-0``; subjobs it starts
get ``localjob-1`` ... and run after it, each in its own home directory. The final
output, with references to local jobs resolved, is printed as JSON.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
from typing import Any

from ..exceptions import DXError


def _load_app(src_dir: str) -> tuple[dict[str, Any], str]:
    path = os.path.join(src_dir, "dxapp.json")
    try:
        with open(path) as fh:
            app = json.load(fh)
    except (OSError, ValueError) as exc:
        raise DXError(f"Cannot read {path}: {exc}") from exc
    run_spec = app.get("runSpec") or {}
    if run_spec.get("interpreter") not in ("python3", "bash") or "file" not in run_spec:
        raise DXError(f'{path}: runSpec needs "file" and an interpreter of python3 or bash, got {run_spec!r}')
    return app, os.path.abspath(os.path.join(src_dir, run_spec["file"]))


def run_locally(
    src_dir: str, fn_input: dict[str, Any], function: str = "main", workdir: str | None = None
) -> dict[str, Any]:
    """Run *function* of the applet in *src_dir* with *fn_input*, then the subjobs it starts.

    :param src_dir: applet source directory (with ``dxapp.json``)
    :param fn_input: input of the first job
    :param function: entry point of the first job
    :param workdir: directory for the job home directories (default: a new temporary one)
    :returns: the first job's output with local job references resolved
    :raises DXError: if the directory is not an applet or a job fails
    """
    from ..utils import local_exec_utils

    app, code_path = _load_app(src_dir)
    workdir = os.path.abspath(workdir or tempfile.mkdtemp(prefix="dx-local-jobs-"))
    os.makedirs(workdir, exist_ok=True)
    for name, value in (("job_outputs.json", {}), ("job_queue.json", [])):
        with open(os.path.join(workdir, name), "w") as fh:
            json.dump(value, fh)
    saved = {
        k: os.environ.get(k)
        for k in ("DX_TEST_JOB_HOMEDIRS", "DX_TEST_CODE_PATH", "DX_FS_ROOT", "DX_TEST_DXAPP_JSON")
    }
    os.environ.update(
        DX_TEST_JOB_HOMEDIRS=workdir,
        DX_TEST_CODE_PATH=code_path,
        DX_FS_ROOT=os.path.join(os.path.abspath(src_dir), "resources"),
        DX_TEST_DXAPP_JSON=os.path.join(os.path.abspath(src_dir), "dxapp.json"),
    )
    try:
        first = local_exec_utils.queue_entry_point(function, fn_input)
        local_exec_utils.run_entry_points(app["runSpec"])
        outputs = local_exec_utils.local_job_outputs()
        result: dict[str, Any] = outputs[first] or {}
        local_exec_utils.resolve_job_references(result, outputs)
        return result
    finally:
        for key, old in saved.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old


def main(argv: list[str] | None = None) -> None:
    """Console entry point of ``dx-run-app-locally``.

    :param argv: arguments (default ``sys.argv[1:]``)
    """
    parser = argparse.ArgumentParser(
        description="Run an applet's source directory locally (local debug mode) "
        "and print its output as JSON."
    )
    parser.add_argument("src_dir", help="Applet source directory (containing dxapp.json)")
    parser.add_argument(
        "-i",
        "--input",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="An input field (repeat for arrays); IDs become links",
    )
    parser.add_argument("-j", "--input-json", help="The whole input as a JSON hash")
    parser.add_argument("-f", "--input-json-file", help="File holding the input JSON hash")
    parser.add_argument("--function", default="main", help="Entry point to start with (default main)")
    parser.add_argument(
        "--workdir", help="Where to keep the local job home directories (default: a temp dir)"
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    from .jobutil import _input_pairs

    try:
        fn_input: dict[str, Any] = {}
        if args.input_json_file:
            with open(args.input_json_file) as fh:
                fn_input = json.load(fh)
        if args.input_json:
            fn_input.update(json.loads(args.input_json))
        fn_input.update(_input_pairs(args.input))
        print(json.dumps(run_locally(args.src_dir, fn_input, args.function, args.workdir), indent=4))
    except (DXError, ValueError, OSError) as exc:
        sys.exit(f"dx-run-app-locally: {exc}")
