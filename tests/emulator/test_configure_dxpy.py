"""Emulator.configure_dxpy points dxpy at the emulator and its restorer puts back every field."""

from __future__ import annotations

from dxpy._context import get_context


def test_restore_puts_back_every_field_including_job_id_and_auth_helper(dx_emulator, dx_context):
    ctx = get_context()

    def helper(method, url, headers):
        headers["Authorization"] = "Bearer elsewhere"

    ctx.set_api_server_info(host="api.example.org", port=8443, protocol="https")
    ctx.set_job_id("job-B00000000000000000000000")
    ctx.set_auth_helper(helper)
    before = ctx.snapshot()
    restore = dx_emulator.configure_dxpy()
    assert ctx.apiserver == dx_emulator.url and ctx.auth_helper is None
    restore()
    assert ctx.snapshot() == before
    assert ctx.auth_helper is helper and ctx.job_id == "job-B00000000000000000000000"
