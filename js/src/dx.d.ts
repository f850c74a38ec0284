// Types of DX.Api (js/src/dx.js and the classic build js/dist/dx-api.js, which defines a
// global `DX` of type `typeof DX`). docs/javascript.rst describes the behaviour.

/** Fields of an error: the platform's, or a client-side one. */
export interface APIErrorFields {
  type: string;
  message: string;
  details?: unknown;
  status?: number;
  requestId?: string | null;
  route?: string;
  attempts?: number;
  cause?: unknown;
}

/**
 * What a call rejects with. `type` is the platform's error type (InvalidInput,
 * ResourceNotFound, PermissionDenied, ...) or a client-side one: NetworkError, Timeout,
 * BadJSONInReply, HTTPError (an answer that is not a platform error), Aborted.
 */
export class APIError extends Error {
  constructor(fields: APIErrorFields);
  readonly name: "DXAPIError";
  /** The error type. */
  type: string;
  /** The platform's `details`, when it sent any. */
  details: unknown;
  /** The HTTP status; 0 when no answer arrived. */
  status: number;
  /** The server's X-Request-ID, when an answer arrived. */
  requestId: string | null;
  /** "/subject/method". */
  route: string | undefined;
  /** How many times the call was sent. */
  attempts: number;
  /** True when the call stopped because the next wait would pass retryTimeBudgetMs. */
  retryBudgetExceeded: boolean;
}

/** What `onRetry` is told before each wait. */
export interface RetryInfo {
  route: string;
  /** The attempt that just failed (1 = the first). */
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  reason: string;
  status: number;
  type: string;
  requestId: string | null;
}

export interface ApiOptions {
  /** "https://api.dnanexus.com" or "http://127.0.0.1:8124"; "" (default) = the page's own origin. */
  apiServer?: string;
  /** How many times one call may be sent, counting the first. Default 5. */
  maxAJAXTrials?: number;
  /** Per-attempt time limit in ms (0: none). Default 905000. */
  timeoutMs?: number;
  /** Bound on the total time spent retrying one call, in ms. Default 900000. */
  retryTimeBudgetMs?: number;
  /** Called before each wait; null silences the default console.warn. */
  onRetry?: ((info: RetryInfo) => void) | null;
  /** Test hooks. */
  fetch?: typeof fetch;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

export interface CallOptions {
  /** Treat the call as safe to send again (or not), whatever the route table says. */
  alwaysRetry?: boolean;
  maxAJAXTrials?: number;
  timeoutMs?: number;
  /** Aborting this signal aborts the call, like `abort()`. */
  signal?: AbortSignal;
}

/** A real Promise that also has the deferred-style methods of the jQuery original. */
export interface DXCall<T = any> extends Promise<T> {
  done(...fns: Array<((result: T) => void) | Array<(result: T) => void>>): DXCall<T>;
  fail(...fns: Array<((error: APIError) => void) | Array<(error: APIError) => void>>): DXCall<T>;
  always(...fns: Array<((resultOrError: T | APIError) => void)>): DXCall<T>;
  state(): "pending" | "resolved" | "rejected";
  promise(): DXCall<T>;
  /** Cancel the request in flight and any pending retry; the call rejects with type Aborted. */
  abort(): DXCall<T>;
}

export class Api {
  /** @param authToken the API token ("" or null: no Authorization header). */
  constructor(authToken: string | null | undefined, options?: ApiOptions);
  /** An Api for DX_APISERVER_PROTOCOL/_HOST/_PORT and DX_SECURITY_CONTEXT (default: process.env). */
  static fromEnv(env?: Record<string, string | undefined>, options?: ApiOptions): Api;
  readonly apiServer: string;
  readonly maxAJAXTrials: number;
  toJSON(): { apiServer: string; maxAJAXTrials: number };
  /** POST `input` (JSON) to <apiServer>/<subject>/<method>. */
  call<T = any>(subject: string, method: string, input?: unknown, options?: CallOptions): DXCall<T>;
}

export const VERSION: string;
export function routeFlags(subject: string, method: string): { retryable: boolean; acceptNonce: boolean } | null;
export function backoffMs(attempts: number, random?: () => number): number;
export function throttleDelayMs(retryAfter: number, attempts: number): number;
export function parseRetryAfter(value: string | null | undefined): number | null;
export function mayRetry(kind: string, safe: boolean): boolean;

export declare const DX: {
  readonly Api: typeof Api;
  readonly APIError: typeof APIError;
  readonly VERSION: string;
  readonly routeFlags: typeof routeFlags;
  readonly backoffMs: typeof backoffMs;
  readonly throttleDelayMs: typeof throttleDelayMs;
  readonly parseRetryAfter: typeof parseRetryAfter;
  readonly mayRetry: typeof mayRetry;
};
export default DX;
