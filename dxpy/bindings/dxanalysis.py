"""Analyses: the executions a workflow run creates.

Upstream path ``dxpy.bindings.dxanalysis``; re-exported as ``dxpy.DXAnalysis``.
"""

from __future__ import annotations

from typing import Any

from . import _fields_mapping
from .dxjob import _DXExecution


class DXAnalysis(_DXExecution):
    """Handler for an analysis (``analysis-xxxx``).

    :meth:`wait_on_done` treats ``failed`` and ``partially_failed`` as failures.
    Output references built with :meth:`get_output_ref` point at the analysis
    (``{"analysis": id, "field": ...}``), or at a stage output with ``"stage.field"``.

    :param dxid: analysis ID
    :raises DXError: if the ID is malformed
    """

    _class = "analysis"
    _noun = "analysis"
    _failed_states = ("failed", "partially_failed")

    def __init__(self, dxid: Any = None) -> None:
        super().__init__(dxid)

    def describe(self, fields: Any = None, **kwargs: Any) -> dict[str, Any]:
        """Describe the analysis.

        :param fields: mapping field -> bool (or iterable of names) to return
        :param kwargs: API-call options
        :returns: the description (``stages`` holds each stage's execution)
        :raises DXError: if the handler is unbound
        """
        req: dict[str, Any] = {}
        if fields is not None:
            req["fields"] = _fields_mapping(fields)
        return self._describe_request(req, kwargs)


__all__ = ["DXAnalysis"]
