"""Records: data objects that carry only metadata and details.

Upstream path ``dxpy.bindings.dxrecord``; names re-exported as ``dxpy.DXRecord``
and ``dxpy.new_dxrecord``.
"""

from __future__ import annotations

from typing import Any

from ..exceptions import DXError
from . import DXDataObject


class DXRecord(DXDataObject):
    """Handler for a record (``record-xxxx``).

    :param dxid: record ID or link
    :param project: container the handler works through (default: the link's
        project, else the current workspace / project context)
    :raises DXError: if an ID is malformed
    """

    _class = "record"

    def new(self, **kwargs: Any) -> None:
        """Create a new record and bind the handler to it.

        :param kwargs: creation fields (``project``, ``name``, ``tags``, ``types``,
            ``hidden``, ``properties``, ``details``, ``folder``, ``parents``),
            ``close`` (create it closed), ``initializeFrom`` (``{"id": ..., "project": ...}``
            or a :class:`DXRecord`: copy metadata and details from that record),
            and API-call options (``timeout`` ...)
        """
        super().new(**kwargs)

    def _new(self, dx_hash: dict[str, Any], close: bool = False, **kwargs: Any) -> None:
        """Call ``/record/new`` with *dx_hash* (plus ``close`` / ``initializeFrom``).

        :param dx_hash: creation request built by ``_get_creation_params``
        :param close: create the record closed
        :param kwargs: ``initializeFrom`` / ``init_from`` and API-call options
        """
        init_from = kwargs.pop("initializeFrom", None)
        if init_from is None:
            init_from = kwargs.pop("init_from", None)
        if init_from is not None:
            dx_hash["initializeFrom"] = _init_from_hash(init_from)
        super()._new(dx_hash, close=close, **kwargs)


def _init_from_hash(init_from: Any) -> dict[str, Any]:
    if isinstance(init_from, DXRecord):
        return {"id": init_from.get_id(), "project": init_from.get_proj_id()}
    if isinstance(init_from, dict) and "id" in init_from:
        return dict(init_from)
    raise DXError(f"initializeFrom must be a DXRecord or a mapping with 'id', got {init_from!r}")


def new_dxrecord(details: Any = None, **kwargs: Any) -> DXRecord:
    """Create a record and return a handler for it.

    :param details: the record's details (JSON object or array)
    :param kwargs: everything :meth:`DXRecord.new` accepts (``project``, ``name``,
        ``tags``, ``types``, ``hidden``, ``properties``, ``folder``, ``parents``,
        ``close``, ``initializeFrom``) and API-call options
    :returns: a :class:`DXRecord` bound to the new record
    """
    record = DXRecord()
    if details is not None:
        kwargs["details"] = details
    record.new(**kwargs)
    return record


__all__ = ["DXRecord", "new_dxrecord"]
