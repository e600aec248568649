import { echoFilter } from "../filter/echo.js";
import { createGenericFilter } from "../filter/generic.js";
import { chain } from "../filter.js";
import type { Invoker } from "../invoker.js";
import type { ServiceDefinition } from "../service-definition.js";

/**
 * `invoker` behind the built-in provider filters that answer `$echo` and `$invoke` (EchoFilter,
 * GenericFilter), as an application exports every service: for protocol tests that export a bare
 * invoker and still want the built-in methods served.
 */
export function withBuiltinFilters(invoker: Invoker, definition: ServiceDefinition): Invoker {
  const invoke = chain([echoFilter, createGenericFilter(definition)], (invocation) =>
    invoker.invoke(invocation),
  );
  return {
    get url() {
      return invoker.url;
    },
    invoke,
    isAvailable: () => invoker.isAvailable(),
    destroy: () => invoker.destroy(),
  };
}
