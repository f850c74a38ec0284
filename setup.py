"""Packaging for dxpy: the DNAnexus Platform client library and its local emulator."""

from __future__ import annotations

import pathlib
import re

from setuptools import find_packages, setup

HERE = pathlib.Path(__file__).parent
VERSION = re.search(
    r'^__version__ = "([^"]+)"', (HERE / "dxpy" / "_version.py").read_text(), re.M
).group(1)  # type: ignore[union-attr]

setup(
    name="dxpy",
    version=VERSION,
    description="Python client for the DNAnexus Platform API, with a local platform emulator",
    long_description=(HERE / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="Apache-2.0",
    python_requires=">=3.9",
    packages=find_packages(include=["dxpy", "dxpy.*"]),
    package_data={"dxpy": ["py.typed"]},
    include_package_data=True,
    install_requires=[
        "requests>=2.25",
        "urllib3>=1.26.5",
    ],
    extras_require={
        "test": [
            "pytest>=7",
            "ruff>=0.4",
            "mypy>=1.8",
            "types-requests",
            # so the suite checks the fast checksum packages against the pure-Python fallback
            "google-crc32c>=1.5",
            "awscrt>=0.20",
            # the suite builds the documentation (tests/test_docs_build.py)
            "sphinx>=6",
            "furo",
        ],
        # fast CRC32C / CRC64NVME for files whose parts carry those checksums
        # (without them dxpy uses a correct but slow pure-Python implementation)
        "checksums": [
            "google-crc32c>=1.5",
            "awscrt>=0.20",
        ],
        "docs": [
            "sphinx>=6",
            "furo",
        ],
    },
    entry_points={
        "console_scripts": [
            "dx = dxpy.cli.main:entry",
            "dx-emulator = dxpy.emulator.__main__:main",
            "dx-print-bash-vars = dxpy._jobutil.jobutil:main_print_bash_vars",
            "dx-jobutil-add-output = dxpy._jobutil.jobutil:main_add_output",
            "dx-jobutil-parse-link = dxpy._jobutil.jobutil:main_parse_link",
            "dx-jobutil-new-job = dxpy._jobutil.jobutil:main_new_job",
            "dx-jobutil-report-error = dxpy._jobutil.jobutil:main_report_error",
            "dx-jobutil-get-identity-token = dxpy._jobutil.jobutil:main_get_identity_token",
            "dx-download-all-inputs = dxpy._jobutil.transfer:main_download_all",
            "dx-upload-all-outputs = dxpy._jobutil.transfer:main_upload_all",
            "dx-run-app-locally = dxpy._jobutil.run_locally:main",
        ],
        "pytest11": [
            "dxpy_emulator = dxpy.emulator.pytest_plugin",
        ],
    },
    classifiers=[
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3 :: Only",
        "Operating System :: OS Independent",
        "Typing :: Typed",
    ],
)
