"""Local debug mode: run an applet's entry points on this machine.

Upstream path ``dxpy.utils.local_exec_utils``.

Outside a job (``DX_JOB_ID`` unset), ``dxpy.new_dxjob`` calls :func:`queue_entry_point`,
which gives the subjob a ``localjob-N`` ID.

* Under the harness (``dx-run-app-locally``, which sets ``DX_TEST_JOB_HOMEDIRS``,
  ``DX_TEST_CODE_PATH`` and ``DX_FS_ROOT``) the job is queued in
  ``$DX_TEST_JOB_HOMEDIRS/job_queue.json`` and :func:`run_entry_points` later runs each
  queued job in its own home directory and subprocess, first-in first-out, waiting for
  jobs whose input still refers to unfinished local jobs. Outputs are gathered in
  ``job_outputs.json``.
* Without the harness (``python applet.py`` with a ``job_input.json``) the entry point
  runs right away in this process and its output is kept in memory.

Either way, job-based references ``{"job": "localjob-N", "field": ...}`` are replaced by
the referenced job's output when a later job starts, and in the final output.
"""

from __future__ import annotations

import collections
import json
import logging
import os
import shlex
import subprocess
import sys
from typing import Any

from ..exceptions import DXError
from . import file_load_utils

logger = logging.getLogger(__name__)

#: outputs of local jobs run in this process (no harness): job ID -> output
_IN_PROCESS_OUTPUTS: collections.OrderedDict[str, Any] = collections.OrderedDict()


def _is_job_ref(thing: Any) -> bool:
    if not isinstance(thing, dict):
        return False
    if set(thing) == {"job", "field"} or set(thing) == {"job", "field", "index"}:
        return isinstance(thing["job"], str)
    link = thing.get("$dnanexus_link") if len(thing) == 1 else None
    return isinstance(link, dict) and "job" in link and "field" in link


def _ref_parts(ref: dict[str, Any]) -> tuple[str, str, Any]:
    inner = ref.get("$dnanexus_link", ref)
    return inner["job"], inner["field"], inner.get("index")


def _walk_replace(value: Any, replace: Any) -> Any:
    if _is_job_ref(value):
        return replace(value)
    if isinstance(value, dict):
        for key in list(value):
            value[key] = _walk_replace(value[key], replace)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = _walk_replace(item, replace)
    return value


def has_local_job_refs(io_hash: Any) -> bool:
    """Whether *io_hash* holds a job-based reference to a ``localjob-N``.

    :param io_hash: an input or output mapping
    :returns: ``True`` if any reference points at a local job
    """
    if _is_job_ref(io_hash):
        return _ref_parts(io_hash)[0].startswith("localjob-")
    if isinstance(io_hash, dict):
        return any(has_local_job_refs(v) for v in io_hash.values())
    if isinstance(io_hash, list):
        return any(has_local_job_refs(v) for v in io_hash)
    return False


def resolve_job_ref(jbor: dict[str, Any], job_outputs: Any = None, should_resolve: bool = True) -> Any:
    """The value a job-based reference points at.

    :param jbor: ``{"job": ..., "field": ...}`` (optionally ``index``) or its ``$dnanexus_link`` form
    :param job_outputs: mapping of finished local job ID -> output (``None`` while unfinished)
    :param should_resolve: when false, a reference to an unfinished local job is returned unchanged
    :returns: the referenced value
    :raises DXError: if the job is unknown or lacks the field
    """
    job_id, field, index = _ref_parts(jbor)
    if job_id.startswith("localjob-"):
        output = (job_outputs or {}).get(job_id)
        if output is None:
            if should_resolve:
                raise DXError(f"Job {job_id} not found in local finished jobs")
            return jbor
    else:
        from ..bindings.dxjob import DXJob

        job = DXJob(job_id)
        job.wait_on_done()
        output = job.describe().get("output") or {}
    if field not in output:
        raise DXError(
            f'Cannot resolve a JBOR with job ID {job_id} because field "{field}" was not found in its output'
        )
    return output[field] if index is None else output[field][index]


def resolve_job_references(io_hash: Any, job_outputs: Any, should_resolve: bool = True) -> None:
    """Replace every job-based reference in *io_hash* (in place) by its value.

    :param io_hash: input or output mapping
    :param job_outputs: mapping of local job ID -> output
    :param should_resolve: when false, references to unfinished local jobs stay
    :raises DXError: if a reference cannot be resolved
    """
    _walk_replace(io_hash, lambda ref: resolve_job_ref(ref, job_outputs, should_resolve))


def _homedirs() -> str | None:
    return os.environ.get("DX_TEST_JOB_HOMEDIRS")


def _read_json(path: str) -> Any:
    with open(path) as fh:
        return json.load(fh, object_pairs_hook=collections.OrderedDict)


def _write_json(path: str, value: Any) -> None:
    with open(path, "w") as fh:
        json.dump(value, fh, indent=4)
        fh.write("\n")


def _run_in_process(function: str, input_hash: dict[str, Any], name: str | None) -> str:
    from .exec_utils import ENTRY_POINT_TABLE, DXJSONEncoder

    job_id = f"localjob-{len(_IN_PROCESS_OUTPUTS)}"
    _IN_PROCESS_OUTPUTS[job_id] = None
    fn_input = json.loads(json.dumps(input_hash, cls=DXJSONEncoder))
    resolve_job_references(fn_input, _IN_PROCESS_OUTPUTS)
    if function not in ENTRY_POINT_TABLE:
        raise DXError(f"No entry point named {function!r} was registered with @dxpy.entry_point")
    logger.info("running %s (%s:%s) locally", name or job_id, job_id, function)
    output = ENTRY_POINT_TABLE[function](**fn_input)
    _IN_PROCESS_OUTPUTS[job_id] = json.loads(json.dumps(output or {}, cls=DXJSONEncoder))
    return job_id


def queue_entry_point(
    function: str, input_hash: dict[str, Any], depends_on: Any = None, name: str | None = None
) -> str:
    """Start entry point *function* as a local job.

    :param function: entry point name
    :param input_hash: its input (handlers, links and job-based references allowed)
    :param depends_on: job / data object IDs to wait for first
    :param name: job name
    :returns: the new ``localjob-N`` ID
    :raises DXError: if the entry point is unknown (in-process mode)
    """
    homedirs = _homedirs()
    if homedirs is None:
        return _run_in_process(function, input_hash, name)
    from .exec_utils import DXJSONEncoder

    outputs_path = os.path.join(homedirs, "job_outputs.json")
    outputs = _read_json(outputs_path)
    job_id = f"localjob-{len(outputs)}"
    outputs[job_id] = None
    _write_json(outputs_path, outputs)
    os.mkdir(os.path.join(homedirs, job_id))
    queue_path = os.path.join(homedirs, "job_queue.json")
    queue = _read_json(queue_path)
    entry: dict[str, Any] = {
        "id": job_id,
        "function": function,
        "depends_on": list(depends_on or []),
        "input_hash": json.loads(json.dumps(input_hash, cls=DXJSONEncoder)),
    }
    if name is not None:
        entry["name"] = name
    queue.append(entry)
    _write_json(queue_path, queue)
    return job_id


def local_job_outputs() -> collections.OrderedDict[str, Any]:
    """Outputs of the local jobs run so far (``None`` for unfinished ones).

    :returns: job ID -> output mapping
    """
    homedirs = _homedirs()
    if homedirs is None:
        return _IN_PROCESS_OUTPUTS
    result: collections.OrderedDict[str, Any] = _read_json(os.path.join(homedirs, "job_outputs.json"))
    return result


def _script(job_homedir: str, function: str, run_spec: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ, HOME=job_homedir)
    if run_spec["interpreter"] == "bash":
        defs = file_load_utils.gen_bash_vars(
            os.path.join(job_homedir, "job_input.json"), job_homedir=job_homedir
        )
        env_path = os.path.join(job_homedir, "environment")
        with open(env_path, "w") as fh:
            fh.writelines(f"{k}={v}\n" for k, v in defs.items())
        script = (
            f"cd {shlex.quote(job_homedir)}; . {shlex.quote(env_path)}; "
            f". {shlex.quote(os.environ['DX_TEST_CODE_PATH'])}; "
            f'if [[ $(type -t {function}) == "function" ]]; then {function}; '
            f'else echo "entry point function {function} not found" 1>&2; fi'
        )
        return ["bash", "-e", "-o", "pipefail", "-c", script], env
    env["DX_TEST_FUNCTION"] = function
    code = (
        f"import os, runpy\nos.chdir({job_homedir!r})\n"
        f"runpy.run_path({os.environ['DX_TEST_CODE_PATH']!r}, run_name='__main__')\n"
        "import dxpy.utils.exec_utils as eu\nif eu.RUN_COUNT == 0:\n    eu.run()\n"
    )
    return [sys.executable, "-c", code], env


def run_one_entry_point(
    job_id: str,
    function: str,
    input_hash: dict[str, Any],
    run_spec: dict[str, Any],
    depends_on: Any = None,
    name: str | None = None,
) -> None:
    """Run one queued local job in its home directory and record its output.

    :param job_id: the ``localjob-N`` ID
    :param function: entry point name
    :param input_hash: its input (job-based references to finished local jobs are resolved)
    :param run_spec: the applet's runSpec (``interpreter`` ``bash`` or ``python3``)
    :param depends_on: IDs to wait for (local jobs must have finished)
    :param name: job name
    :raises DXError: if the job fails or a reference cannot be resolved
    """
    homedirs = os.environ["DX_TEST_JOB_HOMEDIRS"]
    job_homedir = os.path.join(homedirs, job_id)
    outputs = local_job_outputs()
    label = f"{name} ({job_id}:{function})" if name else f"{job_id}:{function}"
    resolve_job_references(input_hash, outputs)
    for dep in depends_on or []:
        if dep.startswith("localjob-") and outputs.get(dep) is None:
            raise DXError(f"{label} failed: job {dep} could not be found in local finished jobs")
    _write_json(os.path.join(job_homedir, "job_input.json"), input_hash)
    args, env = _script(job_homedir, function, run_spec)
    logger.info("%s: running", label)
    # job output goes to our stderr, so a harness can print the final output alone on stdout
    code = subprocess.call(args, env=env, cwd=job_homedir, stdout=sys.stderr.fileno())
    if code != 0:
        raise DXError(
            f"{label} failed, exited with error code {code}. Local job workspaces can be found in: {homedirs}"
        )
    output_path = os.path.join(job_homedir, "job_output.json")
    output = _read_json(output_path) if os.path.exists(output_path) else {}
    outputs = local_job_outputs()
    outputs[job_id] = output
    for other in outputs:
        if outputs[other] is not None:
            resolve_job_references(outputs[other], outputs, should_resolve=False)
    _write_json(os.path.join(homedirs, "job_outputs.json"), outputs)


def run_entry_points(run_spec: dict[str, Any]) -> None:
    """Run the queued local jobs until the queue is empty.

    A job whose input refers to a local job that has not finished waits its turn.

    :param run_spec: the applet's runSpec
    :raises DXError: if a job fails, or the queue is stuck on references that cannot resolve
    """
    homedirs = os.environ["DX_TEST_JOB_HOMEDIRS"]
    queue_path = os.path.join(homedirs, "job_queue.json")
    while True:
        queue = _read_json(queue_path)
        if not queue:
            return
        outputs = local_job_outputs()
        runnable = None
        for index, entry in enumerate(queue):
            probe = json.loads(json.dumps(entry["input_hash"]))
            resolve_job_references(probe, outputs, should_resolve=False)
            if not has_local_job_refs(probe):
                runnable = queue.pop(index)
                break
        if runnable is None:
            raise DXError(
                "No local job can run: every queued job refers to the output of an unfinished local job"
            )
        _write_json(queue_path, queue)
        run_one_entry_point(
            runnable["id"],
            runnable["function"],
            runnable["input_hash"],
            run_spec,
            runnable.get("depends_on"),
            runnable.get("name"),
        )


__all__ = [
    "has_local_job_refs",
    "local_job_outputs",
    "queue_entry_point",
    "resolve_job_ref",
    "resolve_job_references",
    "run_entry_points",
    "run_one_entry_point",
]
