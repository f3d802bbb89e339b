// The custom element's snippet (the editor's): its module script, the element, and the
// fallback inside it. Apart from sharing.js, which every reader loads for Share and Embed.
import { attr, pinnedBase, withSeed } from "../views/sharing.js";
import { unchanged } from "./state.js";
import { RELEASE } from "../release.js";
import { STATIC_EDITIONS } from "../static-chart.js";

/** The static edition (of `editions`) a query shows, if any: its preset (or the default) in
 * its language, at the default seed and futures, with nothing changed. */
function editionOf(params, editions) {
  if (!unchanged((k) => params.get(k))) return null;
  const preset = params.get("preset") ?? editions.find((e) => e.default)?.preset;
  const lang = params.get("lang") ?? "en";
  return editions.find((e) => e.preset === preset && e.lang === lang) ?? null;
}

/**
 * The custom element's snippet for a state's query: its module script and the element, with
 * content inside it that shows until the element is defined and stays if its script never
 * loads (a page that blocks modules, a host that sends no CORS header, a reader without
 * JavaScript): a link to the embed page named `title`, and, where one of the build's static
 * editions is what the embed shows (a preset in a language, unchanged: `editions`,
 * static-chart.js), its chart and its lead sentence.
 */
export function elementCode(query, here, { seed = null, release = RELEASE, title = "", editions = STATIC_EDITIONS } = {}) {
  here = pinnedBase(here, release);
  const params = new URLSearchParams(withSeed(query, seed));
  const element = [...params].map(([k, v]) => ` ${k}="${attr(v)}"`).join("");
  const embed = new URL(`embed.html?${params}`, here).href;
  const inside = [];
  const c = editionOf(params, editions);
  if (c) {
    inside.push(
      `  <p><strong>${attr(c.lead)}</strong></p>`,
      `  <img src="${attr(new URL(c.file, here).href)}" width="${c.width}" height="${c.height}" alt="${attr(c.alt)}" style="max-width:100%;height:auto">`,
    );
  }
  inside.push(`  <p><a href="${attr(embed)}">${attr(title || "compute-shock")}</a></p>`);
  return `<script type="module" src="${new URL("element.js", here).href}"></script>\n<compute-shock${element}>\n${inside.join("\n")}\n</compute-shock>`;
}
