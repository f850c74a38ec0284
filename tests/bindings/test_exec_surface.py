"""The public surface of the execution bindings (issue 12): every name upstream 0.417 has, with a
signature that accepts every call upstream's accepts, a reST docstring, re-exported from ``dxpy``;
API-call keywords reach every request; bad arguments never reach the server.

``UPSTREAM`` was observed with ``inspect.signature`` on upstream dxpy 0.417.1.
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any, Callable

import pytest
from _bindhelp import PROJ
from test_public_surface import _compatible, _render, _undocumented

import dxpy
from dxpy.exceptions import DXError
from tests._support.testserver import RecordedRequest, handler, reply

APPLET = "applet-" + "A" * 24
WORKFLOW = "workflow-" + "W" * 24
JOB = "job-" + "J" * 24
ANALYSIS = "analysis-" + "N" * 24
APP = "app-" + "P" * 24
GWF = "globalworkflow-" + "G" * 24

UPSTREAM = {
    "dxpy.utils.resolver:get_app_from_path": "path",
    "dxpy.utils.resolver:get_global_workflow_from_path": "path",
    "dxpy.utils.resolver:get_global_exec_from_path": "path",
    "dxpy.utils.resolver:resolve_app": "path",
    "dxpy.utils.resolver:resolve_global_workflow": "path",
    "dxpy.utils.resolver:resolve_global_executable": "path is_version_required=False",
    "dxpy.utils.resolver:get_exec_handler": "path alias=None",
    # upstream's default is a shared {} (mutated by each call); ours is None
    "dxpy.utils.resolver:resolve_job_ref": "job_id name describe=None",
    "dxpy.utils.resolver:parse_input_keyval": "keyeqval",
    "dxpy.utils.resolver:get_first_pos_of_char": "char string",
    "dxpy.utils.resolver:get_last_pos_of_char": "char string",
    "dxpy.utils.describe:get_job_from_jbor": "thing",
    "dxpy.utils.describe:get_field_from_jbor": "thing",
    "dxpy.utils.describe:get_index_from_jbor": "thing",
    "dxpy.utils.describe:jbor_to_str": "val",
    "dxpy.utils.describe:io_val_to_str": "val",
    "dxpy.utils.describe:get_io_field": "io_hash defaults=None delim='=' highlight_fields=()",
    "dxpy.utils.describe:parse_typespec": "thing",
    "dxpy.utils.describe:get_io_desc": "parameter include_class=True show_opt=True app_help_version=False",
    "dxpy.utils.describe:get_io_spec": "spec skip_fields=None",
    "dxpy.bindings.dxdatabase:DXDatabase.__init__": (
        "dxid=None project=None read_buffer_size=16777216 expected_file_size=None file_is_mmapd=False"
    ),
    "dxpy.bindings.dxdatabase:DXDatabase.get_download_url": (
        "filename=None src_filename=None project=None **kwargs"
    ),
    "dxpy.bindings.dxdatabase_functions:download_dxdatabasefile": (
        "dxid dst_filename src_filename file_status chunksize=16777216 append=False show_progress=False "
        "project=None describe_output=None **kwargs"
    ),
    "dxpy.bindings.dxapplet:DXExecutable.__init__": "*args **kwargs",
    "dxpy.bindings.dxapplet:DXExecutable.run": (
        "executable_input project=None folder=None name=None tags=None properties=None details=None "
        "instance_type=None stage_instance_types=None stage_folders=None rerun_stages=None "
        "cluster_spec=None depends_on=None allow_ssh=None debug=None "
        "delay_workspace_destruction=None priority=None head_job_on_demand=None ignore_reuse=None "
        "ignore_reuse_stages=None detach=None cost_limit=None rank=None "
        "max_tree_spot_wait_time=None max_job_spot_wait_time=None preserve_job_outputs=None "
        "detailed_job_metrics=None extra_args=None fpga_driver=None system_requirements=None "
        "system_requirements_by_executable=None nvidia_driver=None **kwargs"
    ),
    "dxpy.bindings.dxapplet:DXApplet.get": "**kwargs",
    "dxpy.bindings.dxapplet:DXApplet.run": "applet_input *args **kwargs",
    "dxpy.bindings.dxapp:DXApp.__init__": "dxid=None name=None alias=None",
    "dxpy.bindings.dxapp:DXApp.set_id": "dxid=None name=None alias=None",
    "dxpy.bindings.dxapp:DXApp.get_id": "",
    "dxpy.bindings.dxapp:DXApp.new": "**kwargs",
    "dxpy.bindings.dxapp:DXApp.describe": "fields=None **kwargs",
    "dxpy.bindings.dxapp:DXApp.update": "**kwargs",
    "dxpy.bindings.dxapp:DXApp.add_tags": "tags **kwargs",
    "dxpy.bindings.dxapp:DXApp.addTags": "tags **kwargs",
    "dxpy.bindings.dxapp:DXApp.remove_tags": "tags **kwargs",
    "dxpy.bindings.dxapp:DXApp.removeTags": "tags **kwargs",
    "dxpy.bindings.dxapp:DXApp.install": "**kwargs",
    "dxpy.bindings.dxapp:DXApp.uninstall": "**kwargs",
    "dxpy.bindings.dxapp:DXApp.get": "**kwargs",
    "dxpy.bindings.dxapp:DXApp.publish": "**kwargs",
    "dxpy.bindings.dxapp:DXApp.delete": "**kwargs",
    "dxpy.bindings.dxapp:DXApp.run": "app_input *args **kwargs",
    "dxpy.bindings.dxworkflow:new_dxworkflow": (
        "title=None summary=None description=None output_folder=None init_from=None **kwargs"
    ),
    "dxpy.bindings.dxworkflow:DXWorkflow.add_stage": (
        "executable stage_id=None name=None folder=None stage_input=None instance_type=None "
        "edit_version=None **kwargs"
    ),
    "dxpy.bindings.dxworkflow:DXWorkflow.get_stage": "stage **kwargs",
    "dxpy.bindings.dxworkflow:DXWorkflow.remove_stage": "stage edit_version=None **kwargs",
    "dxpy.bindings.dxworkflow:DXWorkflow.move_stage": "stage new_index edit_version=None **kwargs",
    "dxpy.bindings.dxworkflow:DXWorkflow.update": (
        "title=None unset_title=False summary=None description=None output_folder=None "
        "unset_output_folder=False workflow_inputs=None unset_workflow_inputs=False "
        "workflow_outputs=None unset_workflow_outputs=False stages=None edit_version=None **kwargs"
    ),
    "dxpy.bindings.dxworkflow:DXWorkflow.update_stage": (
        "stage executable=None force=False name=None unset_name=False folder=None "
        "unset_folder=False stage_input=None instance_type=None edit_version=None **kwargs"
    ),
    "dxpy.bindings.dxworkflow:DXWorkflow.is_locked": "",
    "dxpy.bindings.dxworkflow:DXWorkflow.run": "workflow_input *args **kwargs",
    "dxpy.bindings.dxglobalworkflow:DXGlobalWorkflow.__init__": "dxid=None name=None alias=None",
    "dxpy.bindings.dxglobalworkflow:DXGlobalWorkflow.set_id": "dxid=None name=None alias=None",
    "dxpy.bindings.dxglobalworkflow:DXGlobalWorkflow.get_id": "",
    "dxpy.bindings.dxglobalworkflow:DXGlobalWorkflow.new": "**kwargs",
    "dxpy.bindings.dxglobalworkflow:DXGlobalWorkflow.describe": "fields=None **kwargs",
    "dxpy.bindings.dxglobalworkflow:DXGlobalWorkflow.publish": "**kwargs",
    "dxpy.bindings.dxglobalworkflow:DXGlobalWorkflow.describe_underlying_workflow": (
        "region describe_output=None"
    ),
    "dxpy.bindings.dxglobalworkflow:DXGlobalWorkflow.get_underlying_workflow": (
        "region describe_output=None"
    ),
    "dxpy.bindings.dxglobalworkflow:DXGlobalWorkflow.append_underlying_workflow_desc": (
        "describe_output region"
    ),
    "dxpy.bindings.dxglobalworkflow:DXGlobalWorkflow.run": "workflow_input *args **kwargs",
    "dxpy.bindings.dxjob:new_dxjob": (
        "fn_input fn_name name=None tags=None properties=None details=None instance_type=None "
        "depends_on=None cluster_spec=None fpga_driver=None system_requirements=None "
        "system_requirements_by_executable=None nvidia_driver=None **kwargs"
    ),
    "dxpy.bindings.dxjob:DXJob.__init__": "dxid=None",
    "dxpy.bindings.dxjob:DXJob.new": (
        "fn_input fn_name name=None tags=None properties=None details=None instance_type=None "
        "depends_on=None cluster_spec=None fpga_driver=None system_requirements=None "
        "system_requirements_by_executable=None nvidia_driver=None **kwargs"
    ),
    "dxpy.bindings.dxjob:DXJob.set_id": "dxid",
    "dxpy.bindings.dxjob:DXJob.describe": "fields=None defaultFields=None io=None **kwargs",
    "dxpy.bindings.dxjob:DXJob.add_tags": "tags **kwargs",
    "dxpy.bindings.dxjob:DXJob.remove_tags": "tags **kwargs",
    "dxpy.bindings.dxjob:DXJob.update": "allow_ssh **kwargs",
    "dxpy.bindings.dxjob:DXJob.set_properties": "properties **kwargs",
    "dxpy.bindings.dxjob:DXJob.wait_on_done": "interval=2 timeout=604800 **kwargs",
    "dxpy.bindings.dxjob:DXJob.terminate": "**kwargs",
    "dxpy.bindings.dxjob:DXJob.get_output_ref": "field index=None metadata=None",
    "dxpy.bindings.dxanalysis:DXAnalysis.__init__": "dxid=None",
    "dxpy.bindings.dxanalysis:DXAnalysis.describe": "fields=None **kwargs",
    "dxpy.bindings.dxanalysis:DXAnalysis.add_tags": "tags **kwargs",
    "dxpy.bindings.dxanalysis:DXAnalysis.remove_tags": "tags **kwargs",
    "dxpy.bindings.dxanalysis:DXAnalysis.set_properties": "properties **kwargs",
    "dxpy.bindings.dxanalysis:DXAnalysis.wait_on_done": "interval=2 timeout=604800 **kwargs",
    "dxpy.bindings.dxanalysis:DXAnalysis.terminate": "**kwargs",
    "dxpy.bindings.dxanalysis:DXAnalysis.get_output_ref": "field index=None metadata=None",
    "dxpy.bindings.dxapp_container_functions:load_app_resource": "**kwargs",
    "dxpy.bindings.dxapp_container_functions:load_from_cache": "**kwargs",
    "dxpy.bindings.dxapp_container_functions:save_to_cache": "dxobject",
}

#: names re-exported from dxpy (and dxpy.bindings), by defining module
EXPORTS = {
    "dxpy.bindings.dxapplet": ["DXExecutable", "DXApplet"],
    "dxpy.bindings.dxapp": ["DXApp"],
    "dxpy.bindings.dxworkflow": ["DXWorkflow", "new_dxworkflow"],
    "dxpy.bindings.dxglobalworkflow": ["DXGlobalWorkflow"],
    "dxpy.bindings.dxjob": ["DXJob", "new_dxjob"],
    "dxpy.bindings.dxanalysis": ["DXAnalysis"],
    "dxpy.bindings.dxapp_container_functions": ["load_app_resource", "load_from_cache", "save_to_cache"],
    "dxpy.bindings.dxdatabase": ["DXDatabase"],
    "dxpy.bindings.dxdatabase_functions": ["download_dxdatabasefile"],
}


def _resolve(spec: str) -> Any:
    module, _, qualname = spec.partition(":")
    obj: Any = importlib.import_module(module)
    for part in qualname.split("."):
        obj = getattr(obj, part)
    return obj


@pytest.mark.parametrize(("spec", "upstream"), sorted(UPSTREAM.items()), ids=sorted(UPSTREAM))
def test_signature_accepts_every_upstream_call(spec: str, upstream: str) -> None:
    ours = _render(inspect.signature(_resolve(spec)))
    problem = _compatible(ours, upstream.split())
    assert problem is None, f"{spec}{ours}: {problem}"


@pytest.mark.parametrize("spec", sorted(UPSTREAM))
def test_every_name_has_a_rest_docstring_naming_its_parameters(spec: str) -> None:
    if spec.endswith(".__init__"):  # the class docstring documents the constructor
        spec = spec[: -len(".__init__")]
    assert _undocumented(_resolve(spec)) == []


def test_job_ref_predicates_take_upstreams_reftype() -> None:
    from dxpy.utils import describe

    for fn in (describe.is_job_ref, describe.is_metadata_ref):
        assert list(inspect.signature(fn).parameters) == ["thing", "reftype"]
        assert inspect.signature(fn).parameters["reftype"].default is dict
    # (defaults with spaces, which the UPSTREAM table cannot hold)
    assert _render(inspect.signature(describe.job_output_to_str)) == [
        "job_output", "prefix='\\n'", "title='Output: '", "title_len=None"]


def test_names_are_reexported_from_dxpy_and_dxpy_bindings() -> None:
    for module, names in EXPORTS.items():
        for name in names:
            assert getattr(dxpy, name) is _resolve(f"{module}:{name}"), name
            assert getattr(dxpy.bindings, name) is _resolve(f"{module}:{name}"), name
            assert name in dxpy.bindings.__all__


def test_get_handler_returns_the_execution_handlers() -> None:
    assert type(dxpy.get_handler(APPLET)) is dxpy.DXApplet
    assert type(dxpy.get_handler(WORKFLOW)) is dxpy.DXWorkflow
    assert type(dxpy.get_handler(JOB)) is dxpy.DXJob
    assert type(dxpy.get_handler(ANALYSIS)) is dxpy.DXAnalysis
    assert dxpy.get_handler(APP).get_id() == APP
    assert dxpy.dxlink(dxpy.DXJob(JOB), field="out") == {"$dnanexus_link": {"job": JOB, "field": "out"}}


# -- API-call keywords reach every request ------------------------------------------------------------

STAGES = [{"id": "stage-1", "name": "first"}, {"id": "stage-2", "name": "second"}]


def _answer(req: RecordedRequest) -> Any:
    path = req.path
    if path.endswith("/describe"):
        body = {"id": path.split("/")[1], "state": "done", "stages": STAGES, "editVersion": 3, "class": "x",
                "region": "aws:us-east-1", "regionalOptions": {"aws:us-east-1": {"workflow": WORKFLOW}}}
        return reply(json=body)
    ids = {"/applet/new": APPLET, "/workflow/new": WORKFLOW, "/app/new": APP, "/globalworkflow/new": GWF}
    if path in ids:
        return reply(json={"id": ids[path]})
    if path.endswith("/run") or path == "/job/new":
        return reply(json={"id": ANALYSIS if "workflow" in path else JOB})
    return reply(json={"stage": "stage-3", "categories": [], "authorizedUsers": [], "id": "x"})


def _calls() -> dict[str, Callable[..., Any]]:
    applet = dxpy.DXApplet(APPLET, project=PROJ)
    workflow = dxpy.DXWorkflow(WORKFLOW, project=PROJ)
    app = dxpy.DXApp(name="bwa", alias="1.0.0")
    gwf = dxpy.DXGlobalWorkflow(name="wgs")
    job, analysis = dxpy.DXJob(JOB), dxpy.DXAnalysis(ANALYSIS)
    return {
        "applet.new": lambda **kw: dxpy.DXApplet().new(project=PROJ, runSpec={}, dxapi="1.0.0", **kw),
        "applet.run": lambda **kw: applet.run({}, **kw), "applet.get": applet.get,
        "applet.describe": applet.describe,
        "workflow.new": lambda **kw: dxpy.new_dxworkflow(project=PROJ, **kw),
        "workflow.run": lambda **kw: workflow.run({"first.x": 1}, **kw),
        "workflow.add_stage": lambda **kw: workflow.add_stage(APPLET, **kw),
        "workflow.remove_stage": lambda **kw: workflow.remove_stage(0, **kw),
        "workflow.move_stage": lambda **kw: workflow.move_stage("second", 0, **kw),
        "workflow.update": lambda **kw: workflow.update(title="t", **kw),
        "workflow.update_stage": lambda **kw: workflow.update_stage("stage-1", name="n", **kw),
        "app.new": lambda **kw: dxpy.DXApp().new(applet=APPLET, version="1.0.0", **kw),
        "app.describe": app.describe, "app.run": lambda **kw: app.run({}, project=PROJ, **kw),
        "app.install": app.install, "app.uninstall": app.uninstall, "app.get": app.get,
        "app.publish": app.publish, "app.delete": app.delete, "app.update": lambda **kw: app.update(**kw),
        "app.add_tags": lambda **kw: app.add_tags(["t"], **kw),
        "app.remove_tags": lambda **kw: app.remove_tags(["t"], **kw),
        "app.add_categories": lambda **kw: app.add_categories(["c"], **kw),
        "app.list_categories": app.list_categories,
        "app.add_authorized_users": lambda **kw: app.add_authorized_users(["PUBLIC"], **kw),
        "app.list_authorized_users": app.list_authorized_users,
        "gwf.new": lambda **kw: dxpy.DXGlobalWorkflow().new(version="1", name="w", regionalOptions={}, **kw),
        "gwf.describe": gwf.describe, "gwf.publish": gwf.publish,
        "job.describe": job.describe, "job.terminate": job.terminate,
        "job.add_tags": lambda **kw: job.add_tags(["t"], **kw),
        "job.remove_tags": lambda **kw: job.remove_tags(["t"], **kw),
        "job.set_properties": lambda **kw: job.set_properties({"a": "b"}, **kw),
        "job.update": lambda **kw: job.update(["1.2.3.4"], **kw),
        "job.wait_on_done": job.wait_on_done,
        "analysis.describe": analysis.describe, "analysis.terminate": analysis.terminate,
        "analysis.add_tags": lambda **kw: analysis.add_tags(["t"], **kw),
        "analysis.set_properties": lambda **kw: analysis.set_properties({"a": "b"}, **kw),
        "analysis.wait_on_done": analysis.wait_on_done,
    }


def test_handler_kwargs_reach_every_api_call(dx_test_context: Any) -> None:
    server = dx_test_context
    server.default = handler(_answer)
    for label, call in _calls().items():
        before = len(server.requests)
        call(headers={"X-Probe": label}, timeout=30)
        sent = server.requests[before:]
        probes = [q.headers.get("x-probe") for q in sent]
        assert label in probes, f"{label} sent nothing with the probe"
        # follow-up describes that refresh a cache are the handler's own, the rest carry the probe
        assert all(p == label or q.path.endswith("/describe") for p, q in zip(probes, sent)), label


def test_job_new_inside_a_job_carries_the_kwargs(dx_test_context: Any, monkeypatch: Any) -> None:
    dx_test_context.default = handler(_answer)
    monkeypatch.setenv("DX_JOB_ID", JOB)
    job = dxpy.new_dxjob({"a": 1}, "process", headers={"X-Probe": "new"}, timeout=30)
    assert job.get_id() == JOB
    assert dx_test_context.requests[-1].headers["x-probe"] == "new"


# -- bad arguments never reach the server ------------------------------------------------------------

BAD_CALLS: dict[str, Callable[[], Any]] = {
    "applet input not a dict": lambda: dxpy.DXApplet(APPLET, project=PROJ).run([1]),
    "applet stage_instance_types": lambda: dxpy.DXApplet(APPLET, project=PROJ).run(
        {}, stage_instance_types={"0": "mem1_ssd1_x2"}),
    "applet stage_folders": lambda: dxpy.DXApplet(APPLET, project=PROJ).run({}, stage_folders={"0": "/x"}),
    "applet rerun_stages": lambda: dxpy.DXApplet(APPLET, project=PROJ).run({}, rerun_stages=["*"]),
    "applet ignore_reuse_stages": lambda: dxpy.DXApplet(APPLET, project=PROJ).run(
        {}, ignore_reuse_stages=["*"]),
    "app stage_instance_types": lambda: dxpy.DXApp(name="a").run({}, stage_instance_types={"*": "x"}),
    "depends_on not a list": lambda: dxpy.DXApplet(APPLET, project=PROJ).run({}, depends_on=JOB),
    "depends_on unbound handler": lambda: dxpy.DXApplet(APPLET, project=PROJ).run(
        {}, depends_on=[dxpy.DXJob()]),
    "depends_on number": lambda: dxpy.DXApplet(APPLET, project=PROJ).run({}, depends_on=[3]),
    "instance_type list": lambda: dxpy.DXApplet(APPLET, project=PROJ).run({}, instance_type=["x"]),
    "priority": lambda: dxpy.DXApplet(APPLET, project=PROJ).run({}, priority="urgent"),
    "tags string": lambda: dxpy.DXApplet(APPLET, project=PROJ).run({}, tags="t"),
    "extra_args list": lambda: dxpy.DXApplet(APPLET, project=PROJ).run({}, extra_args=[1]),
    "unbound handler in input": lambda: dxpy.DXApplet(APPLET, project=PROJ).run({"f": dxpy.DXRecord()}),
    "job handler in input": lambda: dxpy.DXApplet(APPLET, project=PROJ).run({"f": dxpy.DXJob(JOB)}),
    "unbound applet run": lambda: dxpy.DXApplet().run({}),
    "applet new without runSpec": lambda: dxpy.DXApplet().new(project=PROJ, dxapi="1.0.0"),
    "applet new without dxapi": lambda: dxpy.DXApplet().new(project=PROJ, runSpec={}),
    "app id and name": lambda: dxpy.DXApp(APP, name="bwa"),
    "app alias without name": lambda: dxpy.DXApp(alias="1.0.0"),
    "app bad id": lambda: dxpy.DXApp("app-x"),
    "app new without version": lambda: dxpy.DXApp().new(applet=APPLET),
    "app new without applet": lambda: dxpy.DXApp().new(version="1.0.0"),
    "app tags string": lambda: dxpy.DXApp(name="a").add_tags("t"),
    "unbound app describe": lambda: dxpy.DXApp().describe(),
    "gwf new without regionalOptions": lambda: dxpy.DXGlobalWorkflow().new(version="1", name="w"),
    "gwf region None": lambda: dxpy.DXGlobalWorkflow(name="w").get_underlying_workflow(None),  # type: ignore
    "job bad id": lambda: dxpy.DXJob("job-123"),
    "job fields and io": lambda: dxpy.DXJob(JOB).describe(fields={"state": True}, io=False),
    "job tags string": lambda: dxpy.DXJob(JOB).add_tags("t"),
    "job properties list": lambda: dxpy.DXJob(JOB).set_properties(["a"]),  # type: ignore[arg-type]
    "new_dxjob input": lambda: dxpy.new_dxjob([1], "main"),
    "new_dxjob fn_name": lambda: dxpy.new_dxjob({}, None),  # type: ignore[arg-type]
    "analysis bad id": lambda: dxpy.DXAnalysis(JOB),
    "workflow init_from": lambda: dxpy.new_dxworkflow(project=PROJ, init_from="workflow-x"),
    "workflow update title+unset": lambda: dxpy.DXWorkflow(WORKFLOW, project=PROJ).update(
        title="t", unset_title=True),
    "workflow add_stage executable": lambda: dxpy.DXWorkflow(WORKFLOW, project=PROJ).add_stage(3),
    "load_app_resource outside a job": lambda: dxpy.load_app_resource(name="x"),
    "load_app_resource project": lambda: dxpy.load_app_resource(project=PROJ),
    "load_from_cache outside a job": lambda: dxpy.load_from_cache(name="x"),
    "save_to_cache outside a job": lambda: dxpy.save_to_cache(dxpy.DXRecord()),
    "DXExecutable itself": lambda: dxpy.DXExecutable(),
}


@pytest.mark.parametrize("label", sorted(BAD_CALLS))
def test_bad_arguments_raise_dxerror_before_any_request(dx_test_context: Any, label: str) -> None:
    with pytest.raises(DXError):
        BAD_CALLS[label]()
    assert dx_test_context.requests == []
