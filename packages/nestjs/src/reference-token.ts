import type { ReferenceOptions, ServiceDefinition } from "@dubbo-ts/core";
import {
  type Constructor,
  isServiceDefinition,
  resolveServiceDefinition,
} from "@dubbo-ts/core/spi";
import { Inject } from "@nestjs/common";

/** A contract: a `@JavaInterface` class or a plain `ServiceDefinition` object. */
export type Contract = Constructor | ServiceDefinition;

/**
 * One reference the module provides through Nest's DI: a contract alone, or its options (`version`,
 * `group`, `timeout`, `retries`, `check`…) plus an optional `name` to tell two references to the
 * same interface apart (e.g. two versions).
 */
export type ReferenceEntry =
  | Contract
  | (ReferenceOptions & { contract: Contract; name?: string | undefined });

/** The Java interface name of a contract (its `@JavaInterface` name or its `interface` field). */
function interfaceOf(contract: Contract): string {
  if (isServiceDefinition(contract)) return contract.interface;
  return resolveServiceDefinition({ contract }).interface;
}

/**
 * The Nest injection token of the reference to `contract` (and `name`, when several references
 * share an interface): `dubbo-ts:reference:<java interface>[#name]`. Stable across modules, so a
 * provider can also write `@Inject(getReferenceToken(BrandService))`.
 */
export function getReferenceToken(contract: Contract, name?: string): string {
  return `dubbo-ts:reference:${interfaceOf(contract)}${name ? `#${name}` : ""}`;
}

/** The contract and options of an entry, in one shape. */
export function normalizeEntry(entry: ReferenceEntry): {
  token: string;
  contract: Contract;
  options: ReferenceOptions;
} {
  if (typeof entry === "function" || isServiceDefinition(entry)) {
    return { token: getReferenceToken(entry), contract: entry, options: {} };
  }
  const { contract, name, ...options } = entry;
  if (contract === undefined) {
    throw new TypeError(
      'DubboModule references: an entry object needs its contract, e.g. { contract: BrandService, version: "1.0.0" }',
    );
  }
  return { token: getReferenceToken(contract, name), contract, options };
}

/**
 * Injects the typed proxy of a remote service listed in `DubboModule.forRoot({ references })`:
 * `constructor(@InjectReference(BrandService) private readonly brands: BrandService) {}`. Calls
 * made before the application has bootstrapped (the Dubbo application starts in
 * `onApplicationBootstrap`) or after shutdown reject with an error that says so.
 */
export function InjectReference(
  contract: Contract,
  name?: string,
): PropertyDecorator & ParameterDecorator {
  return Inject(getReferenceToken(contract, name));
}
