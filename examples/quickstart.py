"""A tour of dxpy against whatever API server the environment points at.

Run it against a local emulator (no platform account needed)::

    python -m dxpy.emulator exec -- python examples/quickstart.py

The script only uses dxpy's public interface, the same calls that work against the
DNAnexus platform.
"""

from __future__ import annotations

import os
import tempfile

import dxpy


def main() -> None:
    user = dxpy.whoami()
    project = dxpy.DXProject(dxpy.PROJECT_CONTEXT_ID)
    print(f"Signed in as {user}; working in {project.describe()['name']} ({project.get_id()})")

    project.new_folder("/quickstart/results", parents=True)
    record = dxpy.new_dxrecord(
        name="sample-42", folder="/quickstart", types=["Sample"], tags=["demo"],
        properties={"tissue": "liver"}, details={"reads": 1200000}, close=True,
    )
    print(f"Created record {record.get_id()} with details {record.get_details()}")

    text = "".join(f"read-{i}\tACGT\n" for i in range(1000))
    dxfile = dxpy.upload_string(text, name="reads.tsv", folder="/quickstart/results", wait_on_close=True)
    print(f"Uploaded {dxfile.describe()['size']} bytes as {dxfile.get_id()}")

    with tempfile.TemporaryDirectory() as tmp:
        local = os.path.join(tmp, "reads.tsv")
        dxpy.download_dxfile(dxfile.get_id(), local)
        with open(local) as fh:
            assert fh.read() == text, "downloaded bytes differ from the uploaded ones"
    print("Downloaded the file again and checked every byte")

    found = list(dxpy.find_data_objects(classname="record", tags=["demo"], project=project.get_id(),
                                        describe=True))
    print(f"Search for tagged records found: {[r['describe']['name'] for r in found]}")

    listing = project.list_folder("/quickstart", describe=True)
    print(f"/quickstart holds folders {listing['folders']} and objects "
          f"{sorted(o['describe']['name'] for o in listing['objects'])}")

    project.remove_folder("/quickstart", recurse=True)
    print("Cleaned up /quickstart. Done.")


if __name__ == "__main__":
    main()
