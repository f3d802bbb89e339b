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
import { Simulator } from "../engine/simulator.js";
import { presetNotes, presetText } from "../words/i18n.js";
import { button, fillRendered, h, idMaker, whenNear } from "./dom.js";
import { sliderPanel } from "./sliders.js";
import { runSettings, trialChoices } from "./settings.js";
import { describeField, parametersPanel } from "./parameters.js";
import { figuresPanel } from "./figures.js";
import { unchanged } from "../state/state.js";
import { parseDate, today } from "../words/format.js";
import { lastFloorStep } from "../words/story.js";
import { rangeOf } from "../state/quantity.js";
import { CONTROL_IDS } from "../state/controls.js";
import { PARAMETERS } from "../state/embedding.js";
import { underChart } from "./under-chart.js";
import { controller } from "../state/controller.js";

const HERE = new URL("../", import.meta.url);
export { PARAMETERS };
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
  const emit = options.onEvent ?? (() => {});
  const pageUrl = options.pageUrl ?? new URL("index.html", HERE);
  /** The views under the chart (events, sensitivity, comparison: under-chart.js), on demand. */
  let views = null;
  const c = controller({
    engine: (hooks) => new Simulator(hooks),
    get,
    scenario: options.scenario,
    names: options.names,
    layout: options.layout,
    theme: options.theme,
    start: options.start,
    views: { query: (q) => views.query(q) },
  });
  const { simulator, state } = c;
  const t = (key) => c.tr.t(key);
  /** The parts, once the engine is ready and the widget is built. */
  let ui = null;

  root.classList.add("cs-widget");
  root.dataset.theme = state.theme;
  const loading = h("p", { class: "cs-loading" });
  root.replaceChildren(loading);
  c.spoken.then(() => {
    root.lang = c.tr.lang;
    if (!ui) loading.textContent = t("loading");
  }, () => {});

  const describe = (scenario, keys) => describeField(scenario, keys, c.tr, c.nameOf);
  views = underChart({
    get,
    simulator,
    startOf: c.startOf,
    nameOf: c.nameOf,
    describe,
    presetName: c.presetName,
    tr: () => c.tr,
    state: () => state,
    annotations: () => c.view.annotations,
    publish: () => options.onState?.(c.query()),
    note: (text) => ui?.notices.notes.append(h("p", { class: "cs-note" }, text)),
    redraw: () => ui?.figures.redraw(),
    report: (kind, value) => (reported[kind] = value),
  });
  /** What the views under the chart last found (tests and hosts read it: `views`). */
  const reported = { tornado: null, compare: null };

  c.on("theme", (theme) => (root.dataset.theme = theme));
  c.on("layout", () => {
    root.lang = c.tr.lang;
    if (!ui) {
      ui = build();
      // Built but hidden until its first result (or error) is drawn, the loading line over
      // it where it was: nothing on screen moves as the parts fill in (layout shift).
      root.dataset.loading = t("loading");
      root.classList.add("cs-pending");
    } else rebuild();
  });
  c.on("preset", () => {
    if (String(c.controls()) !== String(ui.controlIds)) rebuild();
    fill();
  });
  c.on("inputs", ({ except }) => renderInputs({ except }));
  c.on("texts", () => renderTexts());
  c.on("lead", () => renderHeadline());
  c.on("marks", () => ui.figures.redraw());
  c.on("notes", (list) => ui.notices.showNotes(list));
  c.on("error", (e) => (e ? ui.notices.showError(e.message, e.field) : ui.notices.clearError()));
  c.on("state", (q) => options.onState?.(q));
  c.on("request", () => ui?.figures.hideProgress());
  c.on("busy", (busy) => root.classList.toggle("cs-busy", busy));
  // A slow first run shows the widget, with its progress and the offer of fewer futures,
  // rather than the loading line until it ends.
  c.on("progress", ({ done, total }) => ui?.figures.progress(done, total) && laidOut());
  c.on("failed", () => {
    laidOut();
    ui.figures.hideProgress();
  });
  c.on("shown", ({ result, preview }) => show(result, preview));
  // A section the reader opens has its parts filled at once, within the moment of the click.
  root.addEventListener("toggle", (e) => e.target.open && fillRendered(e.target), true);
  c.on("broken", ({ message }) => {
    laidOut();
    ui = null;
    root.replaceChildren(h("p", { class: "cs-error", role: "alert" }, message));
  });
  c.on("unavailable", unavailable);
  for (const type of ["ready", "change", "result"]) c.on(type, (detail) => emit(type, detail));

  /** The engine cannot load (a missing or broken file): a line saying so, and the page's
   * static edition where it shows what was asked for (fallback.js does the same when the
   * widget's own modules cannot load). */
  async function unavailable() {
    laidOut();
    ui = null;
    // In the reader's language, once it has loaded (English if it cannot).
    await c.spoken.catch(() => {});
    const tr = c.tr;
    const note = h("p", { class: "cs-unavailable", role: "alert" }, tr ? t("unavailable") : UNAVAILABLE);
    const edition = staticEdition(root.ownerDocument, { preset: get("preset"), lang: tr?.lang ?? "en", changed: !unchanged(get) });
    root.replaceChildren(note, ...(edition ? [edition] : []));
  }

  function build() {
    const tr = c.tr;
    const { view } = c;
    const uid = idMaker();
    const story = view.layout === "story";
    const ids = c.controls();
    const presetSelect = h(
      "select",
      { id: uid("preset"), onchange: (e) => c.choosePreset(e.target.value) },
      state.presets.map((p) => h("option", { value: p.id }, c.presetName(p))),
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
      startOf: c.startOf,
      short: (fan) => story && fan.clientWidth > 0.75 * root.clientWidth,
      overlay: (summary) => views.overlay(summary),
      choices: trialChoices(state.limits.trials),
      workers: simulator.size,
      onTrials: c.setTrials,
    });
    const viewsHost = h("div", { class: "cs-views" });
    const sliders = sliderPanel({ tr, uid, onSlide: c.slide, ids, ranges: story ? view.ranges : {} });
    const others = story ? sliderPanel({ tr, uid, onSlide: c.slide, ids: CONTROL_IDS.filter((id) => !ids.includes(id)) }) : null;
    const settings = runSettings({
      tr,
      uid,
      limits: state.limits,
      onTrials: (n) => c.setTrials(n, true),
      onSeed: c.setSeed,
      onReroll: c.reroll,
      onReset: c.reset,
      onInvalid: c.invalid,
      onStart: c.setStart,
    });
    const parameters = parametersPanel({ tr, uid, label: describe, onNumber: c.setField, onScenario: c.setScenario, onInvalid: c.invalid });
    const said = notices(root, [parameters, settings]);
    // The share and embed buttons' code (sharing.js) is fetched when a reader first uses one
    // (well within the click's moment to write the clipboard; past it, the text is shown to
    // copy by hand). What they copied is said in `shareNote`.
    const shareNote = h("div", { class: "cs-share-note" });
    let share = null;
    // Fetched as soon as a finger or the focus is on a button, so the click finds it loaded.
    const load = () => import("./sharing.js");
    const shareAction = (kind) => () =>
      load()
        .then(({ sharing }) => {
          share ??= sharing({ tr, query: () => c.query("auto"), embedQuery: c.embedQuery, pageUrl, here: HERE, seed: () => state.seed, layout: () => (get("layout") !== null ? c.view.layout : "story") });
          if (!shareNote.hasChildNodes()) shareNote.append(...share.elements);
          return share[kind]();
        })
        .catch((e) => said.showError(t("engineError")(String(e?.message ?? e))));
    // The downloads' code is fetched when a reader first asks for one.
    const download = (kind) => () =>
      import("./downloads.js")
        .then(({ downloads }) =>
          downloads({
            startOf: c.startOf,
            size: () => sizes.value,
            current: () => ({
              summary: state.summary,
              names: c.names(),
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
              texts: { ...c.view.texts, title: c.view.texts.title || c.scenarioName(), headline: ui.headline.textContent, numbers: ui.numbers.hidden ? "" : ui.numbers.textContent },
            }),
          })[kind](),
        )
        .catch((e) => said.showError(t("engineError")(String(e?.message ?? e))));
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
            ...[button(t("share"), shareAction("share")), button(t("embed"), shareAction("embed"))].map((b) => (b.addEventListener("pointerdown", load), b.addEventListener("focus", load), b)),
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
      shareNote,
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
    if (c.last) {
      // The result on screen, shown again (an error it had replaced goes, as it always did).
      ui.notices.clearError();
      show(c.last.result, c.last.preview);
    }
    renderHeadline();
  }

  /** Shows the preset's texts and the scenario's values. */
  function fill() {
    const tr = c.tr;
    ui.presetSelect.value = state.preset.id;
    ui.presetSummary.textContent = presetText(tr.lang, state.preset.id)?.summary ?? state.preset.summary;
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
    const own = () => (ownNotes.lang === c.tr.lang ? (ownNotes.notes[preset.id] ?? {}) : {});
    const draw = () => ui && sourcesList && state.preset === preset && sourcesList.renderSources(ui.sources, preset, c.tr, describe, own());
    draw();
    const load = async () => {
      const lang = c.tr.lang;
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
    const last = c.last;
    if (!last || !ui) return;
    if (sitesTable) {
      sitesTable.renderSites(ui.siteTable, last.result.summary, last.scenario, c.tr, c.nameOf);
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
    const { texts } = c.view;
    for (const name of ["title", "dek", "note"]) {
      ui.texts[name].textContent = texts[name] ?? "";
      ui.texts[name].hidden = !texts[name];
    }
    const credits = [texts.source && t("sourceLine")(texts.source), texts.credit && t("creditLine")(texts.credit)].filter(Boolean);
    ui.texts.credits.textContent = credits.join(" · ");
    ui.texts.credits.hidden = credits.length === 0;
    const name = c.scenarioName();
    for (const option of ui.presetSelect.options) option.textContent = option.value === state.preset.id ? name : c.presetName(state.presets.find((p) => p.id === option.value));
  }

  /** The headline: the journalist's, with the model's lead under it, or the model's lead (of
   * the run on screen); the other figures as a list under it; the floor's definition. */
  function renderHeadline() {
    const said = c.lead();
    const own = c.view.texts.headline;
    const last = c.last;
    ui.headline.textContent = own ?? said.lead;
    ui.numbers.textContent = own ? said.lead : "";
    ui.numbers.hidden = !own;
    ui.detailsList.replaceChildren(...said.details.map((text) => h("li", {}, text)));
    ui.details.hidden = said.details.length === 0;
    // A floor in steps (the chart's line, labelled with its last): the note says so.
    const step = last && lastFloorStep(last.result.summary);
    ui.floor.replaceChildren(...(last ? [h("dfn", {}, t("floorTerm")), t("floorDefinition")(
            c.tr.fmt.int(last.result.summary.requirement_b200e),
            last.scenario.requirement_growth?.doubling_days ?? null,
            rangeOf(last.scenario.requirement_b200e)?.map((x) => c.tr.fmt.int(x)) ?? null,
            step === null ? null : c.tr.fmt.int(step),
          )] : []));
  }

  /** Shows the scenario in the sliders, the run settings, the fields panel and the JSON. */
  function renderInputs({ except } = {}) {
    ui.sliders.render({ scenario: state.scenario, sources: state.preset.sources, engine: state.summary, except });
    ui.settings.render(state, { start: parseDate(state.scenario.start_date), presetStart: parseDate(state.preset.scenario.start_date), today: today() });
    ui.parameters.render(state.scenario);
  }

  /** Shows a run's result (the newest, or the one on screen again after a rebuild). */
  function show(result, preview) {
    // Shown at once: the rest of this draws in the same task, before the next frame, so
    // nothing shifts, and a part that throws cannot leave the widget hidden.
    laidOut();
    ui.figures.show(result, preview);
    views.shown(result, preview);
    renderHeadline();
    drawSites();
    // The parts drawn when near the screen (the histogram, the sites, the sources) are filled
    // once the browser is idle after a full run, so a reader scrolling down finds them whole.
    if (!preview) idle(() => ui && fillRendered(root));
    // A scenario without a requirement: the slider shows the engine's, now known.
    if (state.scenario.requirement_b200e === undefined) {
      ui.sliders.render({ scenario: state.scenario, sources: state.preset.sources, engine: state.summary, except: ui.sliders.focused() });
    }
  }

  /** Calls `then` when the browser is next idle (within a second; a browser without idle
   * callbacks: after 200 ms). */
  const idle = (then) => (globalThis.requestIdleCallback ? requestIdleCallback(then, { timeout: 1000 }) : setTimeout(then, 200));

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

  root.computeShock = {
    /** The engine: its workers (`size`), `stats()`, `memory()`, `notes()`, `terminate()`. */
    simulator,
    /** The state (read it, do not write it): preset, scenario, seed, trials, lang, theme,
     * summary (the run on screen), previewing, lastRun. */
    get state() {
      return state;
    },
    /** The state's query (what a share link carries). */
    query: c.query,
    /** The query for embed code: the state's with the embed's own parameters. */
    embedQuery: c.embedQuery,
    /** Whether the scenario differs from its preset's. */
    changed: c.isChanged,
    /** Re-reads the parameters and applies what changed, in place. */
    update: c.update,
    /** Listens to the controller's events (controller.js); returns the unsubscribe. */
    on: c.on,
    /** What the views under the chart last found: { tornado, compare } (null until shown). */
    views: reported,
  };
  return root.computeShock;
}
