"""Apps and global workflows addressed by ID or by name and alias: the request paths and bodies of
describe, run, install/uninstall, publish, tags, categories, authorized users, delete; global
workflow runs resolve stages through the regional workflow."""

from __future__ import annotations

from typing import Any

import pytest

import dxpy
from dxpy.exceptions import DXError
from tests._support.testserver import RecordedRequest, handler, reply

APP = "app-" + "P" * 24
GWF = "globalworkflow-" + "G" * 24
APPLET = "applet-" + "A" * 24
JOB = "job-" + "J" * 24
ANALYSIS = "analysis-" + "N" * 24
PROJ = "project-" + "F" * 24
WORKFLOW = "workflow-" + "W" * 24
REGION = "aws:us-east-1"


def test_name_alias_and_id_addressing() -> None:
    assert dxpy.DXApp(name="bwa").get_id() == "app-bwa/default"
    assert dxpy.DXApp(name="bwa", alias="1.0.0").get_id() == "app-bwa/1.0.0"
    assert dxpy.DXApp(APP).get_id() == APP
    assert dxpy.DXGlobalWorkflow(name="wgs", alias="beta").get_id() == "globalworkflow-wgs/beta"
    app = dxpy.DXApp(APP)
    app.set_id(name="bwa")
    assert app.get_id() == "app-bwa/default"
    assert dxpy.DXApp().get_id() is None
    with pytest.raises(DXError, match="Did not expect name or alias"):
        dxpy.DXApp(APP, alias="1.0.0")


def test_every_app_method_goes_to_the_named_or_id_route(dx_test_context: Any) -> None:
    server = dx_test_context
    server.default = reply(json={"id": APP, "categories": ["c"], "authorizedUsers": ["PUBLIC"]})
    named, by_id = dxpy.DXApp(name="bwa", alias="1.0.0"), dxpy.DXApp(APP)
    for app, prefix in ((named, "/app-bwa/1.0.0"), (by_id, f"/{APP}")):
        before = len(server.requests)
        app.describe(fields={"version": True})
        app.install()
        app.uninstall()
        app.get()
        app.publish(input_params={"makeDefault": True})
        app.add_tags(["prod"])
        app.addTags(["x"])
        app.remove_tags(["prod"])
        app.removeTags(["x"])
        app.update(applet=APPLET, details={"d": 1})
        app.add_categories(["c"])
        app.remove_categories(["c"])
        assert app.list_categories() == ["c"]
        app.add_authorized_users(["org-x"])
        app.remove_authorized_users(["org-x"])
        assert app.list_authorized_users() == ["PUBLIC"]
        app.delete()
        sent = [(q.path, q.json()) for q in server.requests[before:]]
        assert sent == [
            (f"{prefix}/describe", {"fields": {"version": True}}),
            (f"{prefix}/install", {}),
            (f"{prefix}/uninstall", {}),
            (f"{prefix}/get", {}),
            (f"{prefix}/publish", {"makeDefault": True}),
            (f"{prefix}/addTags", {"tags": ["prod"]}),
            (f"{prefix}/addTags", {"tags": ["x"]}),
            (f"{prefix}/removeTags", {"tags": ["prod"]}),
            (f"{prefix}/removeTags", {"tags": ["x"]}),
            (f"{prefix}/update", {"applet": APPLET, "details": {"d": 1}}),
            (f"{prefix}/addCategories", {"categories": ["c"]}),
            (f"{prefix}/removeCategories", {"categories": ["c"]}),
            (f"{prefix}/listCategories", {}),
            (f"{prefix}/addAuthorizedUsers", {"authorizedUsers": ["org-x"]}),
            (f"{prefix}/removeAuthorizedUsers", {"authorizedUsers": ["org-x"]}),
            (f"{prefix}/listAuthorizedUsers", {}),
            (f"{prefix}/delete", {}),
        ]


def test_app_new_and_run(dx_test_context: Any) -> None:
    server = dx_test_context
    server.queue(reply(json={"id": APP}), reply(json={"id": JOB}))
    app = dxpy.DXApp()
    app.new(applet=APPLET, version="1.0.0", name="bwa", title="BWA", bill_to="org-x", resources=PROJ)
    assert app.get_id() == APP
    body = server.requests[0].json()
    assert server.requests[0].path == "/app/new" and body.pop("nonce")
    assert body == {"version": "1.0.0", "applet": APPLET, "name": "bwa", "title": "BWA", "resources": PROJ,
                    "billTo": "org-x"}
    job = dxpy.DXApp(name="bwa").run({"reads": 1}, project=PROJ, head_job_on_demand=True)
    assert isinstance(job, dxpy.DXJob) and job.get_id() == JOB
    run = server.requests[1]
    assert run.path == "/app-bwa/default/run"
    body = run.json()
    assert body.pop("nonce")
    assert body == {"input": {"reads": 1}, "project": PROJ, "headJobOnDemand": True}


def _gwf_server(req: RecordedRequest) -> Any:
    if req.path == f"/{PROJ}/describe":
        return reply(json={"id": PROJ, "region": REGION})
    if req.path.startswith("/globalworkflow-wgs/1.0.0/describe"):
        return reply(json={"id": GWF, "class": "globalworkflow",
                           "regionalOptions": {REGION: {"workflow": WORKFLOW}}})
    if req.path == f"/{WORKFLOW}/describe":
        return reply(json={"id": WORKFLOW, "stages": [{"id": "stage-1", "name": "call"}], "editVersion": 0,
                           "inputs": [], "outputs": [], "inputSpec": [], "outputSpec": []})
    return reply(json={"id": ANALYSIS})


def test_global_workflow_run_resolves_stages_in_the_projects_region(dx_test_context: Any) -> None:
    server = dx_test_context
    server.default = handler(_gwf_server)
    gwf = dxpy.DXGlobalWorkflow(name="wgs", alias="1.0.0")
    analysis = gwf.run({"call.x": 1, "0.y": 2}, project=PROJ, stage_folders={"call": "/c"})
    assert isinstance(analysis, dxpy.DXAnalysis) and analysis.get_id() == ANALYSIS
    run = server.requests[-1]
    assert run.path == "/globalworkflow-wgs/1.0.0/run"
    body = run.json()
    assert body.pop("nonce")
    assert body == {"input": {"stage-1.x": 1, "stage-1.y": 2}, "project": PROJ,
                    "stageFolders": {"stage-1": "/c"}}
    assert server.requests[0].json() == {"fields": {"region": True}}


def test_global_workflow_underlying_workflow_helpers(dx_test_context: Any) -> None:
    dx_test_context.default = handler(_gwf_server)
    gwf = dxpy.DXGlobalWorkflow(name="wgs", alias="1.0.0")
    assert gwf.get_underlying_workflow(REGION).get_id() == WORKFLOW
    desc = gwf.append_underlying_workflow_desc(gwf.describe(), REGION)
    assert desc["stages"] == [{"id": "stage-1", "name": "call"}] and desc["inputSpec"] == []
    before = len(dx_test_context.requests)
    assert gwf.describe_underlying_workflow(REGION)["id"] == WORKFLOW
    assert len(dx_test_context.requests) == before  # cached per region
    with pytest.raises(DXError, match="not enabled in region"):
        gwf.get_underlying_workflow("azure:westus")


def test_global_workflow_new_and_publish(dx_test_context: Any) -> None:
    server = dx_test_context
    server.queue(reply(json={"id": GWF}), reply(json={"id": GWF}))
    gwf = dxpy.DXGlobalWorkflow()
    gwf.new(version="1.0.0", name="wgs", regionalOptions={REGION: {"workflow": WORKFLOW}}, title="WGS")
    gwf.publish()
    body = server.requests[0].json()
    assert body.pop("nonce")
    assert body == {"version": "1.0.0", "name": "wgs", "regionalOptions": {REGION: {"workflow": WORKFLOW}},
                    "title": "WGS"}
    assert server.requests[1].path == f"/{GWF}/publish"


def test_get_handler_parses_app_and_global_workflow_names_with_aliases() -> None:
    for text, cls, expected in (("app-bwa", dxpy.DXApp, "app-bwa/default"),
                                ("app-bwa/1.0.0", dxpy.DXApp, "app-bwa/1.0.0"),
                                (APP, dxpy.DXApp, APP),
                                ("globalworkflow-wgs/beta", dxpy.DXGlobalWorkflow,
                                 "globalworkflow-wgs/beta")):
        handler = dxpy.get_handler(text)
        assert type(handler) is cls and handler.get_id() == expected
