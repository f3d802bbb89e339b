// What the scenario dates, marked on the fan chart: each site coming online, each scheduled
// shock, each step of the requirement, the training run's start, and today (only for a
// scenario with a start date, and only inside the chart), and the journalist's annotations
// (embedding.js: a date and a text, dated from day 0). Labels are short and sit in up to
// two rows above the bands; one that would overlap a label of higher priority is dropped (its
// mark stays, and the data table lists every event). Pure (no DOM): the chart (charts.js)
// draws the nodes, so the page, the SVG and PNG downloads and the no-script fallback agree.
import { DAY_MS, addDays, byDay } from "../words/format.js";
import { horizonOf } from "../engine/engine-defaults.js";
import { LIGHT } from "./charts.js";

/** Each language's words for the events. */
export const EVENT_TEXT = {
  en: {
    site: (name) => `${name} online`,
    shock: (name) => name,
    requirement: (v) => `Floor ${v}`,
    training: "Training starts",
    run: "Training run",
    today: "Today",
    long: {
      site: (name) => `${name} comes online`,
      shock: (name) => `Scheduled: ${name}`,
      requirement: (v) => `The requirement becomes ${v} B200e`,
      training: "The training run starts",
      run: "The training run starts",
      finish: "The training run ends in a typical future (the median of the futures where it finishes)",
      today: "Today",
    },
    title: "Dated events",
    day: "Day",
    date: "Date",
    event: "Event",
  },
  ja: {
    site: (name) => `${name}稼働`,
    shock: (name) => name,
    requirement: (v) => `下限${v}`,
    training: "学習開始",
    run: "学習期間",
    today: "今日",
    long: {
      site: (name) => `${name}が稼働`,
      shock: (name) => `予定：${name}`,
      requirement: (v) => `下限がB200換算${v}基に`,
      training: "学習の開始",
      run: "学習の開始",
      finish: "典型的なケースで学習が完了（完了する未来の中央値）",
      today: "今日",
    },
    title: "日付のある出来事",
    day: "日目",
    date: "日付",
    event: "出来事",
  },
};

/** Which label keeps its place when two would overlap: lower first. */
const PRIORITY = { note: -1, today: 0, shock: 1, run: 1.5, requirement: 2, site: 2, training: 3 };
/** Labels longer than this many characters are cut, with an ellipsis (a journalist's
 * annotation is allowed more). */
const MAX_CHARS = 16;
export const NOTE_CHARS = 28;
const ROWS = 2;
const ROW_HEIGHT = 13;

/** A label's width in units at 10px, roughly: wide (CJK) characters 10, others 6. */
export const labelWidth = (s) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 10 : 6), 0);
/** A label cut to `max` characters with an ellipsis: at the last space that fits, never
 * inside a word (text without spaces, as Japanese, at the last character that fits). */
const cut = (s, max = MAX_CHARS) => {
  const chars = [...s];
  if (chars.length <= max) return s;
  const head = chars.slice(0, max - 1).join("");
  const space = head.lastIndexOf(" ");
  return `${space > 0 ? head.slice(0, space) : head}…`;
};

/**
 * The scenario's dated events inside its horizon, in day order: { day, kind, label (short,
 * for the chart), long (for the table), priority }.
 * @param {object} scenario
 * @param {{ lang: string, fmt: object }} tr
 * @param {{ nameOf?: (entity) => string, today?: Date, notes?: { date: string, text: string }[],
 *   start?: Date, summary?: object }} [options] `nameOf`: a site's or a shock's name in the
 *   reader's language; `today`: the reader's calendar day (format.js); `notes`: the
 *   journalist's annotations; `start`: day 0 when the scenario has no start date (the
 *   chart's); `summary`: the run's, for the training run's span (its start, even on day 0,
 *   and its end in a typical future, when at least half the futures finish it)
 */
export function scenarioEvents(scenario, tr, { nameOf = (x) => x?.name ?? x?.id, today = null, notes = [], start = null, summary = null } = {}) {
  const words = EVENT_TEXT[tr.lang] ?? EVENT_TEXT.en;
  // Dates as days from day 0, as the engine counts them.
  scenario = byDay(scenario);
  const horizon = horizonOf(scenario);
  const out = [];
  const add = (day, kind, name, more = {}) => {
    if (!(Number.isFinite(day) && day >= 0 && day < horizon)) return;
    const short = kind === "note" ? name : typeof words[kind] === "function" ? words[kind](name) : words[kind];
    const long = kind === "note" ? name : typeof words.long[kind] === "function" ? words.long[kind](name) : words.long[kind];
    out.push({ day, kind, label: cut(short, kind === "note" ? NOTE_CHARS : MAX_CHARS), long, priority: PRIORITY[kind], ...more });
  };
  for (const site of scenario.sites ?? []) if (site.online_day > 0) add(site.online_day, "site", nameOf(site));
  for (const shock of scenario.shocks ?? []) for (const day of shock.scheduled_days ?? []) add(day, "shock", nameOf(shock));
  const req = scenario.requirement_b200e;
  if (Array.isArray(req)) for (const step of req) if (step.day > 0) add(step.day, "requirement", tr.fmt.compact(step.b200e));
  const training = scenario.training_run?.start_day ?? 0;
  const run = summary?.metrics?.days_to_train;
  // The run's end in a typical future: the median of the futures where it finishes, drawn
  // only when at least half of all futures finish it.
  const ends = run && run.p50 !== null && run.p50 !== undefined && run.p_unfinished < 0.5;
  // With its end: one span, "Training run", from its start to its typical end (a bar over
  // the chart, a mark at each end, its label over the middle); else its start alone.
  if (ends) add(training, "run", null, { end: Math.min(training + run.p50, horizon), endLong: words.long.finish });
  else if (training > 0) add(training, "training");
  const day0 = /^\d{4}-\d{2}-\d{2}$/.test(scenario.start_date ?? "") ? new Date(`${scenario.start_date}T00:00:00Z`) : null;
  if (day0 && today) add(Math.round((today - day0) / DAY_MS), "today");
  const from = day0 ?? start;
  if (from) for (const note of notes) add(Math.round((new Date(`${note.date}T00:00:00Z`) - from) / DAY_MS), "note", note.text);
  return out.sort((a, b) => a.day - b.day || a.priority - b.priority);
}

/**
 * Places the labels: by priority (then day), each in the first row where it overlaps no label
 * placed before it and no mark line crosses it, or dropped (`row: null`). A labelled mark's
 * line runs from its label down through the rows below; a dropped mark's starts under the
 * rows. `x(day)` is the chart's; labels stay between `left` and `right`.
 */
export function placeLabels(events, x, left, right, rows = ROWS) {
  const placed = Array.from({ length: rows }, () => []);
  /** The lines of labelled marks: [x, the row of their label]. */
  const lines = [];
  const order = events.map((e, i) => i).sort((i, j) => events[i].priority - events[j].priority || events[i].day - events[j].day);
  const out = events.map((e) => ({ ...e, row: null }));
  const clear = (span, r) => placed[r].every(([a, b]) => span[1] + 6 <= a || span[0] >= b + 6);
  for (const i of order) {
    const e = out[i];
    const w = labelWidth(e.label);
    const cx = x(e.end === undefined ? e.day : (e.day + e.end) / 2);
    const from = Math.min(Math.max(cx - w / 2, left), right - w);
    const span = [from, from + w];
    const inside = (lx) => lx > span[0] - 2 && lx < span[1] + 2;
    const row = placed.findIndex(
      (_, r) =>
        clear(span, r) &&
        // no line from a label above runs through this one,
        !lines.some(([lx, lr]) => lr < r && inside(lx)) &&
        // and this one's line runs through no label below.
        !placed.slice(r + 1).some((spans) => spans.some(([a, b]) => cx > a - 2 && cx < b + 2)),
    );
    if (row < 0) continue;
    placed[row].push(span);
    lines.push([cx, row]);
    Object.assign(e, { row, from });
  }
  return out;
}

/** Light-theme paint (charts.js's palette), overridden by the page's CSS (panels.css). */
const PAINT = {
  mark: { stroke: LIGHT.muted, "stroke-width": 1, "stroke-dasharray": "2 3" },
  label: { "font-size": 10, "font-family": "system-ui, sans-serif", fill: LIGHT.ink },
  today: { stroke: LIGHT.requirement, "stroke-width": 1.5 },
  note: { stroke: LIGHT.ink, "stroke-width": 1.25 },
  span: { stroke: LIGHT.ink, "stroke-width": 3 },
};

/**
 * The events as a chart overlay (charts.js `overlay` option): `room`, the height it needs above
 * the bands, and `nodes(g)`, given the chart's geometry { x, top, base, left, right }.
 */
export function eventOverlay(events) {
  if (!events.length) return null;
  return {
    room: ROWS * ROW_HEIGHT + 2,
    nodes({ x, top, base, left, right }) {
      const lanes = placeLabels(events, x, left, right);
      const first = top - ROWS * ROW_HEIGHT - 2;
      const marks = [];
      const labels = [];
      for (const e of lanes) {
        const px = Math.round(x(e.day) * 10) / 10;
        const labelY = e.row === null ? null : first + (e.row + 1) * ROW_HEIGHT - 2;
        const paint = PAINT[e.kind] ?? PAINT.mark;
        if (e.end !== undefined) {
          // The run's span: a mark at each end from the top of the plot, a bar between them
          // (its label's line drops to the bar's middle).
          const ex = Math.round(x(e.end) * 10) / 10;
          for (const at of [px, ex]) marks.push({ tag: "line", attrs: { x1: at, x2: at, y1: top, y2: base, class: `event-mark event-${e.kind}`, ...paint } });
          marks.push({ tag: "line", attrs: { x1: px, x2: ex, y1: top, y2: top, class: "event-span", ...PAINT.span } });
          if (labelY !== null) {
            const mx = Math.round(((px + ex) / 2) * 10) / 10;
            marks.push({ tag: "line", attrs: { x1: mx, x2: mx, y1: labelY + 3, y2: top, class: `event-mark event-${e.kind}`, ...paint } });
          }
        } else marks.push({ tag: "line", attrs: { x1: px, x2: px, y1: labelY === null ? top : labelY + 3, y2: base, class: `event-mark event-${e.kind}`, ...paint } });
        if (labelY !== null) {
          labels.push({ tag: "text", attrs: { x: Math.round(e.from * 10) / 10, y: labelY, class: "event-label", ...PAINT.label }, text: e.label });
        }
      }
      return [{ tag: "g", attrs: { class: "events" }, children: [...marks, ...labels] }];
    },
  };
}

/** The events as table rows: [day, date or null, what happens]. */
export const eventRows = (events, start, fmt) =>
  events
    .flatMap((e) => (e.end === undefined ? [[e.day, e.long]] : [[e.day, e.long], [e.end, e.endLong]]))
    .sort((a, b) => a[0] - b[0])
    // A run ends part-way through a day: the table gives the day it ends on.
    .map(([day, long]) => [Math.floor(day), start ? fmt.date(addDays(start, Math.floor(day))) : null, long]);
