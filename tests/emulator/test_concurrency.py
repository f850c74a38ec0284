"""Emulator core: many concurrent clients, no "database is locked", no 500s, no lost writes."""

from __future__ import annotations

import logging
import sqlite3
import threading

import dxpy
from dxpy.emulator import Emulator
from dxpy.emulator._data.store import Store
from tests.emulator._core_helpers import no_sleep_policy

THREADS = 16



def run_threads(target, count=THREADS):
    errors: list = []
    barrier = threading.Barrier(count)

    def wrapper(i):
        try:
            barrier.wait(timeout=30)
            target(i)
        except BaseException as exc:  # collected and asserted on below
            errors.append(exc)

    threads = [threading.Thread(target=wrapper, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    return errors


def test_store_serialises_writers_across_threads(tmp_path):
    store = Store(str(tmp_path / "c.sqlite3"))
    with store.write() as db:  # a test table of this store only, not in the schema registry
        db.execute("CREATE TABLE emutest_conc (id INTEGER PRIMARY KEY, worker INTEGER NOT NULL)")
    per_thread = 200

    def work(i):
        for _ in range(per_thread):
            with store.write() as db:
                db.execute("INSERT INTO emutest_conc (worker) VALUES (?)", (i,))
            with store.read() as db:
                db.execute("SELECT COUNT(*) FROM emutest_conc WHERE worker = ?", (i,)).fetchone()

    try:
        errors = run_threads(work)
        assert errors == []
        with store.read() as db:
            assert db.execute("SELECT COUNT(*) FROM emutest_conc").fetchone()[0] == THREADS * per_thread
        assert store.integrity_check() == "ok"
    finally:
        store.close()


def test_sixteen_dxpy_clients_hammering_writes_and_reads(tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    per_thread = 30
    with Emulator(state_dir=str(tmp_path / "state")) as emu:
        project = emu.project_id
        assert project
        policy, sleeps = no_sleep_policy()
        created: list = []
        lock = threading.Lock()
        restore = emu.configure_dxpy()
        try:
            def work(i):
                mine = []
                for n in range(per_thread):
                    rid = dxpy.api.record_new(
                        {"project": project, "name": f"w{i}-{n}", "details": {"worker": i, "n": n}},
                        retry_policy=policy, max_retries=0,
                    )["id"]
                    mine.append(rid)
                    desc = dxpy.api.record_describe(rid, {"project": project}, retry_policy=policy,
                                                    max_retries=0)
                    assert desc["name"] == f"w{i}-{n}"
                    dxpy.api.system_whoami(retry_policy=policy, max_retries=0)
                with lock:
                    created.extend(mine)

            errors = run_threads(work)
        finally:
            restore()
        assert errors == [], errors[:3]
        assert sleeps == [], "some calls were retried (a 5xx or a dropped connection happened)"
        assert len(set(created)) == THREADS * per_thread
        store = Store(f"{emu.state_dir}/emulator.sqlite3")
        try:
            assert store.integrity_check() == "ok"
        finally:
            store.close()
    assert "database is locked" not in caplog.text
    assert "internal error" not in caplog.text.lower()


def test_concurrent_user_creation_through_admin_route(tmp_path):
    with Emulator(state_dir=str(tmp_path / "state")) as emu:
        def work(i):
            for n in range(10):
                out = emu.call("emulator/newUser", {"handle": f"c{i}x{n}"})
                assert emu.call("system/whoami", token=out["token"]) == {"id": f"user-c{i}x{n}"}

        assert run_threads(work) == []
        with sqlite3.connect(f"{emu.state_dir}/emulator.sqlite3") as db:
            assert db.execute("SELECT COUNT(*) FROM users").fetchone()[0] == 1 + THREADS * 10


def test_concurrent_keep_alive_clients_share_server(dx_emulator):
    import http.client

    def work(i):
        conn = http.client.HTTPConnection(dx_emulator.host, dx_emulator.port, timeout=30)
        hdrs = {"Authorization": "Bearer " + dx_emulator.token, "Content-Type": "application/json"}
        try:
            for _ in range(30):
                conn.request("POST", "/system/whoami", b"{}", hdrs)
                resp = conn.getresponse()
                assert resp.status == 200, resp.read()
                resp.read()
        finally:
            conn.close()

    assert run_threads(work) == []
