"""Count the words of a text file: main starts a subjob 'count', then uploads a report.

Runs unchanged on the platform, in the emulator and in local debug mode.
"""
import logging

import dxpy

logger = logging.getLogger("wordcount")
logger.setLevel(logging.INFO)  # the root logger stays at WARNING, as on the platform


@dxpy.entry_point("count")
def count(text, min_length):
    content = dxpy.DXFile(text).read()
    words = [w for w in content.split() if len(w) >= min_length]
    logger.info("counted %d words of length >= %d", len(words), min_length)
    return {"words": len(words)}


@dxpy.entry_point("main")
def main(text, min_length=1):
    if min_length < 1:
        raise dxpy.AppError(f"min_length must be at least 1, got {min_length}")
    subjob = dxpy.new_dxjob({"text": text, "min_length": min_length}, "count")
    name = dxpy.DXFile(text).describe()["name"]
    report = dxpy.upload_string(f"word count of {name} (min length {min_length})\n", name="report.txt")
    logger.warning("report written for %s", name)
    return {"words": subjob.get_output_ref("words"), "report": dxpy.dxlink(report)}


dxpy.run()
