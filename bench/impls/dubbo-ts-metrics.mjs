// dubbo-ts-app with Prometheus metrics on both sides (`metricsExtension()` from @dubbo-ts/qos):
// every call is counted by the consumer's and the provider's metrics filters, so the difference
// to the dubbo-ts-app rows of the same run is the metrics overhead (issue 15 asks for ≤ 10 %).
//   npm run bench -- --impls=dubbo-ts-app,dubbo-ts-metrics --scenarios=echo,getUser --skip=codec,registry
import app from "./dubbo-ts-app.mjs";

const extensions = async () => {
  const { metricsExtension } = await import("@dubbo-ts/qos");
  return [metricsExtension()];
};

export default {
  name: "dubbo-ts-metrics",
  label: "dubbo-ts (createApplication + metrics)",
  unavailable: app.unavailable,
  startServer: (args) => app.startServer({ ...args, extensions }),
  startClient: (args) => app.startClient({ ...args, extensions }),
};
