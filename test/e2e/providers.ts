import { type ProviderProcess, startProviderProcess } from "@dubbo-ts/test-support";

/**
 * Starts one provider-process.ts per name, all serving `interface` through the ensemble `zk`;
 * each appends the call ids it handles to `callLog(name)`.
 */
export function startProviders(
  names: readonly string[],
  options: {
    zk: string;
    interface: string;
    callLog: (name: string) => string;
    sessionTimeout?: number;
  },
): Promise<ProviderProcess[]> {
  const { callLog, ...rest } = options;
  return Promise.all(
    names.map((name) =>
      startProviderProcess({
        script: new URL("./provider-process.ts", import.meta.url),
        name,
        callLog: callLog(name),
        ...rest,
      }),
    ),
  );
}
