import { describe, expect, it } from "vitest";
import { renderTable, renderTelnetTable } from "./table.js";

// Expected texts printed by Java Dubbo 3.3.6's org.apache.dubbo.qos.textui.TTable for the same
// rows and column definitions (the ones Ls.java and Help.java use).
const JAVA_LS =
  "+---------------------------------------------+--------------+\n|            Provider Service Name            |      PUB     |\n+---------------------------------------------+--------------+\n|com.jd.sellergoods.service.BrandService:1.0.0|zookeeper-I(Y)|\n+---------------------------------------------+--------------+\n|                      x                      |zookeeper-I(N)|\n+---------------------------------------------+--------------+\n";
const JAVA_HELP =
  "+--------------+----------------------------------------------------------------------------------+\n| COMMAND NAME | online                                                                           |\n+--------------+----------------------------------------------------------------------------------+\n|      EXAMPLE | online dubbo                                                                     |\n|              | online xx.xx.xxx.service                                                         |\n+--------------+----------------------------------------------------------------------------------+\n";
const JAVA_EMPTY =
  "+---------------------+---+\n|Consumer Service Name|NUM|\n+---------------------+---+\n";

const MIDDLE = [{ align: "middle" as const }, { align: "middle" as const }];

describe("renderTable", () => {
  it("draws ls tables exactly as Java's TTable (middle alignment, odd space on the left)", () => {
    const rows = [
      ["Provider Service Name", "PUB"],
      ["com.jd.sellergoods.service.BrandService:1.0.0", "zookeeper-I(Y)"],
      ["x", "zookeeper-I(N)"],
    ];
    expect(renderTable(rows, MIDDLE)).toBe(JAVA_LS);
    expect(renderTable([["Consumer Service Name", "NUM"]], MIDDLE)).toBe(JAVA_EMPTY);
  });

  it("draws help tables exactly as Java's TTable (fixed width 80, padding 1, multi-line cells)", () => {
    const columns = [{ align: "right" as const }, { align: "left" as const, width: 80 }];
    const rows = [
      ["COMMAND NAME", "online"],
      ["EXAMPLE", "online dubbo\nonline xx.xx.xxx.service\n"],
    ];
    expect(renderTable(rows, columns, 1)).toBe(JAVA_HELP);
  });

  it("wraps a cell longer than a fixed width", () => {
    const out = renderTable([["a".repeat(12)]], [{ align: "left", width: 5 }]);
    expect(out).toBe("+-----+\n|aaaaa|\n|aaaaa|\n|aa   |\n+-----+\n");
  });
});

describe("renderTelnetTable", () => {
  it("draws count's table with a header between lines and \\r\\n line ends", () => {
    expect(renderTelnetTable(["method", "total"], [["findAll", "12"]])).toBe(
      "+---------+-------+\r\n| method  | total |\r\n+---------+-------+\r\n| findAll | 12    |\r\n+---------+-------+\r\n",
    );
  });
});
