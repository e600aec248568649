import { JavaInterface, JavaMethod } from "@dubbo-ts/core";

const contractOnly = (): never => {
  throw new Error("contract only: call it through a proxy");
};

/** The contract shared by the provider process and the consumer test. */
@JavaInterface("org.dubbo.ts.it.IntegrationService")
export abstract class IntegrationContract {
  /** Records `id` in the provider's call log after `delayMs`, answers the provider's name. */
  @JavaMethod({ params: ["java.lang.String", "int"], returns: "java.lang.String" })
  handle(_id: string, _delayMs: number): Promise<string> {
    return contractOnly();
  }
}
