// The widget, assembled: preset picker, headline, figures, sliders, run settings, sharing,
// downloads, sites, all parameters and sources, built into any element (the page, the iframe
// page, or a custom element's shadow root). Each part is its own module and gets what it
// needs as arguments: this widget's translator (its language), its state, its callbacks; two
// widgets in different languages can share a page. All text goes in as text: nothing from a
// scenario or a URL is markup.
import { Simulator } from "./simulator.js";
import { translator } from "./i18n.js";
import { locate, nextSeed, readState, writeState } from "./state.js";
import { button, h, idMaker } from "./dom.js";
import { presetText } from "./presets-ja.js";
import { scheduler } from "./runs.js";
import { sliderPanel } from "./sliders.js";
import { runSettings } from "./settings.js";
import { describeField, parametersPanel, renderSources } from "./parameters.js";
import { figuresPanel } from "./figures.js";
import { renderSites } from "./tables.js";
import { headline } from "./story.js";
import { sharing } from "./sharing.js";
import { downloads } from "./downloads.js";
import { parseDate, today } from "./format.js";

const HERE = new URL("./", import.meta.url);

const clone = (x) => structuredClone(x);

/** Notes on what a link asked for and could not have, and the error that stopped a run, with
 * the inputs it names marked by the panels that have them (`mark(field)`; null unmarks). */
function notices(root, panels) {
  const notes = h("div", { class: "cs-notes", role: "status" });
  const error = h("p", { class: "cs-error", role: "alert", hidden: true });
  const show = (message, field) => {
    error.hidden = message === null;
    error.textContent = message ?? "";
    for (const x of panels) x.mark(field ?? null);
    root.classList.toggle("cs-has-error", message !== null);
  };
  return {
    notes,
    error,
    showNotes: (list) => notes.replaceChildren(...list.map((n) => h("p", { class: "cs-note" }, n))),
    showError: show,
    clearError: () => show(null),
  };
}

/**
 * Mounts the widget in `root`.
 * @param {HTMLElement} root
 * @param {{
 *   get?: (name: string) => string | null,   reads parameters (URL query or attributes)
 *   onState?: (query: string) => void,        told the state's query after every change
 *   pageUrl?: URL,                            where share links point (default: index.html)
 *   start?: Date,                             day 0 when the scenario has no start_date
 *                                             (a calendar day, format.js; default: today)
 * }} options
 */
export function mountWidget(root, options = {}) {
  const get = options.get ?? (() => null);
  // Day 0 is the scenario's start date (the run's summary carries it); only a scenario
  // without one is dated from the day the reader opened the widget.
  const fallbackStart = options.start ?? today();
  const startOf = (summary) => parseDate(summary?.start_date) ?? fallbackStart;
  const pageUrl = options.pageUrl ?? new URL("index.html", HERE);
  // The language is this widget's for its whole life (a new one is mounted to change it).
  const tr = translator(get("lang"));
  const { t } = tr;
  const state = {
    presets: [],
    limits: null,
    preset: null,
    scenario: null,
    seed: null,
    trials: null,
    lang: tr.lang,
    theme: ["light", "dark"].includes(get("theme")) ? get("theme") : "auto",
    summary: null,
    previewing: false,
    /** The run on screen: how many workers ran it, in how many shares, in how many ms. */
    lastRun: null,
  };
  let fromLink = false;
  /** The parts, once the engine is ready and the widget is built. */
  let ui = null;

  root.classList.add("cs-widget");
  root.dataset.theme = state.theme;
  root.lang = state.lang;
  root.replaceChildren(h("p", { class: "cs-loading" }, t("loading")));

  const simulator = new Simulator({
    onReady(presets, limits) {
      state.presets = presets;
      state.limits = limits;
      const read = readState(get, presets, limits, tr);
      Object.assign(state, { preset: presets.find((p) => p.id === read.preset), seed: read.seed, trials: read.trials, lang: read.lang, theme: read.theme, scenario: read.scenario });
      fromLink = ["set", "scenario"].some((k) => get(k) !== null);
      root.dataset.theme = state.theme;
      root.lang = state.lang;
      ui = build();
      ui.notices.showNotes(read.notes);
      choosePreset(state.preset.id, state.scenario);
    },
    onProgress: (done, total) => ui?.figures.progress(done, total),
    onError,
  });

  const runs = scheduler({
    simulator,
    request: () => ({ scenario: state.scenario, trials: state.trials, seed: state.seed }),
    onBusy: (busy) => root.classList.toggle("cs-busy", busy),
    onResult: show,
  });

  /** The preset's texts in this widget's language, if it has its own. */
  const local = () => presetText(tr.lang, state.preset?.id);
  /** Display names: the preset's own, or their translations. */
  const nameOf = (entity) => (entity && local()?.names?.[entity.id]) ?? entity?.name ?? entity?.id;
  const describe = (scenario, keys) => describeField(scenario, keys, tr, nameOf);

  const query = () =>
    writeState({ preset: state.preset.id, seed: state.seed, trials: state.trials, lang: state.lang, theme: state.theme, scenario: state.scenario }, state.presets, state.limits);
  const names = () => ({ preset: state.preset.id, changed: query().includes("v="), seed: state.seed, trials: state.summary?.trials ?? state.trials });
  const title = () => `${t("fanTitle")}: ${local()?.name ?? state.scenario.name ?? state.preset.name}`;

  function build() {
    const uid = idMaker();
    const presetSelect = h(
      "select",
      { id: uid("preset"), onchange: (e) => choosePreset(e.target.value) },
      state.presets.map((p) => h("option", { value: p.id }, presetText(tr.lang, p.id)?.name || p.name)),
    );
    const presetSummary = h("p", { class: "cs-preset-summary" });
    const headlineText = h("p", { class: "cs-headline", "aria-live": "polite" });
    const figures = figuresPanel({ tr, startOf });
    const sliders = sliderPanel({ tr, uid, onSlide });
    const showError = (message, field) => ui.notices.showError(message, field);
    const settings = runSettings({
      tr,
      uid,
      limits: state.limits,
      onTrials(n) {
        state.trials = n;
        changed();
      },
      onSeed(seed) {
        state.seed = seed;
        changed();
      },
      onReroll() {
        state.seed = nextSeed(state.seed, state.limits.seed);
        renderInputs();
        changed();
      },
      onReset() {
        state.seed = state.limits.seed.default;
        state.trials = state.limits.trials.default;
        choosePreset(state.preset.id);
      },
      onInvalid: showError,
    });
    const parameters = parametersPanel({
      tr,
      uid,
      label: describe,
      onNumber(keys, value) {
        const at = locate(state.scenario, keys);
        if (at) at[0][at[1]] = value;
        renderInputs();
        changed();
      },
      onScenario(scenario) {
        state.scenario = scenario;
        renderInputs();
        changed();
      },
      onInvalid: showError,
    });
    const said = notices(root, [parameters, settings]);
    const share = sharing({ tr, query, pageUrl, here: HERE });
    const files = downloads({
      simulator,
      startOf,
      chart: figures.chart,
      current: () => ({ summary: state.summary, names: names(), title: title() }),
      onError: (message) => showError(t("engineError")(message)),
    });
    const siteTable = h("table", { class: "cs-sites" });
    const sources = h("ul", { class: "cs-sources" });

    root.replaceChildren(
      h("div", { class: "cs-top" }, h("label", { for: presetSelect.id }, t("scenario")), presetSelect, presetSummary),
      said.notes,
      headlineText,
      said.error,
      h(
        "div",
        { class: "cs-main" },
        figures.element,
        h("section", { class: "cs-controls", "aria-label": t("sliders") }, h("h2", {}, t("sliders")), sliders.element, settings.element),
      ),
      h(
        "div",
        { class: "cs-actions" },
        button(t("share"), share.share),
        button(t("embed"), share.embed),
        h("span", { class: "cs-download-label" }, `${t("download")}:`),
        button(t("downloadCsv"), files.csv),
        button(t("downloadSvg"), files.svg),
        button(t("downloadPng"), files.png),
      ),
      ...share.elements,
      h("h2", {}, t("sitesTitle")),
      h("div", { class: "cs-table-wrap" }, siteTable),
      parameters.element,
      h("h2", {}, t("sourcesTitle")),
      sources,
    );
    return { presetSelect, presetSummary, headline: headlineText, figures, sliders, settings, parameters, notices: said, siteTable, sources };
  }

  function choosePreset(id, scenario) {
    state.preset = state.presets.find((p) => p.id === id) ?? state.presets[0];
    state.scenario = scenario ?? clone(state.preset.scenario);
    ui.presetSelect.value = state.preset.id;
    ui.presetSummary.textContent = local()?.summary ?? state.preset.summary;
    renderInputs();
    renderSources(ui.sources, state.preset, tr, describe, local()?.notes ?? {});
    changed();
  }

  function onSlide(c, value, released) {
    state.scenario = c.apply(clone(state.scenario), value, state.preset.scenario);
    renderInputs({ except: c });
    if (released) changed();
    else runs.preview(changed);
  }

  /** After a change: record the state, then run it. */
  function changed() {
    options.onState?.(query());
    runs.full();
  }

  /** Shows the scenario in the sliders, the run settings, the fields panel and the JSON. */
  function renderInputs({ except } = {}) {
    ui.sliders.render({ scenario: state.scenario, sources: state.preset.sources, engine: state.summary, except });
    ui.settings.render(state);
    ui.parameters.render(state.scenario);
  }

  /** Shows a run's result (the newest). */
  function show(result, preview) {
    fromLink = false;
    ui.notices.clearError();
    state.summary = result.summary;
    state.previewing = preview;
    state.lastRun = { workers: result.workers, shares: result.shares, elapsed: result.elapsed };
    ui.figures.show(result, preview);
    ui.headline.textContent = headline(result.summary, state.scenario, tr);
    renderSites(ui.siteTable, result.summary, state.scenario, tr, nameOf);
    // A scenario without a requirement: the slider shows the engine's, now known.
    if (state.scenario.requirement_b200e === undefined) {
      ui.sliders.render({ scenario: state.scenario, sources: state.preset.sources, engine: state.summary, except: ui.sliders.focused() });
    }
  }

  /** A run failed: bad input (the engine's error names the field) or, `fatal`, a bug. */
  function onError(error, fatal) {
    if (!ui) {
      // The engine never started: nothing else to show.
      root.replaceChildren(h("p", { class: "cs-error", role: "alert" }, t("engineError")(error.message)));
      return;
    }
    ui.figures.hideProgress();
    if (!fatal && fromLink) {
      // The link's changes do not make a valid scenario: say so, and show the preset.
      fromLink = false;
      ui.notices.showNotes([t("ignored")("set", error.field ?? "scenario", error.reason ?? error.message)]);
      choosePreset(state.preset.id);
      return;
    }
    ui.notices.showError(fatal ? t("engineError")(error.message) : t("inputError")(error.message), fatal ? null : error.field);
  }

  root.computeShock = {
    simulator,
    get state() {
      return state;
    },
    query,
  };
  return root.computeShock;
}
