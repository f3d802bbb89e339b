// The code's layers import one way: no circle of static imports among the page's modules
// (www/), and none of `use crate::…` among the engine's (src/). A circle is named in full.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(import.meta.url), "../../..");
const files = (dir, ext) => readdirSync(join(ROOT, dir), { recursive: true }).filter((f) => f.endsWith(ext)).map((f) => join(dir, f));

/** The first circle in a graph (node → its edges), as the path round it, or null. */
function circle(graph) {
  const state = new Map();
  const path = [];
  const visit = (node) => {
    state.set(node, "open");
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") return [...path.slice(path.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    path.pop();
    state.set(node, "done");
    return null;
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) {
    const found = visit(node);
    if (found) return found;
  }
  return null;
}

test("a circle is found when there is one", () => {
  assert.deepEqual(circle(new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]]])), ["a", "b", "c", "a"]);
  assert.equal(circle(new Map([["a", ["b", "c"]], ["b", ["c"]], ["c", []]])), null);
});

test("the page's modules import without a circle", () => {
  const graph = new Map();
  for (const file of files("www", ".js")) {
    const code = readFileSync(join(ROOT, file), "utf8");
    const specs = [...code.matchAll(/\b(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]);
    graph.set(file, specs.map((s) => relative(ROOT, resolve(dirname(join(ROOT, file)), s))));
  }
  assert.ok(graph.size > 50, `${graph.size} modules`);
  assert.equal(circle(graph)?.join(" → ") ?? null, null);
});

test("the engine's modules use each other without a circle", () => {
  // A module's name is its file's (src/engine/trial.rs: trial; mod.rs: its folder's), as
  // lib.rs re-exports each under its short name.
  const name = (file) => (file.endsWith("mod.rs") ? dirname(file).split("/").pop() : file.split("/").pop().replace(/\.rs$/, ""));
  const graph = new Map();
  for (const file of files("src", ".rs").filter((f) => !f.endsWith("lib.rs") && !f.endsWith("main.rs"))) {
    // (Test code may use anything: a module's tests, and the day-by-day engine kept for them.)
    if (file.endsWith("engine/reference.rs")) continue;
    const code = readFileSync(join(ROOT, file), "utf8").split(/#\[cfg\(test\)\]\s*(?:#\[[^\]]*\]\s*)*mod \w+/)[0];
    const used = [...code.matchAll(/\buse crate::(\w+)/g), ...code.matchAll(/\bcrate::(\w+)::/g)].map((m) => m[1]);
    const self = name(file);
    graph.set(self, [...new Set(used)].filter((m) => m !== self && !["greater", "lesser", "model", "scenario", "catalogue", "date", "read", "uncertain"].includes(m)));
  }
  assert.ok(graph.has("trial") && graph.has("summary"), [...graph.keys()].join(" "));
  assert.equal(circle(graph)?.join(" → ") ?? null, null);
});
