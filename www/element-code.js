// The custom element's snippet (the editor's): its module script, the element, and the
// fallback inside it. Apart from sharing.js, which every reader loads for Share and Embed.
import { attr, pinnedBase, withSeed } from "./sharing.js";
import { RELEASE } from "./release.js";
import { STATIC_CHART } from "./static-chart.js";

/** The static chart shows what a query asks for: its preset (or the default), in its
 * language, with the default seed and futures and nothing changed. */
function showsStatic(params, chart) {
  const is = (k, v) => !params.has(k) || params.get(k) === v;
  return Boolean(chart) && is("preset", chart.preset) && is("lang", chart.lang) && is("seed", "1") && is("trials", "10000") && !params.has("set") && !params.has("scenario");
}

/**
 * The custom element's snippet for a state's query: its module script and the element, with
 * content inside it that shows until the element is defined and stays if its script never
 * loads (a page that blocks modules, a host that sends no CORS header, a reader without
 * JavaScript): a link to the embed page named `title`, and, where the build's static chart
 * is what the embed shows (`staticChart`, static-chart.js), that chart and its lead sentence.
 */
export function elementCode(query, here, { seed = null, release = RELEASE, title = "", staticChart = STATIC_CHART } = {}) {
  here = pinnedBase(here, release);
  const params = new URLSearchParams(withSeed(query, seed));
  const element = [...params].map(([k, v]) => ` ${k}="${attr(v)}"`).join("");
  const embed = new URL(`embed.html?${params}`, here).href;
  const inside = [];
  if (showsStatic(params, staticChart)) {
    const c = staticChart;
    inside.push(
      `  <p><strong>${attr(c.lead)}</strong></p>`,
      `  <img src="${attr(new URL(c.file, here).href)}" width="${c.width}" height="${c.height}" alt="${attr(c.alt)}" style="max-width:100%;height:auto">`,
    );
  }
  inside.push(`  <p><a href="${attr(embed)}">${attr(title || "compute-shock")}</a></p>`);
  return `<script type="module" src="${new URL("element.js", here).href}"></script>\n<compute-shock${element}>\n${inside.join("\n")}\n</compute-shock>`;
}
