// Two built sites side by side in one Chromium: 100,000 trials of the default preset through
// each page's worker pool, the pages taking turns run by run, so both see the same machine
// at the same moments (a shared machine's swings are larger than most changes). Prints each
// site's median and every run. Usage, after `make site` here and in another checkout:
//   node scripts/bench-pages.mjs site /path/to/other/site [rounds, default 25]
// Two copies of the same site measured this way differed by 0.2 ms (medians of 15).
import { resolve } from "node:path";
import { settled, start } from "../tests/e2e/browser.mjs";
import { serve } from "./serve.mjs";

const [a, b, rounds = 25] = process.argv.slice(2);
if (!a || !b) throw new Error("usage: node scripts/bench-pages.mjs siteA siteB [rounds]");
const env = await start({}, { dir: resolve(a) });
const other = await serve(0, "127.0.0.1", { dir: resolve(b) });
const pages = [];
for (const base of [env.base, `http://127.0.0.1:${other.address().port}`]) {
  const page = await env.context.newPage();
  await page.goto(`${base}/`);
  await settled(page);
  // Let the page's own first work (the sensitivity view, if shown) finish.
  await page.waitForTimeout(3000);
  pages.push(page);
}
const times = [[], []];
for (let r = 0; r < Number(rounds); r++) {
  for (const k of [0, 1]) {
    times[k].push(
      await pages[k].evaluate(async () => {
        const api = document.querySelector(".cs-widget").computeShock;
        const t0 = performance.now();
        await api.simulator.run(api.state.presets[0].scenario, { trials: 100_000, seed: 1 });
        return performance.now() - t0;
      }),
    );
  }
}
await env.close();
other.close();
const median = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
for (const [k, dir] of [a, b].entries()) {
  console.log(`${dir}: median ${median(times[k]).toFixed(1)} ms over ${rounds} runs: ${times[k].map((x) => x.toFixed(0)).join(" ")}`);
}
