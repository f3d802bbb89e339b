// A widget's controller (www/state/controller.js) in Node, driven as a page would drive it: the
// real engine (pkg/, the WebAssembly package, in Node) behind a stand-in for the page's
// workers (simulator.js). Used by the controller's tests and the views' pure parts.
import { engine } from "./engine.mjs";
import { controller } from "../../www/state/controller.js";
import { loadLanguage, translator } from "../../www/words/i18n.js";
import { presetFiles } from "../../scripts/site.mjs";

export const LIMITS = engine.limits();
export const { presets: PRESETS } = await presetFiles();
await Promise.all([loadLanguage("en"), loadLanguage("ja")]);
export const en = translator("en");
// The scheduler (runs.js) previews at the next frame: Node has no frames, so a timer stands in.
globalThis.requestAnimationFrame ??= (f) => setTimeout(f, 0);
globalThis.cancelAnimationFrame ??= (id) => clearTimeout(id);

/** The page's workers, in one: every run is the engine's `simulate`, a refusal its error. */
function workers(hooks, ran) {
  queueMicrotask(() => hooks.onReady(structuredClone(PRESETS), LIMITS));
  return {
    size: 1,
    notes: async () => [{}, {}],
    async run(scenario, options) {
      await null;
      ran.push({ scenario: structuredClone(scenario), ...options });
      try {
        return { summary: engine.simulate(scenario, options), workers: 1, shares: 1, elapsed: 0 };
      } catch (e) {
        hooks.onError({ message: e.message, field: e.field, reason: e.reason }, false);
        return null;
      }
    },
  };
}

/** A widget's controller read from `params` (as a URL's query), with what it tells and runs. */
export async function widget(params = {}, options = {}) {
  const query = new URLSearchParams(params);
  const ran = [];
  const told = [];
  const c = controller({ engine: (hooks) => workers(hooks, ran), get: (k) => query.get(k), names: () => [...query.keys()], ...options });
  for (const type of ["ready", "change", "result", "layout", "preset", "notes", "error", "theme", "marks", "state"]) c.on(type, (detail) => told.push({ type, detail }));
  const w = {
    c,
    query,
    ran,
    told,
    /** What was told of `type` since the last `clear()`. */
    of: (type) => told.filter((x) => x.type === type).map((x) => x.detail),
    clear: () => told.splice(0),
    /** The next time `type` is told. */
    next: (type) => new Promise((resolve) => {
      const off = c.on(type, (detail) => {
        off();
        resolve(detail);
      });
    }),
    /** A host changes its parameters. */
    async host(changes) {
      for (const [k, v] of Object.entries(changes)) (v === null ? query.delete(k) : query.set(k, v));
      await c.update();
    },
  };
  const shown = w.next("result");
  await w.next("ready");
  await shown;
  return w;
}

