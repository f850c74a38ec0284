"""Databases: data objects whose files (query results, table exports) can be downloaded.

Upstream path ``dxpy.bindings.dxdatabase``; re-exported as ``dxpy.DXDatabase``. Files inside a
database are fetched with :func:`dxpy.bindings.dxdatabase_functions.download_dxdatabasefile`,
which asks :meth:`DXDatabase.get_download_url` for a URL (``/database-xxxx/downloadFile``).
"""

from __future__ import annotations

import os
import threading
from typing import Any

from . import DXDataObject
from ._transfer import FILE_REQUEST_TIMEOUT

#: default read size (bytes), as for files
DEFAULT_BUFFER_SIZE = 1024 * 1024 * 16


class DXDatabase(DXDataObject):
    """Handler for a database (``database-xxxx``).

    :param dxid: database ID or link
    :param project: container the handler works through
    :param read_buffer_size: bytes fetched per request when downloading
    :param expected_file_size: size hint (kept for upstream compatibility)
    :param file_is_mmapd: kept for upstream compatibility
    :raises DXError: if an ID is malformed
    """

    _class = "database"
    #: pass as *project* to :meth:`get_download_url` to send no project context at all
    NO_PROJECT_HINT = "NO_PROJECT_HINT"

    def __init__(self, dxid: Any = None, project: str | None = None,
                 read_buffer_size: int = DEFAULT_BUFFER_SIZE, expected_file_size: int | None = None,
                 file_is_mmapd: bool = False) -> None:
        super().__init__(dxid, project)
        self._read_bufsize = read_buffer_size
        self._expected_file_size = expected_file_size
        self._file_is_mmapd = file_is_mmapd
        self._url_lock = threading.Lock()
        self._download_urls: dict[tuple[Any, Any], tuple[str, dict[str, str]]] = {}

    def set_ids(self, dxid: Any, project: str | None = None) -> None:
        """Bind the handler to database *dxid* in container *project* (forgets cached URLs).

        :param dxid: database ID or link
        :param project: container ID
        :raises DXError: if an ID is malformed
        """
        self._download_urls = {}
        super().set_ids(dxid, project)

    def get_download_url(self, filename: str | None = None, src_filename: str | None = None,
                         project: str | None = None, **kwargs: Any) -> tuple[str, dict[str, str]]:
        """Return a URL and headers to download file *src_filename* of the database.

        The URL is cached per file and project: database download URLs do not expire.

        :param filename: unused (upstream's parameter)
        :param src_filename: path of the file inside the database
        :param project: project to bill (``projectContext``); by default the handler's
            project when the database is in it (outside a job); :attr:`NO_PROJECT_HINT` for none
        :param kwargs: API-call options (default timeout: the file request timeout)
        :returns: ``(url, headers)``
        :raises DXError: if the handler is unbound or the request fails
        """
        from .. import api
        from ..utils.resolver import object_exists_in_project

        dxid = self._require_id("downloaded")
        if project is None and "DX_JOB_ID" not in os.environ:
            own = self.get_proj_id()
            if own and object_exists_in_project(dxid, own):
                project = own
        req: dict[str, Any] = {}
        if src_filename is not None:
            req["filename"] = src_filename
        if project is not None and project != self.NO_PROJECT_HINT:
            req["projectContext"] = project
        key = (src_filename, req.get("projectContext"))
        with self._url_lock:
            if key not in self._download_urls:
                kwargs.setdefault("timeout", FILE_REQUEST_TIMEOUT)
                response = api.database_download_file(dxid, req, **kwargs)
                headers = {str(k): str(v) for k, v in (response.get("headers") or {}).items()}
                self._download_urls[key] = (response["url"], headers)
            url, headers = self._download_urls[key]
        return url, dict(headers)


__all__ = ["DXDatabase"]
