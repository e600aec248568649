// Java Dubbo consumer → Java Dubbo provider: the reference the Node implementations are measured
// against. Its agents are Java programs (bench/java) speaking the same control protocol as
// bench/agent.mjs; until they are built this row is skipped with the reason.
export default {
  name: "java",
  label: "Java Dubbo 3.3 (hessian2)",
  unavailable: () => "the Java agents (bench/java) are not written yet",
};
