"""The saved ``dx`` session: reading and writing ``~/.dnanexus_config``.

The state lives in ``environment.json`` in the user configuration directory
(``$DX_USER_CONF_DIR``, default ``~/.dnanexus_config``), written through
:class:`dxpy._config.DXConfig` so that our loader reads it back. Upstream's loader
(0.417) also reads one plain file per CLI variable (``DX_CLI_WD``, ``DX_USERNAME``,
``DX_PROJECT_CONTEXT_NAME``) and lets those files, and a per-shell
``sessions/<shell pid>/`` directory, win over ``environment.json``; we therefore write
those files too and refresh the current shell's session directory when upstream made
one, so that either ``dx`` sees what the other saved.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from typing import Any, Optional

from ._common import fail

#: CLI variables upstream also keeps as one plain file each
STANDALONE_FILES = ("DX_CLI_WD", "DX_USERNAME", "DX_PROJECT_CONTEXT_NAME")
#: permission levels in increasing order
LEVELS = ("VIEW", "UPLOAD", "CONTRIBUTE", "ADMINISTER")
#: the ``DX_*`` variables exported by the shell (assignments through dxpy.config add more)
_EXPORTED = {k: v for k, v in os.environ.items() if k.startswith("DX_")}


def config() -> Any:
    """The process-wide configuration mapping (``dxpy.config``).

    :returns: the :class:`dxpy._config.DXConfig` instance
    """
    from .._config import get_config

    return get_config()


def config_errors() -> dict[str, str]:
    """Configuration mistakes found when ``dxpy`` loaded its settings.

    :returns: ``"server"``/``"credentials"`` -> the message (empty when all is well)
    """
    from .._context import get_context

    # the context forgets a mistake once a dx option (or a setter) replaced the value
    return dict(get_context().config_errors)


def require_usable_config() -> None:
    """Stop the command when the saved or exported configuration cannot be used.

    :raises CLIExit: naming the variable or file at fault
    """
    errors = config_errors()
    if errors:
        fail(" ".join(errors.values()))


def get(key: str) -> Optional[str]:
    """A configuration value, or ``None`` when unset or empty.

    :param key: one of the managed ``DX_*`` names
    :returns: the value
    """
    return config().get(key) or None


def _same_origin(key_a: str, key_b: str) -> bool:
    """Tell whether two variables were set by the same kind of source (file or environment)."""
    cfg = config()
    source_a, source_b = cfg.source_of(key_a) or "", cfg.source_of(key_b) or ""
    return source_a.startswith("environment variable") == source_b.startswith("environment variable")


def current_project() -> Optional[str]:
    """The current project: the job workspace inside a job, else the project context.

    :returns: a project or container ID, or ``None``
    """
    import dxpy

    if dxpy.JOB_ID and dxpy.WORKSPACE_ID:
        return str(dxpy.WORKSPACE_ID)
    return dxpy.PROJECT_CONTEXT_ID or None


def saved_project_name() -> Optional[str]:
    """The cached name of the current project, when it belongs to that project.

    A project given by ``DX_PROJECT_CONTEXT_ID`` in the environment is not the one a
    saved ``DX_PROJECT_CONTEXT_NAME`` describes, so the name is then not trusted.

    :returns: the name, or ``None`` when it must be looked up
    """
    name = get("DX_PROJECT_CONTEXT_NAME")
    if name and _same_origin("DX_PROJECT_CONTEXT_ID", "DX_PROJECT_CONTEXT_NAME"):
        return name
    return None


def project_name(project: str) -> str:
    """The name of ``project``: the saved one when valid, else from the platform.

    :param project: a project ID
    :returns: its name (the ID itself for a container without a name)
    """
    if project == get("DX_PROJECT_CONTEXT_ID"):
        name = saved_project_name()
        if name:
            return name
    from .. import api

    desc = api.project_describe(project, {"fields": {"name": True}}) if project.startswith("project-") \
        else api.container_describe(project, {"fields": {"name": True}})
    return str(desc.get("name") or project)


def current_folder() -> str:
    """The current folder (``DX_CLI_WD``, default ``/``).

    :returns: an absolute folder path
    """
    return get("DX_CLI_WD") or "/"


def _write_private(path: str, text: str) -> None:
    """Replace ``path`` with ``text``, readable by the owner only."""
    tmp = f"{path}.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _write_dir(directory: str, values: Mapping[str, str]) -> None:
    os.makedirs(directory, mode=0o700, exist_ok=True)
    os.chmod(directory, 0o700)
    _write_private(os.path.join(directory, "environment.json"),
                   json.dumps(dict(values), indent=4, sort_keys=True) + "\n")
    for key in STANDALONE_FILES:
        _write_private(os.path.join(directory, key), values.get(key, ""))


def save(updates: Mapping[str, Optional[str]]) -> str:
    """Apply ``updates`` to the configuration and save the whole session.

    :param updates: variable -> new value (``None`` removes it)
    :returns: the path of the ``environment.json`` written
    :raises CLIExit: when a value is malformed or the files cannot be written
    """
    from ..exceptions import DXError

    _note_overrides(updates)
    cfg = config()
    try:
        for key, value in updates.items():
            if value is None:
                cfg.pop(key, None)
            else:
                cfg[key] = value
        values = {key: cfg[key] for key in cfg}
        conf = cfg.conf_dir
        _write_dir(conf, values)
        session = os.path.join(conf, "sessions", str(os.getppid()))
        if os.path.isdir(session):
            _write_dir(session, values)
    except DXError as exc:
        fail(f"dx: cannot save the session: {exc}")
    except OSError as exc:
        fail(f"dx: cannot save the session in {cfg.conf_dir}: {exc.strerror or exc}")
    return os.path.join(conf, "environment.json")


def _note_overrides(updates: Mapping[str, Optional[str]]) -> None:
    """Say so when an exported variable will hide a value being saved, in later commands."""
    hidden = sorted(k for k, v in updates.items() if k in _EXPORTED and _EXPORTED[k] != (v or ""))
    if hidden:
        many = len(hidden) > 1
        sys.stderr.write(f"dx: note: the environment variable{'s' if many else ''} {', '.join(hidden)} "
                         f"of this shell override{'' if many else 's'} the saved session; unset "
                         f"{'them' if many else 'it'} to use what was saved\n")


def clear(reset: bool = False) -> None:
    """Delete the saved session files (and the current shell's upstream copy).

    :param reset: then write a session in which every setting is empty, so that
        nothing saved earlier (by any tool) applies
    :raises CLIExit: when a file cannot be removed
    """
    import shutil

    conf = config().conf_dir
    names = ("environment.json", "environment", *STANDALONE_FILES)
    try:
        for name in names:
            path = os.path.join(conf, name)
            if os.path.lexists(path):
                os.unlink(path)
        shutil.rmtree(os.path.join(conf, "sessions", str(os.getppid())), ignore_errors=True)
        if reset:
            _write_dir(conf, {})
    except OSError as exc:
        fail(f"dx clearenv: cannot clear {conf}: {exc.strerror or exc}")


def level_at_least(level: Optional[str], wanted: str) -> bool:
    """Tell whether permission ``level`` is ``wanted`` or higher.

    :param level: the level held (``None`` = none)
    :param wanted: one of :data:`LEVELS`
    :returns: the answer
    """
    if level not in LEVELS:
        return False
    return LEVELS.index(level) >= LEVELS.index(wanted)


def select_project(project: str, name: str) -> None:
    """Make ``project`` the current project, at its root folder, and save the session.

    :param project: the project ID
    :param name: its name (cached for ``dx pwd``)
    """
    import dxpy

    if dxpy.JOB_ID:
        save({"DX_WORKSPACE_ID": project, "DX_CLI_WD": "/"})
    else:
        save({"DX_PROJECT_CONTEXT_ID": project, "DX_PROJECT_CONTEXT_NAME": name, "DX_CLI_WD": "/"})
