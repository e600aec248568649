/**
 * Generic invocation (`GenericService.$invoke`, dubbo-protocol.md §3.10): the method `$invoke`
 * with the descriptor `Ljava/lang/String;[Ljava/lang/String;[Ljava/lang/Object;`
 * (CommonConstants.GENERIC_PARAMETER_DESC) and the attachment `generic=true`.
 */
export const GENERIC_METHOD = "$invoke";
export const GENERIC_ASYNC_METHOD = "$invokeAsync";
export const GENERIC_PARAMETER_TYPES: readonly string[] = Object.freeze([
  "java.lang.String",
  "java.lang.String[]",
  "java.lang.Object[]",
]);

/** `$echo(Object)` (EchoService / EchoFilter): answered by the provider with its argument. */
export const ECHO_METHOD = "$echo";
export const ECHO_PARAMETER_TYPES: readonly string[] = Object.freeze(["java.lang.Object"]);
