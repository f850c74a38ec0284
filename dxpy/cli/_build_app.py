"""``dx build --app``: build an app version from a ``dxapp.json`` source directory.

As upstream's does, the applet carrying the code is built in a temporary project
(destroyed afterwards; ``--no-temp-build-project`` uses the current project instead)
and the app version is made from it with ``/app/new``, or, when that version exists
and is not published yet, updated in place with ``/app-xxxx/update``
(:func:`dxpy.app_builder.create_app`).
"""

from __future__ import annotations

import argparse
import logging
import os
from typing import Any

from ._common import fail, read_spec_file

logger = logging.getLogger(__name__)

_TEMP_PROJECT_NAME = "Temporary build project for dx build --app"


def add_app_options(parser: argparse.ArgumentParser) -> None:
    """Add the app-building options of ``dx build`` to its parser.

    :param parser: the ``dx build`` parser
    """
    group = parser.add_argument_group("options for building apps (with --app)")
    group.add_argument("--app", "--create-app", dest="app", action="store_true", help="build an app")
    group.add_argument(
        "--publish", action="store_true", help="publish the app version and make it the default"
    )
    group.add_argument(
        "-v",
        "--version",
        dest="version_override",
        metavar="VERSION",
        help="the version, instead of dxapp.json's",
    )
    group.add_argument("-b", "--bill-to", metavar="USER_OR_ORG", help="the user or org billed for the app")
    group.add_argument(
        "--no-version-autonumbering",
        dest="autonumber",
        action="store_false",
        help="only try the version asked for (not VERSION+build.YYYYMMDD.HHMM when it is taken)",
    )
    group.add_argument(
        "--no-update",
        dest="update",
        action="store_false",
        help="never update an unpublished version in place",
    )
    group.add_argument(
        "--no-temp-build-project",
        dest="temp_project",
        action="store_false",
        help="build the app's applet in the current project instead of a temporary one",
    )
    group.add_argument("-y", "--yes", action="store_true", help="ask no confirmation")
    group.add_argument(
        "--region", action="append", metavar="REGION", help="enable the app in REGION (one region only)"
    )


def _check_developer(name: str) -> None:
    """Fail early when an app of that name exists and the caller is not one of its developers."""
    import dxpy

    from ..exceptions import DXAPIError

    try:
        found = dxpy.api.app_describe(f"app-{name}", input_params={"fields": {"isDeveloperFor": True}})
    except DXAPIError as exc:
        if type(exc).__name__ == "ResourceNotFound":
            return
        raise
    if not found.get("isDeveloperFor"):
        fail(f"Error: you are not a developer of the app {name}, so you cannot build a version of it")


def _regional_options(spec: dict[str, Any], region: str, applet_id: str) -> dict[str, Any]:
    options = dict((spec.get("regionalOptions") or {}).get(region) or {})
    options["applet"] = applet_id
    return {region: options}


def _check_args(args: argparse.Namespace) -> None:
    if args.destination or args.overwrite or args.archive:
        fail("Error: -d/--destination, -f/--overwrite and -a/--archive are for applets, not with --app")


def build_app(args: argparse.Namespace) -> str | None:
    """Build (or update) the app version described by ``args.src_dir/dxapp.json``.

    :param args: the parsed ``dx build`` arguments (with ``--app``)
    :returns: the app ID, or None for ``--dry-run``
    :raises CLIExit: for a bad spec, a version that cannot be created, or bad options
    """
    import dxpy

    from .. import app_builder
    from .cmd_build import _extra_args

    _check_args(args)
    src, spec = args.src_dir, read_spec_file(args.src_dir, "dxapp.json")
    name = str(spec.get("name") or os.path.basename(os.path.abspath(src)))
    version = args.version_override or spec.get("version")
    if not version:
        fail("Error: an app needs a version: set 'version' in dxapp.json or give -v/--version")
    try:
        regions = app_builder.get_enabled_regions(spec, args.region)
        if regions and len(regions) > 1:
            fail(f"Error: building an app in several regions ({', '.join(regions)}) is not offered")
        app_builder.build(src, parallel_build=args.parallel_build)
        if args.dry_run:
            app_builder.upload_applet(
                src, [], project=dxpy.PROJECT_CONTEXT_ID or "project-dry-run", dry_run=True
            )
            return None
        _check_developer(name)
        project = _build_project(args, regions[0] if regions else None)
        try:
            region = str(dxpy.api.project_describe(project, {"fields": {"region": True}})["region"])
            resources = app_builder.upload_resources(
                src,
                project=project,
                ensure_upload=args.ensure_upload,
                force_symlinks=args.force_symlinks,
                brief=args.brief,
            )
            applet_id, _ = app_builder.upload_applet(
                src, resources, check_name_collisions=False, project=project, override_folder="/",
                brief=args.brief, **_extra_args(args),
            )  # fmt: skip
            return app_builder.create_app(
                str(applet_id),
                name,
                src,
                publish=args.publish,
                set_default=args.publish,
                billTo=args.bill_to,
                try_versions=app_builder.version_candidates(str(version), args.autonumber),
                try_update=args.update,
                confirm=not args.yes,
                regional_options=_regional_options(spec, region, str(applet_id)),
            )
        finally:
            if args.temp_project:
                dxpy.api.project_destroy(project, {"terminateJobs": True})
    except app_builder.AppBuilderException as exc:
        fail(f"Error: {exc}")


def _build_project(args: argparse.Namespace, region: str | None) -> str:
    """The project the app's applet is built in: a new temporary one, or the current one."""
    import dxpy

    if not args.temp_project:
        if not dxpy.PROJECT_CONTEXT_ID:
            fail("Error: --no-temp-build-project needs a current project (dx select)")
        return str(dxpy.PROJECT_CONTEXT_ID)
    body: dict[str, Any] = {"name": _TEMP_PROJECT_NAME}
    if region:
        body["region"] = region
    return str(dxpy.api.project_new(body)["id"])
