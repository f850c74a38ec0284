"""Work run in a child process by the fork-safety tests (importable by 'spawn' children)."""

from __future__ import annotations

import hashlib
from typing import Optional


def download_md5(file_id: str, project: str, dest: str, server: Optional[tuple[str, str, str]] = None,
                 token: Optional[str] = None) -> str:
    """Download a file with dxpy and return the MD5 of what arrived.

    :param file_id: the file.
    :param project: its project.
    :param dest: where to write it.
    :param server: ``(protocol, host, port)`` for a child that does not inherit the parent's
        configuration ('spawn'); ``None`` keeps the inherited one.
    :param token: the token for such a child.
    :returns: the hex MD5 of the downloaded file.
    """
    import dxpy

    if server is not None:
        dxpy.set_api_server_info(protocol=server[0], host=server[1], port=server[2])
        dxpy.set_security_context({"auth_token_type": "Bearer", "auth_token": token})
    dxpy.download_dxfile(file_id, dest, project=project)
    with open(dest, "rb") as fh:
        return hashlib.md5(fh.read()).hexdigest()
