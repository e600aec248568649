import { crc32, deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readZip } from "./zip.js";

/** A minimal zip writer (APPNOTE §4.3) for the test: one local header + data per entry, then the directory. */
function zip(entries: { name: string; data: Buffer; deflate: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const body = e.deflate ? deflateRawSync(e.data) : e.data;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(e.deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc32(e.data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(e.deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc32(e.data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

describe("readZip", () => {
  it("lists entries and reads stored and deflated ones", () => {
    const text = Buffer.from("class bytes ".repeat(100));
    const bytes = zip([
      { name: "com/x/A.class", data: text, deflate: true },
      {
        name: "META-INF/MANIFEST.MF",
        data: Buffer.from("Manifest-Version: 1.0\n"),
        deflate: false,
      },
    ]);
    const entries = readZip(bytes, "a.jar");
    expect(entries.map((e) => e.name)).toEqual(["com/x/A.class", "META-INF/MANIFEST.MF"]);
    expect(Buffer.from(entries[0]!.read())).toEqual(text);
    expect(Buffer.from(entries[1]!.read()).toString()).toBe("Manifest-Version: 1.0\n");
  });

  it("refuses a file that is not a zip, and an entry whose CRC does not match", () => {
    expect(() => readZip(Buffer.from("not a zip at all, not at all"), "x.jar")).toThrow(
      /x.jar: no end-of-central-directory record/,
    );
    const bytes = zip([{ name: "A.class", data: Buffer.from("abc"), deflate: false }]);
    bytes[30 + "A.class".length] = 0x7a; // corrupt the stored data
    expect(() => readZip(bytes, "y.jar")[0]!.read()).toThrow(/A.class fails its size\/CRC check/);
  });
});
