"""Build applets (and apps) from a source directory, as ``dx build`` does.

A source directory holds ``dxapp.json`` (the executable's specification), the code
named by ``runSpec.file`` and, optionally, a ``resources/`` directory whose contents
are unpacked at ``/`` on the worker.  The steps, each a public function:

1. :func:`build` runs ``make`` in ``src/`` when there is a Makefile;
2. :func:`upload_resources` packs ``resources/`` into a hidden ``resources.tar.gz``
   file (reused when an identical bundle is already in the destination) and returns
   the ``bundledDepends`` entries that point at it;
3. :func:`upload_applet` creates the applet, with the code inline in
   ``runSpec.code``, handling name collisions (``overwrite`` or ``archive``);
4. :func:`create_app` turns an applet into an app version.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import textwrap
import time
from typing import Any

from .exceptions import DXError, DXSearchError

logger = logging.getLogger(__name__)

#: True when both stdin and stdout are terminals (prompts may be shown)
INTERACTIVE_CLI: bool = sys.stdin.isatty() and sys.stdout.isatty()
#: cores used for a parallel ``make``
NUM_CORES: int = os.cpu_count() or 1
#: package names that denote the toolkit itself in ``execDepends`` (they are dropped)
DX_TOOLKIT_PKGS: tuple[str, ...] = ("dx-toolkit",)
#: git URLs that denote the toolkit itself in ``execDepends`` (they are dropped)
DX_TOOLKIT_GIT_URLS: tuple[str, ...] = ("git@github.com:dnanexus/dx-toolkit.git",)

#: the ``dxapp.json`` fields passed on to ``/applet/new`` (others, like ``version``, are app-only)
_APPLET_FIELDS = (
    "name",
    "title",
    "summary",
    "description",
    "developerNotes",
    "dxapi",
    "inputSpec",
    "outputSpec",
    "runSpec",
    "access",
    "httpsApp",
    "ignoreReuse",
    "treeTurnaroundTimeThreshold",
    "details",
    "types",
    "tags",
    "properties",
    "hidden",
    "folder",
)
#: the ``dxapp.json`` fields passed on to ``/app/new``
_APP_FIELDS = (
    "name",
    "version",
    "title",
    "summary",
    "description",
    "developerNotes",
    "details",
    "categories",
    "access",
    "httpsApp",
    "ignoreReuse",
    "treeTurnaroundTimeThreshold",
    "resources",
    "openSource",
    "authorizedUsers",
    "billTo",
)
_ARCHIVE_FOLDER = "/.Applet_archive"
_CHECKSUM_PROPERTY = "resource_bundle_checksum"


class AppBuilderException(DXError):
    """A source directory or its ``dxapp.json`` cannot be built (the message says why)."""


def _read_spec(src_dir: str) -> dict[str, Any]:
    path = os.path.join(src_dir, "dxapp.json")
    try:
        with open(path, encoding="utf-8") as fh:
            spec = json.load(fh)
    except FileNotFoundError:
        raise AppBuilderException(f"No dxapp.json found in {src_dir!r}") from None
    except ValueError as exc:
        raise AppBuilderException(f"{path} is not valid JSON: {exc}") from None
    if not isinstance(spec, dict):
        raise AppBuilderException(f"{path} must hold a JSON object")
    _validate_spec(spec, path)
    return spec


def _validate_spec(spec: dict[str, Any], path: str) -> None:
    run_spec = spec.get("runSpec")
    if not isinstance(run_spec, dict):
        raise AppBuilderException(f"Required field 'runSpec' not found in {path}")
    if "interpreter" not in run_spec:
        raise AppBuilderException(f"Required field 'runSpec.interpreter' not found in {path}")
    for key in ("inputSpec", "outputSpec"):
        if key in spec and not isinstance(spec[key], list):
            raise AppBuilderException(f"'{key}' in {path} must be a list of field specifications")
        for field in spec.get(key) or []:
            if not isinstance(field, dict) or "name" not in field or "class" not in field:
                raise AppBuilderException(f"every entry of '{key}' in {path} needs a 'name' and a 'class'")


def build(src_dir: str, parallel_build: bool = True) -> None:
    """Run ``make`` in ``src_dir/src`` when it holds a Makefile (after ``./configure`` if present).

    :param src_dir: the source directory
    :param parallel_build: run ``make -jN`` with :data:`NUM_CORES` jobs
    :raises AppBuilderException: when configure or make fails
    """
    code_dir = os.path.join(src_dir, "src")
    if os.path.isfile(os.path.join(code_dir, "configure")):
        _run_step(["./configure"], code_dir)
    if any(os.path.isfile(os.path.join(code_dir, name)) for name in ("Makefile", "makefile", "GNUmakefile")):
        _run_step(["make", f"-j{NUM_CORES}"] if parallel_build else ["make"], code_dir)


def _run_step(argv: list[str], cwd: str) -> None:
    logger.info("running %s in %s", " ".join(argv), cwd)
    try:
        subprocess.run(argv, cwd=cwd, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        raise AppBuilderException(f"{' '.join(argv)} failed in {cwd}: {exc}") from None


def get_destination_project(src_dir: str, project: str | None = None) -> str:
    """Return the project an applet built from ``src_dir`` goes to.

    :param src_dir: the source directory
    :param project: the project chosen by the caller (wins when given)
    :returns: ``project``, else the ``project`` field of ``dxapp.json``
    :raises AppBuilderException: when neither names a project
    """
    if project is not None:
        return project
    spec = _read_spec(src_dir)
    if not spec.get("project"):
        raise AppBuilderException("No destination project: give one or set 'project' in dxapp.json")
    return str(spec["project"])


def is_link_local(link_target: str) -> bool:
    """Tell whether a symbolic link's target stays inside the directory tree it is in.

    :param link_target: the link's target as stored (``os.readlink``)
    :returns: True for a relative target that never climbs above its starting point
    """
    if os.path.isabs(link_target):
        return False
    depth = 0
    for part in link_target.split(os.sep):
        if part == "..":
            depth -= 1
            if depth < 0:
                return False
        elif part not in ("", "."):
            depth += 1
    return True


def _directory_checksum(root: str) -> str:
    """A digest of the tree's names, modes, link targets and file contents."""
    digest = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]):
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            digest.update(rel.encode() + b"\0")
            if os.path.islink(path):
                digest.update(b"L" + os.readlink(path).encode() + b"\0")
                continue
            digest.update(oct(os.stat(path).st_mode & 0o777).encode())
            with open(path, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(chunk)
    return digest.hexdigest()


def _normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
    # Owners on the build machine mean nothing on the worker; everyone may read, dirs are traversable.
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    info.mode |= 0o444
    if info.isdir() or info.mode & 0o100:
        info.mode |= 0o111
    return info


def _write_bundle(resources: str, target: str, force_symlinks: bool, subpath: str) -> None:
    prefix = subpath.strip("/")
    with tarfile.open(target, "w:gz") as tar:
        for dirpath, dirnames, filenames in os.walk(resources):
            dirnames.sort()
            for name in sorted(dirnames) + sorted(filenames):
                path = os.path.join(dirpath, name)
                arcname = (
                    os.path.join(prefix, os.path.relpath(path, resources))
                    if prefix
                    else os.path.relpath(path, resources)
                )
                keep_link = os.path.islink(path) and (force_symlinks or is_link_local(os.readlink(path)))
                if os.path.islink(path) and not keep_link and not os.path.exists(path):
                    raise AppBuilderException(f"{path} is a broken symbolic link")
                if os.path.isdir(path) and not os.path.islink(path):
                    tar.add(path, arcname=arcname, recursive=False, filter=_normalise)
                elif keep_link:
                    tar.add(path, arcname=arcname, filter=_normalise)
                else:
                    info = _normalise(tar.gettarinfo(os.path.realpath(path), arcname=arcname))
                    if info.isdir():
                        raise AppBuilderException(f"{path} links to a directory outside resources/")
                    with open(path, "rb") as fh:
                        tar.addfile(info, fh)


def _existing_bundle(project: str, folder: str, checksum: str) -> str | None:
    import dxpy

    for found in dxpy.find_data_objects(
        classname="file",
        project=project,
        folder=folder,
        recurse=False,
        visibility="hidden",
        state="closed",
        properties={_CHECKSUM_PROPERTY: checksum},
    ):
        return str(found["id"])
    return None


def upload_resources(
    src_dir: str,
    project: str | None = None,
    folder: str = "/",
    ensure_upload: bool = False,
    force_symlinks: bool = False,
    brief: bool = False,
    resources_dir: str | None = None,
    worker_resources_subpath: str = "",
) -> list[dict[str, Any]]:
    """Pack ``resources/`` into a hidden ``resources.tar.gz`` file and return its ``bundledDepends`` entry.

    A closed hidden file in ``project:folder`` whose ``resource_bundle_checksum`` property matches
    the directory's contents is reused instead of uploading again (unless ``ensure_upload``).

    :param src_dir: the source directory
    :param project: where the bundle goes (default: the current project)
    :param folder: folder of the bundle (created when missing)
    :param ensure_upload: always upload a new bundle
    :param force_symlinks: keep every symbolic link as a link (by default links leaving the tree
        are replaced by the file they point at)
    :param brief: log less
    :param resources_dir: the directory to pack (default ``src_dir/resources``)
    :param worker_resources_subpath: directory, relative to ``/`` on the worker, to unpack into
    :returns: ``[{"name": "resources.tar.gz", "id": {"$dnanexus_link": file_id}}]``, or ``[]`` when
        there is no (or an empty) resources directory
    :raises AppBuilderException: for a broken link or a link to a directory outside the tree
    """
    import dxpy

    resources = resources_dir or os.path.join(src_dir, "resources")
    if not os.path.isdir(resources) or not os.listdir(resources):
        return []
    project = project or dxpy.PROJECT_CONTEXT_ID
    if not project:
        raise AppBuilderException("No project to upload the resources to")
    checksum = _directory_checksum(resources) + (
        ":" + worker_resources_subpath if worker_resources_subpath else ""
    )
    dxpy.api.project_new_folder(project, {"folder": folder, "parents": True})
    file_id = None if ensure_upload else _existing_bundle(project, folder, checksum)
    if file_id is not None:
        if not brief:
            logger.info("reusing the resource bundle %s, identical to %s", file_id, resources)
    else:
        with tempfile.TemporaryDirectory(prefix="dx-build-") as tmp:
            target = os.path.join(tmp, "resources.tar.gz")
            _write_bundle(resources, target, force_symlinks, worker_resources_subpath)
            handler = dxpy.upload_local_file(
                target,
                project=project,
                folder=folder,
                hidden=True,
                properties={_CHECKSUM_PROPERTY: checksum},
                wait_on_close=True,
            )
        file_id = handler.get_id()
        if not brief:
            logger.info("uploaded the resource bundle %s", file_id)
    return [{"name": "resources.tar.gz", "id": {"$dnanexus_link": file_id}}]


def _applet_input(
    src_dir: str, spec: dict[str, Any], uploaded_resources: list[dict[str, Any]]
) -> dict[str, Any]:
    run_spec = copy.deepcopy(spec["runSpec"])
    if "file" in run_spec:
        code_file = os.path.join(src_dir, run_spec.pop("file"))
        try:
            with open(code_file, encoding="utf-8") as fh:
                run_spec["code"] = fh.read()
        except OSError as exc:
            raise AppBuilderException(f"Cannot read runSpec.file {code_file}: {exc.strerror}") from None
    if "code" not in run_spec:
        raise AppBuilderException(
            "dxapp.json's runSpec needs 'file' (a path in the source directory) or 'code'"
        )
    run_spec["bundledDepends"] = (
        list(run_spec.get("bundledDepends") or [])
        + list(uploaded_resources or [])
        + [asset_bundle(dep) for dep in run_spec.get("assetDepends") or []]
    )
    if "execDepends" in run_spec:
        run_spec["execDepends"] = [
            dep
            for dep in run_spec["execDepends"]
            if dep.get("name") not in DX_TOOLKIT_PKGS and dep.get("url") not in DX_TOOLKIT_GIT_URLS
        ]
    body = {key: copy.deepcopy(spec[key]) for key in _APPLET_FIELDS if key in spec}
    body["runSpec"] = run_spec
    body.setdefault("dxapi", "1.0.0")
    return body


def asset_bundle(dep: Any) -> dict[str, Any]:
    """The ``bundledDepends`` entry for one ``runSpec.assetDepends`` element.

    An asset is a closed record (type ``AssetBundle``, made by ``dx build_asset``) whose
    ``details.archiveFileId`` links the archive to unpack; its ``version`` property names
    the version.

    :param dep: ``{"id": "record-xxxx"}``, or ``{"name", "project", "version", "folder"?}``
        (found by name and ``version`` property, in ``folder`` and below when given);
        ``stages`` is carried over.
    :returns: ``{"name": <archive file name>, "id": {"$dnanexus_link": file-xxxx}, "stages"?}``
    :raises AppBuilderException: for a malformed element, no matching asset, or a record
        without an archive
    """
    import dxpy

    if isinstance(dep, dict) and isinstance(dep.get("id"), str):
        if not dep["id"].startswith("record-"):
            raise AppBuilderException(f"runSpec.assetDepends id {dep['id']!r} is not a record ID")
        record = dep["id"]
    elif isinstance(dep, dict) and all(isinstance(dep.get(k), str) for k in ("name", "project", "version")):
        try:
            found = dxpy.find_one_data_object(
                zero_ok=True, more_ok=False, classname="record", typename="AssetBundle", state="closed",
                name=dep["name"], project=dep["project"], folder=dep.get("folder"),
                properties={"version": dep["version"]}, return_handler=False,
            )
        except DXSearchError:
            raise AppBuilderException(
                f"Several asset bundles match the specification {json.dumps(dep)}: give its 'id'"
            ) from None
        if found is None:
            raise AppBuilderException(
                f"No asset bundle was found that matched the specification {json.dumps(dep)}"
            )
        record = found["id"]
    else:
        raise AppBuilderException(
            "Each runSpec.assetDepends element needs either 'id' or 'name', 'project' and 'version'"
        )
    archive = dxpy.api.record_describe(record, {"fields": {"details": True}}).get("details") or {}
    link = archive.get("archiveFileId")
    file_id = link.get("$dnanexus_link") if isinstance(link, dict) else None
    if not isinstance(file_id, str):
        raise AppBuilderException(f"The asset {record} has no details.archiveFileId to unpack")
    entry: dict[str, Any] = {
        "name": dxpy.api.file_describe(file_id, {"fields": {"name": True}})["name"],
        "id": {"$dnanexus_link": file_id},
    }
    if "stages" in dep:
        entry["stages"] = dep["stages"]
    return entry


def _colliding_applets(project: str, folder: str, name: str) -> list[str]:
    import dxpy

    return [
        str(r["id"])
        for r in dxpy.find_data_objects(
            classname="applet", name=name, project=project, folder=folder, recurse=False, visibility="either"
        )
    ]


def _archive(project: str, applet_ids: list[str], name: str) -> None:
    import dxpy

    dxpy.api.project_new_folder(project, {"folder": _ARCHIVE_FOLDER, "parents": True})
    stamp = time.strftime("%a %b %d %H:%M:%S %Y")
    dxpy.api.project_move(project, {"objects": applet_ids, "destination": _ARCHIVE_FOLDER})
    for applet_id in applet_ids:
        dxpy.api.applet_rename(applet_id, {"project": project, "name": f"{name} ({stamp})"})
        logger.info("archived applet %s to %s:%s", applet_id, project, _ARCHIVE_FOLDER)


def upload_applet(
    src_dir: str,
    uploaded_resources: list[dict[str, Any]] | None,
    check_name_collisions: bool = True,
    overwrite: bool = False,
    archive: bool = False,
    project: str | None = None,
    override_folder: str | None = None,
    override_name: str | None = None,
    dry_run: bool = False,
    brief: bool = False,
    **kwargs: Any,
) -> tuple[str | None, dict[str, Any] | None]:
    """Create an applet from ``src_dir`` (the code of ``runSpec.file`` goes inline into ``runSpec.code``).

    :param src_dir: the source directory, holding ``dxapp.json``
    :param uploaded_resources: ``bundledDepends`` entries to add (see :func:`upload_resources`)
    :param check_name_collisions: look for applets of the same name in the destination folder
    :param overwrite: remove such applets once the new one exists
    :param archive: move such applets to ``/.Applet_archive``, renamed with the date
    :param project: destination project (default: ``dxapp.json``'s ``project``, else the current one)
    :param override_folder: destination folder (default: ``dxapp.json``'s ``folder``, else ``/``)
    :param override_name: applet name (default: ``dxapp.json``'s ``name``, else the directory name)
    :param dry_run: build the ``/applet/new`` input without creating anything
    :param brief: log less
    :param kwargs: more fields for ``/applet/new`` (they override ``dxapp.json``'s)
    :returns: ``(applet_id, applet_new_input)``, or ``(None, None)`` for a dry run
    :raises AppBuilderException: for an invalid spec, or a name collision without overwrite/archive
    """
    import dxpy

    spec = _read_spec(src_dir)
    name = override_name or spec.get("name") or os.path.basename(os.path.abspath(src_dir))
    if not name:
        raise AppBuilderException(
            f"Cannot tell the applet's name from dxapp.json or the directory {src_dir!r}"
        )
    dest_project = project or spec.get("project") or dxpy.PROJECT_CONTEXT_ID
    if not dest_project:
        raise AppBuilderException("No destination project: select one or pass project")
    folder = override_folder or spec.get("folder") or "/"
    body = _applet_input(src_dir, spec, uploaded_resources or [])
    body.update(kwargs)
    body.update({"name": name, "project": dest_project, "folder": folder, "parents": True})
    if dry_run:
        return None, None
    old = _colliding_applets(dest_project, folder, name) if check_name_collisions else []
    if old and not (overwrite or archive):
        path = folder.rstrip("/") + "/" + name
        raise AppBuilderException(
            f"An applet already exists at {path} (id {', '.join(old)}) and neither "
            "-f/--overwrite nor -a/--archive were given."
        )
    if old and archive:
        _archive(dest_project, old, name)
    applet_id = str(dxpy.api.applet_new(body)["id"])
    if old and overwrite:
        dxpy.api.project_remove_objects(dest_project, {"objects": old})
        if not brief:
            logger.info("removed the applets it replaces: %s", ", ".join(old))
    return applet_id, body


def merge(d: dict[str, Any], u: dict[str, Any]) -> dict[str, Any]:
    """Merge ``u`` into ``d`` recursively (nested dicts are merged, other values replaced).

    :param d: the dict to update (changed in place)
    :param u: the values to merge in
    :returns: ``d``
    """
    for key, value in u.items():
        if isinstance(value, dict) and isinstance(d.get(key), dict):
            merge(d[key], value)
        else:
            d[key] = value
    return d


def fill(string: str, width_adjustment: int = 0, **kwargs: Any) -> str:
    """Wrap ``string`` to the terminal's width.

    :param string: the text
    :param width_adjustment: columns to add to (or, negative, take from) the width
    :param kwargs: more :func:`textwrap.fill` options
    :returns: the wrapped text
    """
    width = max(20, shutil.get_terminal_size((80, 24)).columns - 2 + width_adjustment)
    return textwrap.fill(string, width=width, **kwargs)


def get_enabled_regions(app_spec: dict[str, Any], from_command_line: list[str] | None) -> list[str] | None:
    """Return the regions an app is enabled in.

    :param app_spec: the app's ``dxapp.json`` contents
    :param from_command_line: regions given on the command line, if any
    :returns: the regions, or None when neither source names any
    :raises AppBuilderException: when both name regions and they differ
    """
    in_spec = list(app_spec.get("regionalOptions") or {}) or None
    if from_command_line and in_spec and set(from_command_line) != set(in_spec):
        raise AppBuilderException(
            "The regions given on the command line differ from dxapp.json's regionalOptions"
        )
    return list(from_command_line) if from_command_line else in_spec


def create_app(
    applet_id: str,
    applet_name: str,
    src_dir: str,
    publish: bool = False,
    set_default: bool = False,
    billTo: str | None = None,
    try_versions: list[str] | None = None,
    try_update: bool = True,
    confirm: bool = True,
    regional_options: dict[str, Any] | None = None,
) -> str:
    """Create an app version from an applet (and optionally publish it).

    :param applet_id: the applet holding the code
    :param applet_name: the app's name
    :param src_dir: the source directory (its ``dxapp.json`` gives version, title, ...)
    :param publish: publish the new version
    :param set_default: make it the ``default`` alias (unpublished builds get it anyway
        while no version of the app is published)
    :param billTo: the user or org billed
    :param try_versions: versions to try in turn (default: ``dxapp.json``'s ``version``)
    :param try_update: when a version exists but is unpublished, update it in place
        (``/app-xxxx/update``) instead of moving on to the next version; a published
        version is always skipped
    :param confirm: on a terminal (:data:`INTERACTIVE_CLI`), ask before updating in place
    :param regional_options: per-region options instead of ``applet_id``
    :returns: the app ID (new, or the updated version's)
    :raises AppBuilderException: when every version of ``try_versions`` is taken
    """
    body: dict[str, Any] = (
        {"regionalOptions": regional_options} if regional_options else {"applet": applet_id}
    )
    return _create_app(
        body, applet_name, src_dir, publish, set_default, billTo, try_versions, try_update, confirm
    )


def create_app_multi_region(
    regional_options: dict[str, Any],
    app_name: str,
    src_dir: str,
    publish: bool = False,
    set_default: bool = False,
    billTo: str | None = None,
    try_versions: list[str] | None = None,
    try_update: bool = True,
    confirm: bool = True,
    inherited_metadata: dict[str, Any] | None = None,
    brief: bool = False,
) -> str:
    """Create an app version from per-region applets.

    :param regional_options: ``{region: {"applet": applet_id, ...}}``
    :param app_name: the app's name
    :param src_dir: the source directory
    :param publish: publish the new version
    :param set_default: make it the ``default`` alias
    :param billTo: the user or org billed
    :param try_versions: versions to try in turn
    :param try_update: update an unpublished existing version in place (see :func:`create_app`)
    :param confirm: on a terminal, ask before updating in place
    :param inherited_metadata: more fields for ``/app/new``
    :param brief: log less
    :returns: the app ID
    :raises AppBuilderException: when every version of ``try_versions`` is taken
    """
    body: dict[str, Any] = {"regionalOptions": regional_options}
    body.update(inherited_metadata or {})
    return _create_app(
        body, app_name, src_dir, publish, set_default, billTo, try_versions, try_update, confirm
    )


def version_candidates(version: str, autonumber: bool = True) -> list[str]:
    """List the versions ``dx build --app`` tries in turn for ``version``.

    :param version: the version asked for (``dxapp.json``'s, or ``--version``)
    :param autonumber: also try ``VERSION+build.YYYYMMDD.HHMM`` (UTC; ``.build...`` when
        ``version`` already has build metadata), for when ``version`` is taken
    :returns: ``[version]`` or ``[version, autonumbered]``
    """
    if not autonumber:
        return [version]
    stamp = time.strftime("%Y%m%d.%H%M", time.gmtime())
    return [version, f"{version}{'.' if '+' in version else '+'}build.{stamp}"]


def _doc_files(src_dir: str, body: dict[str, Any]) -> None:
    """Fill ``description``/``developerNotes`` from ``Readme.md``/``Readme.developer.md`` when unset."""
    for key, names in (
        ("description", ("Readme.md", "README.md")),
        ("developerNotes", ("Readme.developer.md", "README.developer.md")),
    ):
        for name in names:
            path = os.path.join(src_dir, name)
            if key not in body and os.path.isfile(path):
                with open(path, encoding="utf-8") as fh:
                    body[key] = fh.read()


def _existing_version(app_name: str, version: str) -> dict[str, Any] | None:
    import dxpy

    from .exceptions import DXAPIError

    try:
        return dict(dxpy.api.app_describe(f"app-{app_name}", alias=version))
    except DXAPIError as exc:
        if type(exc).__name__ == "ResourceNotFound":
            return None
        raise


def _may_update(app_name: str, version: str, confirm: bool) -> bool:
    if not (confirm and INTERACTIVE_CLI):
        return True
    answer = input(f"App {app_name}/{version} exists and is not published; update it in place? [Y/n] ")
    return answer.strip().lower() not in ("n", "no")


def _create_or_update(
    body: dict[str, Any], app_name: str, versions: list[str], try_update: bool, confirm: bool
) -> str:
    """Create the first free version of ``versions`` (or update an unpublished one in place)."""
    import dxpy

    for version in versions:
        existing = _existing_version(app_name, version)
        if existing is None:
            app_id = str(dxpy.api.app_new(dict(body, version=version))["id"])
            logger.info("created app %s/%s (%s)", app_name, version, app_id)
            return app_id
        if try_update and not existing.get("published") and _may_update(app_name, version, confirm):
            update = {k: v for k, v in body.items() if k not in ("name", "version", "billTo")}
            dxpy.api.app_update(str(existing["id"]), input_params=update)
            logger.info("updated the unpublished app %s/%s (%s) in place", app_name, version, existing["id"])
            return str(existing["id"])
        logger.info("app %s/%s exists already (published or not to be updated)", app_name, version)
    if len(versions) == 1:
        raise AppBuilderException(f"Could not create the requested version: {versions[0]}")
    raise AppBuilderException(f"Could not create any of the versions {', '.join(versions)} of {app_name}")


def _create_app(
    body: dict[str, Any],
    app_name: str,
    src_dir: str,
    publish: bool,
    set_default: bool,
    bill_to: str | None,
    try_versions: list[str] | None,
    try_update: bool = True,
    confirm: bool = True,
) -> str:
    import dxpy

    spec = _read_spec(src_dir)
    for key in _APP_FIELDS:
        if key in spec:
            body.setdefault(key, copy.deepcopy(spec[key]))
    _doc_files(src_dir, body)
    body["name"] = app_name
    if bill_to:
        body["billTo"] = bill_to
    versions = try_versions or [spec.get("version") or "0.0.1"]
    app_id = _create_or_update(body, app_name, versions, try_update, confirm)
    if publish:
        dxpy.api.app_publish(app_id, input_params={"makeDefault": set_default})
    elif set_default or not list(
        dxpy.api.system_find_apps({"name": app_name, "published": True, "limit": 1})["results"]
    ):
        # an unpublished build is the default until some version is published, so that
        # ``app-NAME`` reaches it for its developers
        dxpy.api.app_add_tags(app_id, input_params={"tags": ["default"]})
    return app_id


__all__ = [
    "AppBuilderException",
    "INTERACTIVE_CLI",
    "NUM_CORES",
    "DX_TOOLKIT_PKGS",
    "DX_TOOLKIT_GIT_URLS",
    "asset_bundle",
    "build",
    "get_destination_project",
    "is_link_local",
    "upload_resources",
    "upload_applet",
    "merge",
    "fill",
    "get_enabled_regions",
    "create_app",
    "create_app_multi_region",
    "version_candidates",
]
