// The classic-script build (js/dist/dx-api.js) as a page's <script src> would run it: in a
// fresh global scope with only the platform's fetch and AbortController, it defines DX.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import vm from "node:vm";

import { JS_DIR, startEmulator } from "./_support.mjs";

let emu;

before(async () => {
  emu = await startEmulator();
});

after(async () => {
  await emu?.stop();
});

async function loadClassic() {
  const code = await readFile(join(JS_DIR, "dist", "dx-api.js"), "utf8");
  const sandbox = { fetch, AbortController, URL, setTimeout, clearTimeout, console, crypto: globalThis.crypto };
  vm.createContext(sandbox);
  vm.runInContext(code, sandbox, { filename: "dx-api.js" });
  return sandbox;
}

test("the script defines one global, DX, and nothing else", async () => {
  const sandbox = await loadClassic();
  const before = new Set(["fetch", "AbortController", "URL", "setTimeout", "clearTimeout", "console", "crypto"]);
  assert.deepEqual(Object.keys(sandbox).filter((k) => !before.has(k)), ["DX"]);
  assert.equal(typeof sandbox.DX.Api, "function");
  assert.equal(sandbox.DX.VERSION, (await import("../src/dx.js")).VERSION);
});

test("new DX.Api(token, {apiServer}).call() works from the classic build", async () => {
  const { DX } = await loadClassic();
  const api = new DX.Api(emu.token, { apiServer: emu.url });
  const me = await api.call("system", "whoami", {});
  assert.match(me.id, /^user-/);
  const failed = await api.call("record-B000000000000000000000000", "describe").then(
    () => null, (e) => e);
  assert.equal(failed.type, "ResourceNotFound");
  assert.ok(failed instanceof DX.APIError);
});
