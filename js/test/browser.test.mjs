// End to end in a real browser: headless Chromium (Debian's package, driven by
// playwright-core) opens examples/js/projects.html from a static server on one port; the
// page calls the emulator on another port (a cross-origin call: the emulator's CORS rules
// apply) and lists the user's projects, which the test reads from the page.
//
// Skipped, saying why, when Chromium or playwright-core is missing (.ci/run installs both).

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import http from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { after, before, describe, test } from "node:test";

import { Api } from "../src/dx.js";
import { REPO_ROOT, startEmulator } from "./_support.mjs";

const CHROMIUM = process.env.CHROMIUM_EXECUTABLE || "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8" };

async function loadPlaywright() {
  try {
    return (await import("playwright-core")).chromium;
  } catch (e) {
    return null;
  }
}

const chromium = await loadPlaywright();
const skip = !existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM} (apt-get install chromium)`
  : chromium === null ? "playwright-core is not installed (npm ci in js/)" : false;

/** A static file server for the repository's examples/ and js/dist/, on 127.0.0.1. */
async function staticServer() {
  const server = http.createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^[/\\]+/, "");
    const allowed = path.startsWith(`examples${sep}js${sep}`) || path === join("js", "dist", "dx-api.js");
    if (!allowed) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(join(REPO_ROOT, path));
      res.writeHead(200, { "Content-Type": TYPES[extname(path)] || "application/octet-stream" }).end(body);
    } catch (e) {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

describe("examples/js/projects.html in headless Chromium", { skip }, () => {
  let emu;
  let pages;
  let browser;

  before(async () => {
    emu = await startEmulator();
    pages = await staticServer();
    // launch() gives the browser a fresh, empty profile of its own, removed on close.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60000 });
  });

  after(async () => {
    await browser?.close();
    await pages?.close();
    await emu?.stop();
  });

  async function openPage(apiServer, token) {
    const page = await browser.newPage();
    const url = `${pages.origin}/examples/js/projects.html#apiServer=${encodeURIComponent(apiServer)}`
      + `&token=${encodeURIComponent(token)}`;
    await page.goto(url);
    await page.waitForSelector("#status[data-state]", { timeout: 30000 });
    return page;
  }

  test("the page lists the user's projects, read from the page", async () => {
    const api = Api.fromEnv(emu.env, { onRetry: null });
    const made = await api.call("project", "new", { name: "shown in the browser" });
    const page = await openPage(emu.url, emu.token);
    try {
      assert.equal(await page.getAttribute("#status", "data-state"), "done");
      const items = await page.$$eval("#projects li", (lis) => lis.map((li) => li.textContent));
      assert.ok(items.some((text) => text.includes("shown in the browser") && text.includes(made.id)), items.join("\n"));
      assert.ok(items.some((text) => text.includes(emu.projectId)), items.join("\n"));
    } finally {
      await page.close();
    }
  });

  test("a platform error reaches the page with its type, and the token is not in it", async () => {
    const page = await openPage(emu.url, "not-a-valid-token");
    try {
      assert.equal(await page.getAttribute("#status", "data-state"), "failed");
      const text = await page.textContent("#status");
      assert.match(text, /^InvalidAuthentication: /);
      assert.ok(!text.includes("not-a-valid-token"), text);
    } finally {
      await page.close();
    }
  });

  test("an emulator that does not allow the page's origin: the browser hides the answer", async () => {
    const closed = await startEmulator(["--cors-origin", "none"]);
    try {
      const page = await openPage(closed.url, closed.token);
      try {
        assert.equal(await page.getAttribute("#status", "data-state"), "failed");
        assert.match(await page.textContent("#status"), /^NetworkError: /);
        assert.equal(await page.$$eval("#projects li", (lis) => lis.length), 0);
      } finally {
        await page.close();
      }
    } finally {
      await closed.stop();
    }
  });
});
