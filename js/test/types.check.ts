// Compiled by `tsc --noEmit` (tests/js/test_js_client.py): the declarations in src/dx.d.ts
// describe how the client is used; a wrong declaration makes this file fail to compile.
import DX, { Api, APIError, type DXCall, type RetryInfo } from "../src/dx.js";

const api: Api = new DX.Api("token", { apiServer: "http://127.0.0.1:8124", maxAJAXTrials: 3,
  onRetry: (info: RetryInfo) => console.log(info.attempt, info.delayMs) });
const call: DXCall<{ id: string }> = api.call<{ id: string }>("system", "whoami", {}, { timeoutMs: 1000 });
call.done((me) => console.log(me.id)).fail((e: APIError) => console.log(e.type, e.status, e.requestId))
  .always(() => undefined);
const state: "pending" | "resolved" | "rejected" = call.state();
call.abort();
async function main(): Promise<string> {
  const me = await api.call<{ id: string }>("system", "whoami");
  return me.id + state + String(DX.routeFlags("record", "new")?.acceptNonce) + Api.fromEnv({}).apiServer;
}
void main;
// @ts-expect-error: the token is a string
new Api(42);
// @ts-expect-error: unknown option
new Api("t", { apiserver: "x" });
