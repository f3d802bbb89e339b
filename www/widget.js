// The widget: preset picker, sliders, charts, headline, site table and sources, built into
// any element. All text goes in with textContent: nothing from a scenario or a URL is markup.
import { Simulator } from "./simulator.js";
import { drawFanChart, drawHistogram } from "./charts.js";
import { CONTROLS } from "./controls.js";
import { fmt, t } from "./i18n.js";

const PREVIEW_TRIALS = 1000;
const TRIAL_CHOICES = [1000, 10_000, 100_000];
const MAX_SEED = 2 ** 53 - 1;

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

/** A scenario path ("sites[0].gpus") as words ("Osaka · GPUs"). */
function describeField(scenario, path) {
  const parts = path.split(".");
  const words = [];
  let node = scenario;
  for (const part of parts) {
    const m = /^(\w+)\[(\d+)\]$/.exec(part);
    if (m) {
      node = node?.[m[1]]?.[Number(m[2])];
      words.push(node?.name ?? node?.id ?? part);
    } else {
      node = node?.[part];
      const label = t("fields")[part];
      if (label) words.push(label);
      else if (!["outages", "distress", "training_run", "relocation", "duration_days", "lag_days", "online_delay_days", "delay_days"].includes(part)) words.push(part);
      else words.push(part.replace(/_/g, " "));
    }
  }
  return words.join(" · ");
}

/** Every numeric field of a scenario, with its path, for the "all parameters" panel. */
function numericFields(scenario) {
  const out = [];
  const walk = (v, path) => {
    if (typeof v === "number") out.push(path);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
  };
  walk(scenario, "");
  return out;
}

function getPath(obj, path) {
  return path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "").reduce((o, k) => o?.[k], obj);
}

function setPath(obj, path, value) {
  const keys = path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "");
  const last = keys.pop();
  keys.reduce((o, k) => o[k], obj)[last] = value;
}

/**
 * Mounts the widget in `root`.
 * @param {HTMLElement} root
 * @param {{ preset?: string, seed?: number, trials?: number, start?: Date }} options
 */
export function mountWidget(root, options = {}) {
  const start = options.start ?? new Date(new Date().toDateString());
  const state = {
    presets: [],
    preset: null,
    scenario: null,
    seed: options.seed ?? 1,
    trials: options.trials ?? 10_000,
    summary: null,
    previewing: false,
  };

  root.classList.add("cs-widget");
  root.replaceChildren(h("p", { class: "cs-loading" }, t("loading")));

  const ui = {};
  const simulator = new Simulator({
    onReady: (presets) => {
      state.presets = presets;
      const wanted = presets.find((p) => p.id === options.preset) ?? presets[0];
      build();
      choosePreset(wanted.id);
    },
    onProgress: (done, total) => {
      ui.progress.hidden = false;
      ui.progress.max = total;
      ui.progress.value = done;
      ui.status.textContent = t("running")(fmt.int(done), fmt.int(total));
    },
    onError: (message, fatal) => {
      ui.progress.hidden = true;
      showError(fatal ? t("engineError")(message) : t("inputError")(message), fatal ? null : message.split(":")[0]);
    },
  });

  function build() {
    ui.presetSelect = h(
      "select",
      { id: uid("preset"), onchange: (e) => choosePreset(e.target.value) },
      state.presets.map((p) => h("option", { value: p.id }, p.name)),
    );
    ui.presetSummary = h("p", { class: "cs-preset-summary" });
    ui.headline = h("p", { class: "cs-headline", "aria-live": "polite" });
    ui.error = h("p", { class: "cs-error", role: "alert", hidden: true });
    ui.fan = h("div", { class: "cs-chart" });
    ui.hist = h("div", { class: "cs-chart cs-hist" });
    ui.progress = h("progress", { class: "cs-progress", hidden: true });
    ui.status = h("p", { class: "cs-status" });
    ui.sliders = h("div", { class: "cs-sliders" });
    ui.siteTable = h("table", { class: "cs-sites" });
    ui.sources = h("ul", { class: "cs-sources" });
    ui.fields = h("div", { class: "cs-fields" });
    ui.json = h("textarea", { class: "cs-json", rows: 14, spellcheck: "false", "aria-label": t("editJson") });
    ui.seed = h("input", { type: "number", id: uid("seed"), min: 0, max: MAX_SEED, step: 1, inputmode: "numeric", onchange: onSeed });
    ui.trials = h(
      "select",
      { id: uid("trials"), onchange: (e) => { state.trials = Number(e.target.value); run(); } },
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
      { class: "cs-legend" },
      h("span", { class: "cs-swatch cs-swatch-outer" }),
      t("fanLegendOuter"),
      h("span", { class: "cs-swatch cs-swatch-inner" }),
      t("fanLegendInner"),
      h("span", { class: "cs-swatch cs-swatch-median" }),
      t("fanLegendMedian"),
    );

    root.replaceChildren(
      h("div", { class: "cs-top" }, h("label", { for: ui.presetSelect.id }, t("scenario")), ui.presetSelect, ui.presetSummary),
      ui.headline,
      ui.error,
      h(
        "div",
        { class: "cs-main" },
        h("section", { class: "cs-figures" }, h("h3", {}, t("fanTitle")), legend, ui.progress, ui.fan, ui.status, h("h3", {}, t("histTitle")), ui.hist),
        h(
          "section",
          { class: "cs-controls" },
          h("h3", {}, t("sliders")),
          ui.sliders,
          h(
            "div",
            { class: "cs-run" },
            h("label", { for: ui.trials.id }, t("trials")),
            ui.trials,
            h("label", { for: ui.seed.id }, t("seed")),
            h("span", { class: "cs-seed" }, ui.seed, h("button", { type: "button", onclick: reroll }, t("reroll"))),
            h("button", { type: "button", class: "cs-reset", onclick: reset }, t("reset")),
          ),
        ),
      ),
      h("h3", {}, t("sitesTitle")),
      h("div", { class: "cs-table-wrap" }, ui.siteTable),
      h(
        "details",
        { class: "cs-all" },
        h("summary", {}, t("allParameters")),
        ui.fields,
        h("details", {}, h("summary", {}, t("editJson")), ui.json, h("button", { type: "button", onclick: applyJson }, t("applyJson"))),
      ),
      h("h3", {}, t("sourcesTitle")),
      ui.sources,
    );

    let pending = 0;
    new ResizeObserver(() => {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(() => state.summary && drawCharts());
    }).observe(ui.fan);
  }

  let uidCounter = 0;
  function uid(name) {
    uidCounter += 1;
    return `cs-${name}-${uidCounter}-${Math.round(performance.timeOrigin % 1e6)}`;
  }

  function choosePreset(id) {
    state.preset = state.presets.find((p) => p.id === id) ?? state.presets[0];
    state.scenario = clone(state.preset.scenario);
    ui.presetSelect.value = state.preset.id;
    ui.presetSummary.textContent = state.preset.summary;
    renderInputs();
    renderSources();
    run();
  }

  function reset() {
    state.seed = 1;
    state.trials = 10_000;
    choosePreset(state.preset.id);
  }

  function reroll() {
    state.seed = nextSeed(state.seed);
    run();
  }

  function onSeed() {
    const v = Number(ui.seed.value);
    if (Number.isInteger(v) && v >= 0 && v <= MAX_SEED) {
      state.seed = v;
      run();
    } else {
      showError(t("inputError")(`seed: must be an integer from 0 to ${MAX_SEED}, got ${ui.seed.value || "nothing"}`), "seed");
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
    state.scenario = c.apply(clone(state.scenario), sliderValue(c, input), state.preset.scenario);
    renderInputs({ except: c });
    clearTimeout(fullTimer);
    if (released) {
      cancelAnimationFrame(previewFrame);
      run();
    } else {
      // While dragging: a quick preview each frame, the full run once the reader pauses.
      cancelAnimationFrame(previewFrame);
      previewFrame = requestAnimationFrame(() => run({ preview: true }));
      fullTimer = setTimeout(() => run(), 400);
    }
  }

  /** Shows the scenario in the sliders, the fields panel and the JSON editor. */
  function renderInputs({ except } = {}) {
    const s = state.scenario;
    for (const { c, input, value, badge, row } of ui.controls) {
      const enabled = c.enabled(s);
      input.disabled = !enabled;
      row.classList.toggle("cs-disabled", !enabled);
      const v = c.read(s);
      if (c !== except) input.value = String(c.scale ? c.scale.toPosition(v) : v);
      const words = enabled ? c.text(v, s) : t("noShocks");
      value.textContent = words;
      input.setAttribute("aria-valuetext", words);
      const source = state.preset.sources.find((x) => x.field === c.source || x.field.startsWith(`${c.source}.`));
      badge.textContent = source ? t("label")[source.label] : "";
      badge.className = `cs-badge ${source ? `cs-${source.label}` : ""}`;
    }
    ui.seed.value = String(state.seed);
    ui.trials.value = String(state.trials);
    if (!ui.trials.value) ui.trials.append(h("option", { value: state.trials }, fmt.int(state.trials)));
    ui.trials.value = String(state.trials);

    ui.fields.replaceChildren(
      ...numericFields(s).map((path) => {
        const id = uid("field");
        const input = h("input", {
          id,
          type: "number",
          step: "any",
          value: getPath(s, path),
          "data-path": path,
          onchange: () => {
            setPath(state.scenario, path, input.value === "" ? NaN : Number(input.value));
            renderInputs();
            run();
          },
        });
        return h("div", { class: "cs-field" }, h("label", { for: id }, describeField(s, path)), input);
      }),
    );
    if (document.activeElement !== ui.json) ui.json.value = JSON.stringify(s, null, 2);
  }

  function applyJson() {
    try {
      state.scenario = JSON.parse(ui.json.value);
    } catch (e) {
      showError(t("inputError")(`scenario: not valid JSON (${e.message})`), "scenario");
      return;
    }
    renderInputs();
    run();
  }

  function renderSources() {
    ui.sources.replaceChildren(
      ...state.preset.sources.map((s) =>
        h(
          "li",
          {},
          h("span", { class: `cs-badge cs-${s.label}` }, t("label")[s.label]),
          " ",
          h("strong", {}, describeField(state.preset.scenario, s.field)),
          `: ${s.note}`,
          s.source ? h("span", { class: "cs-source" }, ` (${s.source})`) : null,
        ),
      ),
    );
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
    const result = await simulator.run(state.scenario, { trials, seed: state.seed });
    if (token === latestRun) {
      previewInFlight = false;
      if (!parkedPreview) root.classList.remove("cs-busy");
    }
    if (result) {
      ui.progress.hidden = true;
      clearError();
      state.summary = result.summary;
      state.previewing = preview;
      root.dataset.trials = String(result.summary.trials);
      root.dataset.seed = String(result.summary.seed);
      render(result);
    }
    if (token === latestRun && parkedPreview) run({ preview: true });
  }

  function drawCharts() {
    drawFanChart(ui.fan, state.summary, start);
    drawHistogram(ui.hist, state.summary);
  }

  function render({ summary, elapsed }) {
    drawCharts();
    ui.headline.textContent = headline(summary, state.scenario);
    ui.status.textContent = state.previewing ? t("preview") : `${t("ranIn")(fmt.int(summary.trials), fmt.int(elapsed))} · ${t("seed").toLowerCase()} ${summary.seed}`;
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
        h("th", { scope: "row" }, site.name),
        h("td", {}, s.jurisdiction),
        h("td", {}, s.chip),
        h("td", { class: "cs-num" }, fmt.int(s.gpus)),
        h("td", { class: "cs-num" }, site.share_of_days_up === null ? "–" : fmt.share(site.share_of_days_up)),
        h("td", { class: "cs-num" }, fmt.share(site.p_permanent_shutdown)),
      );
    });
    ui.siteTable.replaceChildren(h("thead", {}, head), h("tbody", {}, rows));
  }

  root.computeShock = {
    simulator,
    get state() {
      return state;
    },
  };
  return root.computeShock;
}

/** The sentence at the top: what the fan chart means, in plain words. */
export function headline(summary, scenario) {
  const fin = summary.metrics.final_capacity_b200e;
  const train = summary.metrics.days_to_train;
  return t("headline")({
    keepP10: fin.p10,
    keepP50: fin.p50,
    horizon: t("horizon")(summary.horizon_days),
    req: summary.requirement_b200e,
    shortWeek: summary.probabilities.shortfall_7_days,
    trainP50: train.p50,
    run: t("trainingRun")(scenario.training_run?.flop ?? 3.8e25),
    unfinished: train.p_unfinished,
  });
}
