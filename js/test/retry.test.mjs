// DX.Api's retry rules, against the emulator's fault injection: what is sent again, how
// often, after which waits (recorded by a fake clock: nothing here really waits), and what
// is never sent twice. The same rules as the Python client (docs/transport.rst).

import assert from "node:assert/strict";
import { after, afterEach, before, describe, test } from "node:test";

import { Api, backoffMs, throttleDelayMs } from "../src/dx.js";
import { countingFetch, fakeTime, startEmulator } from "./_support.mjs";

let emu;
let admin;

before(async () => {
  emu = await startEmulator();
  admin = Api.fromEnv(emu.env, { onRetry: null });
});

after(async () => {
  await emu?.stop();
});

afterEach(async () => {
  await admin.call("emulator", "faults", { action: "clear" });
});

async function arm(spec) {
  await admin.call("emulator", "faults", { action: "add", spec });
}

/** An Api whose waits are recorded, whose requests are counted, with random() = 0. */
function observed(options = {}) {
  const clock = fakeTime();
  const counting = countingFetch();
  const retries = [];
  const api = new Api(emu.token, Object.assign({
    apiServer: emu.url, fetch: counting.fetch, sleep: clock.sleep, now: clock.now,
    random: () => 0, onRetry: (info) => retries.push(info),
  }, options));
  return { api, clock, sent: counting.sent, retries };
}

async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail("the call was expected to fail");
}

describe("the waits", () => {
  test("back-off: 1 s, then a random whole number of seconds in 1-2, 2-4, ... capped at 64-128", () => {
    assert.deepEqual([1, 2, 3, 4, 8, 12].map((n) => backoffMs(n, () => 0)),
      [1000, 1000, 2000, 4000, 64000, 64000]);
    assert.deepEqual([2, 3, 8].map((n) => backoffMs(n, () => 0.999)), [2000, 4000, 128000]);
  });

  test("Retry-After grows by a quarter per attempt, at most 6x; 60 s or more is taken as it is", () => {
    assert.deepEqual([1, 2, 5, 30].map((n) => throttleDelayMs(4, n)), [4000, 5000, 8000, 24000]);
    assert.equal(throttleDelayMs(60, 3), 60000);
  });
});

describe("what is retried", () => {
  test("503 with Retry-After on any route: waits what the server asks, then succeeds", async () => {
    await arm("503:/record/new:2:retry=3");
    const { api, clock, sent, retries } = observed();
    const result = await api.call("record", "new", { project: emu.projectId });
    assert.match(result.id, /^record-/);
    assert.equal(sent.length, 3);
    assert.deepEqual(clock.sleeps, [3000, 3000]);
    assert.deepEqual(retries.map((r) => [r.attempt, r.status, r.type]),
      [[1, 503, "ServiceUnavailable"], [2, 503, "ServiceUnavailable"]]);
  });

  test("429 is throttling too, even on a route that is not safe to repeat", async () => {
    await arm("429:/project-*/removeFolder:1:retry=2");
    const { api, clock, sent } = observed();
    await api.call(emu.projectId, "newFolder", { folder: "/throttled" });
    await api.call(emu.projectId, "removeFolder", { folder: "/throttled" });
    assert.equal(sent.length, 3);
    assert.deepEqual(clock.sleeps, [2000]);
  });

  test("5xx on a retryable route: retried with back-off until maxAJAXTrials, then rejected", async () => {
    await arm("500:/system/whoami:10");
    const { api, clock, sent } = observed({ maxAJAXTrials: 4 });
    const err = await rejection(api.call("system", "whoami"));
    assert.equal(err.type, "InternalError");
    assert.equal(err.status, 500);
    assert.equal(err.attempts, 4);
    assert.equal(sent.length, 4);
    assert.deepEqual(clock.sleeps, [1000, 1000, 2000]);
  });

  test("the default maxAJAXTrials is 5", async () => {
    await arm("500:/system/whoami:10");
    const { api, sent } = observed();
    assert.equal(api.maxAJAXTrials, 5);
    await rejection(api.call("system", "whoami"));
    assert.equal(sent.length, 5);
  });

  test("a dropped connection on a retryable route is retried", async () => {
    await arm("drop:/system/whoami:1");
    const { api, sent } = observed();
    const me = await api.call("system", "whoami");
    assert.match(me.id, /^user-/);
    assert.equal(sent.length, 2);
  });

  test("a cut-off answer to a nonce route is retried, and the server replays: one record", async () => {
    await arm("truncate:/record/new:1");
    const { api, sent } = observed();
    const name = `once-${Date.now()}`;
    const created = await api.call("record", "new", { project: emu.projectId, name });
    assert.equal(sent.length, 2);
    assert.equal(JSON.parse(sent[0].body).nonce, JSON.parse(sent[1].body).nonce);
    const found = await admin.call("system", "findDataObjects", { name, scope: { project: emu.projectId } });
    assert.deepEqual(found.results.map((r) => r.id), [created.id]);
  });
});

describe("what is never sent twice", () => {
  test("4xx errors", async () => {
    const { api, sent } = observed();
    const err = await rejection(api.call("record-B000000000000000000000000", "describe"));
    assert.equal(err.type, "ResourceNotFound");
    assert.equal(sent.length, 1);
  });

  test("a 500 on a route that is neither retryable nor takes a nonce", async () => {
    await admin.call(emu.projectId, "newFolder", { folder: "/keep" });
    await arm("500:/project-*/removeFolder:1");
    const { api, sent } = observed();
    const err = await rejection(api.call(emu.projectId, "removeFolder", { folder: "/keep" }));
    assert.equal(err.type, "InternalError");
    assert.equal(sent.length, 1);
  });

  test("a dropped connection on such a route (the server may have done the work)", async () => {
    await admin.call(emu.projectId, "newFolder", { folder: "/keep2" });
    await arm("drop:/project-*/removeFolder:1");
    const { api, sent } = observed();
    const err = await rejection(api.call(emu.projectId, "removeFolder", { folder: "/keep2" }));
    assert.equal(err.type, "NetworkError");
    assert.equal(sent.length, 1);
  });

  test("alwaysRetry: true in the call options makes such a call retryable", async () => {
    await admin.call(emu.projectId, "newFolder", { folder: "/keep3" });
    await arm("500:/project-*/removeFolder:1");
    const { api, sent } = observed();
    await api.call(emu.projectId, "removeFolder", { folder: "/keep3" }, { alwaysRetry: true });
    assert.equal(sent.length, 2);
  });
});

describe("the total wait is bounded", () => {
  test("throttling stops when the next wait would pass retryTimeBudgetMs", async () => {
    await arm("503:/system/whoami:10:retry=40");
    const { api, clock, sent } = observed({ retryTimeBudgetMs: 100000, maxAJAXTrials: 10 });
    const err = await rejection(api.call("system", "whoami"));
    assert.equal(err.type, "ServiceUnavailable");
    assert.equal(err.retryBudgetExceeded, true);
    assert.deepEqual(clock.sleeps, [40000, 50000]);
    assert.equal(sent.length, 3);
  });
});
