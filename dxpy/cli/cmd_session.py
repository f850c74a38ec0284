"""Session and configuration commands: ``login``, ``logout``, ``whoami``, ``env``,
``select``, ``pwd`` and ``cd``.

The session is saved by :mod:`dxpy.cli._session`; ``pwd`` answers from the saved state
without contacting the server, so that it starts as fast as ``dx --version``.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Optional

from . import _session
from ._common import fail

_LEVEL_CHOICES = list(_session.LEVELS)


def register(subparsers: Any) -> None:
    """Add the session commands to ``dx``'s sub-command parsers.

    :param subparsers: the object returned by ``add_subparsers``
    """
    p = subparsers.add_parser("login", help="log in with an API token and save the session",
                              description="Log in with an API token and save the session in the "
                                          "configuration directory (~/.dnanexus_config).")
    p.add_argument("--token", help="API token to use (asked for on a terminal when not given)")
    p.add_argument("--host", help="API server host (default: the configured one)")
    p.add_argument("--port", help="API server port (default: 443 for https, 80 for http)")
    p.add_argument("--protocol", choices=["http", "https"], help="API server protocol (default https)")
    p.add_argument("--noprojects", dest="projects", action="store_false",
                   help="do not list projects or select one")
    p.add_argument("--save", action="store_true",
                   help="accepted for compatibility; the session is always saved")
    p.add_argument("--timeout", help="accepted for compatibility; tokens are not created by dx login")
    p.set_defaults(func=login, config_ok=True)

    p = subparsers.add_parser("logout", help="forget the saved credentials",
                              description="Remove the token from the saved session.")
    p.set_defaults(func=logout, config_ok=True)

    p = subparsers.add_parser("clearenv", help="forget the whole saved session",
                              description="Remove the saved session (server, token, project, folder) "
                                          "from the configuration directory; the shell's variables stay.")
    p.add_argument("--reset", action="store_true", help="then save empty values for every setting")
    p.set_defaults(func=clearenv, config_ok=True)

    p = subparsers.add_parser("whoami", help="print the user name of the current user",
                              description="Print the user name (handle) of the current user.")
    p.add_argument("--id", action="store_true", help="print the user ID (user-xxxx) instead")
    p.set_defaults(func=whoami)

    p = subparsers.add_parser("env", help="print the configuration in use",
                              description="Print the settings in use, as resolved from the environment "
                                          "and the configuration files. The token is only shown by --bash.")
    p.add_argument("--bash", action="store_true", help="print export lines for bash, token included")
    p.set_defaults(func=env, config_ok=True)

    p = subparsers.add_parser("select", help="choose the current project",
                              description="Select a project by name or ID; with no project on a "
                                          "terminal, choose one from a list.")
    p.add_argument("project", nargs="?", help="project name or ID")
    p.add_argument("--name", help="when listing, only projects whose name matches this glob")
    p.add_argument("--level", choices=_LEVEL_CHOICES, default="CONTRIBUTE",
                   help="minimum permission required (default CONTRIBUTE)")
    p.add_argument("--public", action="store_true", help="list public projects instead")
    p.set_defaults(func=select)

    p = subparsers.add_parser("pwd", help="print the current project and folder",
                              description="Print PROJECT_NAME:FOLDER.")
    p.set_defaults(func=pwd)

    p = subparsers.add_parser("cd", help="change the current folder (and project)",
                              description="Change the current folder; PROJECT:FOLDER also changes project.")
    p.add_argument("path", nargs="?", default="/", help="folder (default /)")
    p.set_defaults(func=cd)


# -- login / logout -------------------------------------------------------------------


def _server_from_args(args: argparse.Namespace) -> Optional[dict[str, str]]:
    if args.host is None:
        if args.port is not None or args.protocol is not None:
            fail("dx login: --port and --protocol need --host", 2)
        return None
    protocol = args.protocol or "https"
    port = args.port or ("443" if protocol == "https" else "80")
    return {"DX_APISERVER_HOST": args.host, "DX_APISERVER_PORT": str(port), "DX_APISERVER_PROTOCOL": protocol}


def _ask_token() -> str:
    if not sys.stdin.isatty():
        fail("dx login: give an API token with --token (there is no terminal to ask for one)")
    import getpass

    try:
        token = getpass.getpass("API token: ").strip()
    except (EOFError, KeyboardInterrupt):
        fail("", 3)
    if not token:
        fail("dx login: no token given")
    return token


def login(args: argparse.Namespace) -> int:
    """``dx login``: check the token against the API server, then save the session.

    :param args: the parsed arguments
    :returns: the exit status
    """
    import dxpy

    from .. import api
    from ..exceptions import DXAPIError, InvalidAuthentication

    server = _server_from_args(args)
    token = args.token or (args.auth_token if hasattr(args, "auth_token") else None) or _ask_token()
    context = {"auth_token": token, "auth_token_type": "Bearer"}
    if server is not None:
        dxpy.set_api_server_info(host=server["DX_APISERVER_HOST"], port=server["DX_APISERVER_PORT"],
                                 protocol=server["DX_APISERVER_PROTOCOL"])
    dxpy.set_security_context(context)
    _session.require_usable_config()
    try:
        user_id = api.system_whoami()["id"]
        handle = api.user_describe(user_id).get("handle") or user_id
    except InvalidAuthentication:
        fail(f"dx login: the token was refused by {dxpy.APISERVER}")
    except DXAPIError as exc:
        fail(f"dx login: {dxpy.APISERVER} answered {exc.name}: {exc.msg}")
    updates: dict[str, Optional[str]] = {
        "DX_SECURITY_CONTEXT": json.dumps(context),
        "DX_APISERVER_HOST": dxpy.APISERVER_HOST,
        "DX_APISERVER_PORT": str(dxpy.APISERVER_PORT or ""),
        "DX_APISERVER_PROTOCOL": dxpy.APISERVER_PROTOCOL,
        "DX_USERNAME": handle,
    }
    moved = server is not None and _session.get("DX_APISERVER_HOST") != server["DX_APISERVER_HOST"]
    if moved or _session.get("DX_USERNAME") not in (None, handle):
        # a project of another server (or chosen by another user) means nothing here
        updates.update({"DX_PROJECT_CONTEXT_ID": None, "DX_PROJECT_CONTEXT_NAME": None, "DX_CLI_WD": "/"})
    _session.save(updates)
    sys.stdout.write(f"Logged in as {handle} on {dxpy.APISERVER}\n")
    if args.projects:
        _pick_after_login()
    return 0


def _pick_after_login() -> None:
    projects = _list_projects("CONTRIBUTE", None, False)
    if len(projects) == 1:
        _session.select_project(projects[0]["id"], projects[0]["name"])
        sys.stdout.write(f"Selected project {projects[0]['name']}\n")
    elif projects and sys.stdin.isatty() and sys.stdout.isatty():
        _choose_and_select(projects)
    elif projects:
        sys.stdout.write(f"You can CONTRIBUTE to {len(projects)} projects; choose one with dx select.\n")
    else:
        sys.stdout.write("You have no project to CONTRIBUTE to yet; create one with dx new project.\n")


def logout(args: argparse.Namespace) -> int:
    """``dx logout``: remove the token (and cached user name) from the saved session.

    :param args: the parsed arguments
    :returns: the exit status
    """
    _session.save({"DX_SECURITY_CONTEXT": None, "DX_USERNAME": None})
    sys.stdout.write("Logged out: the token was removed from the saved session.\n")
    return 0


def clearenv(args: argparse.Namespace) -> int:
    """``dx clearenv``: remove the saved session (``--reset``: save empty values instead).

    :param args: the parsed arguments
    :returns: the exit status
    """
    _session.clear(reset=args.reset)
    return 0


def whoami(args: argparse.Namespace) -> int:
    """``dx whoami``: print the current user's handle, or ID with ``--id``.

    :param args: the parsed arguments
    :returns: the exit status
    """
    from .. import api

    user_id = api.system_whoami()["id"]
    if args.id:
        sys.stdout.write(user_id + "\n")
    else:
        sys.stdout.write(str(api.user_describe(user_id).get("handle") or user_id) + "\n")
    return 0


# -- env ----------------------------------------------------------------------------------


def _bash_quote(value: str) -> str:
    import shlex

    return shlex.quote(value)


def env(args: argparse.Namespace) -> int:
    """``dx env``: print the settings in use (``--bash``: as export lines, token included).

    :param args: the parsed arguments
    :returns: the exit status
    """
    import dxpy

    security = dxpy.SECURITY_CONTEXT
    token = security.get("auth_token") if isinstance(security, dict) else None
    port = dxpy.APISERVER_PORT
    project = _session.current_project()
    if args.bash:
        lines = []
        if security:
            lines.append(f"export DX_SECURITY_CONTEXT={_bash_quote(json.dumps(security))}")
        lines += [f"export DX_APISERVER_PROTOCOL={dxpy.APISERVER_PROTOCOL}",
                  f"export DX_APISERVER_HOST={_bash_quote(dxpy.APISERVER_HOST)}",
                  f"export DX_APISERVER_PORT={port or ''}"]
        if project:
            lines.append(f"export DX_PROJECT_CONTEXT_ID={project}")
        sys.stdout.write("\n".join(lines) + "\n")
        return 0
    rows = [("Auth token used", "<hidden: dx env --bash shows it>" if token else "None"),
            ("API server protocol", dxpy.APISERVER_PROTOCOL),
            ("API server host", dxpy.APISERVER_HOST),
            ("API server port", str(port or "")),
            ("Current workspace", project or "None")]
    name = _session.saved_project_name() if project else None
    if name:
        rows.append(("Current workspace name", json.dumps(name)))
    rows += [("Current folder", _session.current_folder() if project else "None"),
             ("Current user", _session.get("DX_USERNAME") or "None")]
    for label, value in rows:
        sys.stdout.write(label + "\t" * (2 if len(label) < 16 else 1) + value + "\n")
    for problem in _session.config_errors().values():
        sys.stdout.write(f"Configuration problem\t{problem}\n")
    return 0


# -- projects -----------------------------------------------------------------------------


def _list_projects(level: str, name: Optional[str], public: bool) -> list[dict[str, Any]]:
    from .. import api

    query: dict[str, Any] = {"level": level, "describe": {"fields": {"name": True, "level": True}},
                             "limit": 1000}
    if name:
        query["name"] = {"glob": name}
    if public:
        query["public"] = True
    found = api.system_find_projects(query).get("results", [])
    projects = [{"id": r["id"], "name": r.get("describe", {}).get("name", r["id"]),
                 "level": r.get("level")} for r in found]
    return sorted(projects, key=lambda p: (p["name"].lower(), p["id"]))


def _choose_and_select(projects: list[dict[str, Any]]) -> None:
    for i, proj in enumerate(projects):
        sys.stdout.write(f"{i}) {proj['name']} ({proj['level']}, {proj['id']})\n")
    while True:
        try:
            answer = input(f"Pick a project [0-{len(projects) - 1}, or q to quit]: ").strip()
        except (EOFError, KeyboardInterrupt):
            sys.stdout.write("\n")
            fail("", 3)
        if answer.lower() in ("q", "quit"):
            return
        if answer.isdigit() and int(answer) < len(projects):
            chosen = projects[int(answer)]
            _session.select_project(chosen["id"], chosen["name"])
            sys.stdout.write(f"Selected project {chosen['name']}\n")
            return
        sys.stdout.write("Please answer with one of the numbers shown.\n")


def select(args: argparse.Namespace) -> int:
    """``dx select``: make a project (by name or ID) the current one.

    :param args: the parsed arguments
    :returns: the exit status
    """
    from .. import api
    from ..exceptions import PermissionDenied, ResourceNotFound
    from ..utils.resolver import is_container_id, resolve_project

    if args.project is None:
        if not sys.stdin.isatty():
            fail("dx select: name a project (there is no terminal to choose from)")
        projects = _list_projects(args.level, args.name, args.public)
        if not projects:
            fail(f"dx select: no project with at least {args.level} permission")
        _choose_and_select(projects)
        return 0
    project = resolve_project(args.project)
    try:
        desc = api.project_describe(project, {"fields": {"name": True, "level": True}}) \
            if project.startswith("project-") else api.container_describe(project, {"fields": {"name": True}})
    except (ResourceNotFound, PermissionDenied):
        fail(f'dx select: cannot find project "{args.project}"')
    level = desc.get("level", "ADMINISTER" if not project.startswith("project-") else None)
    if not _session.level_at_least(level, args.level):
        fail(f"dx select: you have {level or 'no'} permission in {args.project}, "
             f"{args.level} is required (see --level)")
    _session.select_project(project, str(desc.get("name") or project))
    shown = args.project if is_container_id(args.project) else desc.get("name")
    sys.stdout.write(f"Selected project {shown}\n")
    return 0


# -- folders ---------------------------------------------------------------------------


def pwd(args: argparse.Namespace) -> int:
    """``dx pwd``: print ``PROJECT_NAME:FOLDER``.

    :param args: the parsed arguments
    :returns: the exit status
    """
    project = _session.current_project()
    if not project:
        fail("Current project is not set")
    sys.stdout.write(f"{_session.project_name(project)}:{_session.current_folder()}\n")
    return 0


def cd(args: argparse.Namespace) -> int:
    """``dx cd``: change the current folder; ``PROJECT:FOLDER`` also selects that project.

    :param args: the parsed arguments
    :returns: the exit status
    """
    from ..bindings import DXProject
    from ..exceptions import PermissionDenied, ResourceNotFound
    from ..utils.resolver import resolve_path

    project, folder, _ = resolve_path(args.path, expected="folder")
    if folder is None:
        fail(f'dx cd: "{args.path}" is not a folder')
    try:
        DXProject(project).list_folder(folder=folder, only="folders")
    except (ResourceNotFound, PermissionDenied):
        fail(f"dx cd: {folder}: no such folder in {_session.project_name(project)}")
    updates: dict[str, Optional[str]] = {"DX_CLI_WD": folder}
    if project != _session.current_project():
        updates["DX_PROJECT_CONTEXT_ID"] = project
        updates["DX_PROJECT_CONTEXT_NAME"] = _session.project_name(project)
    _session.save(updates)
    return 0
