// The editor (editor.html): a journalist shapes an embed without code. The scenario is changed
// with the widget itself (its full layout, every slider and parameter); beside it, the embed's
// own parameters (embedding.js): the readers' sliders, their order and ranges, the texts,
// dated notes, language, theme and layout. Previews are real embeds at the widths articles
// give them, kept up to date with the messages a host page sends (views/editor-previews.js).
// One snippet is copied, the iframe or the element.
//
// Everything is in the address: the editor's query is the embed's query (plus `snippet`, the
// kind of code), so a copied embed's address, with embed.html changed to editor.html or
// pasted under "Open an embed", reopens it here. Nothing is stored, nothing is sent.
import { mountWidget } from "./views/widget.js";
import { editorPreviews } from "./views/editor-previews.js";
import { THEMES } from "./state/state.js";
import { CONTROLS, CONTROL_IDS } from "./state/controls.js";
import {
  ANNOTATION_MAX,
  FRAME_KEYS,
  MAX_ANNOTATIONS,
  MAX_CONTROLS,
  PARAMETERS,
  TEXTS,
  defaultControls,
  plainText,
  readAnnotation,
  readEmbed,
  readRange,
  unknownNames,
  writeEmbed,
} from "./state/embedding.js";
import { elementCode } from "./state/element-code.js";
import { FALLBACK_HEIGHT, iframeCode } from "./views/sharing.js";
import { snippetQuery } from "./state/snippet-query.js";
import { LANGS, loadLanguage, presetText, translator } from "./words/i18n.js";
import { button, h, idMaker } from "./views/dom.js";
import { EDITOR_TEXT } from "./words/editor-text.js";
import { NOTE_CHARS } from "./views/events.js";
import { addDays, isoDate, parseDate, today as todayUtc } from "./words/format.js";
import { longestHorizon } from "./engine/engine-defaults.js";

const HERE = new URL("./", import.meta.url);
/** The editor's own parameter: the kind of snippet. */
const EDITOR_KEYS = ["snippet"];
/** The state's parameters the scenario widget owns (its language and theme are the editor's). */
const STATE_KEYS = ["preset", "seed", "trials", "set", "scenario", "v", "compare", "metric"];
/** An iframe's height without its script: the tallest preview (a 320 px phone's) and this much
 * more, rounded up to 50 px. */
const HEIGHT_ROOM = 1.15;

const params = new URLSearchParams(location.search);
const root = document.getElementById("editor");

/** The journalist's language, when the address names none: the first of the browser's
 * languages the widget speaks, else English. */
const browserLang = () => (navigator.languages ?? [navigator.language]).map((l) => String(l).toLowerCase().split("-")[0]).find((l) => LANGS.includes(l)) ?? "en";

const ed = {
  lang: LANGS.includes(params.get("lang")) ? params.get("lang") : params.has("lang") ? "en" : browserLang(),
  theme: THEMES.includes(params.get("theme")) ? params.get("theme") : "light",
  snippet: params.get("snippet") === "element" ? "element" : "iframe",
  /** The embed's own parameters (embedding.js), as read and then as edited. */
  embed: null,
  /** The annotation rows being edited, valid or not (only valid ones reach the embed). */
  rows: [],
  /** The scenario's part of the query, from the widget. */
  state: new URLSearchParams([...params].filter(([k]) => STATE_KEYS.includes(k))),
  /** The texts as typed (a text that cannot be used stays in its field, marked). */
  typed: {},
};

await Promise.all([loadLanguage("en"), loadLanguage(ed.lang)]);
let tr = translator(ed.lang);
let words = EDITOR_TEXT[ed.lang];

ed.embed = readEmbed((k) => params.get(k), tr, { layout: "story", ids: CONTROL_IDS });
ed.rows = ed.embed.annotations.map((a) => ({ ...a }));
/** What the address asked for and the editor could not use. */
const notes = [...ed.embed.notes, ...unknownNames([...params.keys()], [...PARAMETERS, ...FRAME_KEYS, ...EDITOR_KEYS], tr)];
if (params.has("theme") && !THEMES.includes(params.get("theme"))) notes.push(tr.t("ignored")("theme", params.get("theme").slice(0, 80), tr.t("mustBe")(THEMES.join(", "))));
if (params.has("snippet") && !["iframe", "element"].includes(params.get("snippet"))) notes.push(tr.t("ignored")("snippet", params.get("snippet").slice(0, 80), tr.t("mustBe")("iframe, element")));

// The scenario: the widget, full layout, without its own share and download buttons.
const scenarioHost = h("div", { class: "editor-widget" });
const widget = mountWidget(scenarioHost, {
  get: (name) => (name === "lang" ? ed.lang : STATE_KEYS.includes(name) ? ed.state.get(name) : null),
  layout: "edit",
  theme: "light",
  actions: false,
  pageUrl: new URL("index.html", HERE),
  onState(query) {
    const q = new URLSearchParams(query);
    q.delete("lang");
    q.delete("theme");
    ed.state = q;
    refresh();
  },
  onEvent(type) {
    // A new preset (or the first, once ready) brings its own default sliders; a change of
    // value may move a range's warning (the form is left as it is: a half-typed range stays).
    if (widget.state.preset?.id !== shownPreset) renderControls();
    else for (const warn of warnings) warn();
    // A run that brings other dates (another start, another horizon): the notes are checked
    // against them, and the snippet keeps only those inside (only then: a rebuild while a
    // journalist types would lose the caret).
    const now = dates()?.join();
    if (type === "result" && now !== notesDates) {
      notesDates = now;
      if (ed.rows.length && parts.annotations) {
        renderAnnotations();
        refresh();
      }
    }
  },
});

/** The embed's query: the scenario, the language and theme, the embed's own parameters. */
export function embedQuery() {
  const q = new URLSearchParams(ed.state);
  if (widget.state.seed !== null && !q.has("seed")) q.set("seed", String(widget.state.seed));
  if (ed.lang !== "en") q.set("lang", ed.lang);
  if (ed.theme !== "light") q.set("theme", ed.theme);
  const own = writeEmbed({ ...ed.embed, annotations: validRows() }, ed.embed.layout !== "story");
  return [q.toString(), own].filter(Boolean).join("&");
}

/** The dates the notes were last checked against. */
let notesDates;

/** The scenario's dates, [first, last] as YYYY-MM-DD (day 0 and the horizon's last day, as
 * the last run had them), or null before a run. */
function dates() {
  const s = widget.state.summary;
  const start = parseDate(s?.start_date);
  return start ? [0, s.horizon_days - 1].map((n) => isoDate(addDays(start, n))) : null;
}

/** A note row read as embedding.js reads the parameter's (`{ annotation }` or `{ reason }`),
 * and refused when dated outside the scenario (the chart has no other dates). */
function noteOf(row) {
  const checked = readAnnotation(row.date, row.text, tr);
  const span = dates();
  if (checked.annotation && span && (row.date < span[0] || row.date > span[1])) {
    const show = (d) => tr.fmt.date(parseDate(d));
    return { reason: words.outsideDates(show(span[0]), show(span[1])) };
  }
  return checked;
}

/** The rows that make annotations. */
const validRows = () => ed.rows.map((r) => noteOf(r).annotation).filter(Boolean);

// ---- The page ----------------------------------------------------------------------------

const uid = idMaker();
const parts = {};

function section(title, ...children) {
  const id = uid("section");
  return h("section", { class: "editor-section", "aria-labelledby": id }, h("h2", { id }, title), ...children);
}

function build() {
  const focused = document.activeElement?.dataset?.focus;
  document.documentElement.lang = ed.lang;
  document.title = words.title;
  const notesBox = notes.length ? h("div", { class: "editor-notes", role: "status" }, h("h2", {}, words.notesTitle), h("ul", {}, notes.map((n) => h("li", {}, n)))) : null;

  // Open an embed: a snippet or an address.
  const openId = uid("open");
  const openInput = h("textarea", { id: openId, rows: 2, spellcheck: "false" });
  const openNote = h("p", { class: "editor-problem", role: "alert", hidden: true });
  const open = h(
    "details",
    { class: "editor-open" },
    h("summary", {}, words.open),
    h("label", { for: openId }, words.openHelp),
    openInput,
    button(words.openButton, () => {
      const query = snippetQuery(openInput.value);
      if (query === null) {
        openNote.hidden = false;
        openNote.textContent = words.openBad;
        return;
      }
      const q = new URLSearchParams(query);
      for (const k of FRAME_KEYS) q.delete(k);
      if (/<compute-shock\b/i.test(openInput.value)) q.set("snippet", "element");
      location.assign(`${location.pathname}?${q}`);
    }),
    openNote,
  );

  parts.controls = h("div", { class: "editor-controls" });
  parts.texts = textsPanel();
  parts.annotations = h("div", { class: "editor-annotations" });
  parts.code = h("div", { class: "editor-code" });
  parts.previews = h("div", { class: "editor-preview-list" });

  const form = h(
    "div",
    { class: "editor-form" },
    // Language, theme and layout first: they change every other part of the form.
    section(words.look, lookPanel()),
    section(words.scenario, h("p", { class: "editor-help" }, words.scenarioHelp), scenarioHost),
    section(words.controls, h("p", { class: "editor-help" }, words.controlsHelp(MAX_CONTROLS)), parts.controls),
    section(words.texts, h("p", { class: "editor-help" }, words.textsHelp), parts.texts),
    section(words.annotations, h("p", { class: "editor-help" }, words.annotationsHelp(MAX_ANNOTATIONS, ANNOTATION_MAX, NOTE_CHARS)), parts.annotations),
  );
  const side = h(
    "div",
    { class: "editor-side" },
    section(words.code, parts.code),
    section(words.previews, h("p", { class: "editor-help", hidden: ed.theme !== "auto" }, words.previewHelp.auto), parts.previews),
  );
  root.replaceChildren(...[h("header", { class: "editor-header" }, h("h1", {}, words.title), h("p", {}, words.intro), open), notesBox, h("div", { class: "editor-grid" }, form, side)].filter(Boolean));
  renderControls();
  renderAnnotations();
  previews.build();
  refresh();
  if (focused) root.querySelector(`[data-focus="${focused}"]`)?.focus();
}

function radios(name, choices, value, onchange) {
  const group = uid(name);
  return h(
    "div",
    { class: "editor-radios", role: "radiogroup" },
    Object.entries(choices).map(([v, label]) => {
      const id = uid(name);
      return h("div", {}, h("input", { type: "radio", name: group, id, value: v, checked: v === value, onchange: () => onchange(v) }), h("label", { for: id }, label));
    }),
  );
}

function lookPanel() {
  const langId = uid("lang");
  const themeId = uid("theme");
  const lang = h(
    "select",
    {
      id: langId,
      "data-focus": "lang",
      async onchange(e) {
        ed.lang = e.target.value;
        await loadLanguage(ed.lang);
        tr = translator(ed.lang);
        words = EDITOR_TEXT[ed.lang];
        widget.update();
        build();
      },
    },
    LANGS.map((l) => h("option", { value: l, selected: l === ed.lang }, words.langs[l])),
  );
  const theme = h(
    "select",
    {
      id: themeId,
      "data-focus": "theme",
      onchange(e) {
        ed.theme = e.target.value;
        build();
      },
    },
    THEMES.map((x) => h("option", { value: x, selected: x === ed.theme }, words.themes[x])),
  );
  const layoutLabel = uid("layout");
  return h(
    "div",
    { class: "editor-look" },
    h("div", { class: "editor-field" }, h("label", { for: langId }, words.lang), lang),
    h("div", { class: "editor-field" }, h("label", { for: themeId }, words.theme), theme),
    h(
      "fieldset",
      { class: "editor-field", "aria-describedby": layoutLabel },
      h("legend", { id: layoutLabel }, words.layout),
      radios("layout", words.layouts, ed.embed.layout, (v) => {
        ed.embed.layout = v;
        refresh();
      }),
    ),
  );
}

/** The preset the readers' sliders were last shown for; the range warnings to refresh. */
let shownPreset = null;
let warnings = [];
/** Says whose choice the readers' sliders are (set by renderControls). */
let renderChoice = () => {};

/** The controls the embed shows now: the chosen ones, or the preset's. */
const shownControls = () => ed.embed.controls ?? defaultControls(widget.state.preset?.id);
const controlName = (c) => tr.t(c.key);

function renderControls(focus) {
  if (!parts.controls) return;
  const focused = focus ?? document.activeElement?.dataset?.focus;
  shownPreset = widget.state.preset?.id ?? null;
  warnings = [];
  const chosen = shownControls();
  /** `ids` null: the preset's choice again, over the sliders' full ranges. `focus`: where the
   * keyboard goes after the list is drawn again. */
  const set = (ids, focus) => {
    ed.embed.controls = ids;
    for (const id of Object.keys(ed.embed.ranges)) if (!ids?.includes(id)) delete ed.embed.ranges[id];
    renderControls(focus);
    refresh();
  };
  const order = [...chosen, ...CONTROL_IDS.filter((id) => !chosen.includes(id))];
  const rows = order.map((id) => {
    const c = CONTROLS.find((x) => x.id === id);
    const on = chosen.includes(id);
    const at = chosen.indexOf(id);
    const check = h("input", {
      type: "checkbox",
      id: uid("control"),
      checked: on,
      disabled: !on && chosen.length >= MAX_CONTROLS,
      "data-focus": `check-${id}`,
      onchange: (e) => set(e.target.checked ? [...chosen, id] : chosen.filter((x) => x !== id)),
    });
    const move = (by) => {
      const ids = [...chosen];
      [ids[at], ids[at + by]] = [ids[at + by], ids[at]];
      // At the top or bottom now, the arrow is disabled: the keyboard goes to the other one.
      const end = by < 0 ? at + by === 0 : at + by === ids.length - 1;
      set(ids, end ? `${by < 0 ? "down" : "up"}-${id}` : undefined);
    };
    const row = h(
      "li",
      { class: `editor-control${on ? " is-on" : ""}` },
      h("div", { class: "editor-control-name" }, check, h("label", { for: check.id }, controlName(c))),
      on
        ? h(
            "div",
            { class: "editor-control-tools" },
            h("button", { type: "button", "aria-label": words.up(controlName(c)), disabled: at === 0, "data-focus": `up-${id}`, onclick: () => move(-1) }, "↑"),
            h("button", { type: "button", "aria-label": words.down(controlName(c)), disabled: at === chosen.length - 1, "data-focus": `down-${id}`, onclick: () => move(1) }, "↓"),
          )
        : null,
      on ? rangeInputs(c) : null,
    );
    return row;
  });
  // Whose choice it is: the preset's (named), or the journalist's (with the way back).
  const choice = h("p", { class: "editor-help" });
  renderChoice = () =>
    choice.replaceChildren(
      ed.embed.controls !== null
        ? h("button", { type: "button", onclick: () => set(null, `check-${order[0]}`) }, words.usePreset)
        : words.presetControls(defaultControls(widget.state.preset?.id).map((id) => controlName(CONTROLS.find((c) => c.id === id))).join(words.listSeparator)),
    );
  renderChoice();
  parts.controls.replaceChildren(choice, h("ol", { class: "editor-control-list" }, rows));
  if (focused) parts.controls.querySelector(`[data-focus="${focused}"]`)?.focus();
}

/** The controls whose sliders show a share in percent (the embed's range is 0-1): their
 * ranges are typed in percent, as the slider reads. */
export const PERCENT = ["comply", "permanent", "relocation"];

/** A chosen control's range: two numbers, both empty for the control's full range (in
 * percent for a share's slider). */
function rangeInputs(c) {
  const range = ed.embed.ranges[c.id];
  const unit = PERCENT.includes(c.id) ? 100 : 1;
  // A share as the slider shows it (0.65 as 65, not 65.00000000000001).
  const shown = (v) => (v === undefined ? undefined : Math.round(v * unit * 1e6) / 1e6);
  // (A top that depends on the scenario is known once the widget has one: the form is drawn
  // again then.)
  const top = () => (typeof c.max !== "function" ? c.max : widget.state.scenario ? c.max(widget.state.scenario, widget.state.summary) : null);
  const problem = h("p", { class: "editor-problem", role: "alert", hidden: true });
  const warn = h("p", { class: "editor-warning", hidden: true });
  const input = (end, value, placeholder) =>
    h("input", {
      type: "number",
      step: "any",
      min: c.min * unit,
      inputmode: "decimal",
      value: value ?? "",
      placeholder,
      "aria-label": words.rangeOf(controlName(c), words[end]),
      "data-focus": `${end}-${c.id}`,
      oninput: read,
    });
  const from = input("from", shown(range?.[0]), String(c.min * unit));
  const to = input("to", shown(range?.[1]), top() === null ? "" : String(top() * unit));
  function read() {
    problem.hidden = true;
    from.removeAttribute("aria-invalid");
    to.removeAttribute("aria-invalid");
    if (from.value === "" && to.value === "") {
      delete ed.embed.ranges[c.id];
    } else {
      // A range is the embed's own: the preset's choice becomes the journalist's.
      if (ed.embed.controls === null) {
        ed.embed.controls = [...shownControls()];
        renderChoice();
      }
      // An empty end is the control's own (the training start's: the longest horizon, so the
      // slider still follows the scenario's last day).
      // Percent back to a share, to twelve digits (33.3 % is 0.333, not 0.33299999999999996).
      const share = (v) => Number((Number(v) / unit).toPrecision(12));
      const lo = from.value === "" ? c.min : share(from.value);
      const hi = to.value === "" ? (typeof c.max === "function" ? longestHorizon() : c.max) : share(to.value);
      const checked = readRange(c.id, `${lo}-${hi}`);
      if (checked.reason) {
        problem.hidden = false;
        problem.textContent = unit === 1 ? checked.reason(tr.t) : words.percentRange;
        // The end that is out of the control's range (the top, when they are the wrong way round).
        (from.value !== "" && lo < c.min ? from : to.value !== "" ? to : from).setAttribute("aria-invalid", "true");
        delete ed.embed.ranges[c.id];
      } else ed.embed.ranges[c.id] = checked.range;
    }
    showWarning();
    refresh();
  }
  function showWarning() {
    const r = ed.embed.ranges[c.id];
    const scenario = widget.state.scenario;
    const v = scenario ? c.read(scenario, widget.state.summary) : null;
    warn.hidden = !(r && v !== null && (v < r[0] || v > r[1]));
    warn.textContent = words.outOfRange(controlName(c));
  }
  showWarning();
  warnings.push(showWarning);
  const percent = unit === 1 ? null : h("span", {}, "%");
  return h("div", { class: "editor-range" }, h("span", {}, words.from), from, h("span", {}, words.to), to, percent, problem, warn);
}

function textsPanel() {
  return h(
    "div",
    { class: "editor-texts" },
    TEXTS.map((name) => {
      const id = uid(name);
      const problem = h("p", { class: "editor-problem", id: uid("problem"), role: "alert", hidden: true });
      const long = ["dek", "headline", "note"].includes(name);
      const input = h(long ? "textarea" : "input", {
        id,
        rows: long ? 2 : undefined,
        type: long ? undefined : "text",
        "aria-describedby": problem.id,
        oninput() {
          ed.typed[name] = input.value;
          check();
          refresh();
        },
      });
      function check() {
        const checked = plainText(input.value, tr);
        problem.hidden = !checked.reason;
        problem.textContent = checked.reason ? `${checked.reason}.` : "";
        input.toggleAttribute("aria-invalid", Boolean(checked.reason));
        if (checked.text) ed.embed.texts[name] = checked.text;
        else delete ed.embed.texts[name];
      }
      input.value = ed.typed[name] ?? ed.embed.texts[name] ?? "";
      check();
      return h("div", { class: "editor-field" }, h("label", { for: id }, words.textNames[name]), input, problem);
    }),
  );
}

function renderAnnotations(focus) {
  const focused = focus ?? document.activeElement?.dataset?.focus;
  const rows = ed.rows.map((row, i) => {
    const problem = h("p", { class: "editor-problem", role: "alert", hidden: true });
    const check = () => {
      const reason = row.date || row.text ? (noteOf(row).reason ?? null) : null;
      problem.hidden = !reason;
      problem.textContent = reason ? `${reason}.` : "";
    };
    // The row's date and text, each checked as it is typed.
    const input = (key, type) =>
      h("input", {
        type,
        value: row[key] ?? "",
        "aria-label": `${words[key]} ${i + 1}`,
        "data-focus": `${key}-${i}`,
        oninput: (e) => {
          row[key] = e.target.value;
          check();
          refresh();
        },
      });
    const date = input("date", "date");
    const text = input("text", "text");
    check();
    return h(
      "li",
      { class: "editor-annotation" },
      date,
      text,
      h(
        "button",
        {
          type: "button",
          "aria-label": words.remove(i + 1),
          onclick: () => {
            ed.rows.splice(i, 1);
            // The keyboard goes to the row before, or to "Add a note".
            renderAnnotations(i > 0 ? `text-${i - 1}` : "add");
            refresh();
          },
        },
        "×",
      ),
      problem,
    );
  });
  const add = button(words.addAnnotation, () => {
    // Today where the scenario covers it, else its first day.
    const today = isoDate(todayUtc());
    const span = dates();
    ed.rows.push({ date: !span || (today >= span[0] && today <= span[1]) ? today : span[0], text: "" });
    renderAnnotations();
    parts.annotations.querySelector(`[data-focus="text-${ed.rows.length - 1}"]`)?.focus();
  });
  add.disabled = ed.rows.length >= MAX_ANNOTATIONS;
  add.dataset.focus = "add";
  parts.annotations.replaceChildren(h("ol", { class: "editor-annotation-list" }, rows), add);
  if (focused) parts.annotations.querySelector(`[data-focus="${focused}"]`)?.focus();
}

// ---- The code --------------------------------------------------------------------------

/** The iframe's height without its script: the tallest preview measured, with room. */
function fallbackHeight() {
  const measured = previews.tallest();
  return measured > 0 ? Math.ceil((measured * HEIGHT_ROOM) / 50) * 50 : FALLBACK_HEIGHT[ed.embed.layout];
}

export function snippet() {
  const query = embedQuery();
  return ed.snippet === "element" ? elementCode(query, HERE, { title: ed.embed.texts.title ?? tr.t("embedTitle") }) : iframeCode(query, HERE, { title: ed.embed.texts.title ?? tr.t("embedTitle"), height: fallbackHeight() });
}

function renderCode() {
  const id = uid("code");
  const status = h("p", { class: "editor-status", role: "status" });
  const code = h("textarea", { id, class: "editor-snippet", readonly: true, rows: 6, spellcheck: "false" });
  code.value = snippet();
  const help = h("p", { class: "editor-help" }, words.codeHelp[ed.snippet](fallbackHeight()));
  parts.code.replaceChildren(
    radios("snippet", words.kinds, ed.snippet, (v) => {
      ed.snippet = v;
      previews.syncElement();
      refresh();
    }),
    h("label", { for: id, class: "visually-hidden" }, words.code),
    code,
    help,
    h(
      "div",
      { class: "editor-copy" },
      button(
        words.copy,
        async () => {
          try {
            await navigator.clipboard.writeText(code.value);
            status.textContent = words.copied;
          } catch {
            status.textContent = words.copyFallback;
            code.focus();
            code.select();
          }
        },
        "editor-primary",
      ),
      status,
    ),
    h("p", { class: "editor-help" }, words.editionHelp),
    h("div", { class: "editor-copy" }, button(words.edition, (e) => downloadEdition(e.currentTarget, editionStatus)), editionStatus),
  );
}

/** The static edition of the embed as it stands (edition.js): its chart, alt text and table
 * for readers and platforms without scripts, as one ZIP. */
const editionStatus = h("p", { class: "editor-status", role: "status" });
async function downloadEdition(button, status) {
  const s = widget.state;
  // Only a finished run of the scenario as it stands (not a preview, not one replaced).
  if (!s.summary || s.previewing || button.disabled) {
    status.textContent = words.editionWait;
    return;
  }
  button.disabled = true;
  status.textContent = words.editionMaking;
  try {
    const [{ editionZip }, { fileName, save, changes }, [, cited]] = await Promise.all([import("./views/edition.js"), import("./views/downloads.js"), widget.simulator.notes()]);
    const names = presetText(ed.lang, s.preset.id)?.names ?? {};
    const blob = await editionZip({
      summary: s.summary,
      scenario: s.scenario,
      preset: s.preset,
      tr,
      texts: ed.embed.texts,
      nameOf: (x) => (x && names[x.id]) ?? x?.name ?? x?.id,
      notes: validRows(),
      cited: cited[s.preset.id] ?? {},
    });
    const name = fileName({ preset: s.preset.id, changed: changes(s.preset.scenario, s.scenario).length > 0, seed: s.seed, trials: s.summary.trials }, "zip", "static-edition");
    save(name, blob);
    status.textContent = words.editionDone(name);
  } catch (e) {
    status.textContent = words.editionFailed(String(e?.message ?? e));
  } finally {
    button.disabled = false;
  }
}

/** After every edit: the address, the code and (soon) the previews. */
function refresh() {
  if (!parts.code) return;
  // With the focus in the code's part (a radio), only its text and help change.
  if (document.activeElement?.closest?.(".editor-code")) updateCode();
  else renderCode();
  schedulePreviews();
}

/** The code's text and its help, brought up to date in place (the focus stays). */
function updateCode() {
  const code = parts.code?.querySelector(".editor-snippet");
  if (!code) return;
  code.value = snippet();
  parts.code.querySelector(".editor-help").textContent = words.codeHelp[ed.snippet](fallbackHeight());
}

// ---- The previews ----------------------------------------------------------------------

const previews = editorPreviews({
  root,
  host: () => parts.previews,
  words: () => words,
  theme: () => ed.theme,
  kind: () => ed.snippet,
  embedQuery,
  snippet,
  // The iframe snippet's height follows the previews'.
  onHeight: () => ed.snippet === "iframe" && updateCode(),
});

let timer = 0;
function schedulePreviews() {
  clearTimeout(timer);
  timer = setTimeout(sendPreviews, 250);
}
function sendPreviews() {
  const query = embedQuery();
  // The address, once typing pauses (browsers limit how often a page may rewrite it).
  try {
    history.replaceState(null, "", `${location.pathname}?${query}${ed.snippet === "element" ? "&snippet=element" : ""}`);
  } catch {
    // Too many rewrites: the next pause writes it.
  }
  previews.send(query);
}

build();
root.computeShockEditor = { embedQuery, snippet, widget };
