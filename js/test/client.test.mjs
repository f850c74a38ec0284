// DX.Api against a running emulator: results, every error type, the deferred interface,
// abort, concurrency, input checks and token safety.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { inspect } from "node:util";

import DX, { APIError, Api } from "../src/dx.js";
import { countingFetch, scriptedServer, startEmulator } from "./_support.mjs";

let emu;
let api;
let bob; // a second, non-admin user

before(async () => {
  emu = await startEmulator();
  api = Api.fromEnv(emu.env, { onRetry: null });
  const created = await api.call("emulator", "newUser", { handle: "bob" });
  bob = { id: created.id, api: new Api(created.token, { apiServer: emu.url, onRetry: null }) };
});

after(async () => {
  await emu?.stop();
});

async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail("the call was expected to fail");
}

describe("results", () => {
  test("call POSTs to <apiServer>/<subject>/<method> with the Bearer token and resolves with the result", async () => {
    const counting = countingFetch();
    const counted = new Api(emu.token, { apiServer: emu.url, fetch: counting.fetch });
    const me = await counted.call("system", "whoami");
    assert.match(me.id, /^user-/);
    assert.equal(counting.sent.length, 1);
    assert.equal(counting.sent[0].url, `${emu.url}/system/whoami`);
    assert.equal(counting.sent[0].headers.Authorization, `Bearer ${emu.token}`);
    assert.equal(counting.sent[0].headers["Content-Type"], "application/json");
    assert.equal(counting.sent[0].body, "{}");
  });

  test("object routes, input and a trailing slash on apiServer", async () => {
    const slashed = new Api(emu.token, { apiServer: `${emu.url}/`, onRetry: null });
    const { id } = await slashed.call("project", "new", { name: "js results" });
    const desc = await slashed.call(id, "describe", { fields: { name: true } });
    assert.deepEqual(desc, { id, name: "js results" });
    const found = await api.call("system", "findProjects", { name: "js results", describe: { fields: { name: true } } });
    assert.deepEqual(found.results.map((r) => r.id), [id]);
  });

  test("record/new gets a nonce added to a copy of the input; a caller's nonce is kept and replays", async () => {
    const counting = countingFetch();
    const counted = new Api(emu.token, { apiServer: emu.url, fetch: counting.fetch });
    const input = { project: emu.projectId, name: "nonce test" };
    const first = await counted.call("record", "new", input);
    assert.deepEqual(input, { project: emu.projectId, name: "nonce test" }); // not modified
    const sentNonce = JSON.parse(counting.sent[0].body).nonce;
    assert.match(sentNonce, /^[0-9a-f]{64}\d+\.\d{6}$/);
    const second = await counted.call("record", "new", input);
    assert.notEqual(JSON.parse(counting.sent[1].body).nonce, sentNonce); // a new call, a new nonce
    assert.notEqual(second.id, first.id);
    const given = { project: emu.projectId, name: "replayed", nonce: "my-own-nonce" };
    const a = await counted.call("record", "new", given);
    const b = await counted.call("record", "new", given);
    assert.equal(JSON.parse(counting.sent[2].body).nonce, "my-own-nonce");
    assert.equal(a.id, b.id);
  });

  test("the input of a route that takes a nonce must be an object", () => {
    assert.throws(() => api.call("record", "new", [1, 2]), { name: "TypeError", message: /\/record\/new must be an object/ });
  });

  test("app aliases go in the subject", async () => {
    const err = await rejection(api.call("app-nosuchapp/1.0.0", "describe"));
    assert.equal(err.route, "/app-nosuchapp/1.0.0/describe");
    assert.equal(err.status, 404);
  });
});

describe("errors carry the platform's type, message, HTTP status and request ID, and are never retried", () => {
  const cases = [
    ["InvalidAuthentication", 401, () => new Api("not-a-token", { apiServer: emu.url }), "system", "whoami", {}],
    ["PermissionDenied", 401, () => bob.api, "emulator", "faults", { action: "list" }],
    ["ResourceNotFound", 404, () => api, "project-BBBBBBBBBBBBBBBBBBBBBBBB", "describe", {}],
    ["ResourceNotFound", 404, () => api, "system", "noSuchRoute", {}],
    ["InvalidInput", 422, () => api, "project", "new", {}],
    ["InvalidInput", 422, () => api, "system", "whoami", { fields: "clientIp" }],
  ];
  for (const [type, status, who, subject, method, input] of cases) {
    test(`${type} from /${subject}/${method}`, async () => {
      const counting = countingFetch();
      const base = who();
      const caller = new Api(base === api ? emu.token : base === bob.api ? "" : "not-a-token",
        { apiServer: emu.url, fetch: counting.fetch });
      const target = base === bob.api ? bob.api : caller;
      const err = await rejection(target.call(subject, method, input));
      assert.ok(err instanceof APIError && err instanceof Error);
      assert.equal(err.name, "DXAPIError");
      assert.equal(err.type, type);
      assert.equal(err.status, status);
      assert.equal(typeof err.message, "string");
      assert.ok(err.message.length > 0);
      assert.match(err.requestId, /^emu-[0-9a-f]{16}$/);
      assert.equal(err.attempts, 1);
      if (target === caller) {
        assert.equal(counting.sent.length, 1); // 4xx: never sent again
      }
    });
  }

  test("InvalidState: writing to a closed record", async () => {
    const { id } = await api.call("record", "new", { project: emu.projectId, close: true });
    const err = await rejection(api.call(id, "setDetails", { a: 1 }));
    assert.equal(err.type, "InvalidState");
    assert.equal(err.status, 422);
    assert.match(err.message, /not in the open state/);
  });

  test("details, and error bodies that are not platform errors", async () => {
    const server = await scriptedServer();
    try {
      const scripted = new Api("tok", { apiServer: server.url, onRetry: null });
      server.replies.push({ status: 422, headers: { "X-Request-ID": "req-1" },
        body: JSON.stringify({ error: { type: "InvalidInput", message: "bad", details: { field: "name" } } }) });
      const err = await rejection(scripted.call("system", "whoami"));
      assert.deepEqual([err.type, err.message, err.details, err.status, err.requestId],
        ["InvalidInput", "bad", { field: "name" }, 422, "req-1"]);
      server.replies.push({ status: 418, headers: { "Content-Type": "text/plain" }, body: "short and stout" });
      const teapot = await rejection(scripted.call("system", "whoami"));
      assert.equal(teapot.type, "HTTPError");
      assert.equal(teapot.status, 418);
      assert.match(teapot.message, /^HTTP 418.*short and stout$/);
      assert.equal(server.requests.length, 2);
    } finally {
      await server.close();
    }
  });
});

describe("the token never appears in an error", () => {
  test("an unknown token", async () => {
    const secret = "s3cr3t-token-value-0123456789";
    const err = await rejection(new Api(secret, { apiServer: emu.url }).call("system", "whoami"));
    for (const text of [String(err), err.message, err.stack, JSON.stringify(err), inspect(err, { depth: 5 })]) {
      assert.ok(!text.includes(secret), text);
    }
  });

  test("even when the server echoes it in the message and details", async () => {
    const server = await scriptedServer();
    const secret = "echoed-secret-token-987654321";
    try {
      server.replies.push({ status: 401, body: (req) => JSON.stringify({ error: { type: "InvalidAuthentication",
        message: `bad header ${req.headers.authorization}`, details: { got: req.headers.authorization } } }) });
      const err = await rejection(new Api(secret, { apiServer: server.url }).call("system", "whoami"));
      assert.equal(server.requests[0].headers.authorization, `Bearer ${secret}`); // it was sent ...
      assert.equal(err.message, "bad header Bearer <redacted>"); // ... but is not repeated
      assert.deepEqual(err.details, { got: "Bearer <redacted>" });
      assert.ok(!inspect(err, { depth: 5 }).includes(secret));
    } finally {
      await server.close();
    }
  });

  test("the Api object does not show it", () => {
    const secret = "hidden-token-value-abcdef";
    const shown = new Api(secret, { apiServer: emu.url });
    assert.ok(!inspect(shown, { showHidden: true, depth: 5 }).includes(secret));
    assert.ok(!JSON.stringify(shown).includes(secret));
    assert.deepEqual(JSON.parse(JSON.stringify(shown)), { apiServer: emu.url, maxAJAXTrials: 5 });
  });

  test("an empty token sends no Authorization header", async () => {
    const counting = countingFetch();
    const anonymous = new Api("", { apiServer: emu.url, fetch: counting.fetch });
    const err = await rejection(anonymous.call("system", "whoami"));
    assert.equal(err.type, "InvalidAuthentication");
    assert.equal(counting.sent[0].headers.Authorization, undefined);
  });
});

describe("the deferred interface of the jQuery original", () => {
  test("call returns a real Promise with done, fail, always, state and promise", async () => {
    const call = api.call("system", "whoami");
    assert.ok(call instanceof Promise);
    const seen = [];
    assert.equal(call.done((r) => seen.push(["done", r.id])).fail(() => seen.push(["fail"])).always(() => seen.push(["always"])), call);
    assert.equal(call.state(), "pending");
    assert.equal(call.promise(), call);
    const result = await call;
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(call.state(), "resolved");
    assert.deepEqual(seen, [["done", result.id], ["always"]]);
  });

  test("fail and always receive the error; done takes several functions and arrays", async () => {
    const call = api.call("system", "noSuchRoute");
    const seen = [];
    call.done(() => seen.push("done")).fail((e) => seen.push(`fail ${e.type}`), [(e) => seen.push(`fail2 ${e.status}`)])
      .always((e) => seen.push(`always ${e.type}`));
    await assert.rejects(call, { type: "ResourceNotFound" });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(seen, ["fail ResourceNotFound", "fail2 404", "always ResourceNotFound"]);
    assert.equal(call.state(), "rejected");
  });

  test("a failing call used only through done() is not an unhandled rejection", async () => {
    let unhandled = null;
    const onUnhandled = (reason) => { unhandled = reason; };
    process.on("unhandledRejection", onUnhandled);
    try {
      const call = api.call("system", "noSuchRoute").done(() => {});
      await new Promise((resolve) => { call.always(resolve); });
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(unhandled, null);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});

describe("abort", () => {
  async function armStall(path) {
    const before = (await api.call("emulator", "faults", { action: "list" })).fired;
    await api.call("emulator", "faults", { action: "add", spec: `stall:${path}:1:secs=60` });
    return before;
  }

  async function waitUntilFired(count) {
    for (;;) {
      const state = await api.call("emulator", "faults", { action: "list" });
      if (state.fired > count) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  test("abort() cancels the request in flight and rejects with type Aborted", async () => {
    const fired = await armStall("/system/findDataObjects");
    const started = Date.now();
    const call = api.call("system", "findDataObjects", {});
    await waitUntilFired(fired); // the emulator holds the request for 60 s
    assert.equal(call.abort(), call);
    const err = await rejection(call);
    assert.equal(err.type, "Aborted");
    assert.equal(err.status, 0);
    assert.equal(call.state(), "rejected");
    assert.ok(Date.now() - started < 50000, "the abort did not wait for the stalled answer");
    await api.call("emulator", "faults", { action: "clear" });
  });

  test("abort() during the wait before a retry stops the retries", async () => {
    await api.call("emulator", "faults", { action: "add", spec: "500:/system/describeProjects:3" });
    const counting = countingFetch();
    let call;
    const waiting = new Api(emu.token, {
      apiServer: emu.url, fetch: counting.fetch, onRetry: () => call.abort(),
      sleep: (ms, signal) => new Promise((resolve) => signal.addEventListener("abort", resolve)),
    });
    call = waiting.call("system", "describeProjects", { projects: [] });
    const err = await rejection(call);
    assert.equal(err.type, "Aborted");
    assert.equal(counting.sent.length, 1);
    await api.call("emulator", "faults", { action: "clear" });
  });

  test("an AbortSignal given in the call options aborts too", async () => {
    const controller = new AbortController();
    controller.abort();
    const err = await rejection(api.call("system", "whoami", {}, { signal: controller.signal }));
    assert.equal(err.type, "Aborted");
  });

  test("abort() after the call settled changes nothing; abort() with no handler is not unhandled", async () => {
    const call = api.call("system", "whoami");
    const result = await call;
    call.abort();
    assert.equal(call.state(), "resolved");
    assert.deepEqual(await call, result);
    let unhandled = null;
    const onUnhandled = (reason) => { unhandled = reason; };
    process.on("unhandledRejection", onUnhandled);
    try {
      api.call("system", "whoami").abort();
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(unhandled, null);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});

describe("concurrency", () => {
  test("many calls at once each get their own answer", async () => {
    const names = Array.from({ length: 24 }, (_, i) => `parallel ${i}`);
    const created = await Promise.all(names.map((name) => api.call("record", "new", { project: emu.projectId, name })));
    assert.equal(new Set(created.map((r) => r.id)).size, names.length);
    const described = await Promise.all(created.map((r) => api.call(r.id, "describe", { fields: { name: true } })));
    assert.deepEqual(described.map((d) => d.name), names);
  });

  test("two users' calls interleaved never mix tokens", async () => {
    const calls = [];
    for (let i = 0; i < 16; i += 1) {
      calls.push(api.call("system", "whoami"), bob.api.call("system", "whoami"));
    }
    const ids = (await Promise.all(calls)).map((r) => r.id);
    const me = (await api.call("system", "whoami")).id;
    ids.forEach((id, i) => assert.equal(id, i % 2 === 0 ? me : bob.id));
  });
});

describe("bad arguments are refused at once with a TypeError naming them", () => {
  const cases = [
    [() => new Api(42, { apiServer: "http://127.0.0.1:1" }), /authToken must be a string/],
    [() => new Api("t", { apiServer: "ftp://host" }), /apiServer .* must be an http\(s\) URL/],
    [() => new Api("t", { apiServer: "not a url" }), /not an absolute URL/],
    [() => new Api("t"), /apiServer is required outside a web page/],
    [() => new Api("t", { apiServer: "http://h", maxAJAXTrials: 0 }), /maxAJAXTrials must be an integer >= 1/],
    [() => new Api("t", { apiServer: "http://h", maxAjaxTrials: 3 }), /unknown option "maxAjaxTrials"/],
    [() => new Api("t", { apiServer: "http://h", onRetry: "yes" }), /onRetry must be a function or null/],
    [() => new Api("t", { apiServer: "http://h" }).call("system"), /needs two strings/],
    [() => new Api("t", { apiServer: "http://h" }).call("a/b/c", "describe"), /bad subject/],
    [() => new Api("t", { apiServer: "http://h" }).call("project-x/y", "describe"), /bad subject/],
    [() => new Api("t", { apiServer: "http://h" }).call("system", "who ami"), /bad method/],
    [() => new Api("t", { apiServer: "http://h" }).call("system", "whoami", {}, { retries: 2 }), /unknown call option "retries"/],
    [() => { const o = {}; o.self = o; new Api("t", { apiServer: "http://h" }).call("system", "whoami", o); }, /cannot be encoded as JSON/],
    [() => Api.fromEnv({}), /DX_APISERVER_HOST is not set/],
  ];
  cases.forEach(([fn, message], i) => {
    test(`case ${i}: ${message.source}`, () => {
      assert.throws(fn, (e) => e instanceof TypeError && message.test(e.message));
    });
  });

  test("the default export is the DX namespace of the seed document", () => {
    assert.equal(DX.Api, Api);
    assert.equal(new DX.Api("t", { apiServer: "http://127.0.0.1:1" }).maxAJAXTrials, 5);
    assert.ok(Object.isFrozen(DX));
  });
});
