"""Table-driven checks over every implemented emulator route.

* permissions: each project-scoped route is called by users holding each level
  below the one it needs (``PermissionDenied``; no access at all:
  ``ResourceNotFound``) and then by a user holding exactly that level (success);
  org routes by a non-member / MEMBER, and the control routes by a non-admin;
* the tables must cover every route in the registry, so a new route without
  a permission entry fails here;
* wrong input types give ``InvalidInput`` whose message names the field.
"""

from __future__ import annotations

import dataclasses
import hashlib
import uuid
from dataclasses import dataclass
from typing import Any, Callable, Optional

import pytest

from dxpy.emulator import Emulator, EmulatorCallError
from dxpy.emulator._protocol import registry as _registry

NONE, VIEW, UPLOAD, CONTRIBUTE, ADMINISTER = range(5)
LEVEL_NAMES = ["NONE", "VIEW", "UPLOAD", "CONTRIBUTE", "ADMINISTER"]
EMPTY_MD5 = hashlib.md5(b"").hexdigest()


@dataclass
class Ctx:
    """One project holding one of everything, owned by the default user."""

    project: str
    open_record: str
    closed_record: str
    open_file: str
    closed_file: str
    #: container holding the same kinds of objects, members granted the same levels
    container: str
    #: user ID -> (a project that user administers, a closed record in it): clone ends
    own: dict
    #: a job (in ``project``) launched by the default user
    job: str = ""
    #: an applet (born closed) in the project
    applet: str = ""
    #: an open workflow (editVersion 0) with one stage "s1" running ``applet``
    workflow: str = ""
    #: an analysis of ``workflow``
    analysis: str = ""
    #: databases (created by the admin route) in the project, open and closed
    open_database: str = ""
    closed_database: str = ""
    #: user ID -> a closed database in that user's own project (``own``)
    own_databases: dict = dataclasses.field(default_factory=dict)


APPLET_SPEC = {"dxapi": "1.0.0", "runSpec": {"interpreter": "bash", "code": "main() { :; }"}}


@dataclass
class Case:
    """One route call: ``build(ctx, actor_id) -> (path, body)`` needing ``level``."""

    route: tuple[str, str, bool]
    level: int
    build: Callable[[Ctx, str], tuple[str, Any]]
    protected: bool = False
    label: str = ""

    @property
    def name(self) -> str:
        subject, method, on_object = self.route
        return f"{subject}{'-xxxx' if on_object else ''}/{method}{self.label}"


def _rec(cls: str, which: str) -> Callable[[Ctx], str]:
    return lambda c: getattr(c, f"{which}_{cls}")


def _common_cases(cls: str) -> list[Case]:
    """The common data-object routes of one class (record or file)."""
    opened, closed = _rec(cls, "open"), _rec(cls, "closed")
    r = (cls,)
    return [
        Case((*r, "describe", True), VIEW, lambda c, a: (f"{closed(c)}/describe", {})),
        Case((*r, "getDetails", True), VIEW, lambda c, a: (f"{closed(c)}/getDetails", {})),
        Case((*r, "listProjects", True), VIEW, lambda c, a: (f"{closed(c)}/listProjects", {})),
        Case((*r, "addTags", True), UPLOAD,
             lambda c, a: (f"{opened(c)}/addTags", {"project": c.project, "tags": ["t"]}), label=" open"),
        Case((*r, "addTags", True), CONTRIBUTE,
             lambda c, a: (f"{closed(c)}/addTags", {"project": c.project, "tags": ["t"]}), label=" closed"),
        Case((*r, "removeTags", True), CONTRIBUTE,
             lambda c, a: (f"{closed(c)}/removeTags", {"project": c.project, "tags": ["t"]})),
        Case((*r, "setProperties", True), CONTRIBUTE,
             lambda c, a: (f"{closed(c)}/setProperties", {"project": c.project, "properties": {"k": "v"}})),
        Case((*r, "rename", True), UPLOAD,
             lambda c, a: (f"{opened(c)}/rename", {"project": c.project, "name": "n"}), label=" open"),
        Case((*r, "rename", True), CONTRIBUTE,
             lambda c, a: (f"{closed(c)}/rename", {"project": c.project, "name": "n"}), label=" closed"),
        Case((*r, "addTypes", True), UPLOAD, lambda c, a: (f"{opened(c)}/addTypes", {"types": ["T"]})),
        Case((*r, "removeTypes", True), UPLOAD, lambda c, a: (f"{opened(c)}/removeTypes", {"types": ["T"]})),
        Case((*r, "setVisibility", True), UPLOAD,
             lambda c, a: (f"{opened(c)}/setVisibility", {"hidden": True})),
        Case((*r, "setDetails", True), UPLOAD, lambda c, a: (f"{opened(c)}/setDetails", {"d": 1})),
        Case((*r, "close", True), UPLOAD, lambda c, a: (f"{opened(c)}/close", {})),
    ]


def _folder_cases(subject: str) -> list[Case]:
    where: Callable[[Ctx], str] = (lambda c: c.project) if subject == "project" else (lambda c: c.container)
    s = subject
    return [
        Case((s, "describe", True), VIEW, lambda c, a: (f"{where(c)}/describe", {})),
        Case((s, "listFolder", True), VIEW, lambda c, a: (f"{where(c)}/listFolder", {"folder": "/"})),
        Case((s, "newFolder", True), UPLOAD, lambda c, a: (f"{where(c)}/newFolder", {"folder": "/new"})),
        Case((s, "move", True), UPLOAD,
             lambda c, a: (f"{where(c)}/move", {"objects": [c.closed_record], "destination": "/f"}),
             label=" objects"),
        Case((s, "move", True), CONTRIBUTE,
             lambda c, a: (f"{where(c)}/move", {"folders": ["/f/sub"], "destination": "/"}),
             label=" folders"),
        Case((s, "renameFolder", True), CONTRIBUTE,
             lambda c, a: (f"{where(c)}/renameFolder", {"folder": "/f", "name": "g"})),
        Case((s, "removeFolder", True), CONTRIBUTE,
             lambda c, a: (f"{where(c)}/removeFolder", {"folder": "/f", "recurse": True})),
        Case((s, "removeObjects", True), CONTRIBUTE,
             lambda c, a: (f"{where(c)}/removeObjects", {"objects": [c.closed_record]})),
        Case((s, "clone", True), VIEW,
             lambda c, a: (f"{where(c)}/clone", {"objects": [c.closed_record], "project": c.own[a][0]}),
             label=" from"),
    ]


def _workflow_cases() -> list[Case]:
    """The workflow routes (the workflow is open: metadata edits need UPLOAD) and the analysis routes."""
    w = "workflow"

    def edit(method: str, **body: Any) -> Case:
        return Case((w, method, True), UPLOAD,
                    lambda c, a: (f"{c.workflow}/{method}", {"editVersion": 0, **_fill(body, c)}))

    return [
        Case((w, "new", False), UPLOAD, lambda c, a: ("workflow/new", {"project": c.project})),
        Case((w, "describe", True), VIEW, lambda c, a: (f"{c.workflow}/describe", {})),
        Case((w, "getDetails", True), VIEW, lambda c, a: (f"{c.workflow}/getDetails", {})),
        Case((w, "listProjects", True), VIEW, lambda c, a: (f"{c.workflow}/listProjects", {})),
        Case((w, "addTags", True), UPLOAD,
             lambda c, a: (f"{c.workflow}/addTags", {"project": c.project, "tags": ["t"]})),
        Case((w, "removeTags", True), UPLOAD,
             lambda c, a: (f"{c.workflow}/removeTags", {"project": c.project, "tags": ["t"]})),
        Case((w, "setProperties", True), UPLOAD,
             lambda c, a: (f"{c.workflow}/setProperties", {"project": c.project, "properties": {"k": "v"}})),
        Case((w, "rename", True), UPLOAD,
             lambda c, a: (f"{c.workflow}/rename", {"project": c.project, "name": "n"})),
        Case((w, "addTypes", True), UPLOAD, lambda c, a: (f"{c.workflow}/addTypes", {"types": ["T"]})),
        Case((w, "removeTypes", True), UPLOAD, lambda c, a: (f"{c.workflow}/removeTypes", {"types": ["T"]})),
        Case((w, "setVisibility", True), UPLOAD,
             lambda c, a: (f"{c.workflow}/setVisibility", {"hidden": True})),
        Case((w, "setDetails", True), UPLOAD, lambda c, a: (f"{c.workflow}/setDetails", {"d": 1})),
        Case((w, "close", True), UPLOAD, lambda c, a: (f"{c.workflow}/close", {})),
        edit("addStage", executable="APPLET"),
        edit("removeStage", stage="s1"),
        edit("moveStage", stage="s1", newIndex=0),
        edit("update", title="t"),
        edit("updateStageExecutable", stage="s1", executable="APPLET"),
        edit("overwrite", **{"from": {"workflow": "WORKFLOW"}}),
        Case((w, "isStageCompatible", True), VIEW,
             lambda c, a: (f"{c.workflow}/isStageCompatible",
                           {"editVersion": 0, "stage": "s1", "executable": c.applet})),
        Case((w, "run", True), CONTRIBUTE,
             lambda c, a: (f"{c.workflow}/run", {"project": c.project, "input": {}})),
        Case((w, "dryRun", True), CONTRIBUTE,
             lambda c, a: (f"{c.workflow}/dryRun", {"project": c.project, "input": {}})),
        Case((w, "validateBatch", True), VIEW,
             lambda c, a: (f"{c.workflow}/validateBatch", {"batchInput": {}})),
        Case(("analysis", "describe", True), VIEW, lambda c, a: (f"{c.analysis}/describe", {})),
        Case(("analysis", "addTags", True), CONTRIBUTE,
             lambda c, a: (f"{c.analysis}/addTags", {"tags": ["t"]})),
        Case(("analysis", "removeTags", True), CONTRIBUTE,
             lambda c, a: (f"{c.analysis}/removeTags", {"tags": ["t"]})),
        Case(("analysis", "setProperties", True), CONTRIBUTE,
             lambda c, a: (f"{c.analysis}/setProperties", {"properties": {"k": "v"}})),
        Case(("analysis", "update", True), CONTRIBUTE, lambda c, a: (f"{c.analysis}/update", {"name": "n"})),
        Case(("analysis", "terminate", True), CONTRIBUTE, lambda c, a: (f"{c.analysis}/terminate", {})),
        Case(("globalworkflow", "new", False), VIEW,
             lambda c, a: ("globalworkflow/new", {
                 "name": "g" + uuid.uuid4().hex[:12], "version": "1.0.0",
                 "regionalOptions": {"aws:us-east-1": {"workflow": c.workflow}}})),
    ]


def _fill(body: dict, c: Ctx) -> dict:
    """Replace the placeholders APPLET / WORKFLOW in a request body."""
    def one(v: Any) -> Any:
        if isinstance(v, dict):
            return {k: one(x) for k, x in v.items()}
        return {"APPLET": c.applet, "WORKFLOW": c.workflow}.get(v, v) if isinstance(v, str) else v

    return one(body)


CASES: list[Case] = [
    *_common_cases("record"),
    *_common_cases("file"),
    *_common_cases("database"),
    Case(("database", "listFolder", True), VIEW,
         lambda c, a: (f"{c.closed_database}/listFolder", {"folder": "/", "recurse": True})),
    Case(("database", "downloadFile", True), VIEW,
         lambda c, a: (f"{c.closed_database}/downloadFile", {"filename": "t/a.csv"})),
    Case(("database", "relocate", True), CONTRIBUTE,
         lambda c, a: (f"{c.closed_database}/relocate", {"project": c.own[a][0]}), label=" out"),
    Case(("database", "relocate", True), UPLOAD,
         lambda c, a: (f"{c.own_databases[a]}/relocate", {"project": c.project}), label=" into"),
    Case(("system", "findDatabases", False), VIEW,
         lambda c, a: ("system/findDatabases", {"scope": {"project": c.project}})),
    Case(("container", "destroy", True), ADMINISTER, lambda c, a: (f"{c.container}/destroy", {})),
    *_folder_cases("project"),
    *_folder_cases("container"),
    Case(("project", "clone", True), UPLOAD,
         lambda c, a: (f"{c.own[a][0]}/clone", {"objects": [c.own[a][1]], "project": c.project}),
         label=" into"),
    Case(("project", "removeObjects", True), ADMINISTER,
         lambda c, a: (f"{c.project}/removeObjects", {"objects": [c.closed_record]}), protected=True,
         label=" protected"),
    Case(("project", "removeFolder", True), ADMINISTER,
         lambda c, a: (f"{c.project}/removeFolder", {"folder": "/f", "recurse": True}), protected=True,
         label=" protected"),
    Case(("project", "update", True), CONTRIBUTE, lambda c, a: (f"{c.project}/update", {"name": "x"}),
         label=" name"),
    Case(("project", "update", True), ADMINISTER,
         lambda c, a: (f"{c.project}/update", {"protected": True}), label=" settings"),
    Case(("project", "destroy", True), ADMINISTER, lambda c, a: (f"{c.project}/destroy", {})),
    Case(("project", "invite", True), ADMINISTER,
         lambda c, a: (f"{c.project}/invite", {"invitee": "PUBLIC", "level": "VIEW"})),
    Case(("project", "leave", True), VIEW, lambda c, a: (f"{c.project}/leave", {})),
    Case(("project", "decreasePermissions", True), ADMINISTER,
         lambda c, a: (f"{c.project}/decreasePermissions", {"PUBLIC": None})),
    Case(("project", "decreasePermissions", True), VIEW,
         lambda c, a: (f"{c.project}/decreasePermissions", {a: "VIEW"}), label=" own"),
    Case(("project", "addTags", True), CONTRIBUTE, lambda c, a: (f"{c.project}/addTags", {"tags": ["t"]})),
    Case(("project", "removeTags", True), CONTRIBUTE,
         lambda c, a: (f"{c.project}/removeTags", {"tags": ["t"]})),
    Case(("project", "setProperties", True), CONTRIBUTE,
         lambda c, a: (f"{c.project}/setProperties", {"properties": {"k": "v"}})),
    Case(("record", "new", False), UPLOAD, lambda c, a: ("record/new", {"project": c.project})),
    Case(("applet", "new", False), UPLOAD,
         lambda c, a: ("applet/new", {"project": c.project, **APPLET_SPEC})),
    Case(("applet", "get", True), VIEW, lambda c, a: (f"{c.applet}/get", {})),
    Case(("app", "new", False), VIEW,
         lambda c, a: ("app/new", {"applet": c.applet, "name": "m" + uuid.uuid4().hex[:10],
                                   "version": "1.0.0"})),
    Case(("applet", "run", True), CONTRIBUTE,
         lambda c, a: (f"{c.applet}/run", {"project": c.project, "input": {}})),
    Case(("applet", "describe", True), VIEW, lambda c, a: (f"{c.applet}/describe", {})),
    Case(("applet", "getDetails", True), VIEW, lambda c, a: (f"{c.applet}/getDetails", {})),
    Case(("applet", "listProjects", True), VIEW, lambda c, a: (f"{c.applet}/listProjects", {})),
    Case(("applet", "addTags", True), CONTRIBUTE,
         lambda c, a: (f"{c.applet}/addTags", {"project": c.project, "tags": ["t"]})),
    Case(("applet", "removeTags", True), CONTRIBUTE,
         lambda c, a: (f"{c.applet}/removeTags", {"project": c.project, "tags": ["t"]})),
    Case(("applet", "setProperties", True), CONTRIBUTE,
         lambda c, a: (f"{c.applet}/setProperties", {"project": c.project, "properties": {"k": "v"}})),
    Case(("applet", "rename", True), CONTRIBUTE,
         lambda c, a: (f"{c.applet}/rename", {"project": c.project, "name": "n"})),
    Case(("file", "new", False), UPLOAD, lambda c, a: ("file/new", {"project": c.project})),
    Case(("file", "upload", True), UPLOAD,
         lambda c, a: (f"{c.open_file}/upload", {"index": 1, "size": 0, "md5": EMPTY_MD5})),
    Case(("file", "download", True), VIEW, lambda c, a: (f"{c.closed_file}/download", {})),
    Case(("system", "findDataObjects", False), VIEW,
         lambda c, a: ("system/findDataObjects", {"scope": {"project": c.project}})),
    Case(("system", "describeDataObjects", False), VIEW,
         lambda c, a: ("system/describeDataObjects", {"objects": [c.closed_record]})),
    Case(("job", "describe", True), VIEW, lambda c, a: (f"{c.job}/describe", {})),
    Case(("job", "getLog", True), VIEW, lambda c, a: (f"{c.job}/getLog", {})),
    Case(("job", "addTags", True), CONTRIBUTE, lambda c, a: (f"{c.job}/addTags", {"tags": ["t"]})),
    Case(("job", "removeTags", True), CONTRIBUTE, lambda c, a: (f"{c.job}/removeTags", {"tags": ["t"]})),
    Case(("job", "setProperties", True), CONTRIBUTE,
         lambda c, a: (f"{c.job}/setProperties", {"properties": {"k": "v"}})),
    Case(("job", "update", True), CONTRIBUTE, lambda c, a: (f"{c.job}/update", {})),
    Case(("job", "terminate", True), CONTRIBUTE, lambda c, a: (f"{c.job}/terminate", {})),
    *_workflow_cases(),
    Case(("applet", "validateBatch", True), VIEW,
         lambda c, a: (f"{c.applet}/validateBatch",
                       {"batchInput": {}, "files": [{"$dnanexus_link": c.closed_file}]})),
    Case(("system", "generateBatchInputs", False), VIEW,
         lambda c, a: ("system/generateBatchInputs",
                       {"project": c.project, "folder": "/", "inputs": {"x": "(.*)"}})),
]

#: Routes any authenticated user may call; their results are filtered by access
#: (``ROUTE -> (path, body)``), checked by :func:`test_open_routes_answer_without_any_access`.
OPEN_ROUTES: dict[tuple[str, str, bool], Callable[[Ctx], tuple[str, Any]]] = {
    ("system", "whoami", False): lambda c: ("system/whoami", {}),
    ("system", "getUserInfo", False): lambda c: ("system/getUserInfo", {}),
    ("system", "greet", False): lambda c: ("system/greet", {}),
    ("system", "headers", False): lambda c: ("system/headers", {}),
    ("system", "comeBackLater", False): lambda c: ("system/comeBackLater", {}),
    ("system", "findProjects", False): lambda c: ("system/findProjects", {"level": "VIEW"}),
    ("system", "resolveDataObjects", False):
        lambda c: ("system/resolveDataObjects", {"objects": [{"name": "x"}], "project": c.project}),
    ("system", "findOrgs", False): lambda c: ("system/findOrgs", {"level": "MEMBER"}),
    ("system", "findApps", False): lambda c: ("system/findApps", {"name": {"glob": "*"}}),
    ("system", "findGlobalWorkflows", False): lambda c: ("system/findGlobalWorkflows", {"allVersions": True}),
    ("system", "findExecutions", False): lambda c: ("system/findExecutions", {"project": c.project}),
    ("system", "findJobs", False): lambda c: ("system/findJobs", {"project": c.project}),
    ("system", "findAnalyses", False): lambda c: ("system/findAnalyses", {"project": c.project}),
    # answers for every caller: an execution it may not see is an error entry, not a failed call
    ("system", "describeExecutions", False): lambda c: ("system/describeExecutions", {"executions": [c.job]}),
    ("user", "describe", True): lambda c: ("user-emulator/describe", {}),
    ("project", "new", False): lambda c: ("project/new", {"name": "mine"}),
    ("org", "new", False): lambda c: ("org/new", {"handle": "o" + uuid.uuid4().hex[:12], "name": "O"}),
}

#: Org routes: ``(path-suffix, body, needs ADMIN)``; a non-member is refused, a MEMBER
#: is refused the ADMIN-only routes.
ORG_CASES: dict[str, tuple[Callable[[str], Any], bool]] = {
    "describe": (lambda u: {}, False),
    "findMembers": (lambda u: {}, False),
    "findProjects": (lambda u: {}, False),
    "findApps": (lambda u: {}, False),
    "update": (lambda u: {"name": "renamed"}, True),
    "invite": (lambda u: {"invitee": u, "level": "MEMBER"}, True),
    "removeMember": (lambda u: {"user": u}, True),
    "setMemberAccess": (lambda u: {u: {"level": "MEMBER", "appAccess": False}}, True),
}

#: Global workflow routes: ``method -> (body for a user ID, developers only)``; an unpublished
#: version is invisible to others, a published one is visible to its authorized users, who are
#: refused the developer routes.
GLOBALWORKFLOW_CASES: dict[str, tuple[Callable[[str], Any], bool]] = {
    "describe": (lambda u: {}, False),
    "run": (lambda u: {"input": {}}, False),
    "update": (lambda u: {"title": "t"}, True),
    "addTags": (lambda u: {"tags": ["beta"]}, True),
    "removeTags": (lambda u: {"tags": ["beta"]}, True),
    "delete": (lambda u: {}, True),
    "publish": (lambda u: {}, True),
    **{f"{verb}{noun}": ((lambda u, k=key: {k: [u]}) if verb != "list" else (lambda u: {}), verb != "list")
       for noun, key in (("AuthorizedUsers", "authorizedUsers"), ("Developers", "developers"),
                         ("Categories", "categories"))
       for verb in ("add", "remove", "list")},
}

ADMIN_ROUTES = {("emulator", "faults", False): {"action": "list"},
                ("emulator", "newUser", False): {"handle": "x"},
                ("emulator", "newDatabase", False): {"project": "project-" + "B" * 24},
                ("emulator", "setFileChecksums", False): {"file": "file-" + "B" * 24, "checksumType": None}}

#: Routes that cannot be exercised by the tables here.
WITHOUT_OBJECTS: set = set()

#: App routes: ``method -> (body builder(actors), who may call it on a published version)``.
#: ``"view"``: authorized users and developers; ``"develop"``: developers only. Others are
#: refused (PermissionDenied); an unpublished version is hidden from all but developers
#: (ResourceNotFound). publish and update are tried on an unpublished version.
APP_CASES: dict[str, tuple[Callable[[dict], Any], str]] = {
    "describe": (lambda u: {}, "view"),
    "get": (lambda u: {}, "develop"),  # authorized users too when the app is open source
    "run": (lambda u: {"input": {}}, "view"),
    "install": (lambda u: {}, "view"),
    "uninstall": (lambda u: {}, "view"),
    "listCategories": (lambda u: {}, "view"),
    "listAuthorizedUsers": (lambda u: {}, "develop"),
    "listDevelopers": (lambda u: {}, "develop"),
    "addCategories": (lambda u: {"categories": ["c"]}, "develop"),
    "removeCategories": (lambda u: {"categories": ["c"]}, "develop"),
    "addAuthorizedUsers": (lambda u: {"authorizedUsers": [u["stranger"]]}, "develop"),
    "removeAuthorizedUsers": (lambda u: {"authorizedUsers": [u["stranger"]]}, "develop"),
    "addDevelopers": (lambda u: {"developers": [u["stranger"]]}, "develop"),
    "removeDevelopers": (lambda u: {"developers": [u["stranger"]]}, "develop"),
    "addTags": (lambda u: {"tags": ["beta"]}, "develop"),
    "removeTags": (lambda u: {"tags": ["beta"]}, "develop"),
    "publish": (lambda u: {"makeDefault": True}, "develop"),
    "update": (lambda u: {"title": "new title"}, "develop"),
    "delete": (lambda u: {}, "develop"),
    "validateBatch": (lambda u: {"batchInput": {}}, "view"),
}

#: Routes only a running job's token may call: every user token is refused.
JOB_TOKEN_ROUTES = {("job", "new", False): {"function": "f", "input": {}}}
#: Routes on a job that only that running job's own token may call.
OWN_JOB_TOKEN_ROUTES = {("job", "getIdentityToken", True): {"audience": "matrix"}}


@pytest.fixture(scope="module")
def emu(tmp_path_factory: pytest.TempPathFactory) -> Any:
    with Emulator(state_dir=str(tmp_path_factory.mktemp("matrix"))) as emulator:
        yield emulator


@pytest.fixture(scope="module")
def users(emu: Emulator) -> dict[int, tuple[str, str]]:
    """One user per level 0..4 (``(user_id, token)``)."""
    return {level: emu.new_user(f"lvl{level}_{uuid.uuid4().hex[:8]}") for level in range(5)}


def _call(emu: Emulator, path: str, body: Any, token: Optional[str] = None) -> Any:
    return emu.call(path, body, token=token)


def _make_ctx(emu: Emulator, users: dict[int, tuple[str, str]], actor: Optional[int] = None,
              protected: bool = False) -> Ctx:
    """A fresh project (and container) with objects; ``users[level]`` invited at ``level``."""
    pid = _call(emu, "project/new", {"name": "matrix"})["id"]
    objs = {}
    for where in ("project", "container"):
        cid = pid if where == "project" else _new_container(emu)
        _call(emu, f"{cid}/newFolder", {"folder": "/f/sub", "parents": True})
        objs[where] = {
            "open_record": _call(emu, "record/new", {"project": cid})["id"],
            "closed_record": _call(emu, "record/new", {"project": cid, "close": True})["id"],
            "open_file": _call(emu, "file/new", {"project": cid})["id"],
            "closed_file": _call(emu, "file/new", {"project": cid})["id"],
            "cid": cid,
        }
        _call(emu, f"{objs[where]['closed_file']}/close", {})
    levels = range(1, 5) if actor is None else [actor]
    for level in levels:
        if level == NONE:
            continue
        uid = users[level][0]
        _call(emu, f"{pid}/invite", {"invitee": uid, "level": LEVEL_NAMES[level]})
        _grant_container(emu, objs["container"]["cid"], uid, level)
    own = {}
    for level in range(5) if actor is None else [actor]:
        uid, token = users[level]
        mine = _call(emu, "project/new", {"name": "own"}, token=token)["id"]
        own[uid] = (mine, _call(emu, "record/new", {"project": mine, "close": True}, token=token)["id"])
    if protected:
        _call(emu, f"{pid}/update", {"protected": True})
    p = objs["project"]
    applet = _call(emu, "applet/new", {"project": pid, **APPLET_SPEC})["id"]
    stages = [{"id": "s1", "executable": applet}]
    workflow = _call(emu, "workflow/new", {"project": pid, "stages": stages})["id"]
    analysis = _call(emu, f"{workflow}/run", {"project": pid, "input": {}})["id"]
    databases = [_call(emu, "emulator/newDatabase",
                       {"project": pid, "files": {"t/a.csv": "1"}, "close": closed})["id"]
                 for closed in (False, True)]
    own_databases = {}
    for uid, token in (users[level] for level in (range(5) if actor is None else [actor])):
        mine = own[uid][0]
        # only the admin creates databases: let it write into the user's project
        _call(emu, f"{mine}/invite", {"invitee": emu.user_id, "level": "UPLOAD"}, token=token)
        own_databases[uid] = _call(emu, "emulator/newDatabase", {"project": mine})["id"]
    return Ctx(pid, p["open_record"], p["closed_record"], p["open_file"], p["closed_file"],
               objs["container"]["cid"], own, job=_new_job(emu, pid), applet=applet, workflow=workflow,
               analysis=analysis, open_database=databases[0], closed_database=databases[1],
               own_databases=own_databases)


def _new_job(emu: Emulator, project: str) -> str:
    """A job in ``project`` (inserted directly: the run routes have their own cases)."""
    import time

    from dxpy.emulator._routes.jobs import create_job

    runnable = {"id": "applet-" + "m" * 24, "name": "m",
                "runSpec": {"interpreter": "bash", "code": "echo '{}' > job_output.json"}}
    with emu.server.store.write() as db:
        job = create_job(db, int(time.time() * 1000), emu.user_id, runnable, {}, {}, project)
    emu.server.config.extra["scheduler"].wake()
    return job


def _new_container(emu: Emulator) -> str:
    from dxpy.emulator._routes.projects import create_container

    store = emu.server.store
    assert store is not None
    with store.write() as db:
        return create_container(db, emu.user_id, 1)


def _grant_container(emu: Emulator, cid: str, user_id: str, level: int) -> None:
    # Containers have no invite route; grant the level directly, as the platform does for job workspaces.
    store = emu.server.store
    assert store is not None
    with store.write() as db:
        db.execute("INSERT OR REPLACE INTO memberships(container_id, member, level) VALUES (?,?,?)",
                   (cid, user_id, level))


@pytest.fixture(scope="module")
def shared_ctx(emu: Emulator, users: dict[int, tuple[str, str]]) -> Ctx:
    return _make_ctx(emu, users)


def _expect_error(emu: Emulator, path: str, body: Any, token: str) -> str:
    with pytest.raises(EmulatorCallError) as info:
        _call(emu, path, body, token)
    return info.value.error_type


def _swap_container_objects(emu: Emulator, case: Case, ctx: Ctx) -> Ctx:
    if case.route[0] != "container":
        return ctx
    found = _call(emu, "system/findDataObjects", {"scope": {"project": ctx.container}, "class": "record",
                                                   "state": "closed"})["results"]
    closed = [r["id"] for r in found]
    return dataclasses.replace(ctx, closed_record=closed[0])


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_insufficient_level_is_refused(emu: Emulator, users: dict, shared_ctx: Ctx, case: Case) -> None:
    ctx = _make_ctx(emu, users, protected=True) if case.protected else shared_ctx
    ctx = _swap_container_objects(emu, case, ctx)
    for level in range(case.level):
        uid, token = users[level]
        path, body = case.build(ctx, uid)
        got = _expect_error(emu, path, body, token)
        want = "ResourceNotFound" if level == NONE else "PermissionDenied"
        assert got == want, f"{case.name} as {LEVEL_NAMES[level]}: {got}, expected {want}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_exact_level_is_enough(emu: Emulator, users: dict, case: Case) -> None:
    ctx = _make_ctx(emu, users, actor=case.level, protected=case.protected)
    ctx = _swap_container_objects(emu, case, ctx)
    uid, token = users[case.level]
    path, body = case.build(ctx, uid)
    answer = _call(emu, path, body, token)
    # the call did its work for this object: a JSON answer about the object addressed
    # (an error answer would have raised)
    assert isinstance(answer, (dict, list)), answer
    subject, _method, on_object = case.route
    target = path.split("/")[0]
    if _method == "run":
        assert str(answer["id"]).startswith(("job-", "analysis-")), (case.name, answer)  # a new execution
    elif on_object and isinstance(answer, dict) and "id" in answer:
        assert answer["id"] == target, (case.name, answer)
    elif not on_object and isinstance(answer, dict) and "id" in answer:
        assert str(answer["id"]).startswith(subject + "-"), (case.name, answer)


def test_open_routes_answer_without_any_access(emu: Emulator, users: dict, shared_ctx: Ctx) -> None:
    token = users[NONE][1]
    for build in OPEN_ROUTES.values():
        path, body = build(shared_ctx)
        _call(emu, path, body, token)
    query = {"objects": [{"name": shared_ctx.closed_record}], "project": shared_ctx.project}
    assert _call(emu, "system/resolveDataObjects", query, token) == {"results": [[]]}
    found = _call(emu, "system/findProjects", {"level": "VIEW"}, token)["results"]
    assert shared_ctx.project not in [r["id"] for r in found]


@pytest.mark.parametrize("method", sorted(ORG_CASES))
def test_org_routes_need_membership_and_admin(emu: Emulator, method: str) -> None:
    owner_id, owner = emu.new_user("orgowner" + uuid.uuid4().hex[:8])
    member_id, member = emu.new_user("orgmember" + uuid.uuid4().hex[:8])
    stranger = emu.new_user("orgstranger" + uuid.uuid4().hex[:8])[1]
    target_id = emu.new_user("orgtarget" + uuid.uuid4().hex[:8])[0]
    org = _call(emu, "org/new", {"handle": "m" + uuid.uuid4().hex[:12], "name": "M"}, owner)["id"]
    _call(emu, f"{org}/invite", {"invitee": member_id, "level": "MEMBER"}, owner)
    body_for, needs_admin = ORG_CASES[method]
    subject = member_id if method in ("removeMember", "setMemberAccess") else target_id
    assert _expect_error(emu, f"{org}/{method}", body_for(subject), stranger) == "PermissionDenied"
    if needs_admin:
        assert _expect_error(emu, f"{org}/{method}", body_for(subject), member) == "PermissionDenied"
    else:
        _call(emu, f"{org}/{method}", body_for(subject), member)
    _call(emu, f"{org}/{method}", body_for(subject), owner)
    missing = "org-nosuch" + uuid.uuid4().hex[:8]
    assert _expect_error(emu, f"{missing}/{method}", body_for(subject), owner) == "ResourceNotFound"


@pytest.mark.parametrize("method", sorted(GLOBALWORKFLOW_CASES))
def test_globalworkflow_routes_need_visibility_and_developers(emu: Emulator, method: str) -> None:
    user_id, user = emu.new_user("gwuser" + uuid.uuid4().hex[:8])
    own = _call(emu, "project/new", {"name": "own"}, user)["id"]
    pid = _call(emu, "project/new", {"name": "gw"})["id"]
    applet = _call(emu, "applet/new", {"project": pid, **APPLET_SPEC})["id"]
    workflow = _call(emu, "workflow/new", {"project": pid, "stages": [{"executable": applet}]})["id"]
    options = {"aws:us-east-1": {"workflow": workflow}}
    name = "g" + uuid.uuid4().hex[:12]
    new = {"name": name, "version": "1.0.0", "regionalOptions": options}
    gwf = _call(emu, "globalworkflow/new", new)["id"]
    body_for, developers_only = GLOBALWORKFLOW_CASES[method]
    body = {**body_for(user_id), **({"project": own} if method == "run" else {})}
    assert _expect_error(emu, f"{gwf}/{method}", body, user) == "ResourceNotFound"  # not published
    if method != "publish":
        _call(emu, f"{gwf}/addAuthorizedUsers", {"authorizedUsers": [user_id]})
        _call(emu, f"{gwf}/publish", {})
        if developers_only:
            assert _expect_error(emu, f"{gwf}/{method}", body, user) == "PermissionDenied"
        else:
            _call(emu, f"{gwf}/{method}", body, user)
    if method != "update":  # a published version cannot be updated
        _call(emu, f"globalworkflow-{name}/1.0.0/{method}", {**body_for(user_id), "project": pid}
              if method == "run" else body_for(user_id))
    missing = "globalworkflow-nosuch" + uuid.uuid4().hex[:8]
    assert _expect_error(emu, f"{missing}/{method}", body_for(user_id), user) == "ResourceNotFound"


def test_admin_routes_refuse_other_users(emu: Emulator, users: dict) -> None:
    for (subject, method, _), body in ADMIN_ROUTES.items():
        assert _expect_error(emu, f"{subject}/{method}", body, users[ADMINISTER][1]) == "PermissionDenied"


def test_job_token_routes_refuse_user_tokens(emu: Emulator, users: dict) -> None:
    for (subject, method, _), body in JOB_TOKEN_ROUTES.items():
        for level in range(5):
            assert _expect_error(emu, f"{subject}/{method}", body, users[level][1]) == "PermissionDenied"


def test_own_job_token_routes_refuse_user_tokens(emu: Emulator, users: dict, shared_ctx: Ctx) -> None:
    for (_subject, method, _), body in OWN_JOB_TOKEN_ROUTES.items():
        for level in range(5):
            got = _expect_error(emu, f"{shared_ctx.job}/{method}", body, users[level][1])
            assert got == "PermissionDenied", (method, level, got)
        assert _expect_error(emu, f"{shared_ctx.job}/{method}", body, emu.token) == "PermissionDenied"


def test_describe_executions_hides_what_the_caller_may_not_see(emu: Emulator, users: dict,
                                                                shared_ctx: Ctx) -> None:
    results = _call(emu, "system/describeExecutions", {"executions": [shared_ctx.job]},
                    users[NONE][1])["results"]
    assert results[0]["error"]["type"] == "ResourceNotFound" and "describe" not in results[0]
    seen = _call(emu, "system/describeExecutions", {"executions": [shared_ctx.job]},
                 users[VIEW][1])["results"]
    assert seen[0]["describe"]["id"] == shared_ctx.job


def test_tables_cover_every_registered_route() -> None:
    _registry.load_all()
    # Other tests register throw-away routes from their own modules; only the emulator's count.
    registered = {(r.subject, r.method, r.on_object) for r in _registry.routes()
                  if r.handler.__module__.startswith("dxpy.emulator.")}
    covered = {c.route for c in CASES} | set(OPEN_ROUTES) | set(ADMIN_ROUTES) | set(JOB_TOKEN_ROUTES)
    covered |= WITHOUT_OBJECTS
    covered |= set(OWN_JOB_TOKEN_ROUTES)
    covered |= {("app", m, True) for m in APP_CASES}
    covered |= {("org", m, True) for m in ORG_CASES}
    covered |= {("globalworkflow", m, True) for m in GLOBALWORKFLOW_CASES}
    assert registered - covered == set(), "routes without a permission entry"
    assert covered - registered == set(), "entries for routes that do not exist"


def _doc_routes(section: str = "Implemented routes", next_section: str = "Routes not emulated") -> set:
    """Routes named in one section of docs/emulator.rst, brace groups expanded."""
    import os
    import re

    path = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "emulator.rst")
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    table = text.split(f"\n{section}\n", 1)[1].split(f"\n{next_section}\n", 1)[0]
    found = set()
    for literal in re.findall(r"``(/[^`]+)``", table):
        parts = [literal]
        while any("{" in p for p in parts):
            expanded = []
            for p in parts:
                m = re.search(r"\{([^}]*)\}", p)
                if m is None:
                    expanded.append(p)
                    continue
                expanded += [p[:m.start()] + alt.strip() + p[m.end():] for alt in m.group(1).split(",")]
            parts = expanded
        for p in parts:
            segments = p.strip("/").split("/")
            if len(segments) != 2 or segments[0] == "storage":
                continue
            head, method = segments
            classes = ["record", "file"] if head == "class-xxxx" else [head.split("-", 1)[0]]
            for cls in classes:
                found.add((cls, method, head.endswith("-xxxx")))
    return found


def test_docs_list_every_registered_route() -> None:
    _registry.load_all()
    registered = {(r.subject, r.method, r.on_object) for r in _registry.routes()
                  if r.handler.__module__.startswith("dxpy.emulator.")}
    documented = _doc_routes()
    assert registered - documented == set(), "implemented but not in docs/emulator.rst"
    assert documented - registered == set(), "in docs/emulator.rst but not implemented"


def test_docs_name_every_table_route_the_emulator_leaves_out() -> None:
    import json
    import os

    _registry.load_all()
    registered = {(r.subject, r.method, r.on_object) for r in _registry.routes()
                  if r.handler.__module__.startswith("dxpy.emulator.")}
    path = os.path.join(os.path.dirname(__file__), "..", "..", "tools", "api_routes", "wrapper_table.json")
    with open(path, encoding="utf-8") as fh:
        table = set()
        for row in json.load(fh):
            head, method = row[0].strip("/").split("/")
            table.add((head.split("-", 1)[0], method, head.endswith("-xxxx")))
    left_out = _doc_routes("Routes not emulated", "Bad input")
    assert left_out & registered == set(), "listed as not emulated but implemented"
    assert table - registered == left_out, "route table entries neither implemented nor listed"


def test_app_run_finds_no_app(emu: Emulator) -> None:
    with pytest.raises(EmulatorCallError) as info:
        _call(emu, "app-nothere/run", {"input": {}})
    assert info.value.error_type == "ResourceNotFound"


@pytest.mark.parametrize("method", sorted(APP_CASES))
def test_app_routes_follow_developer_and_authorized_user_rules(emu: Emulator, method: str) -> None:
    authorized_id, authorized = emu.new_user("appuser" + uuid.uuid4().hex[:8])
    stranger_id, stranger = emu.new_user("appstranger" + uuid.uuid4().hex[:8])
    build, who = APP_CASES[method]
    project = _call(emu, "project/new", {"name": "apps"})["id"]
    applet = _call(emu, "applet/new", {"project": project, **APPLET_SPEC})["id"]
    name = "mx" + uuid.uuid4().hex[:10]
    unpublished = method in ("publish", "update")
    app = _call(emu, "app/new", {"applet": applet, "name": name, "version": "1.0.0",
                                  "authorizedUsers": [authorized_id]})["id"]
    if not unpublished:
        _call(emu, f"{app}/publish", {})
    own = {token: _call(emu, "project/new", {"name": "own"}, token=token)["id"]
           for token in (authorized, stranger, None)}

    def body(token: Optional[str]) -> Any:
        made = build({"stranger": stranger_id, "authorized": authorized_id})
        return {**made, "project": own[token]} if method == "run" else made

    hidden = "ResourceNotFound" if unpublished else "PermissionDenied"
    for path in (app, f"app-{name}", f"app-{name}/1.0.0"):
        assert _expect_error(emu, f"{path}/{method}", body(stranger), stranger) == hidden, path
        if who == "develop" or unpublished:
            assert _expect_error(emu, f"{path}/{method}", body(authorized), authorized) == hidden, path
        else:
            _call(emu, f"{path}/{method}", body(authorized), authorized)
    # a second, unpublished version is invisible to the authorized user whatever the route
    _call(emu, "app/new", {"applet": applet, "name": name, "version": "2.0.0"})
    hidden_v2 = _expect_error(emu, f"app-{name}/2.0.0/{method}", body(authorized), authorized)
    assert hidden_v2 == "ResourceNotFound"
    answer = _call(emu, f"{app}/{method}", body(None))
    assert isinstance(answer, dict)
    if method == "run":
        assert answer["id"].startswith("job-")
    elif "id" in answer:
        assert answer["id"] == app
