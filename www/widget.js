// The widget: preset picker, sliders, charts, headline, tables, sources, sharing and
// downloads, built into any element (the page, the iframe page, or a custom element's shadow
// root). All text goes in with textContent: nothing from a scenario or a URL is markup.
import { Simulator } from "./simulator.js";
import { drawFanChart, drawHistogram } from "./charts.js";
import { CONTROLS } from "./controls.js";
import { fmt, setLang, t } from "./i18n.js";
import { bracketed, locate, numbers, readState, shape, writeState } from "./state.js";
import { headline } from "./story.js";
import { csv, fileName, monthlyRows, pngBlob, save, standaloneSvg, svgBlob } from "./downloads.js";
import { PRESETS_JA } from "./presets-ja.js";

const PREVIEW_TRIALS = 1000;
/** A preview's resolution: 128 bins a day instead of 1,024, an eighth of the memory per run. */
const PREVIEW_BINS = 128;
const TRIAL_CHOICES = [1000, 10_000, 100_000];
const MAX_SEED = 2 ** 53 - 1;
const HERE = new URL("./", import.meta.url);

/** Builds an element: h("div", { class: "x" }, child, "text", …). */
function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  node.append(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
  return node;
}

const clone = (x) => structuredClone(x);

/** The next seed in a fixed sequence (SplitMix64, kept within 2^53): a re-roll is reproducible. */
export function nextSeed(seed) {
  let z = (BigInt(seed) + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
  return Number((z ^ (z >> 31n)) & BigInt(MAX_SEED));
}

/**
 * Mounts the widget in `root`.
 * @param {HTMLElement} root
 * @param {{
 *   get?: (name: string) => string | null,   reads parameters (URL query or attributes)
 *   onState?: (query: string) => void,        told the state's query after every change
 *   pageUrl?: URL,                            where share links point (default: index.html)
 *   start?: Date,                             the date of day 0 (default: today)
 * }} options
 */
export function mountWidget(root, options = {}) {
  const get = options.get ?? (() => null);
  const start = options.start ?? new Date(new Date().toDateString());
  const pageUrl = options.pageUrl ?? new URL("index.html", HERE);
  const state = { presets: [], preset: null, scenario: null, seed: 1, trials: 10_000, lang: "en", theme: "auto", summary: null, previewing: false };
  const ui = {};
  let fromLink = false;

  // An early look at lang and theme, so even the loading line is right.
  state.lang = get("lang") === "ja" ? "ja" : "en";
  state.theme = ["light", "dark"].includes(get("theme")) ? get("theme") : "auto";
  const speak = () => setLang(state.lang);
  speak();
  root.classList.add("cs-widget");
  root.dataset.theme = state.theme;
  root.lang = state.lang;
  root.replaceChildren(h("p", { class: "cs-loading" }, t("loading")));

  const simulator = new Simulator({
    onReady: (presets) => {
      state.presets = presets;
      const read = readState(get, presets);
      Object.assign(state, { preset: presets.find((p) => p.id === read.preset), seed: read.seed, trials: read.trials, lang: read.lang, theme: read.theme });
      state.scenario = read.scenario;
      fromLink = ["set", "scenario"].some((k) => get(k) !== null);
      speak();
      root.dataset.theme = state.theme;
      root.lang = state.lang;
      build();
      showNotes(read.notes);
      choosePreset(state.preset.id, state.scenario);
    },
    onProgress: (done, total) => {
      speak();
      ui.progress.hidden = false;
      ui.progress.max = total;
      ui.progress.value = done;
      ui.status.textContent = t("running")(fmt.int(done), fmt.int(total));
    },
    onError: (message, fatal) => {
      speak();
      ui.progress.hidden = true;
      if (!fatal && fromLink) {
        // The link's changes do not make a valid scenario: say so, and show the preset.
        fromLink = false;
        showNotes([t("ignored")("set", message.split(":")[0], message.slice(message.indexOf(":") + 2))]);
        choosePreset(state.preset.id);
        return;
      }
      showError(fatal ? t("engineError")(message) : t("inputError")(message), fatal ? null : message.split(":")[0]);
    },
  });

  /** Display names: the preset's own, or their Japanese versions. */
  const local = () => (state.lang === "ja" ? PRESETS_JA[state.preset?.id] : null);
  const nameOf = (entity) => (entity && local()?.names?.[entity.id]) ?? entity?.name ?? entity?.id;

  function describeField(scenario, path) {
    const words = [];
    let node = scenario;
    for (const part of path.split(".")) {
      const m = /^(\w+)\[(\d+)\]$/.exec(part);
      if (m) {
        node = node?.[m[1]]?.[Number(m[2])];
        words.push(nameOf(node) ?? part);
      } else {
        node = node?.[part];
        words.push(t("fields")[part] ?? part.replace(/_/g, " "));
      }
    }
    return words.join(" · ");
  }

  let uidCounter = 0;
  const uid = (name) => `cs-${name}-${++uidCounter}-${Math.round(performance.timeOrigin % 1e6)}`;

  function build() {
    ui.presetSelect = h(
      "select",
      { id: uid("preset"), onchange: (e) => choosePreset(e.target.value) },
      state.presets.map((p) => h("option", { value: p.id }, (state.lang === "ja" && PRESETS_JA[p.id]?.name) || p.name)),
    );
    ui.presetSummary = h("p", { class: "cs-preset-summary" });
    ui.notes = h("div", { class: "cs-notes", role: "status" });
    ui.headline = h("p", { class: "cs-headline", "aria-live": "polite" });
    ui.error = h("p", { class: "cs-error", role: "alert", hidden: true });
    ui.fan = h("div", { class: "cs-chart" });
    ui.hist = h("div", { class: "cs-chart cs-hist" });
    ui.progress = h("progress", { class: "cs-progress", hidden: true, "aria-label": t("progress") });
    ui.status = h("p", { class: "cs-status" });
    ui.sliders = h("div", { class: "cs-sliders" });
    ui.siteTable = h("table", { class: "cs-sites" });
    ui.dataTable = h("table", { class: "cs-data" });
    ui.sources = h("ul", { class: "cs-sources" });
    ui.fields = h("div", { class: "cs-fields" });
    ui.json = h("textarea", { class: "cs-json", rows: 14, spellcheck: "false", "aria-label": t("editJson") });
    ui.copied = h("textarea", { class: "cs-copied", readonly: true, rows: 4, hidden: true, "aria-label": t("copyFallback") });
    ui.copiedNote = h("p", { class: "cs-copied-note", role: "status" });
    ui.seed = h("input", { type: "number", id: uid("seed"), min: 0, max: MAX_SEED, step: 1, inputmode: "numeric", onchange: onSeed });
    ui.trials = h(
      "select",
      {
        id: uid("trials"),
        onchange: (e) => {
          state.trials = Number(e.target.value);
          changed();
        },
      },
      TRIAL_CHOICES.map((n) => h("option", { value: n }, fmt.int(n))),
    );

    ui.controls = CONTROLS.map((c) => {
      const id = uid(c.key);
      const input = h("input", {
        type: "range",
        id,
        min: c.scale ? 0 : c.min,
        max: c.scale ? 1000 : c.max,
        step: c.scale ? 1 : c.step,
        oninput: () => onSlide(c, input, false),
        onchange: () => onSlide(c, input, true),
      });
      const value = h("output", { for: id, class: "cs-value" });
      const badge = h("span", { class: "cs-badge" });
      const row = h("div", { class: "cs-slider" }, h("label", { for: id }, t(c.key), " ", badge), input, value);
      return { c, input, value, badge, row };
    });
    ui.sliders.append(...ui.controls.map((x) => x.row));

    const legend = h(
      "p",
      { class: "cs-legend", "aria-hidden": "true" },
      h("span", { class: "cs-swatch cs-swatch-outer" }),
      t("fanLegendOuter"),
      h("span", { class: "cs-swatch cs-swatch-inner" }),
      t("fanLegendInner"),
      h("span", { class: "cs-swatch cs-swatch-median" }),
      t("fanLegendMedian"),
    );
    const button = (label, onclick, cls) => h("button", { type: "button", class: cls, onclick }, label);

    root.replaceChildren(
      h("div", { class: "cs-top" }, h("label", { for: ui.presetSelect.id }, t("scenario")), ui.presetSelect, ui.presetSummary),
      ui.notes,
      ui.headline,
      ui.error,
      h(
        "div",
        { class: "cs-main" },
        h(
          "section",
          { class: "cs-figures", "aria-label": t("fanTitle") },
          h("h2", {}, t("fanTitle")),
          legend,
          ui.progress,
          ui.fan,
          ui.status,
          h("details", { class: "cs-data-wrap" }, h("summary", {}, t("dataTable")), h("p", { class: "cs-table-note" }, t("tableNote")), h("div", { class: "cs-table-wrap" }, ui.dataTable)),
          h("h2", {}, t("histTitle")),
          ui.hist,
        ),
        h(
          "section",
          { class: "cs-controls", "aria-label": t("sliders") },
          h("h2", {}, t("sliders")),
          ui.sliders,
          h(
            "div",
            { class: "cs-run" },
            h("label", { for: ui.trials.id }, t("trials")),
            ui.trials,
            h("label", { for: ui.seed.id }, t("seed")),
            h("span", { class: "cs-seed" }, ui.seed, button(t("reroll"), reroll)),
            button(t("reset"), reset, "cs-reset"),
          ),
        ),
      ),
      h(
        "div",
        { class: "cs-actions" },
        button(t("share"), share),
        button(t("embed"), embedCode),
        h("span", { class: "cs-download-label" }, `${t("download")}:`),
        button(t("downloadCsv"), downloadCsv),
        button(t("downloadSvg"), downloadSvg),
        button(t("downloadPng"), downloadPng),
      ),
      ui.copiedNote,
      ui.copied,
      h("h2", {}, t("sitesTitle")),
      h("div", { class: "cs-table-wrap" }, ui.siteTable),
      h(
        "details",
        { class: "cs-all" },
        h("summary", {}, t("allParameters")),
        ui.fields,
        h("details", {}, h("summary", {}, t("editJson")), ui.json, button(t("applyJson"), applyJson)),
      ),
      h("h2", {}, t("sourcesTitle")),
      ui.sources,
    );

    let pending = 0;
    new ResizeObserver(() => {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(() => state.summary && drawCharts());
    }).observe(ui.fan);
  }

  function choosePreset(id, scenario) {
    speak();
    state.preset = state.presets.find((p) => p.id === id) ?? state.presets[0];
    state.scenario = scenario ?? clone(state.preset.scenario);
    ui.presetSelect.value = state.preset.id;
    ui.presetSummary.textContent = local()?.summary ?? state.preset.summary;
    renderInputs();
    renderSources();
    changed();
  }

  function reset() {
    state.seed = 1;
    state.trials = 10_000;
    choosePreset(state.preset.id);
  }

  function reroll() {
    state.seed = nextSeed(state.seed);
    renderInputs();
    changed();
  }

  function onSeed() {
    const v = Number(ui.seed.value);
    if (ui.seed.value !== "" && Number.isInteger(v) && v >= 0 && v <= MAX_SEED) {
      state.seed = v;
      changed();
    } else {
      showError(t("inputError")(`${t("seed")}: ${t("mustBe")(t("intRange")(0, MAX_SEED))}`), "seed");
    }
  }

  function sliderValue(c, input) {
    const raw = Number(input.value);
    const v = c.scale ? c.scale.fromPosition(raw) : raw;
    return Math.min(c.max, Math.max(c.min, v));
  }

  let previewFrame = 0;
  let fullTimer = 0;
  function onSlide(c, input, released) {
    speak();
    state.scenario = c.apply(clone(state.scenario), sliderValue(c, input), state.preset.scenario);
    renderInputs({ except: c });
    clearTimeout(fullTimer);
    if (released) {
      cancelAnimationFrame(previewFrame);
      changed();
    } else {
      // While dragging: a quick preview each frame, the full run once the reader pauses.
      cancelAnimationFrame(previewFrame);
      previewFrame = requestAnimationFrame(() => run({ preview: true }));
      fullTimer = setTimeout(() => changed(), 400);
    }
  }

  /** After a change: record the state, then run. */
  function changed() {
    options.onState?.(query());
    run();
  }

  const query = () => writeState({ preset: state.preset.id, seed: state.seed, trials: state.trials, lang: state.lang, theme: state.theme, scenario: state.scenario }, state.presets);

  /** Shows the scenario in the sliders, the fields panel and the JSON editor. */
  function renderInputs({ except } = {}) {
    const s = state.scenario;
    const sources = state.preset.sources;
    for (const { c, input, value, badge, row } of ui.controls) {
      const enabled = c.enabled(s);
      input.disabled = !enabled;
      row.classList.toggle("cs-disabled", !enabled);
      const v = c.read(s);
      if (c !== except) input.value = String(c.scale ? c.scale.toPosition(v) : v);
      const words = enabled ? c.text(v, s) : t("noShocks");
      value.textContent = words;
      input.setAttribute("aria-valuetext", words);
      const source = sources.find((x) => x.field === c.source || x.field.startsWith(`${c.source}.`));
      badge.textContent = source ? t("label")[source.label] : "";
      badge.className = `cs-badge ${source ? `cs-${source.label}` : ""}`;
    }
    if (!TRIAL_CHOICES.includes(state.trials) && ![...ui.trials.options].some((o) => Number(o.value) === state.trials)) {
      ui.trials.append(h("option", { value: state.trials }, fmt.int(state.trials)));
    }
    ui.trials.value = String(state.trials);
    ui.seed.value = String(state.seed);

    renderFields(s);
    if (root.getRootNode().activeElement !== ui.json) ui.json.value = JSON.stringify(s, null, 2);
  }

  /** The "all parameters" panel: built when the scenario's shape changes, otherwise only its
   * values are brought up to date (a slider drag must not rebuild a hundred inputs a frame). */
  let fieldsShape = null;
  const fieldInputs = new Map();
  function renderFields(s) {
    const values = numbers(s);
    const now = shape(s);
    if (now !== fieldsShape) {
      fieldsShape = now;
      fieldInputs.clear();
      ui.fields.replaceChildren(
        ...[...values.keys()].map((dotted) => {
          const id = uid("field");
          const path = bracketed(dotted);
          const input = h("input", {
            id,
            type: "number",
            step: "any",
            "data-path": path,
            onchange: () => {
              const [parent, key] = locate(state.scenario, dotted);
              parent[key] = input.value === "" ? NaN : Number(input.value);
              renderInputs();
              changed();
            },
          });
          fieldInputs.set(dotted, input);
          return h("div", { class: "cs-field" }, h("label", { for: id }, describeField(s, path)), input);
        }),
      );
    }
    const focused = root.getRootNode().activeElement;
    for (const [dotted, input] of fieldInputs) if (input !== focused) input.value = String(values.get(dotted));
  }

  function applyJson() {
    speak();
    try {
      state.scenario = JSON.parse(ui.json.value);
    } catch (e) {
      showError(t("inputError")(`scenario: not valid JSON (${e.message})`), "scenario");
      return;
    }
    renderInputs();
    changed();
  }

  function renderSources() {
    const notes = local()?.notes ?? {};
    ui.sources.replaceChildren(
      ...state.preset.sources.map((s) =>
        h(
          "li",
          {},
          h("span", { class: `cs-badge cs-${s.label}` }, t("label")[s.label]),
          " ",
          h("strong", {}, describeField(state.preset.scenario, s.field)),
          `: ${notes[s.field] ?? s.note}`,
          s.source ? h("span", { class: "cs-source" }, ` (${s.source})`) : null,
        ),
      ),
    );
  }

  function showNotes(notes) {
    ui.notes.replaceChildren(...notes.map((n) => h("p", { class: "cs-note" }, n)));
  }

  function showError(message, field) {
    ui.error.hidden = false;
    ui.error.textContent = message;
    for (const input of ui.fields.querySelectorAll("input")) {
      const bad = field && (input.dataset.path === field || input.dataset.path.startsWith(`${field}.`));
      input.toggleAttribute("aria-invalid", Boolean(bad));
    }
    root.classList.add("cs-has-error");
  }

  function clearError() {
    ui.error.hidden = true;
    ui.error.textContent = "";
    for (const input of ui.fields.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
    root.classList.remove("cs-has-error");
  }

  // While a preview is being computed, newer previews wait (only the newest of them is kept),
  // so a drag shows a steady stream of results; anything else replaces the run in flight.
  let latestRun = 0;
  let previewInFlight = false;
  let parkedPreview = false;

  async function run({ preview = false } = {}) {
    if (preview && previewInFlight) {
      parkedPreview = true;
      return;
    }
    parkedPreview = false;
    const token = ++latestRun;
    previewInFlight = preview;
    const trials = preview ? Math.min(PREVIEW_TRIALS, state.trials) : state.trials;
    root.classList.add("cs-busy");
    const result = await simulator.run(state.scenario, { trials, seed: state.seed, bins: preview ? PREVIEW_BINS : undefined });
    speak();
    if (token === latestRun) {
      previewInFlight = false;
      if (!parkedPreview) root.classList.remove("cs-busy");
    }
    if (result) {
      fromLink = false;
      ui.progress.hidden = true;
      clearError();
      state.summary = result.summary;
      state.previewing = preview;
      render(result);
    }
    if (token === latestRun && parkedPreview) run({ preview: true });
  }

  function drawCharts() {
    speak();
    drawFanChart(ui.fan, state.summary, start);
    drawHistogram(ui.hist, state.summary);
  }

  function render({ summary, elapsed }) {
    drawCharts();
    ui.headline.textContent = headline(summary, state.scenario);
    ui.status.textContent = state.previewing ? t("preview") : `${t("ranIn")(fmt.int(summary.trials), fmt.int(elapsed))} · ${t("seed")} ${summary.seed}`;
    const head = h(
      "tr",
      {},
      [t("siteName"), t("siteCountry"), t("siteChip"), t("siteGpus"), t("siteUp"), t("sitePermanent")].map((x) => h("th", { scope: "col" }, x)),
    );
    const rows = summary.sites.map((site, i) => {
      const s = state.scenario.sites[i];
      return h(
        "tr",
        {},
        h("th", { scope: "row" }, nameOf(s)),
        h("td", {}, s.jurisdiction),
        h("td", {}, s.chip),
        h("td", { class: "cs-num" }, fmt.int(s.gpus)),
        h("td", { class: "cs-num" }, site.share_of_days_up === null ? "–" : fmt.share(site.share_of_days_up)),
        h("td", { class: "cs-num" }, fmt.share(site.p_permanent_shutdown)),
      );
    });
    ui.siteTable.replaceChildren(h("thead", {}, head), h("tbody", {}, rows));
    ui.dataTable.replaceChildren(
      h("thead", {}, h("tr", {}, [t("tableMonth"), "5%", "25%", "50%", "75%", "95%"].map((x) => h("th", { scope: "col" }, x)))),
      h(
        "tbody",
        {},
        monthlyRows(summary, start).map(([date, ...values]) => h("tr", {}, h("th", { scope: "row" }, date), values.map((v) => h("td", { class: "cs-num" }, fmt.int(v))))),
      ),
    );
  }

  // Sharing and downloads.
  async function copy(text, done) {
    speak();
    ui.copied.value = text;
    ui.copied.hidden = false;
    try {
      await navigator.clipboard.writeText(text);
      ui.copiedNote.textContent = done;
    } catch {
      // No clipboard (an insecure page, or permission refused): the text is selected to copy.
      ui.copiedNote.textContent = t("copyFallback");
      ui.copied.focus();
      ui.copied.select();
    }
  }

  const shareUrl = () => `${pageUrl.href.split("?")[0]}?${query()}`;

  function share() {
    copy(shareUrl(), t("shareDone"));
  }

  function embedCode() {
    const q = query();
    const embed = new URL(`embed.html?${q}`, HERE).href;
    const title = t("embedTitle").replace(/"/g, "&quot;");
    const attrs = new URLSearchParams(q);
    const element = [...attrs].map(([k, v]) => ` ${k}="${v.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"`).join("");
    const code =
      `<iframe src="${embed.replace(/&/g, "&amp;")}" title="${title}" loading="lazy" width="100%" height="1400" style="border:0;width:100%" scrolling="no"></iframe>\n` +
      `<script src="${new URL("resize.js", HERE).href}" async></script>\n\n` +
      `<script type="module" src="${new URL("element.js", HERE).href}"></script>\n` +
      `<compute-shock${element}></compute-shock>`;
    copy(code, t("embedDone"));
  }

  const names = () => ({ preset: state.preset.id, changed: query().includes("v="), seed: state.seed, trials: state.summary?.trials ?? state.trials });

  function downloadCsv() {
    speak();
    save(fileName(names(), "csv"), csv(state.summary, local()?.name ?? state.scenario.name ?? state.preset.name, start));
  }

  function chartCopy() {
    speak();
    return standaloneSvg(ui.fan.querySelector("svg"), `${t("fanTitle")}: ${local()?.name ?? state.scenario.name ?? state.preset.name}`);
  }

  function downloadSvg() {
    save(fileName(names(), "svg"), svgBlob(chartCopy()));
  }

  async function downloadPng() {
    save(fileName(names(), "png"), await pngBlob(chartCopy()));
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
