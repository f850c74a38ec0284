"""Entry points and the job driver for code running in a job (upstream path ``dxpy.utils.exec_utils``).

Applet code registers functions with :func:`entry_point` and ends with :func:`run`::

    @dxpy.entry_point("main")
    def main(reads, threshold=3):
        ...
        return {"count": 12}

    dxpy.run()

In a job (``DX_JOB_ID`` set) :func:`run` asks the platform which function the job runs
and with what input. Outside a job it takes the function from ``DX_TEST_FUNCTION``
(default ``main``) and the input from ``./job_input.json``; subjobs started with
``dxpy.new_dxjob`` then run locally (:mod:`dxpy.utils.local_exec_utils`).
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import logging
import os
import re
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from typing import IO, Any, Callable

from ..exceptions import AppError, AppInternalError, DXError

logger = logging.getLogger(__name__)

#: entry point name -> function, filled by :func:`entry_point`
ENTRY_POINT_TABLE: dict[str, Callable[..., Any]] = {}
#: how many times :func:`run` was called in this process (bootstraps call run() only if the code did not)
RUN_COUNT = 0
#: room kept on disk so an error report can still be written when the job fills the disk
_RESERVED_FILE = "job_error_reserved_space"


def _exception_message(exc: BaseException) -> str:
    if isinstance(exc, AppError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def _job_description() -> dict[str, Any]:
    import dxpy

    try:
        logging.basicConfig()
        from ..dxlog import DXLogHandler

        logging.getLogger().addHandler(DXLogHandler())
    except DXError as exc:
        logger.warning("job log socket unavailable: %s", exc)
    from ..bindings import describe

    job: dict[str, Any] = describe(dxpy.JOB_ID)
    return job


def run(function_name: str | None = None, function_input: dict[str, Any] | None = None) -> Any:
    """Call the entry point this process should run, and record its output or error.

    In a job, the function and input come from the job's description and the arguments
    are ignored; the job log handler (:class:`dxpy.dxlog.DXLogHandler`) is attached to the
    root logger. Outside a job, *function_name* defaults to ``$DX_TEST_FUNCTION`` or
    ``main`` and *function_input* to the contents of ``./job_input.json``.

    A non-``None`` result is written to ``job_output.json`` in the starting directory
    (handlers become links). In a job, an exception is written to ``job_error.json``
    (:class:`~dxpy.exceptions.AppError` as type ``AppError``, anything else
    ``AppInternalError``) and re-raised.

    :param function_name: entry point to call outside a job
    :param function_input: keyword arguments for it outside a job
    :returns: what the entry point returned
    :raises DXError: if no entry point of that name was registered
    """
    global RUN_COUNT
    RUN_COUNT += 1
    import dxpy

    working_dir = os.getcwd()
    if dxpy.JOB_ID is not None:
        job = _job_description()
    else:
        if function_name is None:
            function_name = os.environ.get("DX_TEST_FUNCTION", "main")
        if function_input is None:
            with open("job_input.json") as fh:
                function_input = json.load(fh)
        job = {"function": function_name, "input": function_input}
    with open(_RESERVED_FILE, "w") as fh:
        fh.write("Space kept free for a job error report if the disk fills up.\n" + " " * 65536)
    function = job.get("function", "main")
    logger.info("Invoking %s with %s", function, job.get("input"))
    try:
        if function not in ENTRY_POINT_TABLE:
            raise DXError(
                f"No entry point named {function!r} was registered with @dxpy.entry_point "
                f"(known: {sorted(ENTRY_POINT_TABLE)})"
            )
        result = ENTRY_POINT_TABLE[function](**job.get("input", {}))
    except AppError as exc:
        save_error(exc, working_dir, error_type="AppError")
        raise
    except Exception as exc:
        save_error(exc, working_dir)
        raise
    if result is not None and dxpy.JOB_ID is None:
        result = _gather_local_outputs(result)
    if result is not None:
        with open(os.path.join(working_dir, "job_output.json"), "w") as fh:
            json.dump(result, fh, indent=2, cls=DXJSONEncoder)
            fh.write("\n")
    return result


def _gather_local_outputs(result: Any) -> Any:
    # local debug mode: references to localjob-N outputs become the values, as the harness gathers them
    from .local_exec_utils import has_local_job_refs, local_job_outputs, resolve_job_references

    if not has_local_job_refs(result):
        return result
    resolved = json.loads(json.dumps(result, cls=DXJSONEncoder))
    resolve_job_references(resolved, local_job_outputs(), should_resolve=False)
    return resolved


def save_error(e: BaseException, working_dir: str, error_type: str = "AppInternalError") -> None:
    """Write ``job_error.json`` for exception *e* (only in a job, as upstream).

    :param e: the exception
    :param working_dir: directory to write into
    :param error_type: ``AppError`` or ``AppInternalError``
    """
    import dxpy

    if dxpy.JOB_ID is None:
        return
    with contextlib.suppress(OSError):
        os.unlink(os.path.join(working_dir, _RESERVED_FILE))
    with open(os.path.join(working_dir, "job_error.json"), "w") as fh:
        json.dump({"error": {"type": error_type, "message": _exception_message(e)}}, fh)
        fh.write("\n")


def convert_handlers_to_dxlinks(x: Any) -> Any:
    """Replace handlers by links throughout *x* (dicts and lists are changed in place).

    :param x: a handler, mapping, list or plain value
    :returns: *x* with every :class:`~dxpy.bindings.DXObject` replaced by its link
    """
    from ..bindings import DXObject, dxlink

    if isinstance(x, DXObject):
        return dxlink(x)
    if isinstance(x, Mapping):
        for key in list(x):
            x[key] = convert_handlers_to_dxlinks(x[key])  # type: ignore[index]
    elif isinstance(x, list):
        for index, item in enumerate(x):
            x[index] = convert_handlers_to_dxlinks(item)
    return x


def _json_arg(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        from ..bindings import dxlink
        from .resolver import resolve_existing_path

        project, _, results = resolve_existing_path(
            value, ask_to_resolve=False, describe={"id": True}, allow_mult=False
        )
        if not results or len(results) != 1:
            raise ValueError(f"Value {value} could not be resolved") from None
        return dxlink(results[0]["id"], project_id=project)


def parse_args_as_job_input(args: list[str], app_spec: dict[str, Any]) -> dict[str, Any]:
    """Parse ``--name value`` command-line arguments against an inputSpec.

    int, float and boolean inputs are converted; other non-string inputs are JSON or a
    data object path resolved to a link.

    :param args: the arguments
    :param app_spec: a ``dxapp.json``-style mapping with ``inputSpec``
    :returns: the job input
    :raises ValueError: if a path does not resolve to exactly one object
    """
    import argparse

    parser = argparse.ArgumentParser()
    json_inputs = set()
    converters: dict[str, Callable[[str], Any]] = {"int": int, "float": float, "boolean": bool}
    for spec in app_spec.get("inputSpec", []):
        kwargs: dict[str, Any] = {}
        if spec.get("type") in converters:
            kwargs["type"] = converters[spec["type"]]
        elif spec.get("type") != "string":
            json_inputs.add(spec["name"])
        if spec.get("optional") is not None:
            kwargs["required"] = not spec["optional"]
        parser.add_argument("--" + spec["name"], **kwargs)
    inputs: dict[str, Any] = {}
    for name, value in vars(parser.parse_args(args)).items():
        if value is not None:
            inputs[name] = _json_arg(value) if name in json_inputs else value
    return inputs


def entry_point(entry_point_name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator registering a function as entry point *entry_point_name* of the applet.

    :param entry_point_name: the name jobs run it by (``main`` for the job a run starts)
    :returns: the decorator; the decorated function still works as a plain function
    """

    def wrap(f: Callable[..., Any]) -> Callable[..., Any]:
        ENTRY_POINT_TABLE[entry_point_name] = f

        @functools.wraps(f)
        def wrapped_f(*args: Any, **kwargs: Any) -> Any:
            return f(*args, **kwargs)

        return wrapped_f

    return wrap


class DXJSONEncoder(json.JSONEncoder):
    """JSON encoder writing handlers (:class:`~dxpy.bindings.DXObject`) as links."""

    def default(self, o: Any) -> Any:
        """Encode *o*: a handler becomes ``{"$dnanexus_link": ...}``.

        :param o: the object the base encoder could not encode
        :returns: a JSON-encodable value
        :raises TypeError: for anything else
        """
        from ..bindings import DXObject, dxlink

        if isinstance(o, DXObject):
            return dxlink(o)
        return super().default(o)


class DXExecDependencyError(AppInternalError):
    """An execution dependency is malformed or failed to install."""


_SKIPPED_APT = ("dx-toolkit", "jq", "python-argcomplete")
_GROUPED = ("apt", "gem", "cpan", "cran", "pip", "pip3")
_APT_INSTALL = (
    "export DEBIAN_FRONTEND=noninteractive && apt-get install --yes --no-install-recommends "
    '-o Dpkg::Options::="--force-confdef" -o Dpkg::Options::="--force-confold" {p}'
)
_APT_DX_UPDATE = (
    "apt-get update -o Dir::Etc::sourcelist=sources.list.d/nucleus.list "
    "-o Dir::Etc::sourceparts=- -o APT::Get::List-Cleanup=0"
)
_APT = (
    f"({_APT_DX_UPDATE} && {_APT_INSTALL}) || (echo APT failed, retrying with full update against official "
    f"package repository; apt-get update && {_APT_INSTALL})"
)
_CRAN_PREAMBLE = (
    "die <- function() { q(status=1) }; options(error=die); options(warn=2);"
    'r <- getOption("repos"); r["CRAN"] = "http://cloud.r-project.org"; options(repos=r)'
)


def _atoms(packages: list[dict[str, Any]], separator: str = "=") -> str:
    return " ".join(p["name"] + (separator + str(p["version"]) if "version" in p else "") for p in packages)


def _cran_code(packages: list[dict[str, Any]]) -> str:
    def r_cmd(cmd: str) -> str:
        return f"R -e '{_CRAN_PREAMBLE}; {cmd}'"

    commands = []
    for package in packages:
        if "version" in package:
            commands.append(
                r_cmd('require(devtools); install_version("{name}", version="{version}")'.format(**package))
            )
        else:
            commands.append(r_cmd(f'install.packages("{package["name"]}")'))
    if any("require(devtools)" in c for c in commands):
        commands.insert(0, r_cmd('install.packages("devtools")'))
    return " && ".join(commands)


def _git_code(packages: list[dict[str, Any]]) -> str:
    commands = ["apt-get install --yes git make", "export GIT_SSH=dx-git-ssh-helper"]
    for dep in packages:
        build_dir = str(dep.get("destdir", "$(mktemp -d)"))
        subdir = re.sub(r"\.git$", "", str(dep["url"]).rstrip("/").rsplit("/", 1)[-1])
        steps = [f"mkdir -p {build_dir}", f"cd {build_dir}", f"git clone {dep['url']}", f"cd '{subdir}'"]
        if "tag" in dep:
            steps.append(f"git checkout {dep['tag']}")
        if "build_commands" in dep:
            steps.append(str(dep["build_commands"]))
        commands.append("(" + " && ".join(steps) + ")")
    return " && ".join(commands)


class DXExecDependencyInstaller:
    """Installs a job's dependencies (``bundledDepends``, ``execDepends``, ``dependencies`` of its runSpec).

    Dependencies keep their order; neighbours of the same groupable package manager
    (apt, gem, cpan, cran, pip, pip3) install in one command. Entries with ``stages``
    install only for those entry points.

    :param executable_desc: the executable's description (needs ``runSpec``)
    :param job_desc: the job's description (``function``; ``region`` with ``bundledDependsByRegion``)
    :param logger: a logger for progress messages (default: standard output)
    :raises DXExecDependencyError: on a malformed runSpec or dependency
    """

    group_pms = _GROUPED

    def __init__(self, executable_desc: dict[str, Any], job_desc: dict[str, Any], logger: Any = None) -> None:
        if "runSpec" not in executable_desc:
            raise DXExecDependencyError('Expected field "runSpec" to be present in executable description')
        if "bundledDependsByRegion" in executable_desc["runSpec"] and "region" not in job_desc:
            raise DXExecDependencyError("Expected key 'region' in job description")
        self.exec_desc = executable_desc
        self.run_spec = executable_desc["runSpec"]
        self.job_desc = job_desc
        self.stage = job_desc.get("function", "main")
        self.logger = logger
        self.dep_groups: list[dict[str, Any]] = []
        for dep in itertools.chain(
            self._get_local_bundled_dependencies(),
            self.run_spec.get("execDepends", []),
            self.run_spec.get("dependencies", []),
        ):
            self._add(dep)

    def _add(self, dep: dict[str, Any]) -> None:
        self._validate_dependency(dep)
        dep_type = self._get_dependency_type(dep)
        if dep_type == "apt" and dep["name"] in _SKIPPED_APT:
            return
        if "stages" in dep and self.stage not in dep["stages"]:
            self.log(
                f"Skipping dependency {dep['name']} because it is inactive in stage (function) {self.stage}"
            )
            return
        last = self.dep_groups[-1] if self.dep_groups else None
        if last is None or last["type"] != dep_type or dep_type not in self.group_pms:
            self.dep_groups.append({"type": dep_type, "deps": [], "index": len(self.dep_groups)})
        self.dep_groups[-1]["deps"].append(dep)

    def _get_local_bundled_dependencies(self) -> list[dict[str, Any]]:
        by_region = self.run_spec.get("bundledDependsByRegion")
        if by_region is None:
            return list(self.run_spec.get("bundledDepends", []))
        return list(by_region[self.job_desc["region"]])

    def log(self, message: str) -> None:
        """Report progress to the given logger, or this module's.

        :param message: the text
        """
        (self.logger or logger).info(message)

    def generate_shellcode(self, dep_group: dict[str, Any]) -> str:
        """The shell command installing one dependency group.

        :param dep_group: ``{"type": package manager, "deps": [...]}``
        :returns: a command for ``sh -c``
        :raises DXExecDependencyError: for an unknown package manager
        """
        dep_type, packages = dep_group["type"], dep_group["deps"]
        if dep_type == "apt":
            return _APT.format(p=_atoms(packages))
        if dep_type in ("pip", "pip3"):
            return f"{dep_type} install --upgrade " + _atoms(packages, "==")
        if dep_type == "gem":
            return " && ".join(
                "gem install " + p["name"] + (f" --version {p['version']}" if "version" in p else "")
                for p in packages
            )
        if dep_type == "cpan":
            return "cpanm --notest " + _atoms(packages, "~")
        if dep_type == "cran":
            return _cran_code(packages)
        if dep_type == "git":
            return _git_code(packages)
        raise DXExecDependencyError(f"Package manager type {dep_type} not supported")

    def run(self, cmd: str, log_fh: IO[Any] | None = None) -> None:
        """Run shell command *cmd*, output to *log_fh*.

        :param cmd: the command
        :param log_fh: file for its standard output and error
        :raises subprocess.CalledProcessError: if it fails
        """
        subprocess.check_call(cmd, shell=True, stdout=log_fh, stderr=log_fh)

    def _install_dep_group(self, dep_group: dict[str, Any]) -> None:
        names = ", ".join(dep["name"] for dep in dep_group["deps"])
        self.log(f"Installing {dep_group['type']} packages {names}")
        cmd = self.generate_shellcode(dep_group)
        log_name = os.path.join(tempfile.gettempdir(), "dx_{type}_install_{index}.log".format(**dep_group))
        try:
            with open(log_name, "w") as fh:
                self.run(cmd, log_fh=fh)
        except subprocess.CalledProcessError:
            with open(log_name) as fh:
                sys.stdout.write(fh.read())
            raise DXExecDependencyError(
                f"Error while installing {dep_group['type']} packages {names}"
            ) from None

    def _install_dep_bundle(self, bundle: dict[str, Any]) -> None:
        link = bundle["id"].get("$dnanexus_link", "")
        if not (isinstance(link, str) and link.startswith("file-")):
            self.log(f'Skipping bundled dependency "{bundle["name"]}" because it does not refer to a file')
            return
        import dxpy

        from ..bindings.dxfile_functions import download_dxfile
        from ..exceptions import ResourceNotFound

        self.log(f"Downloading bundled file {bundle['name']}")
        try:
            download_dxfile(bundle["id"], bundle["name"], project=dxpy.WORKSPACE_ID)
        except ResourceNotFound:
            download_dxfile(bundle["id"], bundle["name"])
        self.run("dx-unpack " + shlex.quote(bundle["name"]))

    def install(self) -> None:
        """Install every dependency group in order.

        :raises DXExecDependencyError: if a group fails
        """
        for group in self.dep_groups:
            if group["type"] == "bundle":
                self._install_dep_bundle(group["deps"][0])
            else:
                self._install_dep_group(group)

    def _validate_dependency(self, dep: dict[str, Any]) -> None:
        if "name" not in dep:
            raise DXExecDependencyError(
                f'Expected field "name" to be present in execution dependency "{dep}"'
            )
        if dep.get("package_manager") == "git" and "url" not in dep:
            raise DXExecDependencyError(f'Execution dependency "{dep}" does not have a "url" field')

    def _get_dependency_type(self, dep: dict[str, Any]) -> str:
        if "id" in dep:
            return "bundle"
        return str(dep.get("package_manager", "apt"))


__all__ = [
    "ENTRY_POINT_TABLE",
    "RUN_COUNT",
    "DXExecDependencyError",
    "DXExecDependencyInstaller",
    "DXJSONEncoder",
    "convert_handlers_to_dxlinks",
    "entry_point",
    "parse_args_as_job_input",
    "run",
    "save_error",
]
