// docs/MODEL.md's figures for the presets are the native command's: every table between
// figure markers is what scripts/model-figures.mjs makes from the runs it names, and every
// share or decimal figure in that section's prose is one a run printed (or a derived one the
// script lists with its arithmetic). The command is built first (make test-js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { DOC, allowed, quoted, rewrite, runAll, tables } from "../../scripts/model-figures.mjs";

const runs = runAll();
const doc = readFileSync(DOC, "utf8");

test("docs/MODEL.md's preset tables are the command's output", () => {
  assert.equal((doc.match(/<!-- figures: /g) ?? []).length, Object.keys(tables(runs)).length);
  assert.equal(rewrite(doc, runs), doc, "run `node scripts/model-figures.mjs` after a change that moves a figure");
});

test("every share and decimal figure in docs/MODEL.md's presets section is one a run printed", () => {
  const ok = allowed(runs);
  const figures = quoted(doc);
  assert.ok(figures.length > 30, `${figures.length} figures found`);
  assert.deepEqual(figures.filter((x) => !ok.has(x)), []);
});

test("the checks catch a stale figure, in the prose and in a table", () => {
  // The default preset's share more than a week late, its last digit changed.
  const [, figure] = doc.match(/ (0\.\d+) of futures \(about/);
  // (the first last digit that no run printed: a neighbour can be another run's figure)
  const stale = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => figure.slice(0, -1) + String((Number(figure.at(-1)) + d) % 10)).find((x) => !allowed(runs).has(x));
  const prose = doc.replace(`${figure} of futures (about`, `${stale} of futures (about`);
  assert.notEqual(prose, doc);
  assert.deepEqual(quoted(prose).filter((x) => !allowed(runs).has(x)), [stale]);
  // The first figure of two-track's third row, one digit changed.
  const table = doc.replace(/(<!-- figures: two-track -->\n(?:.*\n){4}\| [^|]+\| )(\d)/, (all, before, digit) => before + String((Number(digit) + 1) % 10));
  assert.notEqual(table, doc);
  assert.notEqual(rewrite(table, runs), table);
});
