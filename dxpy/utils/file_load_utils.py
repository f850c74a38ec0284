"""Job input/output layout and the bash input variables (upstream path ``dxpy.utils.file_load_utils``).

Inside a job the home directory holds ``job_input.json`` (the resolved input) and
``job_output.json``; file inputs are downloaded to ``~/in/<field>/<filename>`` (array
elements to ``~/in/<field>/<index>/<filename>``) and outputs are uploaded from
``~/out/<field>/``. Bash applets get one shell variable per input, and for file inputs
``<field>_name``, ``<field>_prefix`` and ``<field>_path`` too.
"""

from __future__ import annotations

import collections
import contextlib
import fnmatch
import json
import logging
import os
import shlex
from typing import Any

from ..exceptions import DXError

logger = logging.getLogger(__name__)


def _home(job_homedir: str | None) -> str:
    if job_homedir is not None:
        return job_homedir
    return os.environ.get("HOME") or os.path.expanduser("~")


def get_input_dir(job_homedir: str | None = None) -> str:
    """Directory the inputs are downloaded into.

    :param job_homedir: home directory to use instead of ``$HOME``
    :returns: ``<home>/in``
    """
    return os.path.join(_home(job_homedir), "in")


def get_output_dir(job_homedir: str | None = None) -> str:
    """Directory the outputs are uploaded from.

    :param job_homedir: home directory to use instead of ``$HOME``
    :returns: ``<home>/out``
    """
    return os.path.join(_home(job_homedir), "out")


def get_input_json_file() -> str:
    """Path of the job's input file.

    :returns: ``$HOME/job_input.json``
    """
    return os.path.join(_home(None), "job_input.json")


def get_output_json_file() -> str:
    """Path of the job's output file.

    :returns: ``$HOME/job_output.json``
    """
    return os.path.join(_home(None), "job_output.json")


def rm_output_json_file() -> None:
    """Delete ``$HOME/job_output.json`` if it exists (for tests and local reruns)."""
    with contextlib.suppress(FileNotFoundError):
        os.remove(get_output_json_file())


def ensure_dir(path: str) -> None:
    """Create directory *path* unless it exists.

    :param path: the directory
    :raises DXError: if *path* exists and is not a directory
    """
    if os.path.isdir(path):
        return
    if os.path.exists(path):
        raise DXError(f"Path {path} already exists, and it is a file, not a directory")
    os.mkdir(path)


def make_unix_filename(fname: str) -> str:
    """Turn a platform file name into a usable local basename.

    :param fname: the platform file name
    :returns: the name with ``/`` replaced by ``%2F``
    :raises DXError: for ``.`` and ``..``
    """
    if fname in (".", ".."):
        raise DXError(f"Invalid filename {fname}")
    return fname.replace("/", "%2F")


def filter_dict(dict_: dict[str, Any], excl_keys: Any) -> dict[str, Any]:
    """Copy of *dict_* without the keys in *excl_keys*.

    :param dict_: the mapping
    :param excl_keys: keys to leave out
    :returns: a new dict
    """
    return {k: v for k, v in dict_.items() if k not in excl_keys}


def _file_handler(value: Any) -> Any:
    from ..bindings import get_handler, is_dxlink
    from ..bindings.dxfile import DXFile

    if not is_dxlink(value):
        return None
    handler = get_handler(value)
    return handler if isinstance(handler, DXFile) else None


def get_job_input_filenames(
    job_input_file: str,
) -> tuple[list[str], dict[str, list[dict[str, Any]]], dict[str, Any]]:
    """List the file inputs of a job input file and where each one goes.

    Array elements get one numbered subdirectory each so equal names never clash.

    :param job_input_file: path of a ``job_input.json``
    :returns: ``(dirs, files, rest)``: directories to create (relative to the input dir),
        mapping field -> list of ``{"trg_fname", "handler", "src_file_id"}``, and the non-file inputs
    :raises DXError: if a file has an unusable name
    """
    with open(job_input_file) as fh:
        job_input = json.load(fh)
    files: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    dirs: list[str] = []

    def add_file(name: str, subdir: str | None, value: Any) -> None:
        handler = _file_handler(value)
        if handler is None:
            return
        target_dir = name if subdir is None else os.path.join(name, subdir)
        filename = handler.describe(fields={"name": True})["name"]
        files[name].append(
            {
                "trg_fname": os.path.join(target_dir, make_unix_filename(filename)),
                "handler": handler,
                "src_file_id": handler.get_id(),
            }
        )
        dirs.append(target_dir)

    for name, value in job_input.items():
        if isinstance(value, list):
            if not value:
                continue
            width = len(str(len(value) - 1))
            dirs.append(name)
            for index, element in enumerate(value):
                add_file(name, str(index).zfill(width), element)
        else:
            add_file(name, None, value)
    rest = {k: v for k, v in job_input.items() if k not in files}
    return dirs, files, rest


def _input_spec() -> list[dict[str, Any]] | None:
    if "DX_JOB_ID" in os.environ:
        from ..bindings import describe

        job = describe(os.environ["DX_JOB_ID"])
        if job.get("function") != "main":
            return None
        executable = describe(job.get("app") or job.get("applet"))
        return executable.get("inputSpec")
    if "DX_TEST_DXAPP_JSON" in os.environ:
        with open(os.environ["DX_TEST_DXAPP_JSON"]) as fh:
            spec: list[dict[str, Any]] | None = json.load(fh).get("inputSpec")
            return spec
    return None


def get_input_spec_patterns() -> dict[str, list[str]]:
    """The glob patterns of each input in the executable's inputSpec.

    In a job the spec comes from the job's executable (main entry point only); outside
    one from the ``dxapp.json`` named by ``DX_TEST_DXAPP_JSON``. Only patterns holding a
    ``*`` are kept.

    :returns: mapping input name -> patterns
    """
    patterns: dict[str, list[str]] = {}
    for spec in _input_spec() or []:
        if "patterns" in spec:
            patterns[spec["name"]] = [p for p in spec["patterns"] if "*" in p]
    return patterns


def choose_shorter_string(p: str | None, q: str | None) -> str | None:
    """The shorter of two strings (``None`` loses; the first wins a tie).

    :param p: a string or ``None``
    :param q: a string or ``None``
    :returns: the shorter one
    """
    if p is None:
        return q
    if q is None or len(q) >= len(p):
        return p
    return q


def _prefix(basename: str, patterns: list[str] | None) -> str:
    best: str | None = None
    for pattern in patterns or []:
        if fnmatch.fnmatch(basename, pattern):
            suffix = pattern.rpartition("*")[2]
            best = choose_shorter_string(best, basename[: len(basename) - len(suffix)])
    if best is not None:
        return best
    stem, ext = os.path.splitext(basename)
    if ext == ".gz":
        stem = os.path.splitext(stem)[0]
    return stem


def analyze_bash_vars(
    job_input_file: str, job_homedir: str | None
) -> tuple[dict[str, dict[str, list[Any]]], dict[str, Any]]:
    """Work out the per-file variables of each file input.

    :param job_input_file: path of a ``job_input.json``
    :param job_homedir: home directory to use instead of ``$HOME``
    :returns: ``(file_descs, rest)``: field -> ``{"handler", "basename", "prefix", "path"}`` lists,
        and the non-file inputs
    """
    _, file_entries, rest = get_job_input_filenames(job_input_file)
    patterns = get_input_spec_patterns() if file_entries else {}
    descs: dict[str, dict[str, list[Any]]] = {}
    input_dir = get_input_dir(job_homedir)
    for key, entries in file_entries.items():
        desc: dict[str, list[Any]] = {"handler": [], "basename": [], "prefix": [], "path": []}
        for entry in entries:
            basename = os.path.basename(entry["trg_fname"])
            desc["handler"].append(entry["handler"])
            desc["basename"].append(basename)
            desc["prefix"].append(_prefix(basename, patterns.get(key)))
            desc["path"].append(os.path.join(input_dir, entry["trg_fname"]))
        descs[key] = desc
    return descs, rest


def _shell_word(element: Any) -> str:
    from ..bindings import dxlink
    from ..bindings.dxfile import DXFile

    if isinstance(element, str):
        text = element
    elif isinstance(element, DXFile):
        text = json.dumps(dxlink(element))
    else:
        text = json.dumps(element)
    return shlex.quote(text)


def _shell_value(value: Any) -> str:
    if isinstance(value, list):
        return "( {} )".format(" ".join(_shell_word(v) for v in value))
    return _shell_word(value)


def gen_bash_vars(
    job_input_file: str, job_homedir: str | None = None, check_name_collision: bool = True
) -> dict[str, str]:
    """Shell variable definitions for a job's input.

    Scalars become quoted words, arrays ``( a b )``; file inputs hold their link JSON and
    add ``<name>_name``, ``<name>_prefix`` and ``<name>_path``. A single-file input is a
    one-element array, as on the platform.

    :param job_input_file: path of a ``job_input.json``
    :param job_homedir: home directory to use instead of ``$HOME`` in the paths
    :param check_name_collision: leave out (with a warning on the log) names that already are
        environment variables or were already defined
    :returns: mapping variable name -> shell-quoted value
    """
    file_descs, rest = analyze_bash_vars(job_input_file, job_homedir)
    defs: dict[str, str] = {}

    def define(name: str, value: str) -> None:
        if check_name_collision and (name in os.environ or name in defs):
            logger.warning("Creating environment variable (%s) would cause a name collision", name)
            return
        defs[name] = value

    for key, value in rest.items():
        define(key, _shell_value(value))
    for key, desc in file_descs.items():
        define(key, _shell_value(desc["handler"]))
        define(key + "_name", _shell_value(desc["basename"]))
        define(key + "_prefix", _shell_value(desc["prefix"]))
        define(key + "_path", _shell_value(desc["path"]))
    return defs
