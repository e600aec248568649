// What the tests and the demo need from the machine, found or installed the same way for each:
// when `check` fails and we are root on Debian, install the Debian packages (apt-get, once per
// process); otherwise throw with the exact commands that get the tool. Used for ZooKeeper
// (zk-ensemble.mjs), Chromium and its CJK fonts (the browser test), and Java + Maven (the interop
// suite's Java side, interop/java/build.sh).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

let updated = false;

/** True when `command` is on PATH. */
export function onPath(command) {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes sure a tool is there: `check()` true means present. Otherwise, as root on Debian, installs
 * `packages` with apt-get and checks again; else throws `help` (what to run to get it).
 * @param {{ what: string, check: () => boolean, packages: string[], help: string[] }} need
 */
export function ensure(need) {
  if (need.check()) return;
  if (existsSync("/etc/debian_version") && process.getuid?.() === 0) {
    console.error(
      `provision: ${need.what} not found, installing Debian's ${need.packages.join(" ")}…`,
    );
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    if (!updated) {
      execFileSync("apt-get", ["update", "-q"], { stdio: "inherit", env });
      updated = true;
    }
    execFileSync("apt-get", ["install", "-y", "-q", "--no-install-recommends", ...need.packages], {
      stdio: "inherit",
      env,
    });
    if (need.check()) return;
  }
  throw new Error([`${need.what} was not found. Get it with one of:`, ...need.help].join("\n"));
}

/** `/usr/bin/chromium` (Debian's package) and a CJK font for the brand names in screenshots. */
export const CHROMIUM = "/usr/bin/chromium";

export function ensureChromium() {
  ensure({
    what: "Chromium (for the sellergoods-web browser test)",
    check: () => existsSync(CHROMIUM) && existsSync("/usr/share/fonts/truetype/wqy"),
    packages: ["chromium", "fonts-wqy-microhei"],
    help: [
      "  - Debian/Ubuntu: sudo apt-get install -y chromium fonts-wqy-microhei",
      `  - any OS: install Chromium or Chrome and link it to ${CHROMIUM}`,
    ],
  });
}

/** java 17+ and mvn, for interop/java (Java Dubbo 2.6/2.7/3.3 from Maven Central). */
export function ensureJavaAndMaven() {
  ensure({
    what: "Java and Maven (for the Java interop suite)",
    check: () => onPath("java") && onPath("javac") && onPath("mvn"),
    packages: ["openjdk-17-jdk-headless", "maven"],
    help: [
      "  - Debian/Ubuntu: sudo apt-get install -y openjdk-17-jdk-headless maven",
      "  - any OS: a JDK 17+ (java on PATH) and Apache Maven 3.8+ (mvn on PATH)",
    ],
  });
}
