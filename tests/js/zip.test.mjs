// The static edition's archive: a ZIP that the system's own unzip reads back, file for file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, zip } from "../../www/views/zip.js";

test("crc32 is the standard one", () => {
  assert.equal(crc32(new TextEncoder().encode("123456789")), 0xcbf43926);
  assert.equal(crc32(new Uint8Array()), 0);
});

test("a stored archive that unzip lists and extracts byte for byte, names in UTF-8", () => {
  const files = [
    { name: "chart.svg", data: "<svg/>" },
    { name: "図.txt", data: "大阪\n" },
    { name: "data.bin", data: Uint8Array.from({ length: 300 }, (_, i) => (i * 37) % 256) },
  ];
  const dir = mkdtempSync(join(tmpdir(), "zip-"));
  const path = join(dir, "edition.zip");
  writeFileSync(path, zip(files));
  // Python's zipfile (always at hand here) reads it, checking each file's CRC.
  const listed = execFileSync("python3", ["-c", "import sys,zipfile,json; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(json.dumps([[i.filename, list(z.read(i))] for i in z.infolist()]))", path], { encoding: "utf8" });
  const back = JSON.parse(listed);
  assert.deepEqual(back.map(([n]) => n), files.map((f) => f.name));
  for (const [i, [, bytes]] of back.entries()) {
    const want = typeof files[i].data === "string" ? [...new TextEncoder().encode(files[i].data)] : [...files[i].data];
    assert.deepEqual(bytes, want, files[i].name);
  }
  assert.deepEqual(zip(files), zip(files), "the same files, the same bytes");
  assert.ok(readFileSync(path).length > 300);
});
