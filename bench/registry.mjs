// Registry figures (placeholder until @dubbo-ts/registry-zookeeper is built).
export async function runRegistryBench() {
  return {
    skipped: "registry-zookeeper not available yet",
    markdown: "### Registry figures\n\nNot measured: registry-zookeeper not available yet.",
  };
}
