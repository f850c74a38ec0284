"""The public surface of the bindings: names, upstream-compatible signatures, docstrings,
keyword pass-through, argument checks before any request, and the default container in a job.

``UPSTREAM`` lists the parameters of upstream dxpy 0.417.1, observed with
``inspect.signature`` (``[]`` defaults written as ``()``). Our functions must accept every
call upstream accepts: the same leading parameters with the same defaults, ``*args`` /
``**kwargs`` where upstream has them, and only defaulted extras.
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any, Callable

import pytest
from _bindhelp import CONT, PROJ, PROJ2, REC

import dxpy
from dxpy.exceptions import DXError, DXTimeoutError
from dxpy.utils.resolver import resolve_path
from tests._support.testserver import delay, handler, reply

JOB = "job-" + "a" * 24
ORG = "org-acme"

#: every name issue 5 asks for, by upstream module path
ISSUE_NAMES = {
    "dxpy.bindings": ["DXObject", "DXDataObject", "verify_string_dxid"],
    "dxpy.bindings.dxproject": ["DXContainer", "DXProject"],
    "dxpy.bindings.dxrecord": ["DXRecord", "new_dxrecord"],
    "dxpy.bindings.dxdataobject_functions": [
        "dxlink", "is_dxlink", "get_dxlink_ids", "get_handler", "describe", "get_details", "remove",
    ],
    "dxpy.bindings.auth": ["whoami", "user_info"],
    "dxpy.bindings.search": [
        "find_data_objects", "find_one_data_object", "find_projects", "find_one_project", "find_jobs",
        "find_analyses", "find_executions", "find_apps", "find_one_app", "find_global_workflows",
        "find_orgs", "org_find_members", "org_find_projects", "org_find_apps", "resolve_data_objects",
    ],
    "dxpy.utils.resolver": [
        "resolve_existing_path", "resolve_path", "resolve_project", "resolve_container_id_or_name",
        "split_unescaped", "is_hashid", "is_data_obj_id", "is_container_id", "is_project_id", "is_job_id",
        "is_analysis_id", "is_localjob_id", "is_nohash_id", "is_jbor_str",
    ],
}

#: methods issue 5 names for the base classes and the container classes
ISSUE_METHODS = {
    "DXDataObject": [
        "get_id", "get_proj_id", "set_ids", "describe", "add_tags", "remove_tags", "add_types",
        "remove_types", "set_properties", "rename", "hide", "unhide", "set_details", "get_details", "close",
        "wait_on_close", "list_projects", "remove", "move", "clone", "new", "_new",
    ],
    "DXProject": [
        "new_folder", "list_folder", "move", "move_folder", "remove_folder", "remove_objects", "clone",
        "rename_folder", "new", "describe", "update", "destroy", "invite", "decrease_perms",
        "set_properties", "add_tags", "remove_tags",
    ],
}

_DATA_OBJECT = "dxpy.bindings:DXDataObject"
_CONTAINER = "dxpy.bindings.dxproject:DXContainer"
_GLOBAL_EXEC = (
    "name=None name_mode='exact' category=None all_versions=None published=None billed_to=None "
    "created_by=None developer=None created_after=None created_before=None modified_after=None "
    "modified_before=None describe=False limit=None return_handler=False first_page_size=100 **kwargs"
)

UPSTREAM = {
    f"{_DATA_OBJECT}.__init__": "dxid=None project=None",
    f"{_DATA_OBJECT}.add_tags": "tags **kwargs",
    f"{_DATA_OBJECT}.add_types": "types **kwargs",
    f"{_DATA_OBJECT}.clone": "project folder='/' **kwargs",
    f"{_DATA_OBJECT}.close": "**kwargs",
    f"{_DATA_OBJECT}.describe": (
        "incl_properties=False incl_details=False fields=None default_fields=None **kwargs"
    ),
    f"{_DATA_OBJECT}.get_details": "**kwargs",
    f"{_DATA_OBJECT}.get_id": "",
    f"{_DATA_OBJECT}.get_proj_id": "",
    f"{_DATA_OBJECT}.get_properties": "**kwargs",
    f"{_DATA_OBJECT}.hide": "**kwargs",
    f"{_DATA_OBJECT}.list_projects": "**kwargs",
    f"{_DATA_OBJECT}.move": "folder **kwargs",
    f"{_DATA_OBJECT}.new": "**kwargs",
    f"{_DATA_OBJECT}.remove": "**kwargs",
    f"{_DATA_OBJECT}.remove_tags": "tags **kwargs",
    f"{_DATA_OBJECT}.remove_types": "types **kwargs",
    f"{_DATA_OBJECT}.rename": "name **kwargs",
    f"{_DATA_OBJECT}.set_details": "details **kwargs",
    f"{_DATA_OBJECT}.set_id": "dxid",
    f"{_DATA_OBJECT}.set_ids": "dxid project=None",
    f"{_DATA_OBJECT}.set_properties": "properties **kwargs",
    f"{_DATA_OBJECT}.unhide": "**kwargs",
    "dxpy.bindings:DXObject.__init__": "dxid=None project=None",
    "dxpy.bindings:DXObject.get_id": "",
    "dxpy.bindings:DXObject.set_id": "dxid",
    "dxpy.bindings:verify_string_dxid": "dxid expected_classes",
    "dxpy.bindings.auth:user_info": "authserver_host=None authserver_port=None",
    "dxpy.bindings.auth:whoami": "",
    "dxpy.bindings.dxdataobject_functions:describe": "id_or_link **kwargs",
    "dxpy.bindings.dxdataobject_functions:dxlink": "object_id project_id=None field=None",
    "dxpy.bindings.dxdataobject_functions:get_details": "id_or_link **kwargs",
    "dxpy.bindings.dxdataobject_functions:get_dxlink_ids": "link",
    "dxpy.bindings.dxdataobject_functions:get_handler": "id_or_link project=None",
    "dxpy.bindings.dxdataobject_functions:is_dxlink": "x",
    "dxpy.bindings.dxdataobject_functions:remove": "id_or_link **kwargs",
    f"{_CONTAINER}.__init__": "dxid=None",
    f"{_CONTAINER}.clone": "container destination='/' objects=() folders=() parents=False **kwargs",
    f"{_CONTAINER}.describe": "**kwargs",
    f"{_CONTAINER}.get_id": "",
    f"{_CONTAINER}.list_folder": "folder='/' describe=False only='all' includeHidden=False **kwargs",
    f"{_CONTAINER}.move": "destination objects=() folders=() **kwargs",
    f"{_CONTAINER}.move_folder": "folder destination **kwargs",
    f"{_CONTAINER}.new_folder": "folder parents=False **kwargs",
    f"{_CONTAINER}.remove_folder": "folder recurse=False force=False **kwargs",
    f"{_CONTAINER}.remove_objects": "objects force=False **kwargs",
    f"{_CONTAINER}.set_id": "dxid",
    "dxpy.bindings.dxproject:DXProject.decrease_perms": "member level **kwargs",
    "dxpy.bindings.dxproject:DXProject.destroy": "**kwargs",
    "dxpy.bindings.dxproject:DXProject.invite": "invitee level send_email=True **kwargs",
    "dxpy.bindings.dxproject:DXProject.new": (
        "name summary=None description=None region=None protected=None restricted=None "
        "download_restricted=None contains_phi=None tags=None properties=None bill_to=None "
        "database_ui_view_only=None external_upload_restricted=None default_symlink=None "
        "database_results_restricted=None drive=None preview_viewer_restricted=None **kwargs"
    ),
    "dxpy.bindings.dxproject:DXProject.set_properties": "properties **kwargs",
    "dxpy.bindings.dxproject:DXProject.update": (
        "name=None summary=None description=None protected=None restricted=None download_restricted=None "
        "version=None allowed_executables=None unset_allowed_executables=None database_ui_view_only=None "
        "external_upload_restricted=None database_results_restricted=None "
        "unset_database_results_restricted=None https_app_isolated_browsing=None "
        "https_app_isolated_browsing_options=None preview_viewer_restricted=None **kwargs"
    ),
    "dxpy.bindings.dxrecord:DXRecord._new": "dx_hash close=False **kwargs",
    "dxpy.bindings.dxrecord:new_dxrecord": "details=None **kwargs",
    "dxpy.bindings.search:find_analyses": "*args **kwargs",
    "dxpy.bindings.search:find_apps": _GLOBAL_EXEC,
    "dxpy.bindings.search:find_data_objects": (
        "classname=None state=None visibility=None name=None name_mode='exact' properties=None typename=None "
        "tag=None tags=None link=None project=None folder=None recurse=None modified_after=None "
        "modified_before=None created_after=None created_before=None describe=False limit=None level=None "
        "region=None archival_state=None return_handler=False first_page_size=100 **kwargs"
    ),
    "dxpy.bindings.search:find_executions": (
        "classname=None launched_by=None executable=None project=None state=None origin_job=None "
        "parent_job=None no_parent_job=False parent_analysis=None no_parent_analysis=False "
        "root_execution=None created_after=None created_before=None describe=False name=None "
        "name_mode='exact' tags=None properties=None limit=None first_page_size=100 return_handler=False "
        "include_subjobs=True include_restarted=None **kwargs"
    ),
    "dxpy.bindings.search:find_global_executables": "method " + _GLOBAL_EXEC,
    "dxpy.bindings.search:find_global_workflows": _GLOBAL_EXEC,
    "dxpy.bindings.search:find_jobs": "*args **kwargs",
    "dxpy.bindings.search:find_one_app": "zero_ok=False more_ok=True **kwargs",
    "dxpy.bindings.search:find_one_data_object": "zero_ok=False more_ok=True **kwargs",
    "dxpy.bindings.search:find_one_project": "zero_ok=False more_ok=True **kwargs",
    "dxpy.bindings.search:find_orgs": "query first_page_size=10",
    "dxpy.bindings.search:find_projects": (
        "name=None name_mode='exact' properties=None tags=None level=None describe=False explicit_perms=None "
        "region=None public=None created_after=None created_before=None billed_to=None limit=None "
        "return_handler=False first_page_size=100 containsPHI=None externalUploadRestricted=None **kwargs"
    ),
    "dxpy.bindings.search:org_find_apps": "org_id " + _GLOBAL_EXEC.replace(
        "billed_to=None created_by=None developer=None",
        "created_by=None developer=None authorized_user=None",
    ),
    "dxpy.bindings.search:org_find_members": "org_id=None level=None describe=False",
    "dxpy.bindings.search:org_find_projects": (
        "org_id=None name=None name_mode='exact' ids=None properties=None tags=None describe=False "
        "public=None created_after=None created_before=None region=None containsPHI=None"
    ),
    "dxpy.bindings.search:resolve_data_objects": "objects project=None folder=None batchsize=1000",
    "dxpy.utils.describe:get_find_executions_string": (
        "desc has_children single_result=False show_outputs=True is_cached_result=False show_try=False "
        "as_try_group_root=False"
    ),
    "dxpy.utils.describe:get_ls_desc": "desc print_id=False",
    "dxpy.utils.describe:get_ls_l_desc": "desc include_folder=False include_project=False",
    "dxpy.utils.describe:get_ls_l_desc_fields": "",
    "dxpy.utils.describe:get_ls_l_header": "",
    "dxpy.utils.describe:get_size_str": "size",
    "dxpy.utils.describe:print_desc": "desc verbose=False",
    "dxpy.utils.describe:print_ls_desc": "desc **kwargs",
    "dxpy.utils.describe:print_ls_l_desc": "desc **kwargs",
    "dxpy.utils.describe:render_short_timestamp": "timestamp",
    "dxpy.utils.describe:render_timestamp": "timestamp",
    "dxpy.utils.resolver:ResolutionError.__init__": "msg",
    "dxpy.utils.resolver:check_folder_exists": "project path folder_name",
    "dxpy.utils.resolver:clean_folder_path": "path expected=None",
    "dxpy.utils.resolver:escape_folder_str": "string",
    "dxpy.utils.resolver:escape_name_str": "string",
    "dxpy.utils.resolver:is_analysis_id": "string",
    "dxpy.utils.resolver:is_container_id": "string",
    "dxpy.utils.resolver:is_data_obj_id": "string",
    "dxpy.utils.resolver:is_glob_pattern": "string",
    "dxpy.utils.resolver:is_hashid": "string",
    "dxpy.utils.resolver:is_jbor_str": "string",
    "dxpy.utils.resolver:is_job_id": "string",
    "dxpy.utils.resolver:is_localjob_id": "thing",
    "dxpy.utils.resolver:is_nohash_id": "string",
    "dxpy.utils.resolver:is_project_explicit": "path",
    "dxpy.utils.resolver:is_project_id": "string",
    "dxpy.utils.resolver:object_exists_in_project": "obj_id proj_id",
    "dxpy.utils.resolver:resolve_container_id_or_name": "raw_string is_error=False multi=False",
    "dxpy.utils.resolver:resolve_existing_path": (
        "path expected=None ask_to_resolve=True expected_classes=None allow_mult=False describe=True "
        "all_mult=False allow_empty_string=True visibility='either'"
    ),
    "dxpy.utils.resolver:resolve_multiple_existing_paths": "paths",
    "dxpy.utils.resolver:resolve_path": "path expected=None multi_projects=False allow_empty_string=True",
    "dxpy.utils.resolver:resolve_to_objects_or_project": "path all_matching_results=False",
    "dxpy.utils.resolver:split_unescaped": "char string include_empty_strings=False",
    "dxpy.utils.resolver:unescape_folder_str": "string",
    "dxpy.utils.resolver:unescape_name_str": "string",
}

#: subclasses that must keep the base classes' upstream signatures
SUBCLASSES = {
    _DATA_OBJECT: ["dxpy.bindings.dxrecord:DXRecord"],
    _CONTAINER: ["dxpy.bindings.dxproject:DXProject"],
}


def _resolve(spec: str) -> Any:
    module, _, qualname = spec.partition(":")
    obj: Any = importlib.import_module(module)
    for part in qualname.split("."):
        obj = getattr(obj, part)
    return obj


def _render(sig: inspect.Signature) -> list[str]:
    out = []
    for p in sig.parameters.values():
        if p.name == "self":
            continue
        if p.kind is p.VAR_KEYWORD:
            out.append("**" + p.name)
        elif p.kind is p.VAR_POSITIONAL:
            out.append("*" + p.name)
        elif p.default is p.empty:
            out.append(p.name)
        else:
            default = p.default if p.default != [] else ()
            out.append(f"{p.name}={default!r}")
    return out


def _compatible(ours: list[str], upstream: list[str]) -> str | None:
    """Why *ours* cannot take every call *upstream* takes (``None`` if it can)."""
    fixed = [u for u in upstream if not u.startswith("*")]
    ours_fixed = [o for o in ours if not o.startswith("*")]
    if ours_fixed[: len(fixed)] != fixed:
        return f"leading parameters {ours_fixed[: len(fixed)]} != upstream {fixed}"
    for star in (u for u in upstream if u.startswith("*")):
        kind = "**" if star.startswith("**") else "*"
        if not any(o.startswith(kind) and (kind == "**" or not o.startswith("**")) for o in ours):
            return f"upstream has {star}, ours has no {kind}"
    extra = [o for o in ours_fixed[len(fixed):] if "=" not in o]
    return f"extra parameters without defaults: {extra}" if extra else None


def _upstream_cases() -> list[tuple[str, str]]:
    cases = list(UPSTREAM.items())
    for base, subs in SUBCLASSES.items():
        for key, value in UPSTREAM.items():
            if key.startswith(base + "."):
                cases += [(sub + key[len(base):], value) for sub in subs]
    return cases


@pytest.mark.parametrize(("spec", "upstream"), _upstream_cases(), ids=[c[0] for c in _upstream_cases()])
def test_signature_accepts_every_upstream_call(spec: str, upstream: str) -> None:
    ours = _render(inspect.signature(_resolve(spec)))
    problem = _compatible(ours, upstream.split())
    assert problem is None, f"{spec}{ours}: {problem}"


def _public_callables() -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for module, names in ISSUE_NAMES.items():
        for name in names:
            found.append((f"{module}:{name}", _resolve(f"{module}:{name}")))
    for cls_name, methods in ISSUE_METHODS.items():
        cls = getattr(dxpy, cls_name, None) or getattr(dxpy.bindings, cls_name)
        found += [(f"{cls_name}.{m}", getattr(cls, m)) for m in methods]
    for cls in (dxpy.DXRecord, dxpy.DXProject, dxpy.DXContainer):
        for attr, value in vars(cls).items():
            if not attr.startswith("_") and callable(value):
                found.append((f"{cls.__name__}.{attr}", getattr(cls, attr)))
    return found


def _undocumented(obj: Any) -> list[str]:
    """Parameters of *obj* that its docstring does not describe (``["<no docstring>"]`` if none)."""
    doc = inspect.getdoc(obj) or ""
    if not doc.strip():
        return ["<no docstring>"]
    target = obj.__init__ if inspect.isclass(obj) else obj
    if inspect.isclass(obj) and target is object.__init__:
        return []
    params = [p for p in inspect.signature(target).parameters.values()
              if p.name != "self" and p.kind not in (p.VAR_POSITIONAL,)]
    return [p.name for p in params if f":param {p.name}:" not in doc]


def test_every_issue_name_exists_with_a_rest_docstring() -> None:
    problems = {}
    for label, obj in _public_callables():
        missing = _undocumented(obj)
        if missing:
            problems[label] = missing
    assert problems == {}


def test_bindings_names_are_reexported_as_dxpy_names() -> None:
    for module in ("dxpy.bindings", "dxpy.bindings.dxproject", "dxpy.bindings.dxrecord",
                   "dxpy.bindings.dxdataobject_functions", "dxpy.bindings.auth", "dxpy.bindings.search"):
        for name in ISSUE_NAMES[module]:
            assert getattr(dxpy, name) is _resolve(f"{module}:{name}"), name
            assert getattr(dxpy.bindings, name) is _resolve(f"{module}:{name}"), name


def test_upstream_positional_calls_reach_the_query(dx_test_context: Any) -> None:
    server = dx_test_context
    server.default = reply(json={"results": [], "next": None})
    list(dxpy.find_apps("bwa", "glob"))
    list(dxpy.find_global_workflows("wf"))
    list(dxpy.find_data_objects("record", "closed"))
    assert [q.json() for q in server.requests] == [
        {"name": {"glob": "bwa"}, "limit": 100}, {"name": "wf", "limit": 100},
        {"class": "record", "state": "closed", "limit": 100},
    ]


# -- keyword arguments reach the API call ----------------------------------------------------------


def _answer(req: Any) -> Any:
    path = req.path
    if path.endswith("/removeFolder"):
        return reply(json={"id": PROJ, "completed": True})
    if path.startswith(("/system/find", "/org-")) or path.endswith("/resolveDataObjects"):
        return reply(json={"results": [], "next": None})
    if path == "/system/describeDataObjects":
        return reply(json={"results": [{"describe": {"id": REC}}]})
    if path == "/project/new":
        return reply(json={"id": PROJ2})
    return reply(json={"id": REC, "state": "closed", "project": PROJ})


def _calls() -> dict[str, Callable[..., Any]]:
    rec = dxpy.DXRecord(REC, project=PROJ)
    proj = dxpy.DXProject(PROJ)
    return {
        "rec.describe": rec.describe, "rec.add_tags": lambda **kw: rec.add_tags(["t"], **kw),
        "rec.remove_tags": lambda **kw: rec.remove_tags(["t"], **kw),
        "rec.add_types": lambda **kw: rec.add_types(["T"], **kw),
        "rec.remove_types": lambda **kw: rec.remove_types(["T"], **kw),
        "rec.set_properties": lambda **kw: rec.set_properties({"a": "b"}, **kw),
        "rec.get_properties": rec.get_properties, "rec.rename": lambda **kw: rec.rename("n", **kw),
        "rec.hide": rec.hide, "rec.unhide": rec.unhide,
        "rec.set_details": lambda **kw: rec.set_details({"d": 1}, **kw), "rec.get_details": rec.get_details,
        "rec.close": rec.close, "rec.wait_on_close": rec.wait_on_close,
        "rec.list_projects": rec.list_projects,
        "rec.move": lambda **kw: rec.move("/f", **kw), "rec.clone": lambda **kw: rec.clone(PROJ2, **kw),
        "rec.remove": lambda **kw: dxpy.DXRecord(REC, project=PROJ).remove(**kw),
        "rec.new": lambda **kw: dxpy.DXRecord().new(project=PROJ, **kw),
        "new_dxrecord": lambda **kw: dxpy.new_dxrecord(project=PROJ, close=True, **kw),
        "proj.describe": proj.describe, "proj.new_folder": lambda **kw: proj.new_folder("/a", **kw),
        "proj.list_folder": proj.list_folder, "proj.move": lambda **kw: proj.move("/", objects=[REC], **kw),
        "proj.move_folder": lambda **kw: proj.move_folder("/a", "/b", **kw),
        "proj.rename_folder": lambda **kw: proj.rename_folder("/a", "c", **kw),
        "proj.remove_folder": lambda **kw: proj.remove_folder("/a", **kw),
        "proj.remove_objects": lambda **kw: proj.remove_objects([REC], **kw),
        "proj.clone": lambda **kw: proj.clone(PROJ2, objects=[REC], **kw),
        "proj.new": lambda **kw: dxpy.DXProject().new("n", **kw),
        "proj.update": lambda **kw: proj.update(name="x", **kw), "proj.destroy": proj.destroy,
        "proj.invite": lambda **kw: proj.invite("PUBLIC", "VIEW", **kw),
        "proj.decrease_perms": lambda **kw: proj.decrease_perms("user-x", None, **kw),
        "proj.leave": proj.leave,
        "proj.set_properties": lambda **kw: proj.set_properties({"a": None}, **kw),
        "proj.add_tags": lambda **kw: proj.add_tags(["t"], **kw),
        "proj.remove_tags": lambda **kw: proj.remove_tags(["t"], **kw),
        "container.describe": dxpy.DXContainer(CONT).describe,
        "describe": lambda **kw: dxpy.describe(REC, **kw),
        "describe[list]": lambda **kw: dxpy.describe([REC], **kw),
        "get_details": lambda **kw: dxpy.get_details(REC, **kw),
        "remove": lambda **kw: dxpy.remove(dxpy.dxlink(REC, PROJ), **kw),
        "find_data_objects": lambda **kw: list(dxpy.find_data_objects(project=PROJ, **kw)),
        "find_one_data_object": lambda **kw: dxpy.find_one_data_object(zero_ok=True, **kw),
        "find_projects": lambda **kw: list(dxpy.find_projects(**kw)),
        "find_one_project": lambda **kw: dxpy.find_one_project(zero_ok=True, **kw),
        "find_executions": lambda **kw: list(dxpy.find_executions(**kw)),
        "find_jobs": lambda **kw: list(dxpy.find_jobs(**kw)),
        "find_analyses": lambda **kw: list(dxpy.find_analyses(**kw)),
        "find_apps": lambda **kw: list(dxpy.find_apps(**kw)),
        "find_one_app": lambda **kw: dxpy.find_one_app(zero_ok=True, **kw),
        "find_global_workflows": lambda **kw: list(dxpy.find_global_workflows(**kw)),
        "org_find_apps": lambda **kw: list(dxpy.org_find_apps(ORG, **kw)),
    }


def test_handler_kwargs_reach_every_api_call(dx_test_context: Any) -> None:
    server = dx_test_context
    server.default = handler(_answer)
    for label, call in _calls().items():
        before = len(server.requests)
        call(headers={"X-Probe": label}, timeout=30)
        sent = server.requests[before:]
        assert sent, f"{label} sent nothing"
        assert [q.headers.get("x-probe") for q in sent] == [label] * len(sent), label


def test_timeout_and_max_retries_reach_the_transport_on_every_code_path(dx_test_context: Any) -> None:
    rec = dxpy.DXRecord(REC, project=PROJ)
    paths: dict[str, Callable[..., Any]] = {
        "describe": rec.describe, "per-container": lambda **kw: rec.add_tags(["t"], **kw),
        "global": rec.get_details, "container call": lambda **kw: rec.move("/", **kw),
        "creation": lambda **kw: dxpy.new_dxrecord(project=PROJ, **kw),
        "project": dxpy.DXProject(PROJ).list_folder,
        "search": lambda **kw: list(dxpy.find_data_objects(project=PROJ, **kw)),
        "describe many": lambda **kw: dxpy.describe([REC], **kw),
    }
    for label, call in paths.items():
        dx_test_context.queue(delay(0.3))
        with pytest.raises(DXTimeoutError):
            call(timeout=0.05, max_retries=0)
            pytest.fail(f"{label}: the timeout did not reach the transport")


def test_input_params_are_merged_like_upstream_passes_them(dx_test_context: Any) -> None:
    server = dx_test_context
    dxpy.DXProject(PROJ).destroy(input_params={"terminateJobs": True})
    dxpy.DXProject(PROJ).destroy(terminate_jobs=True, input_params={"terminateJobs": False, "x": 1})
    dxpy.DXRecord(REC, project=PROJ).describe(input_params={"details": True})
    dxpy.DXRecord(REC, project=PROJ).add_tags(["t"], input_params={"project": PROJ2, "extra": True})
    assert [q.json() for q in server.requests] == [
        {"terminateJobs": True},
        {"terminateJobs": True, "x": 1},
        {"details": True, "project": PROJ},
        {"project": PROJ, "extra": True, "tags": ["t"]},
    ]
    with pytest.raises(DXError, match="input_params"):
        dxpy.DXRecord(REC, project=PROJ).set_details([1], input_params={"a": 1})
    assert len(server.requests) == 4


# -- bad arguments never reach the server ------------------------------------------------------------

BAD_CALLS: dict[str, Callable[[], Any]] = {
    "find_data_objects tag+tags": lambda: dxpy.find_data_objects(tag="a", tags=["b"]),
    "find_one_data_object name_mode": lambda: dxpy.find_one_data_object(name="x", name_mode="fuzzy"),
    "find_projects level": lambda: dxpy.find_projects(level="SUPERUSER"),
    "find_projects name_mode": lambda: dxpy.find_projects(name="p", name_mode="soundex"),
    "find_projects limit": lambda: dxpy.find_projects(limit=-1),
    "find_one_project level": lambda: dxpy.find_one_project(level="OWNER"),
    "find_executions classname": lambda: dxpy.find_executions(classname="applet"),
    "find_executions parent_job": lambda: dxpy.find_executions(parent_job=JOB, no_parent_job=True),
    "find_executions time": lambda: dxpy.find_executions(created_after="last tuesday"),
    "find_jobs first_page_size": lambda: dxpy.find_jobs(first_page_size=0),
    "find_analyses limit": lambda: dxpy.find_analyses(limit="ten"),
    "find_apps name_mode": lambda: dxpy.find_apps(name="a", name_mode="fuzzy"),
    "find_one_app first_page_size": lambda: dxpy.find_apps(first_page_size=5000),
    "find_global_workflows time": lambda: dxpy.find_global_workflows(modified_before="soon"),
    "find_orgs query": lambda: dxpy.find_orgs("MEMBER"),
    "org_find_members org": lambda: dxpy.org_find_members("acme"),
    "org_find_members level": lambda: dxpy.org_find_members(ORG, level="OWNER"),
    "org_find_projects org": lambda: dxpy.org_find_projects(None),
    "org_find_projects name_mode": lambda: dxpy.org_find_projects(ORG, name="x", name_mode="fuzzy"),
    "org_find_apps org": lambda: dxpy.org_find_apps("user-x"),
    "resolve_data_objects entry": lambda: dxpy.resolve_data_objects([{"folder": "/"}]),
    "resolve_data_objects batchsize": lambda: dxpy.resolve_data_objects([{"name": "a"}], batchsize=0),
    "DXRecord id": lambda: dxpy.DXRecord("record-123"),
    "DXRecord project": lambda: dxpy.DXRecord(REC, project="file-" + "K" * 24),
    "DXProject id": lambda: dxpy.DXProject(CONT),
    "new_dxrecord tags": lambda: dxpy.new_dxrecord(project=PROJ, tags="qc"),
    "new_dxrecord init_from": lambda: dxpy.new_dxrecord(project=PROJ, init_from="record"),
    "unbound describe": lambda: dxpy.DXRecord().describe(),
    "project add_tags": lambda: dxpy.DXProject(PROJ).add_tags("t"),
    "project move": lambda: dxpy.DXProject(PROJ).move("/", objects=REC),
    "project rename_folder": lambda: dxpy.DXProject(PROJ).rename_folder("/a", "b/c"),
    "project list_folder": lambda: dxpy.DXProject(PROJ).list_folder(only="some"),
    "project update": lambda: dxpy.DXProject(PROJ).update(allowed_executables=[],
                                                          unset_allowed_executables=True),
    "get_handler": lambda: dxpy.get_handler("nonsense"),
    "get_details project": lambda: dxpy.get_details(PROJ),
    "remove project": lambda: dxpy.remove(PROJ),
    "describe list": lambda: dxpy.describe([REC, "not-an-id"]),
    "get_dxlink_ids": lambda: dxpy.get_dxlink_ids(REC),
    "verify_string_dxid": lambda: dxpy.verify_string_dxid(REC, "file"),
    "resolve_path": lambda: resolve_path("a:b:c"),
}


@pytest.mark.parametrize("label", sorted(BAD_CALLS))
def test_bad_arguments_raise_dxerror_before_any_request(dx_test_context: Any, label: str) -> None:
    with pytest.raises(DXError):
        BAD_CALLS[label]()
    assert dx_test_context.requests == []


# -- default container inside and outside a job -----------------------------------------------------


def test_default_container_inside_a_job_is_the_workspace(dx_test_context: Any, dx_context: Any) -> None:
    server = dx_test_context
    server.default = handler(_answer)
    dxpy.set_project_context(PROJ)
    dxpy.set_workspace_id(CONT)
    dxpy.set_job_id(JOB)
    made = dxpy.new_dxrecord(name="in job")
    assert made.get_proj_id() == CONT and server.requests[-1].json()["project"] == CONT
    dxpy.DXRecord(REC).add_tags(["t"])
    assert server.requests[-1].json() == {"project": CONT, "tags": ["t"]}
    dxpy.remove(REC)
    assert server.requests[-1].path == f"/{CONT}/removeObjects"
    list(dxpy.find_data_objects(folder="/out"))
    assert server.requests[-1].json()["scope"] == {"project": CONT, "folder": "/out"}
    assert dxpy.DXContainer().get_id() == CONT
    assert dxpy.DXProject().get_id() is None  # the workspace is not a project
    assert resolve_path("/a/b") == (CONT, "/a", "b")
    # outside a job the project context is used
    dxpy.set_job_id(None)
    dxpy.set_workspace_id(None)
    assert dxpy.new_dxrecord().get_proj_id() == PROJ and server.requests[-1].json()["project"] == PROJ
    assert dxpy.DXProject().get_id() == PROJ and dxpy.DXContainer().get_id() is None
    assert resolve_path("/a/b") == (PROJ, "/a", "b")
