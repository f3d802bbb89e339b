// The page's transfer size, gzipped: what a reader downloads for site/index.html (HTML, every
// ES module, CSS, the wasm-bindgen glue and the wasm), as `make site` writes it. Run by
// `make test`.
//
// Budgets: the wasm at most 100 KB and the whole page at most 150 KB (1 KB = 1,000 bytes).
// Over either, the check fails.
import { readFile, readdir } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const BUDGET = { wasm: 100_000, page: 150_000 };

const root = resolve(fileURLToPath(import.meta.url), "../..");
const gz = async (path) => gzipSync(await readFile(path), { level: 9 }).length;

const site = join(root, "site");
const pageFiles = (await readdir(site)).filter((f) => /\.(js|css)$/.test(f) && !["element.js", "element.css", "embed.js", "resize.js"].includes(f));
const parts = [["site/index.html", await gz(join(site, "index.html"))]];
for (const f of pageFiles) parts.push([`site/${f}`, await gz(join(site, f))]);
parts.push(["site/pkg/compute_shock.js", await gz(join(site, "pkg/compute_shock.js"))]);
const wasm = await gz(join(site, "pkg/compute_shock_bg.wasm"));
parts.push(["site/pkg/compute_shock_bg.wasm", wasm]);
const page = parts.reduce((sum, [, n]) => sum + n, 0);

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
for (const [name, n] of parts) console.log(`${kb(n).padStart(9)}  ${name}`);
console.log(`page ${kb(page)} (budget ${kb(BUDGET.page)}); wasm ${kb(wasm)} (budget ${kb(BUDGET.wasm)})`);
const over = [["page", page], ["wasm", wasm]].filter(([k, n]) => n > BUDGET[k]);
if (over.length) {
  console.error(`size: ${over.map(([k, n]) => `${k} is ${kb(n)}, over its budget of ${kb(BUDGET[k])}`).join("; ")}`);
  process.exit(1);
}
