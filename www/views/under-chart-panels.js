// The views under the fan chart, loaded on demand by under-chart.js: the scenario's dated events on
// the chart and in its table (events.js), what the answer depends on (tornado.js) and two
// scenarios side by side (compare.js), with their URL parameters, `compare` and `metric`:
//
//   compare=<state>   the status quo to compare with: a preset id (`compare=two-track`) or a
//                     state in the URL's own encoding, escaped (`compare=preset=two-track%26
//                     set=shocks.0.rate_per_year:0%26v=1`); seed and futures are the widget's
//   metric=<name>     the tornado's measure (sensitivity.js METRICS; default shortfall_7_days)
//
// Anything else in either is ignored with a note. The workers run a view only while it is on
// screen (or within 200 px of it: not inside a closed "More", not scrolled away, not in a
// preview frame out of sight), after the main run, the comparison before the tornado; a change
// stops both, and a view that leaves the screen stops and picks up where it was when it
// comes back.
import { h, idMaker } from "./dom.js";
import { today } from "../words/format.js";
import { readState, sameScenario, writeState } from "../state/state.js";
import { scenarioTitle } from "../state/controller.js";
import { eventOverlay, eventRows, scenarioEvents, EVENT_TEXT } from "./events.js";
import { RECORD_TEXT, recentRecord } from "./record.js";
import { Pool } from "../engine/paired.js";
import { DEFAULT_METRIC, METRICS } from "../engine/sensitivity.js";
import { tornadoPanel } from "./tornado.js";
import { comparePanel } from "./compare.js";
import { underChartText } from "../words/under-chart-text.js";
import { csvBlob, save } from "./downloads.js";
import { horizonOf } from "../engine/engine-defaults.js";

const STATE_KEYS = ["preset", "set", "scenario", "v"];
const STYLES = new URL("../panels.css", import.meta.url).href;

/** A state's query as a `compare` value: a preset id alone, or the query with only the
 * characters a query value cannot hold escaped. */
export const compareValue = (query) => (query.includes("&") ? encodeURIComponent(query).replace(/%3D/g, "=").replace(/%3A/g, ":").replace(/%2C/g, ",") : query.replace(/^preset=/, ""));

/**
 * The views. `context`: { get, simulator, startOf, nameOf, describe, presetName, tr(), state(),
 * annotations() (the journalist's, embedding.js), publish() (the state's query changed),
 * note(text), redraw() (the fan chart), report(kind, value) (what the tornado or the
 * comparison now shows, for the widget's public object: widget.js `views`) }.
 */
export function underChartPanels(context) {
  const { simulator, startOf, nameOf, describe, presetName } = context;
  const pool = new Pool(simulator);
  const tr = () => context.tr();
  const st = () => context.state();
  let words = underChartText(tr().lang);
  let compare = null;
  let lastResult = null;
  let seen = { compare: undefined, metric: undefined };
  let eventsBox = null;
  /** Each view: its section, whether it is on screen, whether the last result is not yet in
   * it. `running`: the view the workers are on; `generation` tells a stopped run's late
   * answer from the current one. */
  const view = { compare: { element: null, visible: false, stale: false }, tornado: { element: null, visible: false, stale: false } };
  let running = null;
  let generation = 0;
  let observer = null;

  const tornadoView = tornadoPanel({
    pool,
    uid: idMaker(),
    describe: (scenario, keys) => describe(scenario, keys),
    onMetric: () => context.publish(),
    save: (name, text) => save(name, csvBlob(text)),
    report: (value) => context.report?.("tornado", value),
  });
  const compareView = comparePanel({
    uid: idMaker(),
    presets: () => st().presets,
    presetName,
    startOf,
    report: (value) => context.report?.("compare", value),
    onPin: () => setCompare({ preset: st().preset.id, scenario: structuredClone(st().scenario) }),
    onPreset: (id) => {
      const p = st().presets.find((x) => x.id === id);
      if (p) setCompare({ preset: p.id, scenario: structuredClone(p.scenario) });
    },
    onStop: () => {
      compare = null;
      if (running === "compare") halt();
      view.compare.stale = false;
      compareView.clear();
      context.publish();
      update();
    },
  });

  function setCompare(next) {
    compare = next;
    context.publish();
    if (lastResult) {
      if (running) halt();
      view.compare.stale = true;
      update();
    }
  }

  /** Stops the view under way; it stays stale, to run again when it is wanted. */
  function halt() {
    generation += 1;
    if (running) view[running].stale = true;
    running = null;
    pool.cancel();
    tornadoView.stop();
  }

  /** Starts the next view that is on screen and behind the last result; stops the one under
   * way if it has left the screen. */
  function update() {
    if (running && !view[running].visible) halt();
    if (running || !lastResult) return;
    const next = ["compare", "tornado"].find((k) => view[k].stale && view[k].visible);
    if (!next) return;
    const g = ++generation;
    running = next;
    view[next].stale = false;
    const done = () => {
      if (g !== generation) return;
      running = null;
      update();
    };
    (next === "compare" ? runCompare() : runTornado(lastResult)).then(done, (e) => {
      context.note(String(e?.message ?? e));
      done();
    });
  }

  /** The `compare` and `metric` parameters, read when they change (a host page may change
   * them); what cannot be read is noted and dropped. */
  function readParams() {
    const t = tr().t;
    const value = context.get("compare");
    if (value !== seen.compare) {
      seen.compare = value;
      compare = null;
      if (value !== null) {
        const inner = new URLSearchParams(/[=&]/.test(value) ? value : `preset=${value}`);
        const ok = [...inner.keys()].every((k) => STATE_KEYS.includes(k)) && inner.get("preset") !== null;
        const read = ok ? readState((k) => (STATE_KEYS.includes(k) ? inner.get(k) : null), st().presets, st().limits, tr()) : null;
        if (!read || read.notes.length || read.preset !== inner.get("preset")) context.note(t("ignored")("compare", value.slice(0, 80), t("mustBe")(words.compareValue)));
        else compare = { preset: read.preset, scenario: read.scenario };
      }
    }
    const metric = context.get("metric");
    if (metric !== seen.metric) {
      seen.metric = metric;
      if (metric === null) tornadoView.setMetric(DEFAULT_METRIC);
      else if (METRICS.includes(metric)) tornadoView.setMetric(metric);
      else context.note(t("ignored")("metric", metric.slice(0, 80), t("mustBe")(words.metricValue(METRICS.join(", ")))));
    }
  }

  /** The state's query, written as state.js writes a widget's, for `compare`. */
  function compareQuery() {
    const { presets, limits } = st();
    return writeState({ preset: compare.preset, seed: limits.seed.default, trials: limits.trials.default, lang: "en", theme: "auto", scenario: compare.scenario }, presets, limits, "auto");
  }

  const nameOfState = (preset, scenario) => {
    const p = st().presets.find((x) => x.id === preset);
    return scenarioTitle(tr(), presetName(p), !sameScenario(p?.scenario, scenario));
  };

  async function runCompare() {
    const s = st();
    const { seed, trials } = s;
    const pinned = compare;
    const ha = horizonOf(pinned.scenario);
    const hb = horizonOf(s.scenario);
    if (ha !== hb) {
      compareView.status(words.horizons(ha, hb), false);
      return;
    }
    compareView.status(words.comparing(tr().fmt.int(trials)));
    const scenarioB = s.scenario;
    const replies = await pool.run([
      { scenario: pinned.scenario, trials, seed, bins: 128, whole: true },
      { scenario: scenarioB, trials, seed, bins: 128, whole: true },
    ]);
    // Stopped, or another status quo pinned meanwhile: this answer is not wanted.
    if (!replies || compare !== pinned) return;
    const [a, b] = replies;
    if (!a.summary || !b.summary) {
      compareView.status(tr().t("inputError")((a.summary ? b : a).message), false);
    } else {
      compareView.show({ a: a.summary, b: b.summary, figuresA: a.figures, figuresB: b.figures, seed, names: { a: nameOfState(pinned.preset, pinned.scenario), b: nameOfState(s.preset.id, scenarioB) } });
    }
  }

  function runTornado(result) {
    const s = st();
    const { summary } = result;
    const workers = simulator.workers.length;
    const msPerTrial = ((result.elapsed ?? 100) * (result.workers ?? 1)) / Math.max(1, summary.trials);
    return tornadoView.start({ scenario: s.scenario, sources: s.preset.sources, uncertain: summary.uncertain ?? [], seed: s.seed, trials: s.trials, msPerTrial, workers });
  }

  /** The register's recent events, fetched once when a dated scenario's table is drawn. */
  let register = null;
  const loadRegister = () =>
    (register ??= fetch(new URL("../register.json", import.meta.url))
      .then((r) => (r.ok ? r.json() : null))
      .catch(() => null));

  /** A titled data table: `head` the column names, `rows` the body's rows. */
  const titledTable = (title, cls, head, rows) => [
    h("h3", {}, title),
    h(
      "div",
      { class: "cs-table-wrap", tabindex: "0", role: "region", "aria-label": title },
      h("table", { class: `cs-data ${cls}` }, h("thead", {}, h("tr", {}, head.map((x) => h("th", { scope: "col" }, x)))), h("tbody", {}, rows)),
    ),
  ];

  /** What the register records in the year before day 0, as its own small table. */
  function recordTable(record, { fmt, lang }, text) {
    const words = RECORD_TEXT[lang] ?? RECORD_TEXT.en;
    if (record.events.length === 0) return [h("h3", {}, words.title), h("p", {}, words.none)];
    const title = (e) => e.title[lang] ?? e.title.en;
    return titledTable(
      words.title,
      "cs-record",
      [text.date, words.where, text.event],
      record.events.map((e) =>
        h(
          "tr",
          {},
          h("td", {}, fmt.date(e.day)),
          h("td", {}, e.jurisdiction),
          h("th", { scope: "row" }, e.url ? h("a", { href: e.url, target: "_blank", rel: "noopener" }, title(e)) : title(e)),
        ),
      ),
    );
  }

  function renderEvents(summary) {
    if (!eventsBox) return;
    const { fmt } = tr();
    const text = EVENT_TEXT[tr().lang] ?? EVENT_TEXT.en;
    const start = startOf(summary);
    const rows = eventRows(events(), start, fmt);
    // The register's year before day 0 only for a dated scenario (an undated one is dated
    // from today for its table, which the register does not speak for).
    const dated = Boolean(st().scenario?.start_date);
    eventsBox.hidden = rows.length === 0 && !dated;
    const record = h("div", { class: "cs-record-wrap" });
    // Fetched and drawn only once the data table is open (a closed one costs nothing).
    const fill = () =>
      loadRegister().then((doc) => {
        // Only if this table is still the one shown (a newer result redraws it).
        if (doc && record.isConnected) record.replaceChildren(...recordTable(recentRecord(doc, start), tr(), text));
      });
    const box = eventsBox.closest("details");
    if (dated && (!box || box.open)) fill();
    else if (dated) box.addEventListener("toggle", fill, { once: true });
    eventsBox.replaceChildren(
      record,
      ...titledTable(
        text.title,
        "cs-events",
        [text.day, text.date, text.event],
        rows.map(([day, date, what]) => h("tr", {}, h("td", { class: "cs-num" }, fmt.int(day)), h("td", {}, date ?? "–"), h("th", { scope: "row" }, what))),
      ),
    );
  }

  const events = () =>
    scenarioEvents(st().scenario, tr(), { nameOf, today: today(), notes: context.annotations?.() ?? [], start: startOf(st().summary), summary: st().summary });

  return {
    /** Places the views in a (re)built widget: `host` under the chart, `table` the chart's
     * data-table box (the events' table goes in it). */
    attach({ host, table }) {
      words = underChartText(tr().lang);
      eventsBox = h("div", { class: "cs-events-wrap", hidden: true });
      table?.append(eventsBox);
      view.compare.element = compareView.build(tr(), words);
      view.tornado.element = tornadoView.build(tr(), words);
      host.replaceChildren(h("link", { rel: "stylesheet", href: STYLES }), view.compare.element, view.tornado.element);
      // A view inside a closed <details> or out of sight does not intersect; in a frame, the
      // top page's viewport counts.
      observer?.disconnect();
      view.compare.visible = view.tornado.visible = false;
      observer = new IntersectionObserver(
        (entries) => {
          for (const e of entries) view[e.target === view.compare.element ? "compare" : "tornado"].visible = e.isIntersecting;
          update();
        },
        { rootMargin: "200px" },
      );
      observer.observe(view.compare.element);
      observer.observe(view.tornado.element);
      if (lastResult) renderEvents(lastResult.summary);
    },
    /** The events over the fan chart of `summary` (charts.js `overlay`); `today: false`
     * leaves today's mark out (a download dates it only when asked). */
    overlay: (summary, { today: marked = true } = {}) => eventOverlay(marked ? events() : events().filter((e) => e.kind !== "today")),
    /** The views' parameters for the state's query. */
    query() {
      const parts = [];
      if (compare) parts.push(`compare=${compareValue(compareQuery())}`);
      if (tornadoView.metric !== DEFAULT_METRIC) parts.push(`metric=${tornadoView.metric}`);
      return parts.join("&");
    },
    /** A run is on screen: a preview stops the views; a full run makes them stale, to run
     * when they are on screen. */
    shown(result, preview) {
      readParams();
      renderEvents(result.summary);
      halt();
      if (preview) return;
      lastResult = result;
      view.tornado.stale = true;
      view.compare.stale = compare !== null;
      if (!compare) compareView.clear();
      update();
    },
  };
}
