"""Self-signed TLS certificates for tests, made with the ``openssl`` command-line tool."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from pathlib import Path
from typing import NamedTuple, Optional


class CertPair(NamedTuple):
    """Paths of a PEM certificate and its private key.

    :param cert: the certificate (also usable as the CA bundle that trusts it).
    :param key: the unencrypted private key.
    """

    cert: Path
    key: Path


def openssl_available() -> bool:
    """Whether the ``openssl`` tool is on ``PATH``.

    :returns: True when it is.
    """
    return shutil.which("openssl") is not None


def make_self_signed(directory: Path, name: str = "server", common_name: str = "127.0.0.1",
                     san: str = "IP:127.0.0.1,DNS:localhost") -> CertPair:
    """Create a self-signed certificate (EC P-256, valid 2 days) in ``directory``.

    :param directory: where to write ``<name>.pem`` and ``<name>.key``.
    :param name: file name stem.
    :param common_name: the subject CN.
    :param san: the subjectAltName extension value.
    :returns: the paths.
    :raises RuntimeError: if ``openssl`` is missing or fails.
    """
    exe: Optional[str] = shutil.which("openssl")
    if exe is None:
        raise RuntimeError("openssl is not installed")
    cert, key = directory / f"{name}.pem", directory / f"{name}.key"
    cmd = [exe, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
           "-days", "2", "-subj", f"/CN={common_name}", "-addext", f"subjectAltName={san}",
           "-keyout", str(key), "-out", str(cert)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"openssl failed: {done.stderr.strip()}")
    return CertPair(cert, key)


def server_context(pair: CertPair) -> ssl.SSLContext:
    """A server-side SSL context presenting ``pair``.

    :param pair: certificate and key.
    :returns: the context.
    """
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(str(pair.cert), str(pair.key))
    return ctx
