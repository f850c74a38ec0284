"""Executables that run: the shared ``run`` logic and applets.

Upstream path ``dxpy.bindings.dxapplet``; :class:`DXExecutable` is the mix-in every
runnable handler (:class:`DXApplet`, :class:`~dxpy.bindings.dxapp.DXApp`,
:class:`~dxpy.bindings.dxworkflow.DXWorkflow`,
:class:`~dxpy.bindings.dxglobalworkflow.DXGlobalWorkflow`) inherits ``run`` from.

``run`` turns its keyword arguments into the ``/<executable>/run`` request. Every check
happens before the request is sent, so a bad combination (``stage_instance_types`` for
an applet, an input that is not a mapping ...) raises :class:`~dxpy.exceptions.DXError`
and the server sees nothing. Handlers inside the input become ``$dnanexus_link``\\ s.
The ``run`` routes carry a nonce (added by :mod:`dxpy.api`), so a retried request never
starts a second execution.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..exceptions import DXError
from . import DXDataObject, DXObject, _default_container

#: run() keyword -> request field, for values copied as given
_PLAIN_FIELDS = {
    "folder": "folder",
    "name": "name",
    "tags": "tags",
    "properties": "properties",
    "details": "details",
    "delay_workspace_destruction": "delayWorkspaceDestruction",
    "allow_ssh": "allowSSH",
    "debug": "debug",
    "priority": "priority",
    "ignore_reuse": "ignoreReuse",
}
#: fields set after ``extra_args`` is merged (so they win over it, as upstream's do)
_LATE_FIELDS = {
    "detach": "detach",
    "cost_limit": "costLimit",
    "rank": "rank",
    "max_tree_spot_wait_time": "maxTreeSpotWaitTime",
    "max_job_spot_wait_time": "maxJobSpotWaitTime",
    "detailed_job_metrics": "detailedJobMetrics",
}
#: run() keywords that only workflows understand
_WORKFLOW_ONLY = ("stage_instance_types", "stage_folders", "rerun_stages", "ignore_reuse_stages")
_PRIORITIES = ("low", "normal", "high")


def _handlers_to_links(value: Any) -> Any:
    """Return *value* with every data-object handler replaced by a link to it."""
    if isinstance(value, DXDataObject):
        dxid = value.get_id()
        if dxid is None:
            raise DXError(f"A {type(value).__name__} handler in the input has no ID set")
        return {"$dnanexus_link": dxid}
    if isinstance(value, DXObject):
        raise DXError(f"A {type(value).__name__} handler cannot be an input value; use get_output_ref()")
    if isinstance(value, Mapping):
        return {key: _handlers_to_links(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_handlers_to_links(item) for item in value]
    return value


def _deep_merge(target: dict[str, Any], extra: Mapping[str, Any]) -> None:
    """Merge *extra* into *target*: nested mappings merge, other values replace."""
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(target.get(key), dict):
            _deep_merge(target[key], value)
        else:
            target[key] = value


def sysreqs_from_instance_type(instance_type: Any, entry_point: str = "*") -> dict[str, Any]:
    """Build a ``systemRequirements`` mapping from an ``instance_type`` argument.

    :param instance_type: ``None``, an instance type name (for *entry_point*), or a
        mapping entry point -> instance type name
    :param entry_point: the entry point a bare name applies to
    :returns: ``{entry point: {"instanceType": name}}`` (empty for ``None``)
    :raises DXError: if *instance_type* is of another type
    """
    if instance_type is None:
        return {}
    if isinstance(instance_type, str):
        return {entry_point: {"instanceType": instance_type}}
    if isinstance(instance_type, Mapping):
        return {str(fn): {"instanceType": name} for fn, name in instance_type.items()}
    raise DXError(f"Expected instance_type to be a string or a dict, got {instance_type!r}")


def merged_sysreqs(*parts: Any) -> dict[str, Any]:
    """Merge per-entry-point system requirements (later parts add fields to earlier ones).

    :param parts: ``None`` or mappings entry point -> requirement fields
    :returns: the merged mapping
    :raises DXError: if a part is not a mapping of mappings
    """
    merged: dict[str, Any] = {}
    for part in parts:
        if part is None:
            continue
        if not isinstance(part, Mapping) or not all(isinstance(v, Mapping) for v in part.values()):
            raise DXError(f"Expected a mapping of entry point -> requirements, got {part!r}")
        for entry, fields in part.items():
            merged.setdefault(entry, {}).update(fields)
    return merged


def depends_on_ids(depends_on: Any) -> list[str]:
    """Turn a ``depends_on`` list (handlers or ID strings) into a list of IDs.

    :param depends_on: list of :class:`~dxpy.bindings.DXObject` handlers or ID strings
    :returns: the IDs
    :raises DXError: if it is not a list, holds another type, or holds an unbound handler
    """
    if not isinstance(depends_on, list):
        raise DXError(f"Expected depends_on to be a list, got {depends_on!r}")
    ids = []
    for item in depends_on:
        if isinstance(item, DXObject):
            if item.get_id() is None:
                raise DXError("A dxpy handler given in depends_on does not have an ID set")
            ids.append(str(item.get_id()))
        elif isinstance(item, str):
            ids.append(item)
        else:
            raise DXError(f"depends_on holds {item!r}: expected DXJob/DXDataObject handlers or ID strings")
    return ids


class DXExecutable:
    """Mix-in for handlers of runnable things: provides :meth:`run`.

    Use it through :class:`DXApplet`, :class:`~dxpy.bindings.dxapp.DXApp`,
    :class:`~dxpy.bindings.dxworkflow.DXWorkflow` or
    :class:`~dxpy.bindings.dxglobalworkflow.DXGlobalWorkflow`.

    :param args: ignored
    :param kwargs: ignored
    :raises DXError: when instantiated directly
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise DXError("DXExecutable is a mix-in; use DXApplet, DXApp, DXWorkflow or DXGlobalWorkflow")

    @staticmethod
    def _get_run_input_common_fields(executable_input: Any, **kwargs: Any) -> dict[str, Any]:
        """Build the request fields every kind of executable shares.

        :param executable_input: the input mapping
        :param kwargs: the keyword arguments of :meth:`run`
        :returns: the request body so far
        :raises DXError: on bad arguments
        """
        import dxpy

        if not isinstance(executable_input, Mapping):
            raise DXError(f"The executable input must be a dict, got {type(executable_input).__name__}")
        project = kwargs.get("project") or _default_container()
        run_input: dict[str, Any] = {"input": _handlers_to_links(dict(executable_input))}
        for arg, field in _PLAIN_FIELDS.items():
            if kwargs.get(arg) is not None:
                run_input[field] = kwargs[arg]
        if run_input.get("priority") is not None and run_input["priority"] not in _PRIORITIES:
            raise DXError(f"priority must be one of {', '.join(_PRIORITIES)}, got {run_input['priority']!r}")
        if isinstance(run_input.get("tags"), str):
            raise DXError("tags must be a list of strings, not a string")
        if any(
            kwargs.get(k) is not None
            for k in ("instance_type", "cluster_spec", "fpga_driver", "nvidia_driver")
        ):
            run_input["systemRequirements"] = merged_sysreqs(
                sysreqs_from_instance_type(kwargs.get("instance_type")),
                kwargs.get("cluster_spec"),
                kwargs.get("fpga_driver"),
                kwargs.get("nvidia_driver"),
            )
        if kwargs.get("system_requirements") is not None:
            run_input["systemRequirements"] = kwargs["system_requirements"]
        if kwargs.get("system_requirements_by_executable") is not None:
            run_input["systemRequirementsByExecutable"] = kwargs["system_requirements_by_executable"]
        if kwargs.get("depends_on") is not None:
            run_input["dependsOn"] = depends_on_ids(kwargs["depends_on"])
        from ..utils.resolver import is_project_id

        detached_to_project = kwargs.get("detach") is True and project is not None and is_project_id(project)
        if dxpy.JOB_ID is None or detached_to_project:
            run_input["project"] = project
        if kwargs.get("extra_args") is not None:
            if not isinstance(kwargs["extra_args"], Mapping):
                raise DXError(f"extra_args must be a dict, got {kwargs['extra_args']!r}")
            _deep_merge(run_input, kwargs["extra_args"])
        for arg, field in _LATE_FIELDS.items():
            if kwargs.get(arg) is not None:
                run_input[field] = kwargs[arg]
        preserve = kwargs.get("preserve_job_outputs")
        if preserve is not None and preserve is not False:
            run_input["preserveJobOutputs"] = {} if preserve is True else preserve
        return run_input

    @staticmethod
    def _get_run_input_fields_for_applet(executable_input: Any, **kwargs: Any) -> dict[str, Any]:
        """Build the ``run`` request of an applet or app (no stage options).

        :param executable_input: the input mapping
        :param kwargs: the keyword arguments of :meth:`run`
        :returns: the request body
        :raises DXError: if a workflow-only option is given, or on bad arguments
        """
        for arg in _WORKFLOW_ONLY:
            if kwargs.get(arg):
                raise DXError(f"{arg} is not supported for applets and apps (only workflows)")
        run_input = DXExecutable._get_run_input_common_fields(executable_input, **kwargs)
        if kwargs.get("head_job_on_demand") is not None:
            run_input["headJobOnDemand"] = kwargs["head_job_on_demand"]
        return run_input

    def _get_run_input(self, executable_input: Any, **kwargs: Any) -> dict[str, Any]:
        """Build the ``run`` request body for this kind of executable.

        :param executable_input: the input mapping
        :param kwargs: the keyword arguments of :meth:`run`
        :returns: the request body
        """
        return DXExecutable._get_run_input_fields_for_applet(executable_input, **kwargs)

    def _run_impl(self, run_input: dict[str, Any], **kwargs: Any) -> Any:
        """Send the ``run`` request and return a handler for the new execution.

        :param run_input: the request body
        :param kwargs: API-call options
        :returns: a :class:`~dxpy.bindings.dxjob.DXJob` or :class:`~dxpy.bindings.dxanalysis.DXAnalysis`
        :raises DXError: if the handler cannot be run
        """
        raise DXError(f"{type(self).__name__} cannot be run")

    def run(
        self,
        executable_input: Any,
        project: str | None = None,
        folder: str | None = None,
        name: str | None = None,
        tags: list[str] | None = None,
        properties: dict[str, str] | None = None,
        details: Any = None,
        instance_type: Any = None,
        stage_instance_types: Any = None,
        stage_folders: Any = None,
        rerun_stages: Any = None,
        cluster_spec: Any = None,
        depends_on: Any = None,
        allow_ssh: Any = None,
        debug: Any = None,
        delay_workspace_destruction: bool | None = None,
        priority: str | None = None,
        head_job_on_demand: bool | None = None,
        ignore_reuse: bool | None = None,
        ignore_reuse_stages: Any = None,
        detach: bool | None = None,
        cost_limit: float | None = None,
        rank: int | None = None,
        max_tree_spot_wait_time: int | None = None,
        max_job_spot_wait_time: int | None = None,
        preserve_job_outputs: Any = None,
        detailed_job_metrics: bool | None = None,
        extra_args: Any = None,
        fpga_driver: Any = None,
        system_requirements: Any = None,
        system_requirements_by_executable: Any = None,
        nvidia_driver: Any = None,
        **kwargs: Any,
    ) -> Any:
        """Run the executable on *executable_input* and return a handler for the execution.

        :param executable_input: input mapping (field -> value; handlers become links)
        :param project: project the execution is billed to and writes to (default: the
            workspace / project context; inside a job only with ``detach=True``)
        :param folder: output folder
        :param name: execution name
        :param tags: tags for the execution
        :param properties: properties for the execution
        :param details: details for the execution
        :param instance_type: instance type name, or mapping entry point -> name
        :param stage_instance_types: (workflows) mapping stage -> instance type
        :param stage_folders: (workflows) mapping stage -> output folder
        :param rerun_stages: (workflows) stages to run even if they could be reused
        :param cluster_spec: ``clusterSpec`` requirements per entry point
        :param depends_on: jobs / data objects (handlers or IDs) to wait for
        :param allow_ssh: address masks allowed to SSH into the job
        :param debug: debug options (``{"debugOn": [...]}``)
        :param delay_workspace_destruction: keep the job's workspace after it ends
        :param priority: ``"low"``, ``"normal"`` or ``"high"``
        :param head_job_on_demand: run the head job on an on-demand instance
        :param ignore_reuse: never reuse earlier results
        :param ignore_reuse_stages: (workflows) stages that must not reuse results
        :param detach: inside a job, start a new root execution instead of a subjob
        :param cost_limit: cost at which the execution is terminated
        :param rank: execution rank
        :param max_tree_spot_wait_time: seconds each path of the tree may wait for spot instances
        :param max_job_spot_wait_time: seconds each job may wait for spot instances
        :param preserve_job_outputs: ``True`` or ``{"folder": ...}`` to keep intermediate outputs
        :param detailed_job_metrics: collect detailed job metrics
        :param extra_args: mapping merged (recursively) into the request
        :param fpga_driver: ``fpgaDriver`` requirements per entry point
        :param system_requirements: the whole ``systemRequirements`` mapping (wins over the above)
        :param system_requirements_by_executable: ``systemRequirementsByExecutable`` mapping
        :param nvidia_driver: ``nvidiaDriver`` requirements per entry point
        :param kwargs: API-call options (``timeout``, ``headers`` ...)
        :returns: a :class:`~dxpy.bindings.dxjob.DXJob` (applets, apps) or a
            :class:`~dxpy.bindings.dxanalysis.DXAnalysis` (workflows)
        :raises DXError: on a bad argument or combination, before any request
        """
        options = {
            key: value for key, value in locals().items() if key not in ("self", "executable_input", "kwargs")
        }
        run_input = self._get_run_input(executable_input, **options)
        return self._run_impl(run_input, **kwargs)


class DXApplet(DXDataObject, DXExecutable):
    """Handler for an applet (``applet-xxxx``), a data object that can be run.

    :param dxid: applet ID or link
    :param project: container the handler works through
    :raises DXError: if an ID is malformed
    """

    _class = "applet"

    def _new(self, dx_hash: dict[str, Any], **kwargs: Any) -> None:
        """Call ``/applet/new``: ``runSpec`` and ``dxapi`` are required.

        :param dx_hash: creation fields built by :meth:`new`
        :param kwargs: ``runSpec``, ``dxapi``, and optionally ``inputSpec``, ``outputSpec``,
            ``access``, ``title``, ``summary``, ``description``, ``ignoreReuse``,
            ``httpsApp``, ``treeTurnaroundTimeThreshold``; then API-call options
        :raises DXError: if ``runSpec`` or ``dxapi`` is missing
        """
        for field in ("runSpec", "dxapi"):
            if field not in kwargs:
                raise DXError(f"{type(self).__name__}: keyword argument {field} is required")
            dx_hash[field] = kwargs.pop(field)
        for field in (
            "inputSpec",
            "outputSpec",
            "access",
            "title",
            "summary",
            "description",
            "ignoreReuse",
            "httpsApp",
            "treeTurnaroundTimeThreshold",
        ):
            if field in kwargs:
                dx_hash[field] = kwargs.pop(field)
        from .. import api

        response = api.applet_new(dx_hash, **kwargs)
        self.set_ids(response["id"], dx_hash.get("project"))

    def get(self, **kwargs: Any) -> dict[str, Any]:
        """Return the full specification of the applet (``/applet-xxxx/get``).

        :param kwargs: API-call options
        :returns: the applet's specification (runSpec with code, specs, access ...)
        :raises DXError: if the handler is not bound
        """
        from .. import api

        return api.applet_get(self._require_id("read"), **kwargs)

    def _run_impl(self, run_input: dict[str, Any], **kwargs: Any) -> Any:
        from .. import api
        from .dxjob import DXJob

        return DXJob(api.applet_run(self._require_id("run"), run_input, **kwargs)["id"])

    def run(self, applet_input: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        """Run the applet's ``main`` entry point on *applet_input*.

        :param applet_input: input mapping
        :param args: positional arguments of :meth:`DXExecutable.run`
        :param kwargs: keyword arguments of :meth:`DXExecutable.run` and API-call options
        :returns: a :class:`~dxpy.bindings.dxjob.DXJob` for the new job
        :raises DXError: on bad arguments, before any request
        """
        self._require_id("run")
        return super().run(applet_input, *args, **kwargs)


__all__ = ["DXExecutable", "DXApplet"]
