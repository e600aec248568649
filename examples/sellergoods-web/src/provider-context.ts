import { RpcContext } from "@dubbo-ts/core";
import { PROVIDER_ATTACHMENT } from "@dubbo-ts/example-sellergoods-service/contract";

/**
 * Runs `fn` (which makes BrandService calls) in its own RpcContext scope; `provider()` then names
 * the provider instance that answered the last of those calls, from the `sellergoods.provider`
 * response attachment (undefined for a provider that does not send it, e.g. a Java one).
 */
export function trackProvider<T>(fn: () => Promise<T>): {
  result: Promise<T>;
  provider: () => string | undefined;
} {
  let scope: { responseAttachments: Record<string, unknown> } | undefined;
  const result = RpcContext.withAttachments({}, (context) => {
    scope = context;
    return fn();
  });
  return {
    result,
    provider: () => {
      const value = scope?.responseAttachments[PROVIDER_ATTACHMENT];
      return typeof value === "string" ? value : undefined;
    },
  };
}
