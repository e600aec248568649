import type { Invocation } from "../invocation.js";
import type { Invoker } from "../invoker.js";
import type { Result } from "../result.js";
import { Code, RpcError } from "../rpc-error.js";
import { ServiceUrl } from "../service-url.js";

/**
 * What a fake provider does with a call: return a value (→ a Result), throw an `RpcError` with
 * `Code.Biz` or any non-RpcError (→ a Result carrying a business exception, as a provider method
 * that throws), or throw an `RpcError` with another code (→ the invoke promise rejects, as a
 * network failure or timeout does).
 */
export type FakeHandler = (invocation: Invocation, call: number) => unknown;

/** An `Invoker` for tests, recording its calls; flip `available` to simulate an `"R"` event. */
export interface FakeInvoker extends Invoker {
  readonly calls: Invocation[];
  available: boolean;
  destroyed: boolean;
  handler: FakeHandler;
}

/** A fake provider at `url` (a string such as `dubbo://127.0.0.1:20001/com.x.Svc?weight=50`). */
export function createFakeInvoker(
  url: string | ServiceUrl,
  handler: FakeHandler = () => undefined,
): FakeInvoker {
  const parsed = typeof url === "string" ? ServiceUrl.parse(url) : url;
  const fake: FakeInvoker = {
    url: parsed,
    calls: [],
    available: true,
    destroyed: false,
    handler,
    async invoke(invocation: Invocation): Promise<Result> {
      fake.calls.push(invocation);
      try {
        const value = await fake.handler(invocation, fake.calls.length);
        return { value, attachments: {} };
      } catch (e) {
        if (e instanceof RpcError && e.code !== Code.Biz) throw e;
        return { exception: RpcError.from(e, Code.Biz), attachments: {} };
      }
    },
    isAvailable: () => fake.available && !fake.destroyed,
    async destroy() {
      fake.destroyed = true;
    },
  };
  return fake;
}
