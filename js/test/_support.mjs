// Shared helpers of the JavaScript client's tests: a real emulator started with
// `python -m dxpy.emulator serve --port 0 --env-file ...`, a scripted HTTP server on
// 127.0.0.1 for answers the emulator never gives, and a fetch that counts what it sends.

import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const JS_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const REPO_ROOT = dirname(JS_DIR);
const START_TIMEOUT_MS = 120000;

/** Parse the `export NAME=value` lines the emulator writes (values quoted by Python's shlex.quote). */
export function parseExports(text) {
  const env = {};
  for (const line of text.split("\n")) {
    const match = /^export ([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!match) {
      continue;
    }
    let value = "";
    const raw = match[2];
    for (let i = 0; i < raw.length;) {
      if (raw[i] === "'") {
        const end = raw.indexOf("'", i + 1);
        value += raw.slice(i + 1, end);
        i = end + 1;
      } else if (raw[i] === '"') {
        const end = raw.indexOf('"', i + 1);
        value += raw.slice(i + 1, end);
        i = end + 1;
      } else {
        value += raw[i];
        i += 1;
      }
    }
    env[match[1]] = value;
  }
  return env;
}

async function waitForEnvFile(path, child, output) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`the emulator exited with status ${child.exitCode}: ${output.join("")}`);
    }
    try {
      const env = parseExports(await readFile(path, "utf8"));
      if (env.DX_PROJECT_CONTEXT_ID) {
        return env;
      }
    } catch (e) {
      if (e.code !== "ENOENT") {
        throw e;
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`the emulator did not write ${path} in time: ${output.join("")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Start an emulator in a child process (`$PYTHON`, default python3) and wait for its env file.
 * @returns {Promise<{env, url, token, projectId, stop}>}
 */
export async function startEmulator(extraArgs = []) {
  const dir = await mkdtemp(join(tmpdir(), "dx-js-test-"));
  const envFile = join(dir, "dx.env");
  const python = process.env.PYTHON || "python3";
  const child = spawn(python, ["-m", "dxpy.emulator", "serve", "--port", "0", "--state-dir", join(dir, "state"),
    "--env-file", envFile, ...extraArgs], { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "pipe"] });
  const output = [];
  child.stderr.on("data", (chunk) => output.push(chunk.toString()));
  const exited = new Promise((resolve) => child.on("exit", resolve));
  let env;
  try {
    env = await waitForEnvFile(envFile, child, output);
  } catch (e) {
    child.kill("SIGKILL");
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    env,
    url: `${env.DX_APISERVER_PROTOCOL}://${env.DX_APISERVER_HOST}:${env.DX_APISERVER_PORT}`,
    token: JSON.parse(env.DX_SECURITY_CONTEXT).auth_token,
    projectId: env.DX_PROJECT_CONTEXT_ID,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A fetch that forwards to the real one and records each request (URL, body, headers). */
export function countingFetch() {
  const sent = [];
  const fetchImpl = (url, init) => {
    sent.push({ url: String(url), body: init.body, headers: init.headers });
    return fetch(url, init);
  };
  return { sent, fetch: fetchImpl };
}

/** Options that replace waiting with bookkeeping: sleeps are recorded and advance a fake clock. */
export function fakeTime() {
  const clock = { ms: 0, sleeps: [] };
  clock.now = () => clock.ms;
  clock.sleep = (ms) => {
    clock.sleeps.push(ms);
    clock.ms += ms;
    return Promise.resolve();
  };
  return clock;
}

/**
 * A real HTTP server on 127.0.0.1 answering each request with the next scripted reply
 * ({status, headers, body}); requests are recorded with their headers and body.
 */
export async function scriptedServer() {
  const replies = [];
  const requests = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const record = { method: req.method, url: req.url, headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8") };
      requests.push(record);
      const reply = replies.shift() || { status: 500, body: "{\"error\": {\"type\": \"InternalError\", \"message\": \"unscripted\"}}" };
      const body = typeof reply.body === "function" ? reply.body(record) : reply.body;
      res.writeHead(reply.status, Object.assign({ "Content-Type": "application/json" }, reply.headers || {}));
      res.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    replies,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}
