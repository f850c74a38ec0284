// DX.Api: a small client for the DNAnexus Platform API (and the dxpy emulator),
// for web pages and Node 18 or newer. No dependencies: it uses fetch and AbortController.
// docs/javascript.rst describes the API and the retry rules.
//
// This file is the ES module. js/dist/dx-api.js (the classic script defining a global
// DX) is generated from it by tools/generate_js.py: keep every import and export at the
// start of a line, as the generator expects.

import { ROUTE_FLAGS, RETRYABLE, ACCEPT_NONCE } from "./routes.js";

export const VERSION = "0.1.0";

const DEFAULTS = Object.freeze({
  apiServer: "",
  maxAJAXTrials: 5,
  timeoutMs: 905000,
  retryTimeBudgetMs: 900000,
});
const API_OPTIONS = ["apiServer", "maxAJAXTrials", "timeoutMs", "retryTimeBudgetMs", "onRetry",
  "fetch", "sleep", "now", "random"];
const CALL_OPTIONS = ["alwaysRetry", "maxAJAXTrials", "timeoutMs", "signal"];
const SEGMENT_RE = /^[A-Za-z0-9_.~:@+-]+$/;
const METHOD_RE = /^[A-Za-z][A-Za-z0-9]*$/;
const ALIASED = ["app", "globalworkflow"];
// Node's error codes for a connection that was never made: the request cannot have arrived.
const NOT_SENT_CODES = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH",
  "ENETDOWN"];

/**
 * The error a call rejects with: a platform error (type, message and details as the
 * server sent them) or a client-side one (NetworkError, Timeout, BadJSONInReply, Aborted).
 */
export class APIError extends Error {
  constructor(fields) {
    super(fields.message);
    this.name = "DXAPIError";
    this.type = fields.type;
    this.details = fields.details;
    this.status = fields.status || 0;
    this.requestId = fields.requestId || null;
    this.route = fields.route;
    this.attempts = fields.attempts || 0;
    this.retryBudgetExceeded = false;
    if (fields.cause !== undefined) {
      this.cause = fields.cause;
    }
  }
}

/**
 * Retry flags of a route from the platform's route table.
 * @returns {{retryable: boolean, acceptNonce: boolean} | null} null for a route not in the table.
 */
export function routeFlags(subject, method) {
  const head = String(subject).split("/")[0];
  const dash = head.indexOf("-");
  const key = dash < 0 ? `/${head}/${method}` : `/${head.slice(0, dash)}-xxxx/${method}`;
  if (!Object.prototype.hasOwnProperty.call(ROUTE_FLAGS, key)) {
    return null;
  }
  const bits = ROUTE_FLAGS[key];
  return { retryable: (bits & RETRYABLE) !== 0, acceptNonce: (bits & ACCEPT_NONCE) !== 0 };
}

/** Wait after `attempts` attempts: 1 s, then a random whole number of seconds in 1-2, 2-4, ... 64-128. */
export function backoffMs(attempts, random = Math.random) {
  if (attempts <= 1) {
    return 1000;
  }
  const m = Math.min(attempts, 8);
  const low = 2 ** (m - 2);
  const high = 2 ** (m - 1);
  return (low + Math.min(high - low, Math.floor(random() * (high - low + 1)))) * 1000;
}

/** Wait asked for by Retry-After (seconds), growing by a quarter per attempt, at most 6x. */
export function throttleDelayMs(retryAfter, attempts) {
  if (retryAfter >= 60) {
    return retryAfter * 1000;
  }
  return (retryAfter + Math.floor(0.25 * Math.min(attempts - 1, 20) * retryAfter)) * 1000;
}

/** An integer Retry-After header value in seconds, or null (absent, or an HTTP date). */
export function parseRetryAfter(value) {
  if (typeof value !== "string" || !/^\s*\d+\s*$/.test(value)) {
    return null;
  }
  return parseInt(value, 10);
}

/**
 * Whether a failed attempt may be sent again. `kind` is one of: notSent (the connection
 * was never made), network (no complete answer: the request may have been processed),
 * timeout, badBody (an unreadable 2xx answer), throttled (503/429), server (other 5xx),
 * fatal (4xx and the rest). `safe`: the route is retryable or the call carries a nonce.
 */
export function mayRetry(kind, safe) {
  if (kind === "notSent" || kind === "throttled") {
    return true;
  }
  if (kind === "network" || kind === "timeout" || kind === "badBody" || kind === "server") {
    return Boolean(safe);
  }
  return false;
}

function newNonce() {
  const bytes = new Uint8Array(32);
  const crypto = globalThis.crypto;
  if (crypto && typeof crypto.getRandomValues === "function") {
    crypto.getRandomValues(bytes);
  } else {
    for (let i = 0; i < bytes.length; i += 1) {
      bytes[i] = Math.floor(Math.random() * 256);
    }
  }
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return hex + (Date.now() / 1000).toFixed(6);
}

function isPlainObject(value) {
  if (value === null || typeof value !== "object") {
    return false;
  }
  // Any realm's Object.prototype (a page's iframe, a vm context), not only this one's.
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function checkKeys(what, given, known) {
  for (const key of Object.keys(given)) {
    if (!known.includes(key)) {
      throw new TypeError(`DX.Api: unknown ${what} "${key}" (known: ${known.join(", ")})`);
    }
  }
}

function checkCount(name, value, min) {
  if (!Number.isInteger(value) || value < min) {
    throw new TypeError(`DX.Api: ${name} must be an integer >= ${min}, not ${String(value)}`);
  }
  return value;
}

function checkApiServer(value) {
  if (typeof value !== "string") {
    throw new TypeError(`DX.Api: apiServer must be a string, not ${typeof value}`);
  }
  if (value === "") {
    if (typeof globalThis.location === "undefined") {
      throw new TypeError("DX.Api: apiServer is required outside a web page (e.g. \"https://api.dnanexus.com\")");
    }
    return "";
  }
  let url;
  try {
    url = new URL(value);
  } catch (e) {
    throw new TypeError(`DX.Api: apiServer ${JSON.stringify(value)} is not an absolute URL`);
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.username || url.password
      || url.search || url.hash) {
    throw new TypeError(`DX.Api: apiServer ${JSON.stringify(value)} must be an http(s) URL without `
      + "user name, query or fragment");
  }
  return url.href.replace(/\/+$/, "");
}

function routePath(subject, method) {
  if (typeof subject !== "string" || typeof method !== "string") {
    throw new TypeError("DX.Api: call(subject, method, ...) needs two strings, e.g. call(\"system\", \"whoami\")");
  }
  const segments = subject.split("/");
  const klass = segments[0].split("-")[0];
  const aliased = segments.length === 2 && segments[0].includes("-") && ALIASED.includes(klass);
  if (!(segments.length === 1 || aliased) || !segments.every((s) => SEGMENT_RE.test(s))) {
    throw new TypeError(`DX.Api: bad subject ${JSON.stringify(subject)} (expected e.g. "system", `
      + "\"project-xxxx\" or \"app-name/version\")");
  }
  if (!METHOD_RE.test(method)) {
    throw new TypeError(`DX.Api: bad method ${JSON.stringify(method)} (expected e.g. "describe")`);
  }
  return "/" + segments.map(encodeURIComponent).join("/") + "/" + method;
}

function encodeInput(input, flags, route) {
  let value = input === undefined || input === null ? {} : input;
  if (flags && flags.acceptNonce) {
    if (!isPlainObject(value)) {
      throw new TypeError(`DX.Api: the input of ${route} must be an object (the route takes a nonce)`);
    }
    if (typeof value.nonce !== "string" || value.nonce === "") {
      value = Object.assign({}, value, { nonce: newNonce() });
    }
  }
  let body;
  try {
    body = JSON.stringify(value);
  } catch (e) {
    throw new TypeError(`DX.Api: the input of ${route} cannot be encoded as JSON: ${e.message}`);
  }
  if (body === undefined) {
    throw new TypeError(`DX.Api: the input of ${route} cannot be encoded as JSON`);
  }
  return body;
}

function defaultSleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new Error("aborted"));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error("aborted"));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

function defaultNow() {
  const perf = globalThis.performance;
  return perf && typeof perf.now === "function" ? perf.now() : Date.now();
}

function defaultOnRetry(info) {
  const seconds = (info.delayMs / 1000).toFixed(info.delayMs % 1000 ? 1 : 0);
  console.warn(`DX.Api: ${info.route} ${info.reason}; retrying in ${seconds} s `
    + `(attempt ${info.attempt + 1} of ${info.maxAttempts})`);
}

function redact(text, token) {
  return token && typeof text === "string" ? text.split(token).join("<redacted>") : text;
}

function redactDetails(details, token) {
  if (!token || details === undefined) {
    return details;
  }
  const text = JSON.stringify(details);
  return text.includes(token) ? JSON.parse(redact(text, token)) : details;
}

function errorCode(error) {
  for (let e = error, depth = 0; e && depth < 5; e = e.cause, depth += 1) {
    if (typeof e.code === "string") {
      return e.code;
    }
  }
  return "";
}

function clientError(plan, type, message, cause, status, requestId) {
  return new APIError({ type, message, route: plan.route, cause, status, requestId });
}

function errorFromAnswer(plan, status, statusText, text, requestId, token) {
  let doc = null;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    doc = null;
  }
  const err = doc && typeof doc === "object" ? doc.error : null;
  if (err && typeof err === "object" && typeof err.type === "string") {
    return new APIError({
      type: err.type,
      message: redact(typeof err.message === "string" ? err.message : String(err.message), token),
      details: redactDetails(err.details, token),
      status, requestId, route: plan.route,
    });
  }
  const snippet = redact(String(text).slice(0, 200), token);
  return clientError(plan, "HTTPError", `HTTP ${status} ${statusText || ""}`.trim()
    + (snippet ? `: ${snippet}` : ""), undefined, status, requestId);
}

function makeDeferred(promise, abort) {
  let state = "pending";
  promise.then(() => { state = "resolved"; }, () => { state = "rejected"; });
  const noop = () => {};
  const each = (fns, use) => {
    for (const fn of fns.flat()) {
      if (typeof fn === "function") {
        use(fn);
      }
    }
    return promise;
  };
  Object.defineProperties(promise, {
    done: { value: (...fns) => each(fns, (fn) => promise.then(fn, noop)) },
    fail: { value: (...fns) => each(fns, (fn) => promise.then(noop, fn)) },
    always: { value: (...fns) => each(fns, (fn) => promise.then(fn, fn)) },
    state: { value: () => state },
    promise: { value: () => promise },
    abort: {
      value: () => {
        if (state === "pending") {
          promise.catch(noop); // aborting on purpose is not an unhandled failure
          abort();
        }
        return promise;
      },
    },
  });
  return promise;
}

/** A session with the API: one token, one server, shared retry settings. */
export class Api {
  #token;
  #settings;

  /**
   * @param {string} authToken the API token ("" or null: send no Authorization header).
   * @param {object} [options] apiServer, maxAJAXTrials, timeoutMs, retryTimeBudgetMs, onRetry,
   *   and the test hooks fetch, sleep, now, random.
   */
  constructor(authToken, options = {}) {
    if (authToken !== undefined && authToken !== null && typeof authToken !== "string") {
      throw new TypeError(`DX.Api: authToken must be a string, not ${typeof authToken}`);
    }
    if (!isPlainObject(options)) {
      throw new TypeError("DX.Api: options must be an object literal");
    }
    checkKeys("option", options, API_OPTIONS);
    const o = Object.assign({}, DEFAULTS);
    for (const [key, value] of Object.entries(options)) {
      if (value !== undefined) {
        o[key] = value;
      }
    }
    for (const hook of ["fetch", "sleep", "now", "random"]) {
      if (options[hook] !== undefined && typeof options[hook] !== "function") {
        throw new TypeError(`DX.Api: option ${hook} must be a function`);
      }
    }
    if (o.onRetry !== undefined && o.onRetry !== null && typeof o.onRetry !== "function") {
      throw new TypeError("DX.Api: option onRetry must be a function or null");
    }
    const fetchImpl = o.fetch || globalThis.fetch;
    if (typeof fetchImpl !== "function") {
      throw new TypeError("DX.Api: no fetch() here; use a browser or Node 18 or newer");
    }
    this.#token = authToken || "";
    this.#settings = Object.freeze({
      apiServer: checkApiServer(o.apiServer),
      maxAJAXTrials: checkCount("maxAJAXTrials", o.maxAJAXTrials, 1),
      timeoutMs: checkCount("timeoutMs", o.timeoutMs, 0),
      retryTimeBudgetMs: checkCount("retryTimeBudgetMs", o.retryTimeBudgetMs, 0),
      onRetry: o.onRetry === undefined ? defaultOnRetry : o.onRetry,
      fetch: o.fetch ? fetchImpl : (...args) => globalThis.fetch(...args),
      sleep: o.sleep || defaultSleep,
      now: o.now || defaultNow,
      random: o.random || Math.random,
    });
  }

  /**
   * An Api for the server and token named by DX_* environment variables (as the emulator's
   * `serve --env-file` writes them): DX_APISERVER_PROTOCOL, _HOST, _PORT, DX_SECURITY_CONTEXT.
   */
  static fromEnv(env, options = {}) {
    const source = env || (typeof process !== "undefined" ? process.env : {});
    const host = source.DX_APISERVER_HOST;
    if (!host) {
      throw new TypeError("DX.Api.fromEnv: DX_APISERVER_HOST is not set");
    }
    const protocol = source.DX_APISERVER_PROTOCOL || "https";
    const port = source.DX_APISERVER_PORT ? `:${source.DX_APISERVER_PORT}` : "";
    let token = "";
    if (source.DX_SECURITY_CONTEXT) {
      try {
        token = JSON.parse(source.DX_SECURITY_CONTEXT).auth_token || "";
      } catch (e) {
        throw new TypeError("DX.Api.fromEnv: DX_SECURITY_CONTEXT is not valid JSON");
      }
    }
    const bracketed = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
    return new Api(token, Object.assign({ apiServer: `${protocol}://${bracketed}${port}` }, options));
  }

  /** The API server calls go to ("" = the page's own origin). */
  get apiServer() {
    return this.#settings.apiServer;
  }

  /** How many times one call may be tried (counting the first). */
  get maxAJAXTrials() {
    return this.#settings.maxAJAXTrials;
  }

  toJSON() {
    return { apiServer: this.apiServer, maxAJAXTrials: this.maxAJAXTrials };
  }

  /**
   * POST `input` to <apiServer>/<subject>/<method>.
   * @returns {Promise} resolved with the result or rejected with an APIError; it also has
   *   done(), fail(), always(), state() and abort().
   */
  call(subject, method, input, options) {
    const plan = this.#plan(subject, method, input, options);
    const controller = new AbortController();
    const external = plan.signal;
    if (external) {
      if (external.aborted) {
        controller.abort();
      } else {
        external.addEventListener("abort", () => controller.abort(), { once: true });
      }
    }
    const promise = this.#run(plan, controller.signal);
    return makeDeferred(promise, () => controller.abort());
  }

  #plan(subject, method, input, options) {
    const path = routePath(subject, method);
    const opts = options === undefined || options === null ? {} : options;
    if (!isPlainObject(opts)) {
      throw new TypeError("DX.Api: call options must be an object literal");
    }
    checkKeys("call option", opts, CALL_OPTIONS);
    const route = path;
    const flags = routeFlags(subject, method);
    const body = encodeInput(input, flags, route);
    const alwaysRetry = opts.alwaysRetry === undefined ? null : Boolean(opts.alwaysRetry);
    const safe = alwaysRetry !== null ? alwaysRetry : Boolean(flags && (flags.retryable || flags.acceptNonce));
    return {
      route,
      url: this.#settings.apiServer + path,
      body,
      safe,
      maxAJAXTrials: opts.maxAJAXTrials === undefined ? this.#settings.maxAJAXTrials
        : checkCount("maxAJAXTrials", opts.maxAJAXTrials, 1),
      timeoutMs: opts.timeoutMs === undefined ? this.#settings.timeoutMs
        : checkCount("timeoutMs", opts.timeoutMs, 0),
      signal: opts.signal,
    };
  }

  async #run(plan, signal) {
    const s = this.#settings;
    const started = s.now();
    let lastRequestId = null;
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.#attempt(plan, signal);
      lastRequestId = outcome.requestId || lastRequestId;
      if (signal.aborted) {
        throw clientError(plan, "Aborted", `${plan.route}: the call was aborted`, undefined, 0, lastRequestId);
      }
      if (outcome.ok) {
        return outcome.value;
      }
      const error = outcome.error;
      error.attempts = attempt;
      if (!mayRetry(outcome.kind, plan.safe) || attempt >= plan.maxAJAXTrials) {
        throw error;
      }
      const wait = outcome.kind === "throttled" && outcome.retryAfter !== null
        ? throttleDelayMs(outcome.retryAfter, attempt) : backoffMs(attempt, s.random);
      if (s.now() - started + wait > s.retryTimeBudgetMs) {
        error.retryBudgetExceeded = true;
        throw error;
      }
      if (s.onRetry) {
        s.onRetry({ route: plan.route, attempt, maxAttempts: plan.maxAJAXTrials, delayMs: wait,
          reason: outcome.reason, status: error.status, type: error.type, requestId: error.requestId });
      }
      if (signal.aborted) {
        throw clientError(plan, "Aborted", `${plan.route}: the call was aborted`, undefined, 0, lastRequestId);
      }
      try {
        await s.sleep(wait, signal);
      } catch (e) {
        if (!signal.aborted) {
          throw e;
        }
      }
      if (signal.aborted) {
        throw clientError(plan, "Aborted", `${plan.route}: the call was aborted`, undefined, 0, lastRequestId);
      }
    }
  }

  async #attempt(plan, signal) {
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal.addEventListener("abort", onAbort, { once: true });
    let timedOut = false;
    const timer = plan.timeoutMs > 0 ? setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, plan.timeoutMs) : null;
    try {
      return await this.#exchange(plan, controller.signal, () => timedOut);
    } finally {
      if (timer !== null) {
        clearTimeout(timer);
      }
      signal.removeEventListener("abort", onAbort);
    }
  }

  async #exchange(plan, signal, timedOut) {
    const headers = { "Content-Type": "application/json" };
    if (this.#token) {
      headers.Authorization = `Bearer ${this.#token}`;
    }
    const lost = (e, sent) => {
      if (timedOut()) {
        return { ok: false, kind: "timeout", reason: `timed out after ${plan.timeoutMs} ms`,
          error: clientError(plan, "Timeout", `${plan.route}: no answer within ${plan.timeoutMs} ms`, e) };
      }
      const notSent = !sent && NOT_SENT_CODES.includes(errorCode(e));
      return { ok: false, kind: notSent ? "notSent" : "network", reason: notSent ? "could not connect" : "no answer",
        error: clientError(plan, "NetworkError", `${plan.route}: ${sent ? "the answer was cut off" : "no answer"}`
          + ` (${redact(e && e.message ? e.message : String(e), this.#token)})`, e) };
    };
    let response;
    try {
      response = await this.#settings.fetch(plan.url, {
        method: "POST", headers, body: plan.body, signal, credentials: "omit", redirect: "error",
        cache: "no-store",
      });
    } catch (e) {
      return lost(e, false);
    }
    const requestId = response.headers.get("X-Request-ID");
    let text;
    try {
      text = await response.text();
    } catch (e) {
      return Object.assign(lost(e, true), { requestId });
    }
    if (response.status >= 200 && response.status < 300) {
      try {
        return { ok: true, value: JSON.parse(text), requestId };
      } catch (e) {
        return { ok: false, kind: "badBody", reason: "unreadable answer", requestId,
          error: clientError(plan, "BadJSONInReply", `${plan.route}: the answer is not valid JSON`, e,
            response.status, requestId) };
      }
    }
    const error = errorFromAnswer(plan, response.status, response.statusText, text, requestId, this.#token);
    const status = response.status;
    const kind = status === 503 || status === 429 ? "throttled" : status >= 500 ? "server" : "fatal";
    return { ok: false, kind, error, requestId, reason: `answered ${status} ${error.type}`,
      retryAfter: kind === "throttled" ? parseRetryAfter(response.headers.get("Retry-After")) : null };
  }
}

export const DX = Object.freeze({ Api, APIError, VERSION, routeFlags, backoffMs, throttleDelayMs,
  parseRetryAfter, mayRetry });

export default DX;
