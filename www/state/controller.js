// @ts-check
// The widget's state and everything that changes it, without a page: no DOM here, so it runs
// (and is tested) under Node as it runs in a browser. The view (widget.js) builds and fills the
// DOM, listens to the controller and hands it what a reader does; the page, the iframe page,
// the element and the editor each drive a widget through its controller.
//
// It holds the state (preset, scenario, seed, trials, language, theme, the embed's view, the
// run on screen), its transitions (choose a preset, move a control, set the seed or the
// futures, re-roll, reset, start on another day, set a field or the whole scenario, apply a
// host's parameters), what follows from them (the page's and the embed's query, whether the
// scenario differs from its preset's, its name, the controls a story shows, the lead) and its
// events. The engine (`engine(hooks)`: a Simulator) and the run scheduler are handed to it.
//
// Events (`on(type, listener)`), for the view:
//   layout    the parts must be built (again): first build, new layout, language or controls
//   preset    a preset's texts and values to show (after `layout` when both)
//   inputs    the scenario's values to show in the inputs; detail { except } (a moving control)
//   texts     the journalist's texts or the scenario's name changed
//   marks     the chart's annotations changed (no rebuild)
//   notes     what the parameters asked for and could not have; detail: the list
//   error     a run failed on bad input or a bug; detail { message, field } (null: cleared)
//   theme     the theme to wear; detail: "light", "dark" or "auto"
//   lead      the lead to write again (the journalist's headline changed)
//   request   a run starts (its progress is its own); busy (true/false), progress
//             ({ done, total }), failed (a run failed: what it did is over), shown
//             ({ result, preview }: a run's result, the newest)
//   unavailable  the engine cannot load; broken ({ message }): an error before the parts
//             were built
// and for the host page (the element's events, the iframe's messages):
//   ready { query, presets, controls }, change { by, query, preset, seed, trials, changed,
//   scenario }, result { summary, headline, details, query }, state (the query, after every
//   change).
import { loadLanguage, presetText, translator } from "../words/i18n.js";
import { THEMES, locate, nextSeed, readState, sameScenario, writeState } from "./state.js";
import { sentences } from "../words/story.js";
import { parseDate, startOn, today } from "../words/format.js";
import { CONTROL_IDS } from "./controls.js";
import { FRAME_KEYS, PARAMETERS, defaultControls, readEmbed, unknownNames, writeEmbed } from "./embedding.js";
import { trialChoices } from "../views/settings.js";
import { scheduler } from "../engine/runs.js";
import { learn } from "../engine/engine-defaults.js";

/** A preset's mark of being as reported, which a changed scenario no longer is. */
const AS_REPORTED = /\s*[(（](?:as reported|報道ベース)[)）]\s*$/;
/** A scenario's name from its preset's (`name`, in the language of `tr`): as it is, or,
 * `changed`, marked as changed and no longer "as reported". */
export const scenarioTitle = (tr, name, changed) => (changed ? tr.t("changed")(name.replace(AS_REPORTED, "")) : name);

const clone = (x) => structuredClone(x);

/** @typedef {import("../../types/engine").Scenario} Scenario */
/** @typedef {import("../../types/engine").Summary} Summary */
/** @typedef {import("../../types/engine").Limits} Limits */
/** @typedef {import("../../types/engine").Preset} Preset */

/**
 * What a controller is made with.
 * @typedef {object} ControllerOptions
 * @property {(hooks: object) => any} engine starts the engine with the Simulator's hooks
 * @property {(name: string) => string | null} [get] reads parameters (URL query or attributes)
 * @property {() => Scenario | null} [scenario] a scenario object in place of the preset's
 * @property {() => string[]} [names] every parameter given (unknown ones are noted)
 * @property {"full" | "story" | "edit"} [layout] without a `layout` parameter (default full)
 * @property {"auto" | "light" | "dark"} [theme] without a `theme` parameter (default auto)
 * @property {Date} [start] day 0 when the scenario has no start_date
 * @property {{ query(q: string): string }} [views] adds the views' own parameters to a query
 */

/**
 * A widget's controller.
 * @param {ControllerOptions} options
 */
export function controller(options) {
  const get = options.get ?? (() => null);
  const given = options.scenario ?? (() => null);
  const defaults = { layout: options.layout ?? "full", theme: options.theme ?? "auto" };
  // Day 0 is the scenario's start date (the run's summary carries it); only a scenario
  // without one is dated from the day the reader opened the widget.
  const fallbackStart = options.start ?? today();
  const startOf = (summary) => parseDate(summary?.start_date) ?? fallbackStart;
  const extra = (q) => options.views?.query(q) ?? q;

  const listeners = new Map();
  const tell = (type, detail) => {
    for (const listener of listeners.get(type) ?? []) listener(detail);
  };

  // The language, once loaded (`speak`); a `lang` change rebuilds the parts in the new one.
  let tr = null;
  const t = (key) => tr.t(key);
  /** @type {{ presets: Preset[], limits: Limits | null, preset: Preset | null, scenario: Scenario | null, seed: number | null, trials: number | null, lang: string | null, theme: string, summary: Summary | null, previewing: boolean, lastRun: { workers: number, shares: number, elapsed: number } | null }} */
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
  /** The layout, the chosen controls (null: the preset's) and the journalist's texts.
   * @type {{ layout: string, controls: string[] | null, ranges: Record<string, [number, number]>, annotations: { date: string, text: string }[], texts: Record<string, string> }} */
  let view = { layout: defaults.layout, controls: null, ranges: {}, annotations: [], texts: {} };
  /** The parameters as last read, to tell what a host page changed. */
  let seen = null;
  let fromLink = false;
  /** The futures of the first run after the parameters were read came from them (a link, a
   * host): a refusal of their number falls back to the fewest, once, until a result. */
  let trialsFromLink = false;
  /** The newest result on screen ({ result, preview, scenario }), to show again in rebuilt
   * parts. */
  let last = null;
  /** Built: the engine is ready and the parts are built. */
  let built = false;

  /** Loads the `lang` parameter's language and speaks it. */
  const speak = async () => {
    await loadLanguage(get("lang"));
    tr = translator(get("lang"));
  };
  const spoken = speak().then(() => {
    state.lang = tr.lang;
  });
  spoken.catch(() => {});

  const simulator = options.engine({
    async onReady(presets, limits) {
      state.presets = presets;
      state.limits = limits;
      learn(limits);
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
      tell("theme", state.theme);
      fromLink = ["set", "scenario"].some((k) => get(k) !== null) || read.params.object !== null;
      trialsFromLink = get("trials") !== null;
      try {
        tell("layout");
        built = true;
        tell("notes", read.notes);
        choosePreset(state.preset.id, state.scenario, null);
      } catch (e) {
        // A bug in building: said, never a loading line for good.
        built = false;
        onError(e, true);
        return;
      }
      tell("ready", { query: query(), presets: presets.map((p) => p.id), controls: CONTROL_IDS });
    },
    onProgress: (done, total) => tell("progress", { done, total }),
    onError,
    onUnavailable: () => {
      built = false;
      tell("unavailable");
    },
  });

  const runs = scheduler({
    simulator,
    // A new run: its own progress, pace and note (a replaced one's are not its).
    request: () => (tell("request"), { scenario: state.scenario, trials: state.trials, seed: state.seed }),
    onBusy: (busy) => tell("busy", busy),
    onResult: shown,
  });

  /** Every parameter as given now (`object`: a scenario object, if any).
   * @returns {Record<string, any>} */
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
  const presetName = (p) => presetText(tr.lang, p.id)?.name || p.name;

  /** The state's query, for a page whose theme is `theme` without a parameter; `embed`: for
   * the embed code (a theme no parameter chose is left to the embed's own default). */
  const query = (theme = defaults.theme, embed = false) =>
    extra(
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
  /** Whether the scenario differs from its preset's. */
  const isChanged = () => !sameScenario(state.scenario, state.preset.scenario);
  /** The scenario's name: the preset's, or, changed, the preset's marked as changed and no
   * longer "as reported". */
  const scenarioName = () => scenarioTitle(tr, presetName(state.preset), isChanged());
  /** The controls shown with the chart (a story's chosen few; every one elsewhere). */
  const controls = () => (view.layout === "story" ? (view.controls ?? defaultControls(state.preset.id)) : CONTROL_IDS);
  /** The lead and its details for the run on screen ({ lead: "", details: [] } before one):
   * written once for a result, language and preset (the view draws it, the `result` event
   * carries it). */
  let said = null;
  const lead = () => {
    if (!last) return { lead: "", details: [] };
    if (said?.last !== last || said.tr !== tr || said.preset !== state.preset) {
      said = { last, tr, preset: state.preset, value: sentences(last.result.summary, last.scenario, tr, { start: startOf(last.result.summary), nameOf }) };
    }
    return said.value;
  };

  /** `by`: who chose the preset ("reader", "host"; null: the first read, not a change). */
  function choosePreset(id, scenario, by = "reader") {
    state.preset = state.presets.find((p) => p.id === id) ?? state.presets[0];
    state.scenario = scenario ?? clone(state.preset.scenario);
    // (The story's controls follow the preset unless the embed chose them: the view builds
    // its parts again when `controls()` is no longer what they show.)
    tell("preset");
    changed(by);
  }

  /** After a change: record the state, tell the host page, then run it. */
  function changed(by = "reader") {
    const q = query();
    tell("state", q);
    tell("texts");
    if (by) tell("change", { by, query: q, preset: state.preset.id, seed: state.seed, trials: state.trials, changed: isChanged(), scenario: clone(state.scenario) });
    runs.full();
  }

  /** A change from an input: shown in the inputs, then run. */
  function input() {
    tell("inputs", {});
    changed();
  }

  /** Re-reads the parameters (a host page changed them) and applies what changed, in place. */
  let queue = Promise.resolve();
  function update() {
    queue = queue
      .then(async () => {
        if (!built) return; // not built yet: the first read takes everything
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
    view = read.view;
    tell("theme", state.theme);
    if (relayout) tell("layout");
    tell("notes", read.notes);
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
      tell("inputs", {});
      changed("host");
    } else {
      tell("texts");
      tell("lead");
      if (marks && !relayout) tell("marks");
      tell("state", query());
    }
  }

  /** A run's result (the newest) is in: it is the one on screen. */
  function shown(result, preview) {
    fromLink = trialsFromLink = false;
    last = { result, preview, scenario: state.scenario };
    state.summary = result.summary;
    state.previewing = preview;
    state.lastRun = { workers: result.workers, shares: result.shares, elapsed: result.elapsed };
    tell("error", null);
    tell("shown", { result, preview });
    if (!preview) {
      const { lead: headline, details } = lead();
      tell("result", { summary: result.summary, headline, details, query: query() });
    }
  }

  /** A run failed: bad input (the engine's error names the field) or, `fatal`, a bug. */
  function onError(error, fatal) {
    if (!built) {
      // The engine never started: nothing else to show.
      tell("broken", { message: tr ? t("engineError")(error.message) : error.message });
      return;
    }
    tell("failed");
    const fewest = trialChoices(state.limits.trials)[0];
    if (!fatal && (fromLink || trialsFromLink) && error.field === "trials" && state.trials > fewest) {
      // The link's scenario, or its preset, is too large a run at its futures (the engine's
      // ceiling on a run's cost): run it with the fewest a reader can pick, and say so.
      state.trials = fewest;
      tell("inputs", {});
      tell("notes", [t("tooLarge")(tr.fmt.int(fewest))]);
      changed(null);
      return;
    }
    if (!fatal && fromLink) {
      // The link's changes do not make a valid scenario: say so, and show the preset.
      fromLink = false;
      tell("notes", [t("ignored")("set", error.field ?? "scenario", error.reason ?? error.message)]);
      choosePreset(state.preset.id);
      return;
    }
    tell("error", { message: fatal ? t("engineError")(error.message) : t("inputError")(error.message), field: fatal ? null : error.field });
  }

  return {
    simulator,
    state,
    /** The language (a translator: `t`, `fmt`, `lang`), once loaded; null before. */
    get tr() {
      return tr;
    },
    /** Resolves once the language has loaded (rejects if it cannot). */
    spoken,
    /** The layout, the chosen controls and ranges, the annotations and the journalist's texts. */
    get view() {
      return view;
    },
    /** The newest result on screen: { result, preview, scenario }, or null. */
    get last() {
      return last;
    },
    on(type, listener) {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type).add(listener);
      return () => listeners.get(type).delete(listener);
    },
    query,
    embedQuery,
    isChanged,
    scenarioName,
    presetName,
    nameOf,
    controls,
    lead,
    startOf,
    /** What a download names the scenario by. */
    names: () => ({ preset: state.preset.id, changed: isChanged(), seed: state.seed, trials: state.summary?.trials ?? state.trials }),
    update,
    choosePreset: (id) => choosePreset(id),
    /** A control moved to `value` (`released`: it rests; else a preview runs meanwhile). */
    slide(control, value, released) {
      state.scenario = control.apply(clone(state.scenario), value, state.preset.scenario);
      tell("inputs", { except: control });
      if (released) changed();
      else runs.preview(changed);
    },
    /** The futures set to `n`; `shown`: the run settings, where the reader chose it, already
     * show it (the other inputs keep what is typed in them). */
    setTrials(n, shown = false) {
      state.trials = n;
      if (shown) changed();
      else input();
    },
    setSeed(seed) {
      state.seed = seed;
      changed();
    },
    reroll() {
      state.seed = nextSeed(state.seed, state.limits.seed);
      input();
    },
    reset() {
      state.seed = state.limits.seed.default;
      state.trials = state.limits.trials.default;
      choosePreset(state.preset.id);
    },
    /** The same world, seen from another day: its events stay on their dates. Back on the
     * preset's date, a floor in steps or a growing one is the preset's again. */
    setStart(date) {
      const back = date.getTime() === parseDate(state.preset.scenario.start_date)?.getTime();
      state.scenario = startOn(state.scenario, date, { floorFrom: back ? state.preset.scenario : null });
      input();
    },
    /** A field (`keys`, its path) set to `value`. */
    setField(keys, value) {
      const at = locate(state.scenario, keys);
      if (at) at[0][at[1]] = value;
      input();
    },
    setScenario(scenario) {
      state.scenario = scenario;
      input();
    },
    /** The engine's error, as if a run had failed (an input's own check: a seed out of range). */
    invalid: (message, field) => tell("error", { message, field }),
  };
}
