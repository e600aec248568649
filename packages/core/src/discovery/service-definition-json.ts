import type { ServiceDefinition } from "../service-definition.js";
import type { ServiceUrl } from "../service-url.js";

/**
 * The service definition a Java 3 provider stores in the metadata report at
 * `<root>/metadata/<interface>/<version>/[<group>/]provider/<application>`
 * (`ServiceDefinitionBuilder.buildFullDefinition`, read by dubbo-admin; consumers do not need it):
 * the interface, its methods with Java types, the provider URL's parameters, and one entry per
 * Java type used (name only: dubbo-ts has no class files to describe their fields from).
 */
export function serviceDefinitionJson(definition: ServiceDefinition, url: ServiceUrl): string {
  const types = new Set<string>();
  const methods = definition.methods.map((m) => {
    for (const t of [...m.parameterTypes, m.returnType]) types.add(t);
    return {
      annotations: [],
      name: m.name,
      parameterTypes: [...m.parameterTypes],
      parameters: [],
      returnType: m.returnType,
    };
  });
  return JSON.stringify({
    annotations: [],
    canonicalName: definition.interface,
    codeSource: "",
    methods,
    parameters: { ...url.parameters },
    types: [...types].sort().map((type) => ({ enums: [], items: [], properties: {}, type })),
    // ServiceDefinition.getUniqueId: canonicalName@codeSource.
    uniqueId: `${definition.interface}@`,
  });
}
