// Measures the longest task in an embed while a sibling frame (not its parent) posts it a
// message of a million small objects: `node scripts/bench-sibling-message.mjs` (needs site/).
import { otherOrigin, start, settled } from "../tests/e2e/browser.mjs";
const b = await start();
const pages = {};
const host = await otherOrigin(pages);
pages["/a"] = `<!doctype html><body><iframe id="f" src="${b.base}/embed.html?trials=1000" style="width:100%;height:700px;border:0"></iframe></body>`;
const page = await b.context.newPage();
await page.goto(`${host.origin}/a`);
const frame = await (await page.waitForSelector("#f")).contentFrame();
await settled(frame, 1000);
await frame.evaluate(() => { window.longest = 0; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.longest = Math.max(window.longest, e.duration); }).observe({ type: "longtask" }); });
await page.evaluate(() => {
  const sib = document.createElement("iframe");
  sib.srcdoc = "<script>const big = Array.from({ length: 1000000 }, (_, i) => ({ i, s: 'x' + i })); parent.frames[0].postMessage(big, '*')<\/script>";
  document.body.append(sib);
});
await page.waitForTimeout(8000);
console.log("longest task in the frame:", await frame.evaluate(() => Math.round(window.longest)), "ms");
await host.close(); await b.close(); process.exit(0);
