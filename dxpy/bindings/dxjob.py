"""Jobs: handlers for running and finished jobs, and starting subjobs.

Upstream path ``dxpy.bindings.dxjob``; names re-exported as ``dxpy.DXJob`` and
``dxpy.new_dxjob``.

Inside a job (``DX_JOB_ID`` set), :func:`new_dxjob` calls ``/job/new`` to start a
subjob running another entry point of the same executable. Outside a job it runs
the entry point right here in local debug mode (:mod:`dxpy.utils.local_exec_utils`)
and the handler gets a ``localjob-N`` ID.
"""

from __future__ import annotations

import os
import time
from typing import Any, Callable

from ..exceptions import DXError, DXJobFailureError
from . import DXObject, _fields_mapping, verify_string_dxid
from .dxapplet import depends_on_ids, merged_sysreqs, sysreqs_from_instance_type

#: seven days, upstream's default wait
_WEEK = 3600 * 24 * 7


class _DXExecution(DXObject):
    """Shared behaviour of jobs and analyses: state polling and output references."""

    #: noun used in messages ("job", "analysis")
    _noun = "execution"
    #: states that end a wait with DXJobFailureError carrying the failure reason
    _failed_states: tuple[str, ...] = ("failed",)
    #: injectable for tests
    _sleep: Callable[[float], None] = staticmethod(time.sleep)
    _clock: Callable[[], float] = staticmethod(time.monotonic)

    def __init__(self, dxid: Any = None) -> None:
        self._test_harness_result: Any = None
        super().__init__(dxid)

    def set_id(self, dxid: Any) -> None:
        """Bind the handler to *dxid*.

        :param dxid: the ID, or ``None`` to unbind
        :raises DXError: if the ID is malformed or of another class
        """
        if dxid is not None:
            verify_string_dxid(dxid, str(self._class))
        self._dxid = dxid

    def _describe_request(self, req: dict[str, Any], kwargs: dict[str, Any]) -> dict[str, Any]:
        dxid = self._require_id("described")
        desc: dict[str, Any] = self._api("describe")(dxid, req, **kwargs)
        return desc

    def _get_state(self, **kwargs: Any) -> str:
        return str(self.describe(fields={"state": True}, **kwargs)["state"])

    def _failure_message(self, desc: dict[str, Any]) -> str:
        message = "{} has failed because of {}: {}".format(
            self._noun.capitalize(), desc.get("failureReason"), desc.get("failureMessage")
        )
        origin = desc.get("failureFrom")
        if origin is not None and origin.get("id") != desc.get("id"):
            message += " (failure from {})".format(origin.get("id"))
        return message

    def wait_on_done(self, interval: float = 2, timeout: float = _WEEK, **kwargs: Any) -> None:
        """Block until the execution is ``done``.

        :param interval: seconds between two state polls
        :param timeout: give up after this many seconds
        :param kwargs: passed through to the ``describe`` calls
        :raises DXJobFailureError: if it failed (with the failure reason and message),
            was terminated, or the timeout ran out
        """
        deadline = self._clock() + timeout
        while True:
            state = self._get_state(**kwargs)
            if state == "done":
                return
            if state in self._failed_states:
                raise DXJobFailureError(self._failure_message(self.describe(**kwargs)))
            if state == "terminated":
                raise DXJobFailureError(f"{self._noun.capitalize()} was terminated.")
            if self._clock() >= deadline:
                raise DXJobFailureError(f"Reached timeout while waiting for the {self._noun} to finish")
            self._sleep(interval)

    def add_tags(self, tags: list[str], **kwargs: Any) -> None:
        """Add *tags* to the execution.

        :param tags: tags to add
        :param kwargs: API-call options
        :raises DXError: if *tags* is a string or the handler is unbound
        """
        self._call("add_tags", "tagged", {"tags": _string_list(tags, "tags")}, kwargs)

    def remove_tags(self, tags: list[str], **kwargs: Any) -> None:
        """Remove *tags* from the execution.

        :param tags: tags to remove
        :param kwargs: API-call options
        :raises DXError: if *tags* is a string or the handler is unbound
        """
        self._call("remove_tags", "untagged", {"tags": _string_list(tags, "tags")}, kwargs)

    def set_properties(self, properties: dict[str, str | None], **kwargs: Any) -> None:
        """Set (value) or remove (``None``) properties of the execution.

        :param properties: property name -> value or ``None``
        :param kwargs: API-call options
        :raises DXError: if *properties* is not a mapping or the handler is unbound
        """
        if not isinstance(properties, dict):
            raise DXError(f"properties must be a dict, got {properties!r}")
        self._call("set_properties", "changed", {"properties": properties}, kwargs)

    def terminate(self, **kwargs: Any) -> None:
        """Terminate the execution (and its subjobs).

        :param kwargs: API-call options
        :raises DXError: if the handler is unbound
        """
        self._call("terminate", "terminated", {}, kwargs)

    def _call(self, method: str, action: str, req: dict[str, Any], kwargs: dict[str, Any]) -> Any:
        return self._api(method)(self._require_id(action), req, **kwargs)

    def get_output_ref(
        self, field: str, index: int | None = None, metadata: str | None = None
    ) -> dict[str, Any]:
        """Build a reference to output *field* of this execution, usable as an input.

        :param field: output field name
        :param index: element of an array output
        :param metadata: path into the referenced object's description (e.g. ``"details.x"``)
        :returns: ``{"$dnanexus_link": {"job"|"analysis": id, "field": field, ...}}``
        """
        inner: dict[str, Any] = {str(self._class): self._dxid, "field": field}
        if index is not None:
            inner["index"] = index
        if metadata is not None:
            inner["metadata"] = metadata
        return {"$dnanexus_link": inner}


def _string_list(value: Any, what: str) -> list[str]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise DXError(f"{what} must be a list of strings, got {value!r}")
    return list(value)


class DXJob(_DXExecution):
    """Handler for a job (``job-xxxx``, or ``localjob-N`` in local debug mode).

    :param dxid: job ID
    :raises DXError: if the ID is malformed
    """

    _class = "job"
    _noun = "job"

    def __init__(self, dxid: Any = None) -> None:
        super().__init__(dxid)

    def set_id(self, dxid: Any) -> None:
        """Bind the handler to job *dxid* (``localjob-N`` IDs are accepted as they are).

        :param dxid: the job ID, or ``None``
        :raises DXError: if the ID is malformed
        """
        if isinstance(dxid, str) and dxid.startswith("localjob-"):
            self._dxid = dxid
            return
        super().set_id(dxid)

    def new(
        self,
        fn_input: Any,
        fn_name: str,
        name: str | None = None,
        tags: list[str] | None = None,
        properties: dict[str, str] | None = None,
        details: Any = None,
        instance_type: Any = None,
        depends_on: Any = None,
        cluster_spec: Any = None,
        fpga_driver: Any = None,
        system_requirements: Any = None,
        system_requirements_by_executable: Any = None,
        nvidia_driver: Any = None,
        **kwargs: Any,
    ) -> None:
        """Start entry point *fn_name* on *fn_input* as a subjob and bind the handler to it.

        :param fn_input: input mapping (handlers become links)
        :param fn_name: entry point name
        :param name: job name
        :param tags: tags for the job
        :param properties: properties for the job
        :param details: details for the job
        :param instance_type: instance type name (for *fn_name*) or mapping entry point -> name
        :param depends_on: jobs / data objects (handlers or IDs) to wait for
        :param cluster_spec: ``clusterSpec`` requirements per entry point
        :param fpga_driver: ``fpgaDriver`` requirements per entry point
        :param system_requirements: the whole ``systemRequirements`` mapping
        :param system_requirements_by_executable: ``systemRequirementsByExecutable`` mapping
        :param nvidia_driver: ``nvidiaDriver`` requirements per entry point
        :param kwargs: API-call options
        :raises DXError: on bad arguments, before any request
        """
        from .dxapplet import _handlers_to_links

        if not isinstance(fn_input, dict):
            raise DXError(f"fn_input must be a dict, got {type(fn_input).__name__}")
        if not isinstance(fn_name, str) or not fn_name:
            raise DXError(f"fn_name must be an entry point name, got {fn_name!r}")
        final_depends_on = depends_on_ids(depends_on) if depends_on is not None else []
        if "DX_JOB_ID" not in os.environ:
            import importlib

            # imported on first use: local debug mode pulls in the job-side utilities
            local_exec_utils = importlib.import_module("dxpy.utils.local_exec_utils")
            self.set_id(
                local_exec_utils.queue_entry_point(
                    function=fn_name, input_hash=fn_input, depends_on=final_depends_on, name=name
                )
            )
            return
        req: dict[str, Any] = {"input": _handlers_to_links(fn_input), "function": fn_name}
        for key, value in (("name", name), ("tags", tags), ("properties", properties)):
            if value is not None:
                req[key] = value
        if any(v is not None for v in (instance_type, cluster_spec, fpga_driver, nvidia_driver)):
            req["systemRequirements"] = merged_sysreqs(
                sysreqs_from_instance_type(instance_type, fn_name), cluster_spec, fpga_driver, nvidia_driver
            )
        if system_requirements is not None:
            req["systemRequirements"] = system_requirements
        if system_requirements_by_executable is not None:
            req["systemRequirementsByExecutable"] = system_requirements_by_executable
        if depends_on is not None:
            req["dependsOn"] = final_depends_on
        if details is not None:
            req["details"] = details
        from .. import api

        self.set_id(api.job_new(req, **kwargs)["id"])

    def describe(
        self,
        fields: Any = None,
        defaultFields: Any = None,
        io: Any = None,  # noqa: N803
        **kwargs: Any,
    ) -> dict[str, Any]:
        """Describe the job.

        :param fields: mapping field -> bool (or iterable of names) to return
        :param defaultFields: with *fields*, also return the default fields
        :param io: ``False`` leaves out ``input``, ``output``, ``originalInput`` ...
        :param kwargs: API-call options
        :returns: the description
        :raises DXError: if both *fields* and *io* are given, or the handler is unbound
        """
        if fields is not None and io is not None:
            raise DXError("DXJob.describe: cannot provide non-None values for both fields and io")
        req: dict[str, Any] = {}
        if fields is not None:
            req["fields"] = _fields_mapping(fields)
        if defaultFields is not None:
            req["defaultFields"] = defaultFields
        if io is not None:
            req["io"] = io
        return self._describe_request(req, kwargs)

    def update(self, allow_ssh: list[str], **kwargs: Any) -> None:
        """Change the address masks allowed to SSH into the job.

        :param allow_ssh: list of IP / hostname masks
        :param kwargs: API-call options
        :raises DXError: if the handler is unbound
        """
        self._call("update", "updated", {"allowSSH": allow_ssh}, kwargs)


def new_dxjob(
    fn_input: Any,
    fn_name: str,
    name: str | None = None,
    tags: list[str] | None = None,
    properties: dict[str, str] | None = None,
    details: Any = None,
    instance_type: Any = None,
    depends_on: Any = None,
    cluster_spec: Any = None,
    fpga_driver: Any = None,
    system_requirements: Any = None,
    system_requirements_by_executable: Any = None,
    nvidia_driver: Any = None,
    **kwargs: Any,
) -> DXJob:
    """Start entry point *fn_name* as a subjob (in a job) or locally (outside one).

    :param fn_input: input mapping
    :param fn_name: entry point name
    :param name: job name
    :param tags: tags
    :param properties: properties
    :param details: details
    :param instance_type: instance type name or mapping entry point -> name
    :param depends_on: jobs / data objects (handlers or IDs) to wait for
    :param cluster_spec: ``clusterSpec`` requirements
    :param fpga_driver: ``fpgaDriver`` requirements
    :param system_requirements: ``systemRequirements`` mapping
    :param system_requirements_by_executable: ``systemRequirementsByExecutable`` mapping
    :param nvidia_driver: ``nvidiaDriver`` requirements
    :param kwargs: API-call options
    :returns: a :class:`DXJob` for the new job
    :raises DXError: on bad arguments
    """
    job = DXJob()
    job.new(
        fn_input,
        fn_name,
        name=name,
        tags=tags,
        properties=properties,
        details=details,
        instance_type=instance_type,
        depends_on=depends_on,
        cluster_spec=cluster_spec,
        fpga_driver=fpga_driver,
        system_requirements=system_requirements,
        system_requirements_by_executable=system_requirements_by_executable,
        nvidia_driver=nvidia_driver,
        **kwargs,
    )
    return job


__all__ = ["DXJob", "new_dxjob"]
