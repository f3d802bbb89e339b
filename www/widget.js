// The widget, assembled: preset picker, headline, figures, sliders, run settings, sharing,
// downloads, sites, all parameters and sources, built into any element (the page, the iframe
// page, or a custom element's shadow root). Each part is its own module and gets what it
// needs as arguments: this widget's translator (its language), its state, its callbacks; two
// widgets in different languages can share a page. All text goes in as text: nothing from a
// scenario, a URL or a host page is markup.
//
// Two layouts (embedding.js): "full", everything at once (the page's), and "story", the
// journalist's texts, the headline, the fan chart and the chosen controls, with the rest under
// "More" (the embeds'). A host page changes the parameters in place (`update()`): the engine
// and the chart stay, and only what changed is redone.
import { Simulator } from "./simulator.js";
import { loadLanguage, presetNotes, presetText, translator } from "./i18n.js";
import { THEMES, locate, nextSeed, readState, writeState } from "./state.js";
import { button, h, idMaker, whenNear } from "./dom.js";
import { scheduler } from "./runs.js";
import { sliderPanel } from "./sliders.js";
import { runSettings, trialChoices } from "./settings.js";
import { describeField, parametersPanel } from "./parameters.js";
import { figuresPanel } from "./figures.js";
import { sentences } from "./story.js";
import { sharing, unchanged } from "./sharing.js";
import { parseDate, startOn, today } from "./format.js";
import { rangeOf } from "./quantity.js";
import { CONTROL_IDS } from "./controls.js";
import { FRAME_KEYS, PARAMETERS, defaultControls, readEmbed, unknownNames, writeEmbed } from "./embedding.js";
import { panels } from "./panels.js";

const HERE = new URL("./", import.meta.url);
export { PARAMETERS };
/** A preset's mark of being as reported, which a changed scenario no longer is. */
const AS_REPORTED = /\s*[(（](?:as reported|報道ベース)[)）]\s*$/;

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
 *   scenario?: () => object | null,           a scenario object in place of the preset's
 *   names?: () => string[],                   every parameter given (unknown ones are noted)
 *   layout?: "full" | "story" | "edit",       without a `layout` parameter (default full;
 *                                             "edit", the editor's: full with the parts
 *                                             below the sliders under More)
 *   theme?: "auto" | "light" | "dark",        without a `theme` parameter (default auto)
 *   onState?: (query: string) => void,        told the state's query after every change
 *   onEvent?: (type: string, detail: object) => void,  "ready", "change", "result"
 *   pageUrl?: URL,                            where share links point (default: index.html)
 *   start?: Date,                             day 0 when the scenario has no start_date
 *                                             (a calendar day, format.js; default: today)
 *   actions?: boolean,                        the share, embed and download buttons (default
 *                                             true; the editor has its own)
 * }} options
 */
/** What the widget says when its engine cannot load and no language could be loaded. */
const UNAVAILABLE = "The interactive version could not load. Reload the page to try again.";

/**
 * The page's static edition (the no-script block scripts/noscript.mjs writes: a preset's
 * lead, figures and chart, in one language) as an element, when it shows what a widget was
 * asked for: the same preset (`preset` null is the default, which it is), language, and no
 * changes (`changed`). Null otherwise, or on a page without one (a host of the element).
 */
export function staticEdition(doc, { preset, lang, changed }) {
  const block = doc.querySelector("noscript[data-preset]");
  if (!block || changed || (preset ?? block.dataset.preset) !== block.dataset.preset || lang !== block.dataset.lang) return null;
  const box = doc.createElement("div");
  box.className = "cs-static";
  // The build's own HTML (scripts/noscript.mjs), kept as text while scripts run.
  box.innerHTML = block.textContent;
  return box;
}

export function mountWidget(root, options = {}) {
  const get = options.get ?? (() => null);
  const given = options.scenario ?? (() => null);
  const emit = options.onEvent ?? (() => {});
  const defaults = { layout: options.layout ?? "full", theme: options.theme ?? "auto" };
  // Day 0 is the scenario's start date (the run's summary carries it); only a scenario
  // without one is dated from the day the reader opened the widget.
  const fallbackStart = options.start ?? today();
  const startOf = (summary) => parseDate(summary?.start_date) ?? fallbackStart;
  const pageUrl = options.pageUrl ?? new URL("index.html", HERE);
  // The language, once loaded (`speak`); a `lang` change rebuilds the parts in the new one.
  let tr = null;
  const t = (key) => tr.t(key);
  const state = {
    presets: [],
    limits: null,
    preset: null,
    scenario: null,
    seed: null,
    trials: null,
    lang: null,
    theme: THEMES.includes(get("theme")) ? get("theme") : defaults.theme,
    summary: null,
    previewing: false,
    /** The run on screen: how many workers ran it, in how many shares, in how many ms. */
    lastRun: null,
  };
  /** The layout, the chosen controls (null: the preset's) and the journalist's texts. */
  let view = { layout: defaults.layout, controls: null, ranges: {}, annotations: [], texts: {} };
  /** The parameters as last read, to tell what a host page changed. */
  let seen = null;
  let fromLink = false;
  /** The futures of the first run after the parameters were read came from them (a link, a
   * host): a refusal of their number falls back to the fewest, once, until a result. */
  let trialsFromLink = false;
  /** The newest result on screen, to show again in rebuilt parts. */
  let last = null;
  /** The parts, once the engine is ready and the widget is built. */
  let ui = null;

  root.classList.add("cs-widget");
  root.dataset.theme = state.theme;
  const loading = h("p", { class: "cs-loading" });
  root.replaceChildren(loading);
  /** Loads the `lang` parameter's language and speaks it. */
  const speak = async () => {
    await loadLanguage(get("lang"));
    tr = translator(get("lang"));
    root.lang = tr.lang;
  };
  const spoken = speak().then(() => {
    state.lang = tr.lang;
    if (!ui) loading.textContent = t("loading");
  });
  spoken.catch(() => {});

  const simulator = new Simulator({
    async onReady(presets, limits) {
      state.presets = presets;
      state.limits = limits;
      try {
        await spoken;
        await speak();
      } catch (e) {
        onError(e, true);
        return;
      }
      const read = readAll();
      seen = read.params;
      Object.assign(state, { preset: presets.find((p) => p.id === read.state.preset), seed: read.state.seed, trials: read.state.trials, lang: read.state.lang, theme: read.state.theme, scenario: read.state.scenario });
      view = read.view;
      fromLink = ["set", "scenario"].some((k) => get(k) !== null) || read.params.object !== null;
      trialsFromLink = get("trials") !== null;
      root.dataset.theme = state.theme;
      try {
        ui = build();
        // Built but hidden until its first result (or error) is drawn, the loading line over
        // it where it was: nothing on screen moves as the parts fill in (layout shift).
        root.dataset.loading = t("loading");
        root.classList.add("cs-pending");
        ui.notices.showNotes(read.notes);
        choosePreset(state.preset.id, state.scenario, null);
      } catch (e) {
        // A bug in building: said, never a loading line for good.
        onError(e, true);
        return;
      }
      emit("ready", { query: query(), presets: presets.map((p) => p.id), controls: CONTROL_IDS });
    },
    // A slow first run shows the widget, with its progress and the offer of fewer futures,
    // rather than the loading line until it ends.
    onProgress: (done, total) => ui?.figures.progress(done, total) && laidOut(),
    onError,
    onUnavailable: unavailable,
  });

  /** The engine cannot load (a missing or broken file): a line saying so, and the page's
   * static edition where it shows what was asked for (fallback.js does the same when the
   * widget's own modules cannot load). */
  async function unavailable() {
    laidOut();
    ui = null;
    // In the reader's language, once it has loaded (English if it cannot).
    await spoken.catch(() => {});
    const note = h("p", { class: "cs-unavailable", role: "alert" }, tr ? t("unavailable") : UNAVAILABLE);
    const edition = staticEdition(root.ownerDocument, { preset: get("preset"), lang: tr?.lang ?? "en", changed: !unchanged(get) });
    root.replaceChildren(note, ...(edition ? [edition] : []));
  }

  const runs = scheduler({
    simulator,
    request: () => {
      // A new run: its own progress, pace and note (a replaced one's are not its).
      ui?.figures.hideProgress();
      return { scenario: state.scenario, trials: state.trials, seed: state.seed };
    },
    onBusy: (busy) => root.classList.toggle("cs-busy", busy),
    onResult: show,
  });

  /** Every parameter as given now (`object`: a scenario object, if any). */
  const snapshot = () => ({ ...Object.fromEntries(PARAMETERS.map((n) => [n, get(n)])), object: given() });

  /** Reads the parameters: the state, the view, and the notes on what was ignored. */
  function readAll() {
    const params = snapshot();
    const read = readState(get, state.presets, state.limits, tr, { theme: defaults.theme, scenario: params.object });
    const embed = readEmbed(get, tr, { layout: defaults.layout, ids: CONTROL_IDS });
    const unknown = options.names ? unknownNames(options.names(), [...PARAMETERS, ...FRAME_KEYS], tr) : [];
    return { params, state: read, view: embed, notes: [...read.notes, ...embed.notes, ...unknown] };
  }

  /** The preset's texts in this widget's language, if it has its own. */
  const local = () => presetText(tr.lang, state.preset?.id);
  /** Display names: the preset's own, or their translations. */
  const nameOf = (entity) => (entity && local()?.names?.[entity.id]) ?? entity?.name ?? entity?.id;
  const describe = (scenario, keys) => describeField(scenario, keys, tr, nameOf);

  /** The state's query, for a page whose theme is `theme` without a parameter; `embed`: for
   * the embed code (a theme no parameter chose is left to the embed's own default). */
  const query = (theme = defaults.theme, embed = false) =>
    views.query(
      writeState(
        { preset: state.preset.id, seed: state.seed, trials: state.trials, lang: state.lang, theme: embed && !THEMES.includes(get("theme")) ? theme : state.theme, scenario: state.scenario },
        state.presets,
        state.limits,
        theme,
      ),
    );
  /** The query for embed code and the editor: the state's, with the embed's own parameters
   * (its layout when one was given, controls, annotations, texts). */
  const embedQuery = () => {
    const own = writeEmbed(view, get("layout") !== null);
    return `${query("light", true)}${own ? `&${own}` : ""}`;
  };
  /** The views under the chart (events, sensitivity, comparison: panels.js), on demand. */
  const views = panels({
    get,
    simulator,
    startOf,
    nameOf,
    describe: (scenario, keys) => describe(scenario, keys),
    presetName: (p) => presetName(p),
    tr: () => tr,
    state: () => state,
    annotations: () => view.annotations,
    publish: () => options.onState?.(query()),
    note: (text) => ui?.notices.notes.append(h("p", { class: "cs-note" }, text)),
    redraw: () => ui?.figures.redraw(),
  });
  /** Whether the scenario differs from the preset's. */
  const isChanged = () => /(?:^|&)v=/.test(query());
  const names = () => ({ preset: state.preset.id, changed: isChanged(), seed: state.seed, trials: state.summary?.trials ?? state.trials });
  const presetName = (p) => presetText(tr.lang, p.id)?.name || p.name;
  /** The scenario's name: the preset's, or, changed, the preset's marked as changed and no
   * longer "as reported". */
  const scenarioName = () => (isChanged() ? t("changed")(presetName(state.preset).replace(AS_REPORTED, "")) : presetName(state.preset));
  /** The controls the story shows. */
  const chosen = () => (view.layout === "story" ? (view.controls ?? defaultControls(state.preset.id)) : CONTROL_IDS);

  function build() {
    const uid = idMaker();
    const story = view.layout === "story";
    const ids = chosen();
    const presetSelect = h(
      "select",
      { id: uid("preset"), onchange: (e) => choosePreset(e.target.value) },
      state.presets.map((p) => h("option", { value: p.id }, presetName(p))),
    );
    const presetSummary = h("p", { class: "cs-preset-summary" });
    const text = (tag, cls) => h(tag, { class: cls, hidden: true });
    const texts = { title: text("h2", "cs-title"), dek: text("p", "cs-dek"), note: text("p", "cs-note-text"), credits: text("p", "cs-credits") };
    const headlineText = h("p", { class: "cs-headline", "aria-live": "polite" });
    const numbers = h("p", { class: "cs-numbers", "aria-live": "polite", hidden: true });
    // The lead's other figures, one plain statement each: a line to open in a story, open on
    // the full page.
    const detailsList = h("ul", { class: "cs-details-list" });
    const details = h("details", { class: "cs-details", open: !story }, h("summary", {}, t("details")), detailsList);
    // The unit and the floor, defined where they first appear.
    const floor = h("span", { class: "cs-floor-definition" });
    const asOf = h("span", { class: "cs-as-of" });
    const unit = h("p", { class: "cs-unit" }, h("dfn", {}, t("unitTerm")), t("unitDefinition"), t("sentenceGap"), floor, asOf);
    // In story mode the chart is low when it spans the widget (the controls under it, on a
    // phone), so chart and controls share the screen; beside the controls it has the height.
    const figures = figuresPanel({
      tr,
      startOf,
      short: (fan) => story && fan.clientWidth > 0.75 * root.clientWidth,
      overlay: (summary) => views.overlay(summary),
      choices: trialChoices(state.limits.trials),
      workers: simulator.size,
      onTrials(n) {
        state.trials = n;
        renderInputs();
        changed();
      },
    });
    const viewsHost = h("div", { class: "cs-views" });
    const sliders = sliderPanel({ tr, uid, onSlide, ids, ranges: story ? view.ranges : {} });
    const others = story ? sliderPanel({ tr, uid, onSlide, ids: CONTROL_IDS.filter((id) => !ids.includes(id)) }) : null;
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
      onStart(date) {
        // The same world, seen from another day: its events stay on their dates. Back on the
        // preset's date, a floor in steps or a growing one is the preset's again.
        const back = date.getTime() === parseDate(state.preset.scenario.start_date)?.getTime();
        state.scenario = startOn(state.scenario, date, { floorFrom: back ? state.preset.scenario : null });
        renderInputs();
        changed();
      },
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
    const share = sharing({ tr, query: () => query("auto"), embedQuery, pageUrl, here: HERE, seed: () => state.seed, layout: () => (get("layout") !== null ? view.layout : "story") });
    // The downloads' code is fetched when a reader first asks for one.
    const download = (kind) => () =>
      import("./downloads.js")
        .then(({ downloads }) =>
          downloads({
            startOf,
            size: () => sizes.value,
            current: () => ({
              summary: state.summary,
              names: names(),
              tr,
              seed: state.seed,
              overlay: views.overlay(state.summary, { today: markToday.checked }),
              sources: state.preset.sources,
              cited: simulator.notes().then(([, cited]) => cited[state.preset.id] ?? {}),
              asOf: state.preset.as_of ?? null,
              screenWidth: Number(figures.chart()?.getAttribute("width")),
              preset: state.preset.id,
              presetScenario: state.preset.scenario,
              scenario: state.scenario,
              texts: { ...view.texts, title: view.texts.title || scenarioName(), headline: ui.headline.textContent, numbers: ui.numbers.hidden ? "" : ui.numbers.textContent },
            }),
          })[kind](),
        )
        .catch((e) => showError(t("engineError")(String(e?.message ?? e))));
    const files = { csv: download("csv"), metadata: download("metadata"), json: download("json"), svg: download("svg"), png: download("png") };
    const sizes = h("select", { class: "cs-size", "aria-label": t("chartSize") }, ["social", "screen", "print"].map((k) => h("option", { value: k }, t("size")[k])));
    // A graphic is published as it is: today's mark only when the journalist asks for it.
    const markToday = h("input", { type: "checkbox", class: "cs-mark-today" });
    const siteTable = h("table", { class: "cs-sites" });
    const sources = h("ul", { class: "cs-sources" });

    const top = h("div", { class: "cs-top" }, h("label", { for: presetSelect.id }, t("scenario")), presetSelect, presetSummary);
    // The full set of controls is a region under its heading; the story's chosen few sit with
    // the chart, not a region of their own.
    const controls = (panel, heading) =>
      heading ? h("section", { class: "cs-controls", "aria-label": t("sliders") }, h("h2", {}, t("sliders")), panel.element, settings.element) : h("div", { class: "cs-controls" }, panel.element);
    // The share, embed and download buttons (the editor has its own).
    const actions =
      options.actions === false
        ? null
        : h(
            "div",
            { class: "cs-actions" },
            button(t("share"), share.share),
            button(t("embed"), share.embed),
            h("span", { class: "cs-download-label" }, `${t("download")}:`),
            button(t("downloadCsv"), files.csv),
            button(t("downloadMetadata"), files.metadata),
            button(t("downloadJson"), files.json),
            sizes,
            h("label", { class: "cs-mark-today-label" }, markToday, t("markToday")),
            button(t("downloadSvg"), files.svg),
            button(t("downloadPng"), files.png),
          );
    const rest = [
      actions,
      ...share.elements,
      h("h2", {}, t("sitesTitle")),
      h("div", { class: "cs-table-wrap" }, siteTable),
      parameters.element,
      h("h2", {}, t("sourcesTitle")),
      sources,
    ].filter(Boolean);
    const fan = h("section", { class: "cs-figures", "aria-label": t("fanTitle") }, ...figures.parts.fan);
    if (story) {
      root.replaceChildren(
        texts.title,
        texts.dek,
        said.notes,
        headlineText,
        numbers,
        details,
        unit,
        said.error,
        h("div", { class: "cs-main cs-story" }, fan, ids.length ? controls(sliders, false) : null),
        // The views under the chart stay under More in a story, unless the embed asks for a
        // comparison, which is then what the story shows.
        ...(get("compare") ? [viewsHost] : []),
        texts.note,
        texts.credits,
        h("details", { class: "cs-more" }, h("summary", {}, t("more")), top, controls(others, true), figures.parts.table, get("compare") ? null : viewsHost, ...figures.parts.hist, ...rest),
      );
    } else if (view.layout === "edit") {
      // The editor's: the preset, the chart and every slider; the rest under More.
      root.replaceChildren(top, said.notes, headlineText, details, said.error, h("div", { class: "cs-main" }, fan, controls(sliders, true)), h("details", { class: "cs-more" }, h("summary", {}, t("more")), figures.parts.table, viewsHost, ...figures.parts.hist, ...rest));
    } else {
      fan.append(figures.parts.table, viewsHost, ...figures.parts.hist);
      root.replaceChildren(texts.title, texts.dek, top, said.notes, headlineText, numbers, details, unit, said.error, h("div", { class: "cs-main" }, fan, controls(sliders, true)), texts.note, texts.credits, ...rest);
    }
    root.classList.toggle("cs-story-layout", story);
    views.attach({ host: viewsHost, table: figures.parts.table });
    const panels = [sliders, others].filter(Boolean);
    return {
      controlIds: ids,
      presetSelect,
      presetSummary,
      headline: headlineText,
      numbers,
      details,
      detailsList,
      floor,
      asOf,
      texts,
      figures,
      sliders: {
        render: (x) => panels.forEach((p) => p.render(x)),
        focused: () => panels.map((p) => p.focused()).find(Boolean),
      },
      settings,
      parameters,
      notices: said,
      siteTable,
      sources,
    };
  }

  /** Builds the parts again (a new layout, language or set of controls) and fills them with
   * what was on screen: no engine restart, no loading box. */
  function rebuild() {
    const notes = [...ui.notices.notes.childNodes].map((n) => n.textContent);
    ui.figures.disconnect();
    ui = build();
    ui.notices.showNotes(notes);
    fill();
    if (last) show(last.result, last.preview, false);
    renderHeadline();
  }

  /** Shows the preset's texts and the scenario's values. */
  function fill() {
    ui.presetSelect.value = state.preset.id;
    ui.presetSummary.textContent = local()?.summary ?? state.preset.summary;
    // How recent the evidence behind the preset is, beside the terms under the headline.
    const asOf = parseDate(state.preset.as_of);
    ui.asOf.replaceChildren(...(asOf ? [t("sentenceGap"), t("asOf")(tr.fmt.date(asOf))] : []));
    renderInputs();
    showSources();
    renderTexts();
  }

  /** The preset's sources with their notes: the language's own, else the English ones. The
   * notes are loaded only once the list is on screen (under a closed More it is not), then
   * drawn in. */
  let ownNotes = { lang: null, notes: {} };
  /** sources.js (the list's drawing), loaded with the notes. */
  let sourcesList = null;
  let sourcesSeen = null;
  function showSources() {
    const preset = state.preset;
    const own = () => (ownNotes.lang === tr.lang ? (ownNotes.notes[preset.id] ?? {}) : {});
    const draw = () => ui && sourcesList && state.preset === preset && sourcesList.renderSources(ui.sources, preset, tr, describe, own());
    draw();
    const load = async () => {
      const lang = tr.lang;
      const [notes, [english, cited], list] = await Promise.all([presetNotes(lang), simulator.notes(), import("./sources.js").catch(() => null)]);
      sourcesList = list;
      ownNotes = { lang, notes };
      for (const p of state.presets) {
        for (const s of p.sources) {
          if (!s.note) s.note = english[p.id]?.[s.field] ?? "";
          Object.assign(s, cited[p.id]?.[s.field]);
        }
      }
      draw();
    };
    sourcesSeen?.disconnect();
    sourcesSeen = whenNear(ui.sources, load);
  }

  /** The sites' table of the result on screen. Its code (tables.js) loads when the table
   * first comes near the screen: under a closed More, or far down the full page, it waits. */
  let sitesTable = null;
  let sitesSeen = null;
  function drawSites() {
    if (!last || !ui) return;
    if (sitesTable) {
      sitesTable.renderSites(ui.siteTable, last.result.summary, last.scenario, tr, nameOf);
      return;
    }
    sitesSeen?.disconnect();
    sitesSeen = whenNear(ui.siteTable, () =>
      import("./tables.js")
        .then((m) => {
          sitesTable = m;
          drawSites();
        })
        .catch((e) => ui.notices.showError(t("engineError")(String(e?.message ?? e)))),
    );
  }

  /** The journalist's texts, and the scenario's name where it shows. */
  function renderTexts() {
    const { texts } = view;
    for (const name of ["title", "dek", "note"]) {
      ui.texts[name].textContent = texts[name] ?? "";
      ui.texts[name].hidden = !texts[name];
    }
    const credits = [texts.source && t("sourceLine")(texts.source), texts.credit && t("creditLine")(texts.credit)].filter(Boolean);
    ui.texts.credits.textContent = credits.join(" · ");
    ui.texts.credits.hidden = credits.length === 0;
    const name = scenarioName();
    for (const option of ui.presetSelect.options) option.textContent = option.value === state.preset.id ? name : presetName(state.presets.find((p) => p.id === option.value));
  }

  /** The headline: the journalist's, with the model's lead under it, or the model's lead (of
   * the run on screen); the other figures as a list under it; the floor's definition. */
  function renderHeadline() {
    const said = last ? sentences(last.result.summary, last.scenario, tr, { start: startOf(last.result.summary), nameOf }) : { lead: "", details: [] };
    const own = view.texts.headline;
    ui.headline.textContent = own ?? said.lead;
    ui.numbers.textContent = own ? said.lead : "";
    ui.numbers.hidden = !own;
    ui.detailsList.replaceChildren(...said.details.map((text) => h("li", {}, text)));
    ui.details.hidden = said.details.length === 0;
    ui.floor.replaceChildren(...(last ? [h("dfn", {}, t("floorTerm")), t("floorDefinition")(
            tr.fmt.int(last.result.summary.requirement_b200e),
            last.scenario.requirement_growth?.doubling_days ?? null,
            rangeOf(last.scenario.requirement_b200e)?.map((x) => tr.fmt.int(x)) ?? null,
          )] : []));
    return said;
  }

  /** `by`: who chose the preset ("reader", "host"; null: the first read, not a change). */
  function choosePreset(id, scenario, by = "reader") {
    state.preset = state.presets.find((p) => p.id === id) ?? state.presets[0];
    state.scenario = scenario ?? clone(state.preset.scenario);
    // The story's controls follow the preset unless the embed chose them.
    if (String(chosen()) !== String(ui.controlIds)) rebuild();
    fill();
    changed(by);
  }

  function onSlide(c, value, released) {
    state.scenario = c.apply(clone(state.scenario), value, state.preset.scenario);
    renderInputs({ except: c });
    if (released) changed();
    else runs.preview(changed);
  }

  /** After a change: record the state, tell the host page, then run it. */
  function changed(by = "reader") {
    const q = query();
    options.onState?.(q);
    renderTexts();
    if (by) emit("change", { by, query: q, preset: state.preset.id, seed: state.seed, trials: state.trials, changed: isChanged(), scenario: clone(state.scenario) });
    runs.full();
  }

  /** Re-reads the parameters (a host page changed them) and applies what changed, in place. */
  let queue = Promise.resolve();
  function update() {
    queue = queue
      .then(async () => {
        if (!ui) return; // not built yet: the first read takes everything
        await speak();
        apply();
      })
      .catch((e) => onError(e, true));
    return queue;
  }

  function apply() {
    const before = seen;
    const read = readAll();
    seen = read.params;
    const relayout =
      tr.lang !== state.lang || read.view.layout !== view.layout || String(read.view.controls) !== String(view.controls) || JSON.stringify(read.view.ranges) !== JSON.stringify(view.ranges);
    const marks = JSON.stringify(read.view.annotations) !== JSON.stringify(view.annotations);
    state.lang = read.state.lang;
    state.theme = read.state.theme;
    root.dataset.theme = state.theme;
    view = read.view;
    if (relayout) rebuild();
    ui.notices.showNotes(read.notes);
    const scenarioChanged = ["preset", "set", "scenario", "v", "object"].some((k) => read.params[k] !== before[k]);
    const runChanged = read.params.seed !== before.seed || read.params.trials !== before.trials;
    if (runChanged || scenarioChanged) {
      state.seed = read.state.seed;
      state.trials = read.state.trials;
      trialsFromLink = read.params.trials !== null;
    }
    if (scenarioChanged) {
      fromLink = ["set", "scenario", "object"].some((k) => read.params[k] !== null);
      choosePreset(read.state.preset, read.state.scenario, "host");
    } else if (runChanged) {
      renderInputs();
      changed("host");
    } else {
      renderTexts();
      renderHeadline();
      if (marks && !relayout) ui.figures.redraw();
      options.onState?.(query());
    }
  }

  /** Shows the scenario in the sliders, the run settings, the fields panel and the JSON. */
  function renderInputs({ except } = {}) {
    ui.sliders.render({ scenario: state.scenario, sources: state.preset.sources, engine: state.summary, except });
    ui.settings.render(state, { start: parseDate(state.scenario.start_date), presetStart: parseDate(state.preset.scenario.start_date), today: today() });
    ui.parameters.render(state.scenario);
  }

  /** Shows a run's result (the newest); a finished run is told to the host page (`tell`). */
  function show(result, preview, tell = true) {
    // Shown at once: the rest of this draws in the same task, before the next frame, so
    // nothing shifts, and a part that throws cannot leave the widget hidden.
    laidOut();
    fromLink = trialsFromLink = false;
    // The scenario the result is of (shown again after a rebuild, it is the one it ran).
    const scenario = last?.result === result ? last.scenario : state.scenario;
    last = { result, preview, scenario };
    ui.notices.clearError();
    state.summary = result.summary;
    state.previewing = preview;
    state.lastRun = { workers: result.workers, shares: result.shares, elapsed: result.elapsed };
    ui.figures.show(result, preview);
    views.shown(result, preview);
    const said = renderHeadline();
    drawSites();
    // A scenario without a requirement: the slider shows the engine's, now known.
    if (state.scenario.requirement_b200e === undefined) {
      ui.sliders.render({ scenario: state.scenario, sources: state.preset.sources, engine: state.summary, except: ui.sliders.focused() });
    }
    if (tell && !preview) emit("result", { summary: result.summary, headline: said.lead, details: said.details, query: query() });
  }

  /** The widget's first result (or error) is drawn: it shows, and the embedding page hears,
   * once (`onLaidOut`: the iframe page then reports its height, never the loading line's). */
  let shown = false;
  function laidOut() {
    root.classList.remove("cs-pending");
    if (!shown) {
      shown = true;
      options.onLaidOut?.();
    }
  }

  /** A run failed: bad input (the engine's error names the field) or, `fatal`, a bug. */
  function onError(error, fatal) {
    laidOut();
    if (!ui) {
      // The engine never started: nothing else to show.
      root.replaceChildren(h("p", { class: "cs-error", role: "alert" }, tr ? t("engineError")(error.message) : error.message));
      return;
    }
    ui.figures.hideProgress();
    const fewest = trialChoices(state.limits.trials)[0];
    if (!fatal && (fromLink || trialsFromLink) && error.field === "trials" && state.trials > fewest) {
      // The link's scenario, or its preset, is too large a run at its futures (the engine's
      // ceiling on a run's cost): run it with the fewest a reader can pick, and say so.
      state.trials = fewest;
      renderInputs();
      ui.notices.showNotes([t("tooLarge")(tr.fmt.int(fewest))]);
      changed(null);
      return;
    }
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
    update,
  };
  return root.computeShock;
}
