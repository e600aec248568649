// dubbo-ts consumer → dubbo-ts provider (placeholder until @dubbo-ts/protocol exports
// createDubboProtocol in its build output).
export default {
  name: "dubbo-ts",
  label: "dubbo-ts",
  unavailable: () => "@dubbo-ts/protocol does not export createDubboProtocol yet",
};
