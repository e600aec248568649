import { describe, expect, it } from "vitest";
import { applyConfigurator, applyConfigurators, toConfigurators } from "./configurator.js";
import { ServiceUrl } from "./service-url.js";
import { mergeUrl } from "./url-merge.js";

const CONSUMER_IP = "10.0.0.9";
const consumer = ServiceUrl.parse(
  `consumer://${CONSUMER_IP}/com.foo.BarService?application=web&interface=com.foo.BarService&version=1.0.0&side=consumer&timeout=2000&methods=find`,
);
const provider = (host: string, port: number, extra = "") =>
  ServiceUrl.parse(
    `dubbo://${host}:${port}/com.foo.BarService?application=svc&interface=com.foo.BarService&version=1.0.0&side=provider&timestamp=5&methods=find${extra}`,
  );
/** What a consumer holds for a provider before the rules: the provider URL merged with its own. */
const held = (host: string, port: number, extra = "") =>
  mergeUrl(provider(host, port, extra), consumer);
/** A rule as dubbo-admin writes it: category, dynamic=false, enabled=true and the service's version. */
const rule = (hostPort: string, params: string, protocol = "override") =>
  ServiceUrl.parse(
    `${protocol}://${hostPort}/com.foo.BarService?category=configurators&dynamic=false&enabled=true&version=1.0.0&${params}`,
  );
const onConsumer = (r: ServiceUrl, url: ServiceUrl) => applyConfigurator(r, url, CONSUMER_IP);

describe("applyConfigurator: which URLs a rule applies to", () => {
  it("applies an anyhost rule to every provider a consumer holds", () => {
    const r = rule("0.0.0.0", "weight=200");
    expect(onConsumer(r, held("10.0.0.5", 20881)).getParameter("weight")).toBe("200");
    expect(onConsumer(r, held("10.0.0.6", 20882)).getParameter("weight")).toBe("200");
  });

  it("applies a host:port rule only to the provider at that address", () => {
    const r = rule("10.0.0.5:20881", "disabled=true");
    expect(onConsumer(r, held("10.0.0.5", 20881)).getParameter("disabled")).toBe("true");
    expect(onConsumer(r, held("10.0.0.5", 20882)).getParameter("disabled")).toBeUndefined();
    expect(onConsumer(r, held("10.0.0.6", 20881)).getParameter("disabled")).toBeUndefined();
  });

  it("applies a 0.0.0.0:port rule to the providers on that port, whatever their host", () => {
    const r = rule("0.0.0.0:20881", "weight=7");
    expect(onConsumer(r, held("10.0.0.5", 20881)).getParameter("weight")).toBe("7");
    expect(onConsumer(r, held("10.0.0.6", 20881)).getParameter("weight")).toBe("7");
    expect(onConsumer(r, held("10.0.0.6", 20882)).getParameter("weight")).toBeUndefined();
  });

  it("reads a host rule without a port as a consumer IP: it targets this consumer, not a provider host", () => {
    const mine = rule(CONSUMER_IP, "timeout=3000");
    expect(onConsumer(mine, held("10.0.0.5", 20881)).getParameter("timeout")).toBe("3000");
    const providerHost = rule("10.0.0.5", "timeout=3000");
    expect(onConsumer(providerHost, held("10.0.0.5", 20881)).getParameter("timeout")).toBe("2000");
  });

  it("applies host rules without a port on the provider side only when they are 0.0.0.0", () => {
    const own = provider("10.0.0.5", 20881);
    expect(applyConfigurator(rule("0.0.0.0", "weight=3"), own, "").getParameter("weight")).toBe(
      "3",
    );
    expect(
      applyConfigurator(rule("10.0.0.5", "weight=3"), own, "").getParameter("weight"),
    ).toBeUndefined();
  });

  it("matches application against the URL's application: the consumer's own on a consumer", () => {
    const url = held("10.0.0.5", 20881);
    expect(
      onConsumer(rule("0.0.0.0", "application=web&weight=9"), url).getParameter("weight"),
    ).toBe("9");
    expect(
      onConsumer(rule("0.0.0.0", "application=svc&weight=9"), url).getParameter("weight"),
    ).toBeUndefined();
    expect(onConsumer(rule("0.0.0.0", "application=*&weight=9"), url).getParameter("weight")).toBe(
      "9",
    );
    // The username of the rule's URL is its application when it has no application parameter.
    const byUser = ServiceUrl.parse(
      "override://other@0.0.0.0/com.foo.BarService?version=1.0.0&weight=9",
    );
    expect(onConsumer(byUser, url).getParameter("weight")).toBeUndefined();
  });

  it("applies side=consumer rules on a consumer and side=provider rules on a provider only", () => {
    const consumerSide = held("10.0.0.5", 20881);
    const providerSide = provider("10.0.0.5", 20881);
    const forConsumers = rule("0.0.0.0", "side=consumer&timeout=50");
    const forProviders = rule("0.0.0.0", "side=provider&timeout=50");
    expect(onConsumer(forConsumers, consumerSide).getParameter("timeout")).toBe("50");
    expect(onConsumer(forProviders, consumerSide).getParameter("timeout")).toBe("2000");
    expect(applyConfigurator(forProviders, providerSide, "").getParameter("timeout")).toBe("50");
    expect(
      applyConfigurator(forConsumers, providerSide, "").getParameter("timeout"),
    ).toBeUndefined();
  });

  it("ignores a rule with enabled other than true", () => {
    const url = held("10.0.0.5", 20881);
    const off = ServiceUrl.parse(
      "override://0.0.0.0/com.foo.BarService?category=configurators&enabled=false&version=1.0.0&weight=1",
    );
    expect(onConsumer(off, url)).toBe(url);
    expect(onConsumer(rule("0.0.0.0", "weight=1"), url).getParameter("weight")).toBe("1");
  });

  it("requires ~key parameters to equal the URL's key", () => {
    const url = held("10.0.0.5", 20881);
    const fromSvc = rule("0.0.0.0", "~remote.application=svc&weight=5");
    const fromOther = rule("0.0.0.0", "~remote.application=other&weight=5");
    const configured = onConsumer(fromSvc, url);
    expect(configured.getParameter("weight")).toBe("5");
    expect(configured.parameters["~remote.application"]).toBeUndefined();
    expect(onConsumer(fromOther, url).getParameter("weight")).toBeUndefined();
  });

  it("requires the rule's service (group, version) to be the URL's", () => {
    const url = held("10.0.0.5", 20881, "&group=g1");
    expect(onConsumer(rule("0.0.0.0", "group=g1&weight=5"), url).getParameter("weight")).toBe("5");
    expect(
      onConsumer(rule("0.0.0.0", "group=g2&weight=5"), url).getParameter("weight"),
    ).toBeUndefined();
    const otherVersion = ServiceUrl.parse(
      "override://0.0.0.0/com.foo.BarService?version=2.0.0&weight=5",
    );
    expect(onConsumer(otherVersion, url).getParameter("weight")).toBeUndefined();
  });

  it("restricts an anyhost rule to providerAddresses when present", () => {
    const r = rule("0.0.0.0", "providerAddresses=10.0.0.5:20881,10.0.0.7:1&weight=4");
    expect(onConsumer(r, held("10.0.0.5", 20881)).getParameter("weight")).toBe("4");
    expect(onConsumer(r, held("10.0.0.6", 20881)).getParameter("weight")).toBeUndefined();
  });

  it("applies configVersion rules on the side they name", () => {
    const url = held("10.0.0.5", 20881);
    const v27 = (params: string) =>
      ServiceUrl.parse(
        `override://0.0.0.0/com.foo.BarService?configVersion=v2.7&version=1.0.0&${params}`,
      );
    expect(onConsumer(v27("side=consumer&timeout=9"), url).getParameter("timeout")).toBe("9");
    expect(onConsumer(v27("side=provider&timeout=9"), url).getParameter("timeout")).toBe("2000");
    expect(onConsumer(v27("timeout=9"), url).getParameter("timeout")).toBe("2000");
  });
});

describe("applyConfigurator: what a rule changes", () => {
  it("override:// sets its parameters and leaves out the condition keys", () => {
    const url = held("10.0.0.5", 20881);
    const r = rule("0.0.0.0", "application=*&side=*&timeout=3000&find.retries=0");
    const configured = onConsumer(r, url);
    expect(configured.getParameter("timeout")).toBe("3000");
    expect(configured.getParameter("find.retries")).toBe("0");
    for (const key of ["category", "dynamic", "enabled"]) {
      expect(configured.parameters[key]).toBeUndefined();
    }
    expect(configured.getParameter("side")).toBe("consumer");
    expect(configured.getParameter("application")).toBe("web");
    expect(configured.address).toBe("10.0.0.5:20881");
    expect(configured.protocol).toBe("dubbo");
  });

  it("absent:// only fills parameters the URL lacks", () => {
    const url = held("10.0.0.5", 20881);
    const configured = onConsumer(rule("0.0.0.0", "timeout=3000&weight=50", "absent"), url);
    expect(configured.getParameter("timeout")).toBe("2000");
    expect(configured.getParameter("weight")).toBe("50");
  });
});

describe("toConfigurators", () => {
  it("keeps the current rules for an empty list and clears them on empty://", () => {
    expect(toConfigurators([])).toBeUndefined();
    const empty = consumer
      .with({ protocol: "empty" })
      .withParameters({ category: "configurators" });
    expect(toConfigurators([rule("0.0.0.0", "weight=1"), empty])).toEqual([]);
  });

  it("leaves out rules with nothing but anyhost, other protocols and 2.6 compatibility copies", () => {
    const bare = ServiceUrl.parse("override://0.0.0.0/com.foo.BarService?anyhost=true");
    const route = ServiceUrl.parse("condition://0.0.0.0/com.foo.BarService?category=configurators");
    const compat = rule("0.0.0.0", "compatible_config=true&weight=1");
    const real = rule("0.0.0.0", "weight=1");
    expect(toConfigurators([bare])).toEqual([]);
    expect(toConfigurators([bare, route, compat, real])).toEqual([real]);
  });

  it("orders rules by host, then priority, keeping the notified order otherwise", () => {
    const specific = rule("10.0.0.5:20881", "weight=50");
    const anyLow = rule("0.0.0.0", "priority=1&weight=200");
    const anyHigh = rule("0.0.0.0", "priority=2&weight=300");
    const anyTimeout = rule("0.0.0.0", "priority=2&timeout=1");
    expect(toConfigurators([specific, anyHigh, anyTimeout, anyLow])).toEqual([
      anyLow,
      anyHigh,
      anyTimeout,
      specific,
    ]);
  });
});

describe("applyConfigurators", () => {
  it("lets a rule for one provider win over a rule for all, whatever the notified order", () => {
    const rules = toConfigurators([
      rule("10.0.0.5:20881", "weight=50"),
      rule("0.0.0.0", "weight=200"),
    ])!;
    expect(
      applyConfigurators(rules, held("10.0.0.5", 20881), CONSUMER_IP).getParameter("weight"),
    ).toBe("50");
    expect(
      applyConfigurators(rules, held("10.0.0.6", 20881), CONSUMER_IP).getParameter("weight"),
    ).toBe("200");
  });

  it("applies later rules over earlier ones and returns the URL itself without rules", () => {
    const url = held("10.0.0.5", 20881);
    expect(applyConfigurators([], url, CONSUMER_IP)).toBe(url);
    const rules = [rule("0.0.0.0", "timeout=1&retries=5"), rule("0.0.0.0", "timeout=2")];
    const configured = applyConfigurators(rules, url, CONSUMER_IP);
    expect(configured.getParameter("timeout")).toBe("2");
    expect(configured.getParameter("retries")).toBe("5");
  });
});
