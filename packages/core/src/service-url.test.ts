import { describe, expect, it } from "vitest";
import { ServiceUrl, serviceKey } from "./service-url.js";

describe("ServiceUrl", () => {
  it("writes parameters sorted by key with raw values, as Java's toFullString", () => {
    const url = new ServiceUrl({
      protocol: "dubbo",
      host: "10.0.0.5",
      port: 20880,
      path: "org.apache.dubbo.demo.DemoService",
      parameters: {
        side: "provider",
        methods: "sayHello,sayHelloAsync",
        application: "demo-provider",
        anyhost: true,
      },
    });
    expect(url.toFullString()).toBe(
      "dubbo://10.0.0.5:20880/org.apache.dubbo.demo.DemoService?anyhost=true&application=demo-provider&methods=sayHello,sayHelloAsync&side=provider",
    );
  });

  it("encodes like java.net.URLEncoder (comma once, space as +, * kept)", () => {
    expect(ServiceUrl.encode("dubbo://1.2.3.4:20880/a.B?methods=x,y&k=a b*~!")).toBe(
      "dubbo%3A%2F%2F1.2.3.4%3A20880%2Fa.B%3Fmethods%3Dx%2Cy%26k%3Da+b*%7E%21",
    );
    expect(ServiceUrl.decode("a+b%2Cc")).toBe("a b,c");
  });

  it("parses what it writes", () => {
    const text = "consumer://u:p@10.0.0.5/com.x.Svc?category=consumers&side=consumer&version=1.0.0";
    const url = ServiceUrl.parse(text);
    expect(url).toMatchObject({
      protocol: "consumer",
      username: "u",
      password: "p",
      host: "10.0.0.5",
      port: 0,
      path: "com.x.Svc",
    });
    expect(url.toFullString()).toBe(text);
    expect(url.serviceKey).toBe("com.x.Svc:1.0.0");
  });

  it("builds service keys as [group/]interface[:version]", () => {
    expect(serviceKey("a.B", "0.0.0")).toBe("a.B");
    expect(serviceKey("a.B", "1.0.0", "g")).toBe("g/a.B:1.0.0");
  });

  it("reads the default.-prefixed keys legacy providers write, as Java's URL.valueOf", () => {
    const legacy = ServiceUrl.parse(
      "dubbo://127.0.0.1:20880/com.x.Svc?default.group=g&default.timeout=3000&default.version=1.0.0&dubbo=2.5.3&interface=com.x.Svc&timeout=500",
    );
    expect(legacy.getParameter("version")).toBe("1.0.0");
    expect(legacy.getParameter("group")).toBe("g");
    expect(legacy.getParameter("timeout")).toBe("500"); // the URL's own value wins, in any order
    expect(legacy.getParameter("default.timeout")).toBe("3000");
    expect(legacy.serviceKey).toBe("g/com.x.Svc:1.0.0");
    expect(
      ServiceUrl.parse("dubbo://h:1/a.B?timeout=7&default.timeout=9").getParameter("timeout"),
    ).toBe("7");
  });
});
