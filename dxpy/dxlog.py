"""Job logging over the platform's local log sockets (upstream path ``dxpy.dxlog``).

In a job, :func:`dxpy.run` attaches a :class:`DXLogHandler` to the root logger, so
``logging`` calls appear in the job's log with their levels. Each record is one JSON
datagram ``{"source", "timestamp" (ms), "level" (syslog priority number), "msg"}`` sent
to a unix datagram socket: CRITICAL records and ``"CPU: "`` resource lines to the priority
socket, everything else to the bulk socket.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
from logging.handlers import SysLogHandler

from .exceptions import DXError

#: where the platform's execution environment listens
_PLATFORM_PRIORITY = "/opt/dnanexus/log/priority"
_PLATFORM_BULK = "/opt/dnanexus/log/bulk"
#: a message whose JSON form is longer than this is cut (the platform's datagram budget)
_MAX_JSON = 8015
_CUT_TO = 8000


def _default_address(env_var: str, platform_path: str) -> str:
    return os.environ.get(env_var) or platform_path


class DXLogHandler(SysLogHandler):
    """:mod:`logging` handler sending records to the job log.

    To use it in a subprocess of a job::

        logging.getLogger().addHandler(dxpy.DXLogHandler())

    :param priority_log_address: priority socket path (default ``$DX_LOG_PRIORITY_SOCKET``,
        else ``/opt/dnanexus/log/priority``)
    :param bulk_log_address: bulk socket path (default ``$DX_LOG_BULK_SOCKET``, else
        ``/opt/dnanexus/log/bulk``)
    :param source: the ``source`` field of every message
    :raises DXError: if a socket path does not exist
    """

    def __init__(
        self,
        priority_log_address: str | None = None,
        bulk_log_address: str | None = None,
        source: str = "DX_APP",
    ) -> None:
        logging.Handler.__init__(self)  # not SysLogHandler's: it would open a syslog connection
        self.priority_log_address = priority_log_address or _default_address(
            "DX_LOG_PRIORITY_SOCKET", _PLATFORM_PRIORITY
        )
        self.bulk_log_address = bulk_log_address or _default_address("DX_LOG_BULK_SOCKET", _PLATFORM_BULK)
        for path in (self.priority_log_address, self.bulk_log_address):
            if not os.path.exists(path):
                raise DXError(f"The path {path} does not exist, but is required for application logging")
        self.priority_log_socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.bulk_log_socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        try:
            self.priority_log_socket.connect(self.priority_log_address)
            self.bulk_log_socket.connect(self.bulk_log_address)
        except OSError as exc:
            self.close()
            raise DXError(f"Cannot connect to the job log sockets: {exc}") from exc
        self.source = source

    def close(self) -> None:
        """Close both sockets."""
        self.priority_log_socket.close()
        self.bulk_log_socket.close()
        logging.Handler.close(self)

    def encodePriority(self, record: logging.LogRecord) -> int:  # type: ignore[override]  # noqa: N802
        """Syslog priority number of *record*'s level (unknown levels count as warning).

        :param record: the log record
        :returns: the number (7 debug ... 2 critical)
        """
        return self.priority_names[self.priority_map.get(record.levelname, "warning")]

    def truncate_message(self, message: str) -> str:
        """Cut *message* to the platform's size (about 8000 bytes of JSON), marking the cut.

        :param message: the text
        :returns: *message*, or its start followed by ``... [truncated]``
        """
        if len(json.dumps(message)) <= _MAX_JSON:
            return message
        data = message.encode("utf-8")[:_CUT_TO]
        while len(json.dumps(data.decode("utf-8", "ignore"))) > _CUT_TO:
            data = data[:-1]
        return data.decode("utf-8", "ignore") + "... [truncated]"

    def is_resource_log(self, message: str) -> bool:
        """Whether *message* is a resource-usage line (``CPU: ...``), which goes to the priority socket.

        :param message: the text
        :returns: ``True`` for resource lines
        """
        return message.startswith("CPU: ")

    def emit(self, record: logging.LogRecord) -> None:
        """Send *record* as one datagram (reconnecting once if the socket was reset).

        :param record: the log record
        """
        try:
            message = self.truncate_message(record.getMessage())
            data = json.dumps(
                {
                    "source": self.source,
                    "timestamp": int(round(time.time() * 1000)),
                    "level": self.encodePriority(record),
                    "msg": message,
                }
            ).encode("utf-8", "ignore")
            priority = record.levelno >= logging.CRITICAL or (
                record.levelno == logging.INFO and self.is_resource_log(message)
            )
            sock = self.priority_log_socket if priority else self.bulk_log_socket
            address = self.priority_log_address if priority else self.bulk_log_address
            try:
                sock.send(data)
            except OSError:
                sock.connect(address)
                sock.send(data)
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception:
            self.handleError(record)


__all__ = ["DXLogHandler"]
