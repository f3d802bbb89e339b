// The sensitivity panel's time in Chromium: the page loads a preset, runs it, then runs the
// tornado's first pass in its workers (tornado.js picks the futures a bar from the main run's
// speed, aiming at 0.4 s); this prints, for each preset, the futures a bar and the pass's
// wall time from request to the last reply, median of `repeat` page loads.
//   node scripts/bench-sensitivity.mjs [repeat, default 5]   (after `node scripts/site.mjs site`)
import { open, settled, start } from "../tests/e2e/browser.mjs";

const repeat = Number(process.argv[2] ?? 5);
const PRESETS = ["tencent-datasection", "two-track", "southeast-asia", "ceo-worst-case"];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const b = await start();
try {
  const cores = await (await b.context.newPage()).evaluate(() => navigator.hardwareConcurrency);
  console.log(`Chromium, ${cores} cores; ${repeat} page loads a preset`);
  console.log("| preset | bars | futures a bar | first pass, median | range |");
  console.log("|---|---|---|---|---|");
  for (const preset of PRESETS) {
    const runs = [];
    for (let k = 0; k < repeat; k++) {
      const { page } = await open(b.context, `${b.base}/index.html?preset=${preset}`);
      await settled(page);
      await page.waitForFunction(() => document.querySelector(".cs-tornado")?.csTornado, null, { timeout: 120_000 });
      runs.push(await page.evaluate(() => {
        const t = document.querySelector(".cs-tornado").csTornado;
        return { trials: t.trials, elapsed: t.elapsed, rows: t.rows.length };
      }));
      await page.close();
    }
    const ms = runs.map((r) => r.elapsed);
    const trials = [...new Set(runs.map((r) => r.trials))].join(", ");
    console.log(`| ${preset} | ${runs[0].rows} | ${trials} | ${Math.round(median(ms))} ms | ${Math.round(Math.min(...ms))}–${Math.round(Math.max(...ms))} ms |`);
  }
} finally {
  await b.close();
}
