"""Global workflows: published, versioned workflows addressed by ID or by name and alias.

Upstream path ``dxpy.bindings.dxglobalworkflow``; re-exported as ``dxpy.DXGlobalWorkflow``.

A global workflow version wraps one workflow per region (``regionalOptions``). Running
it resolves stage names and indices through the underlying workflow of the region of
the project the analysis runs in.
"""

from __future__ import annotations

from typing import Any

from ..exceptions import DXError
from .dxapp import _NamedExecutable
from .dxapplet import DXExecutable

#: optional ``/globalworkflow/new`` fields copied from :meth:`DXGlobalWorkflow.new`'s keywords
_NEW_FIELDS = (
    "title",
    "summary",
    "description",
    "developerNotes",
    "details",
    "categories",
    "authorizedUsers",
)


class DXGlobalWorkflow(_NamedExecutable, DXExecutable):
    """Handler for a global workflow, by ID (``globalworkflow-xxxx``) or by name and alias.

    :param dxid: global workflow ID
    :param name: its name (without ``globalworkflow-``)
    :param alias: version or tag (default ``"default"``); only with *name*
    :raises DXError: if *dxid* is given with *name* or *alias*, or a value is malformed
    """

    _class = "globalworkflow"
    _api_prefix = "global_workflow"

    def __init__(self, dxid: str | None = None, name: str | None = None, alias: str | None = None) -> None:
        self._workflows_by_region: dict[str, Any] = {}
        self._workflow_desc_by_region: dict[str, Any] = {}
        super().__init__(dxid=dxid, name=name, alias=alias)

    def set_id(
        self,
        dxid: str | None = None,
        name: str | None = None,
        alias: str | None = None,
    ) -> None:
        """Bind the handler to an ID, or to a name and alias (default alias ``"default"``).

        :param dxid: the ID
        :param name: the name
        :param alias: a version or tag; only with *name*
        :raises DXError: if *dxid* is given with *name* or *alias*, or a value is malformed
        """
        self._workflows_by_region = {}
        self._workflow_desc_by_region = {}
        super().set_id(dxid=dxid, name=name, alias=alias)

    def new(self, **kwargs: Any) -> None:
        """Create a global workflow version (``/globalworkflow/new``) and bind to it.

        :param kwargs: ``version``, ``name`` and ``regionalOptions`` (required),
            ``bill_to``, ``title``, ``summary``, ``description``, ``details``, ``categories``,
            ``authorizedUsers``, ``developerNotes``; then API-call options
        :raises DXError: if a required field is missing
        """
        req: dict[str, Any] = {}
        for field in ("version", "name", "regionalOptions"):
            if field not in kwargs:
                raise DXError(f"DXGlobalWorkflow: keyword argument {field} is required")
            req[field] = kwargs.pop(field)
        for field in _NEW_FIELDS:
            if field in kwargs:
                req[field] = kwargs.pop(field)
        if "bill_to" in kwargs:
            req["billTo"] = kwargs.pop("bill_to")
        from .. import api

        self.set_id(dxid=api.global_workflow_new(req, **kwargs)["id"])

    def _regional_workflow_id(self, region: str | None, describe_output: dict[str, Any] | None) -> str:
        if region is None:
            raise DXError("DXGlobalWorkflow: region must be provided to get an underlying workflow")
        desc = describe_output or self.describe()
        options = desc.get("regionalOptions") or {}
        if region not in options:
            raise DXError(
                f"DXGlobalWorkflow: the global workflow {self.get_id()} is not enabled in region {region}"
            )
        return str(options[region]["workflow"])

    def describe_underlying_workflow(self, region: str, describe_output: dict[str, Any] | None = None) -> Any:
        """Describe the workflow that implements this version in *region* (cached).

        :param region: region name, e.g. ``"aws:us-east-1"``
        :param describe_output: a description of this global workflow, to save a request
        :returns: the workflow's description
        :raises DXError: if *region* is missing or not enabled
        """
        if region in self._workflow_desc_by_region:
            return self._workflow_desc_by_region[region]
        desc = self.get_underlying_workflow(region, describe_output).describe()
        self._workflow_desc_by_region[region] = desc
        return desc

    def get_underlying_workflow(self, region: str, describe_output: dict[str, Any] | None = None) -> Any:
        """Return a :class:`~dxpy.bindings.dxworkflow.DXWorkflow` for *region*'s workflow (cached).

        :param region: region name
        :param describe_output: a description of this global workflow, to save a request
        :returns: the workflow handler
        :raises DXError: if *region* is missing or not enabled
        """
        if region not in self._workflows_by_region:
            from .dxworkflow import DXWorkflow

            workflow_id = self._regional_workflow_id(region, describe_output)
            self._workflows_by_region[region] = DXWorkflow(workflow_id, project=None)
        return self._workflows_by_region[region]

    def append_underlying_workflow_desc(self, describe_output: dict[str, Any], region: str) -> dict[str, Any]:
        """Copy ``inputs``, ``outputs``, ``inputSpec``, ``outputSpec``, ``stages`` of the regional workflow
        into *describe_output*.

        :param describe_output: a description of this global workflow (changed in place)
        :param region: region name
        :returns: *describe_output*
        :raises DXError: if *region* is missing or not enabled
        """
        underlying = self.describe_underlying_workflow(region, describe_output=describe_output)
        for field in ("inputs", "outputs", "inputSpec", "outputSpec", "stages"):
            describe_output[field] = underlying.get(field)
        return describe_output

    def _get_input_name(
        self, input_str: str, region: str | None = None, describe_output: dict[str, Any] | None = None
    ) -> str:
        workflow = self.get_underlying_workflow(str(region), describe_output=describe_output)
        return str(workflow._get_input_name(input_str))

    def _get_run_input(  # type: ignore[override]
        self,
        workflow_input: Any,
        project: str | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        import dxpy

        from .. import api

        if not isinstance(workflow_input, dict):
            raise DXError(f"The workflow input must be a dict, got {type(workflow_input).__name__}")
        project = project or dxpy.WORKSPACE_ID or dxpy.PROJECT_CONTEXT_ID
        if project is None:
            raise DXError("DXGlobalWorkflow.run needs a project (to find the region to run in)")
        region = api.project_describe(project, {"fields": {"region": True}})["region"]
        workflow = self.get_underlying_workflow(region)
        result: dict[str, Any] = workflow._get_run_input(workflow_input, project=project, **kwargs)
        return result

    def _run_impl(self, run_input: dict[str, Any], **kwargs: Any) -> Any:
        from .dxanalysis import DXAnalysis

        return DXAnalysis(self._call("run", "run", run_input, **kwargs)["id"])

    def run(self, workflow_input: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        """Run the global workflow on *workflow_input* (keys ``field``, ``stage.field`` or ``N.field``).

        :param workflow_input: input mapping
        :param args: positional arguments of :meth:`DXExecutable.run`
        :param kwargs: keyword arguments of :meth:`DXExecutable.run` and API-call options
        :returns: a :class:`~dxpy.bindings.dxanalysis.DXAnalysis`
        :raises DXError: on bad arguments
        """
        self._target("run")
        return super().run(workflow_input, *args, **kwargs)


__all__ = ["DXGlobalWorkflow"]
