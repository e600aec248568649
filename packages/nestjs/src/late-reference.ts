/**
 * A reference proxy that exists before the Dubbo application does. Nest resolves constructor
 * arguments before any lifecycle hook runs, but the application is created and started in
 * `onApplicationBootstrap` (once every Nest provider, and so every `@Service`, is known). The
 * object injected into controllers is therefore this stand-in; `bind()` gives it the application's
 * real proxy, to which every property read is forwarded.
 */
export interface LateReference<T extends object> {
  /** What Nest injects: typed as the contract, forwarding to the bound proxy. */
  readonly proxy: T;
  /** Binds the real proxy (at bootstrap). */
  bind(target: T): void;
  /** Unbinds it (at shutdown): later calls reject again. */
  unbind(why: string): void;
}

/**
 * Creates the stand-in for the reference named `label` (for messages) whose contract has the
 * methods `methods`. Only those names are functions before binding: Nest probes every provider for
 * lifecycle hooks (`onModuleInit`…), which must read as absent, not as remote methods.
 */
export function createLateReference<T extends object>(
  label: string,
  methods: ReadonlySet<string>,
): LateReference<T> {
  let target: T | undefined;
  let notBound = `${label}: the Dubbo application is not started yet; calls work once Nest has bootstrapped (app.init() / app.listen())`;
  const proxy = new Proxy(Object.create(null) as T, {
    get(_, property) {
      if (target) {
        const value = Reflect.get(target, property);
        return typeof value === "function" ? value.bind(target) : value;
      }
      // Not thenable (so `await` on the proxy itself calls nothing), and no lifecycle hooks.
      if (typeof property !== "string" || !methods.has(property)) return undefined;
      return () => Promise.reject(new Error(notBound));
    },
    has: (_, property) => (target ? Reflect.has(target, property) : false),
  });
  return {
    proxy,
    bind(value) {
      target = value;
    },
    unbind(why) {
      target = undefined;
      notBound = `${label}: ${why}`;
    },
  };
}
