import { afterEach, describe, expect, it, vi } from "vitest";
import { ensure, onPath } from "./provision.mjs";

describe("ensure", () => {
  afterEach(() => vi.restoreAllMocks());

  it("does nothing when the tool is there", () => {
    expect(() =>
      ensure({ what: "node", check: () => onPath("node"), packages: [], help: [] }),
    ).not.toThrow();
  });

  it("without root, names the tool and the commands that get it instead of installing", () => {
    vi.spyOn(process, "getuid").mockReturnValue(1000);
    const check = vi.fn(() => false);
    expect(() =>
      ensure({
        what: "Chromium (for the browser test)",
        check,
        packages: ["chromium"],
        help: ["  - Debian/Ubuntu: sudo apt-get install -y chromium"],
      }),
    ).toThrow(
      "Chromium (for the browser test) was not found. Get it with one of:\n  - Debian/Ubuntu: sudo apt-get install -y chromium",
    );
    expect(check).toHaveBeenCalledTimes(1);
  });
});
