// Writes the no-JavaScript fallback into www/index.html and www/embed.html: the default
// preset's headline and a static fan chart, from the native command's own output, so a reader
// without scripts sees the same numbers as everyone else. Run by `make build`.
//   node scripts/noscript.mjs [path to compute-shock binary]
import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { headline } from "../www/story.js";
import { setLang } from "../www/i18n.js";

const root = resolve(fileURLToPath(import.meta.url), "../..");
const bin = process.argv[2] ?? join(root, "target/release/compute-shock");
export const PRESET = "tencent-datasection";

const escape = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The fallback's HTML for a summary (as printed by `compute-shock run`). */
export function fallback(summary, scenario) {
  setLang("en");
  const W = 640;
  const H = 300;
  const m = { left: 56, right: 12, top: 12, bottom: 34 };
  const { p5, p25, p50, p75, p95 } = summary.bands;
  const n = p50.length;
  const top = Math.max(summary.requirement_b200e, ...p95) * 1.08;
  const step = 10 ** Math.floor(Math.log10(top / 4));
  const tick = [1, 2, 2.5, 5, 10].map((k) => k * step).find((s) => top / s <= 5);
  const yMax = Math.ceil(top / tick) * tick;
  const x = (d) => (m.left + (d / (n - 1)) * (W - m.left - m.right)).toFixed(1);
  const y = (v) => (H - m.bottom - (v / yMax) * (H - m.top - m.bottom)).toFixed(1);
  // Every third day (and the last) is plenty for a static picture 640 units wide.
  const days = [...Array(n).keys()].filter((d) => d % 3 === 0 || d === n - 1);
  const area = (lo, hi) => `M${[...days.map((d) => `${x(d)},${y(hi[d])}`), ...days.map((d) => `${x(d)},${y(lo[d])}`).reverse()].join("L")}Z`;
  const line = (v) => `M${days.map((d) => `${x(d)},${y(v[d])}`).join("L")}`;
  const parts = [];
  for (let v = 0; v <= yMax; v += tick) {
    parts.push(`<line x1="${m.left}" x2="${W - m.right}" y1="${y(v)}" y2="${y(v)}" stroke="#d9d5cc"/>`);
    parts.push(`<text x="${m.left - 6}" y="${Number(y(v)) + 4}" text-anchor="end" font-size="11" fill="#5c5a55">${v.toLocaleString("en-GB")}</text>`);
  }
  for (let month = 0; month * 30.44 < n; month += 6) {
    parts.push(`<text x="${x(Math.round(month * 30.44))}" y="${H - m.bottom + 18}" text-anchor="middle" font-size="11" fill="#5c5a55">${month === 0 ? "now" : `+${month} months`}</text>`);
  }
  parts.push(`<path d="${area(p5, p95)}" fill="#9cc3de" opacity="0.55"/>`);
  parts.push(`<path d="${area(p25, p75)}" fill="#4b8ebf" opacity="0.65"/>`);
  parts.push(`<path d="${line(p50)}" fill="none" stroke="#0b3d5e" stroke-width="2"/>`);
  const ry = y(summary.requirement_b200e);
  parts.push(`<line x1="${m.left}" x2="${W - m.right}" y1="${ry}" y2="${ry}" stroke="#b3261e" stroke-width="1.5" stroke-dasharray="5 4"/>`);
  parts.push(`<text x="${W - m.right - 4}" y="${Number(ry) - 6}" text-anchor="end" font-size="11" font-weight="600" fill="#b3261e">Needs ${summary.requirement_b200e.toLocaleString("en-GB")}</text>`);
  const label = `Fan chart: B200-equivalents available each day over ${n} days in ${summary.trials.toLocaleString("en-GB")} simulated futures. Light band: 90% of futures; dark band: the middle half; line: the median.`;
  return [
    "<noscript>",
    '  <figure class="noscript-figure">',
    `    <p class="noscript-headline"><strong>${escape(headline(summary, scenario))}</strong></p>`,
    `    <svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${escape(label)}" xmlns="http://www.w3.org/2000/svg">${parts.join("")}</svg>`,
    `    <figcaption>${escape(scenario.name)}: ${escape(label)} Seed ${summary.seed}. The interactive version needs JavaScript.</figcaption>`,
    "  </figure>",
    "</noscript>",
  ].join("\n");
}

export async function render() {
  const summary = JSON.parse(execFileSync(bin, ["run", "--preset", PRESET], { encoding: "utf8", maxBuffer: 1 << 26 }));
  const presets = execFileSync(bin, ["presets"], { encoding: "utf8" });
  if (!presets.startsWith(`${PRESET}\t`)) throw new Error(`${PRESET} is no longer the default preset`);
  const scenario = JSON.parse(await readFile(join(root, `src/presets/${PRESET}.json`), "utf8")).scenario;
  return fallback(summary, scenario);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const block = await render();
  for (const file of ["www/index.html", "www/embed.html"]) {
    const path = join(root, file);
    const html = await readFile(path, "utf8");
    const next = html.replace(/(<!-- noscript:start -->)[\s\S]*?(<!-- noscript:end -->)/, (_, a, b) => `${a}\n${block}\n${b}`);
    if (next !== html) await writeFile(path, next);
  }
  console.log("wrote the no-script fallback into www/index.html and www/embed.html");
}
