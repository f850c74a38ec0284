"""Workflows: data objects holding stages, each running an applet or app.

Upstream path ``dxpy.bindings.dxworkflow``; names re-exported as ``dxpy.DXWorkflow``
and ``dxpy.new_dxworkflow``.

Stages are addressed by stage ID, stage name or 0-based index. Every edit sends the
workflow's ``editVersion`` (the cached one unless ``edit_version`` is given) and
re-describes the workflow afterwards, even when the edit fails, so the cached
``stages`` and ``editVersion`` stay current.
"""

from __future__ import annotations

import re
from typing import Any

from ..exceptions import DXError
from . import DXDataObject, DXObject
from .dxapplet import DXExecutable, sysreqs_from_instance_type

_STAGE_ID_RE = re.compile(r"^([a-zA-Z_]|stage-)[0-9a-zA-Z_]*$")
_ANALYSIS_RE = re.compile(r"^analysis-[0-9A-Za-z]{24}$")
#: new_dxworkflow / DXWorkflow.new keyword -> /workflow/new field
_NEW_FIELDS = {
    "title": "title",
    "summary": "summary",
    "description": "description",
    "output_folder": "outputFolder",
    "stages": "stages",
    "workflow_inputs": "inputs",
    "workflow_outputs": "outputs",
}


def _executable_id(executable: Any, method: str) -> str:
    if isinstance(executable, str):
        return executable
    if isinstance(executable, DXObject):
        return str(executable.get_id())
    raise DXError(f"dxpy.DXWorkflow.{method}: executable must be a string or a DXApplet/DXApp handler")


class DXWorkflow(DXDataObject, DXExecutable):
    """Handler for a workflow (``workflow-xxxx``).

    :param dxid: workflow ID or link
    :param project: container the handler works through
    :raises DXError: if an ID is malformed
    """

    _class = "workflow"

    def __init__(self, dxid: Any = None, project: str | None = None) -> None:
        self._workflow_desc: dict[str, Any] | None = None
        super().__init__(dxid, project)

    def set_ids(self, dxid: Any, project: str | None = None) -> None:
        """Bind the handler to workflow *dxid* in container *project* (forgets the cached description).

        :param dxid: workflow ID or link
        :param project: container ID
        :raises DXError: if an ID is malformed
        """
        self._workflow_desc = None
        super().set_ids(dxid, project)

    def describe(self, incl_properties: bool = False, incl_details: bool = False, fields: Any = None,
                 default_fields: bool | None = None, **kwargs: Any) -> dict[str, Any]:
        """Describe the workflow; a description with ``stages`` and ``editVersion`` is cached.

        :param incl_properties: also return ``properties``
        :param incl_details: also return ``details``
        :param fields: field names (iterable, or mapping name -> bool) to return
        :param default_fields: with *fields*, also return the default fields
        :param kwargs: API-call options
        :returns: the description
        :raises DXError: if the handler is not bound
        """
        desc = super().describe(incl_properties=incl_properties, incl_details=incl_details, fields=fields,
                                default_fields=default_fields, **kwargs)
        if "stages" in desc and "editVersion" in desc:
            self._workflow_desc = desc
        return desc

    def _cached(self) -> dict[str, Any]:
        if self._workflow_desc is None:
            self.describe()
        return self._workflow_desc or {}

    @property
    def stages(self) -> list[dict[str, Any]]:
        """The stages, from the cached description (described on first use)."""
        return list(self._cached().get("stages") or [])

    @property
    def editVersion(self) -> int:  # noqa: N802 (upstream name)
        """The edit version, from the cached description (described on first use)."""
        return int(self._cached()["editVersion"])

    def _new(self, dx_hash: dict[str, Any], **kwargs: Any) -> None:
        """Call ``/workflow/new``.

        :param dx_hash: creation fields built by :meth:`new`
        :param kwargs: ``init_from`` (DXWorkflow, DXAnalysis or analysis ID), ``title``,
            ``summary``, ``description``, ``output_folder``, ``stages``, ``workflow_inputs``,
            ``workflow_outputs``; then API-call options
        :raises DXError: if *init_from* is of the wrong kind
        """
        init_from = kwargs.pop("init_from", None)
        if init_from is not None:
            dx_hash["initializeFrom"] = _init_from_hash(init_from)
        for key, field in _NEW_FIELDS.items():
            value = kwargs.pop(key, None)
            if value is not None:
                dx_hash[field] = value
        from .. import api

        self.set_ids(api.workflow_new(dx_hash, **kwargs)["id"], dx_hash["project"])

    def _edit(
        self, method: str, req: dict[str, Any], edit_version: int | None, kwargs: dict[str, Any]
    ) -> Any:
        from .. import api

        dxid = self._require_id("edited")
        req["editVersion"] = self.editVersion if edit_version is None else edit_version
        try:
            return getattr(api, f"workflow_{method}")(dxid, req, **kwargs)
        finally:
            self.describe()

    def _get_stage_id(self, stage: Any) -> str:
        """Resolve a stage ID, name or index (int or digit string) to the stage ID."""
        if isinstance(stage, str) and stage.lstrip("-").isdigit():
            stage = int(stage)
        stages = self.stages
        if not isinstance(stage, str):
            if not isinstance(stage, int) or isinstance(stage, bool):
                raise DXError(
                    "DXWorkflow: the given stage identifier was neither a string stage ID "
                    "nor an integer index"
                )
            if not 0 <= stage < len(stages):
                raise DXError(
                    f"DXWorkflow: the workflow contains {len(stages)} stage(s), and the numerical value "
                    "of the given stage identifier is out of range"
                )
            return str(stages[stage]["id"])
        if _STAGE_ID_RE.match(stage) and any(s.get("id") == stage for s in stages):
            return stage
        named = [s["id"] for s in stages if s.get("name") == stage]
        if not named:
            raise DXError(
                f"DXWorkflow: the given stage identifier {stage} could not be found "
                "as a stage ID nor as a stage name"
            )
        if len(named) > 1:
            raise DXError(f'DXWorkflow: more than one workflow stage was found to have the name "{stage}"')
        return str(named[0])

    def add_stage(
        self,
        executable: Any,
        stage_id: str | None = None,
        name: str | None = None,
        folder: str | None = None,
        stage_input: dict[str, Any] | None = None,
        instance_type: Any = None,
        edit_version: int | None = None,
        **kwargs: Any,
    ) -> str:
        """Append a stage running *executable*.

        :param executable: applet/app ID or handler
        :param stage_id: ID for the new stage
        :param name: stage name
        :param folder: stage output folder
        :param stage_input: bound inputs of the stage
        :param instance_type: instance type name or mapping entry point -> name
        :param edit_version: expected edit version (default: the cached one)
        :param kwargs: API-call options
        :returns: the new stage's ID
        :raises DXError: on a bad argument
        """
        req: dict[str, Any] = {"executable": _executable_id(executable, "add_stage")}
        for key, value in (("id", stage_id), ("name", name), ("folder", folder), ("input", stage_input)):
            if value is not None:
                req[key] = value
        if instance_type is not None:
            req["systemRequirements"] = sysreqs_from_instance_type(instance_type)
        return str(self._edit("add_stage", req, edit_version, kwargs)["stage"])

    def get_stage(self, stage: Any, **kwargs: Any) -> dict[str, Any]:
        """Return the description of one stage.

        :param stage: stage ID, name or index
        :param kwargs: ignored (upstream accepts them)
        :returns: the stage's entry of ``stages``
        :raises DXError: if no stage matches
        """
        stage_id = self._get_stage_id(stage)
        for entry in self.stages:
            if entry["id"] == stage_id:
                return entry
        raise DXError(f"The stage ID {stage_id} could not be found")

    def remove_stage(self, stage: Any, edit_version: int | None = None, **kwargs: Any) -> str:
        """Remove a stage.

        :param stage: stage ID, name or index
        :param edit_version: expected edit version (default: the cached one)
        :param kwargs: API-call options
        :returns: the removed stage's ID
        :raises DXError: if no stage matches
        """
        stage_id = self._get_stage_id(stage)
        self._edit("remove_stage", {"stage": stage_id}, edit_version, kwargs)
        return stage_id

    def move_stage(self, stage: Any, new_index: int, edit_version: int | None = None, **kwargs: Any) -> None:
        """Move a stage to position *new_index*.

        :param stage: stage ID, name or index
        :param new_index: new 0-based position
        :param edit_version: expected edit version (default: the cached one)
        :param kwargs: API-call options
        :raises DXError: if no stage matches
        """
        stage_id = self._get_stage_id(stage)
        self._edit("move_stage", {"stage": stage_id, "newIndex": new_index}, edit_version, kwargs)

    def update(
        self,
        title: str | None = None,
        unset_title: bool = False,
        summary: str | None = None,
        description: str | None = None,
        output_folder: str | None = None,
        unset_output_folder: bool = False,
        workflow_inputs: Any = None,
        unset_workflow_inputs: bool = False,
        workflow_outputs: Any = None,
        unset_workflow_outputs: bool = False,
        stages: Any = None,
        edit_version: int | None = None,
        **kwargs: Any,
    ) -> None:
        """Change workflow-level fields (nothing is sent when nothing changes).

        :param title: new title
        :param unset_title: remove the title
        :param summary: new summary
        :param description: new description
        :param output_folder: new default output folder
        :param unset_output_folder: remove the output folder
        :param workflow_inputs: new workflow-level inputs
        :param unset_workflow_inputs: remove the workflow-level inputs
        :param workflow_outputs: new workflow-level outputs
        :param unset_workflow_outputs: remove the workflow-level outputs
        :param stages: per-stage updates (stage ID -> fields)
        :param edit_version: expected edit version (default: the cached one)
        :param kwargs: API-call options
        :raises DXError: if a value and its unset flag are both given
        """
        req: dict[str, Any] = {}
        for field, value, unset, label in (
            ("title", title, unset_title, "title"),
            ("outputFolder", output_folder, unset_output_folder, "output_folder"),
            ("inputs", workflow_inputs, unset_workflow_inputs, "workflow_inputs"),
            ("outputs", workflow_outputs, unset_workflow_outputs, "workflow_outputs"),
        ):
            if value is not None and unset:
                raise DXError(
                    f'dxpy.DXWorkflow.update: cannot provide both "{label}" and set "unset_{label}"'
                )
            if value is not None:
                req[field] = value
            elif unset:
                req[field] = None
        for field, value in (("summary", summary), ("description", description), ("stages", stages)):
            if value is not None:
                req[field] = value
        if req:
            self._edit("update", req, edit_version, kwargs)

    def update_stage(
        self,
        stage: Any,
        executable: Any = None,
        force: bool = False,
        name: str | None = None,
        unset_name: bool = False,
        folder: str | None = None,
        unset_folder: bool = False,
        stage_input: dict[str, Any] | None = None,
        instance_type: Any = None,
        edit_version: int | None = None,
        **kwargs: Any,
    ) -> None:
        """Change one stage: its executable, name, folder, bound input or instance type.

        :param stage: stage ID, name or index
        :param executable: new applet/app (ID or handler)
        :param force: replace the executable even if its specs are incompatible
        :param name: new stage name
        :param unset_name: remove the name
        :param folder: new output folder
        :param unset_folder: remove the folder
        :param stage_input: new bound inputs
        :param instance_type: instance type name or mapping entry point -> name
        :param edit_version: expected edit version (default: the cached one)
        :param kwargs: API-call options
        :raises DXError: if no stage matches, or a value and its unset flag are both given
        """
        stage_id = self._get_stage_id(stage)
        if name is not None and unset_name:
            raise DXError('dxpy.DXWorkflow.update_stage: cannot provide both "name" and set "unset_name"')
        if folder is not None and unset_folder:
            raise DXError('dxpy.DXWorkflow.update_stage: cannot provide both "folder" and set "unset_folder"')
        if executable is not None:
            req = {
                "stage": stage_id,
                "executable": _executable_id(executable, "update_stage"),
                "force": force,
            }
            self._edit("update_stage_executable", req, edit_version, kwargs)
        changes: dict[str, Any] = {}
        if name is not None or unset_name:
            changes["name"] = name
        if folder or unset_folder:
            changes["folder"] = folder or None
        if stage_input:
            changes["input"] = stage_input
        if instance_type is not None:
            changes["systemRequirements"] = sysreqs_from_instance_type(instance_type)
        if changes:
            self._edit("update", {"stages": {stage_id: changes}}, edit_version, kwargs)

    def is_locked(self) -> bool:
        """Tell whether the workflow is locked (closed with workflow-level inputs).

        :returns: ``True`` if locked
        """
        desc = self._cached()
        return desc.get("inputs") is not None and desc.get("state") == "closed"

    def _get_input_name(
        self, input_str: str, region: str | None = None, describe_output: dict[str, Any] | None = None
    ) -> str:
        if "." in input_str:
            stage, field = input_str.split(".", 1)
            return self._get_stage_id(stage) + "." + field
        return input_str

    def _get_effective_input(self, workflow_input: Any) -> dict[str, Any]:
        if not isinstance(workflow_input, dict):
            raise DXError(f"The workflow input must be a dict, got {type(workflow_input).__name__}")
        effective: dict[str, Any] = {}
        for key, value in workflow_input.items():
            name = self._get_input_name(key)
            if name in effective:
                raise DXError(f"DXWorkflow: the input for {name} was provided more than once")
            effective[name] = value
        return effective

    def _stage_map(self, mapping: Any, label: str) -> dict[str, Any]:
        if not isinstance(mapping, dict):
            raise DXError(f"{label} must be a dict of stage -> value, got {mapping!r}")
        return {
            stage if stage == "*" else self._get_stage_id(stage): value for stage, value in mapping.items()
        }

    def _get_run_input(self, workflow_input: Any, **kwargs: Any) -> dict[str, Any]:  # type: ignore[override]
        run_input = DXExecutable._get_run_input_common_fields(
            self._get_effective_input(workflow_input), **kwargs
        )
        if kwargs.get("stage_instance_types") is not None:
            run_input["stageSystemRequirements"] = {
                stage: sysreqs_from_instance_type(value)
                for stage, value in self._stage_map(
                    kwargs["stage_instance_types"], "stage_instance_types"
                ).items()
            }
        if kwargs.get("stage_folders") is not None:
            run_input["stageFolders"] = self._stage_map(kwargs["stage_folders"], "stage_folders")
        if kwargs.get("rerun_stages") is not None:
            run_input["rerunStages"] = [
                s if s == "*" else self._get_stage_id(s) for s in kwargs["rerun_stages"]
            ]
        if kwargs.get("ignore_reuse"):
            run_input["ignoreReuse"] = ["*"]
        if kwargs.get("ignore_reuse_stages") is not None:
            run_input["ignoreReuse"] = [
                s if s == "*" else self._get_stage_id(s) for s in kwargs["ignore_reuse_stages"]
            ]
        return run_input

    def _run_impl(self, run_input: dict[str, Any], **kwargs: Any) -> Any:
        from .. import api
        from .dxanalysis import DXAnalysis

        return DXAnalysis(api.workflow_run(self._require_id("run"), run_input, **kwargs)["id"])

    def run(self, workflow_input: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        """Run the workflow; input keys are ``field`` (workflow inputs), ``stage.field`` or ``N.field``.

        :param workflow_input: input mapping (stage given by ID, name or index)
        :param args: positional arguments of :meth:`DXExecutable.run`
        :param kwargs: keyword arguments of :meth:`DXExecutable.run` and API-call options
        :returns: a :class:`~dxpy.bindings.dxanalysis.DXAnalysis`
        :raises DXError: on bad arguments, before the run request
        """
        self._require_id("run")
        return super().run(workflow_input, *args, **kwargs)


def _init_from_hash(init_from: Any) -> dict[str, Any]:
    from .dxanalysis import DXAnalysis

    if isinstance(init_from, str) and _ANALYSIS_RE.match(init_from):
        return {"id": init_from}
    if isinstance(init_from, DXWorkflow):
        return {"id": init_from.get_id(), "project": init_from.get_proj_id()}
    if isinstance(init_from, DXAnalysis):
        return {"id": init_from.get_id()}
    raise DXError(
        "Expected init_from to be an instance of DXWorkflow or DXAnalysis, or to be a string analysis ID."
    )


def new_dxworkflow(
    title: str | None = None,
    summary: str | None = None,
    description: str | None = None,
    output_folder: str | None = None,
    init_from: Any = None,
    **kwargs: Any,
) -> DXWorkflow:
    """Create a workflow and return a handler for it.

    :param title: title
    :param summary: summary
    :param description: description
    :param output_folder: default output folder of its analyses
    :param init_from: a :class:`DXWorkflow`, :class:`~dxpy.bindings.dxanalysis.DXAnalysis` or
        analysis ID to copy stages from
    :param kwargs: creation fields (``project``, ``name``, ``tags``, ``folder``, ``stages``,
        ``workflow_inputs``, ``workflow_outputs`` ...) and API-call options
    :returns: a :class:`DXWorkflow` bound to the new workflow
    :raises DXError: on bad arguments
    """
    workflow = DXWorkflow()
    workflow.new(
        title=title,
        summary=summary,
        description=description,
        output_folder=output_folder,
        init_from=init_from,
        **kwargs,
    )
    return workflow


__all__ = ["DXWorkflow", "new_dxworkflow"]
