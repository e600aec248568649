// The contract of the packaging check, in plain JavaScript (no decorators, no TypeScript): what a
// project that only installs the tarballs writes. Both the provider and the consumer import it.
import { defineJavaClass } from "@dubbo-ts/core";

export const GREETER_VERSION = "1.0.0";

/** `com.example.packaging.Greeting { String text; int count; }`. */
export class Greeting {
  text = "";
  count = 0;
}
defineJavaClass({
  name: "com.example.packaging.Greeting",
  fields: { text: "java.lang.String", count: "int" },
  ctor: Greeting,
});

/** `com.example.packaging.Greeter`, as a plain ServiceDefinition. */
export const GREETER = {
  interface: "com.example.packaging.Greeter",
  methods: [
    {
      name: "greet",
      parameterTypes: ["java.lang.String", "int"],
      returnType: "com.example.packaging.Greeting",
    },
  ],
};
