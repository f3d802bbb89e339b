// What the widget holds of the views under its chart (under-chart-panels.js: dated events, sensitivity,
// comparison): their parameters' names, and hooks that do nothing until the views' code,
// loaded on demand, has arrived.
export const PANEL_KEYS = ["compare", "metric"];

/** `context` as under-chart-panels.js describes it; `redraw()` is called once the views have loaded. */
export function underChart(context) {
  let view = null;
  let placed = null;
  let pending = null;
  const loaded = import("./under-chart-panels.js")
    .then(({ underChartPanels }) => {
      view = underChartPanels(context);
      if (placed) view.attach(placed);
      if (pending) view.shown(...pending);
      context.redraw();
    })
    .catch((e) => context.note(String(e?.message ?? e)));
  return {
    loaded,
    /** Places the views (after each build of the widget): { host, table }. */
    attach(parts) {
      placed = parts;
      view?.attach(parts);
    },
    overlay: (summary, options) => view?.overlay(summary, options) ?? null,
    /** The query with the views' parameters added (before they load: as given). */
    query(q) {
      const own = view ? view.query() : PANEL_KEYS.filter((k) => context.get(k) !== null).map((k) => `${k}=${encodeURIComponent(context.get(k))}`).join("&");
      return own ? `${q}&${own}` : q;
    },
    shown(result, preview) {
      if (view) view.shown(result, preview);
      else pending = [result, preview];
    },
  };
}
