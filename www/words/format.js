// Numbers and dates in the reader's language: whole numbers the way each language's
// newspapers write them, compact axis labels, days, shares, months and dates. Pure (no DOM,
// no state but the engine's defaults, engine-defaults.js): `formatter(lang)` gives one
// language's formatters, and two can live side by side.
// A date is a calendar day, held as a Date at midnight UTC and formatted in UTC, so adding
// days never crosses a daylight-saving change in the reader's time zone.
import { horizonOf } from "../engine/engine-defaults.js";

export const DAY_MS = 86_400_000;

/** The calendar day of an ISO date, `YYYY-MM-DD`, or null if `text` is not one. */
export function parseDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? "");
  const d = m && new Date(Date.UTC(+m[1], m[2] - 1, +m[3]));
  return d && isoDate(d) === text ? d : null;
}

/** The reader's calendar day today (the fallback for a scenario without a start date). */
export const today = (now = new Date()) => new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));

/** A calendar day as `YYYY-MM-DD`. */
export const isoDate = (d) => d.toISOString().slice(0, 10);

/** The calendar day `days` after `d`. */
export const addDays = (d, days) => new Date(d.getTime() + days * DAY_MS);

/**
 * The scenario with its dates as days from its start date, as the engine counts them: a
 * site's `online_date` as its `online_day` (negative: before day 0), a shock's
 * `scheduled_dates` added to its `scheduled_days` when they fall within the run (those before
 * day 0 are history). The scenario itself when it has no start date or no dates.
 */
export function byDay(scenario) {
  const start = parseDate(scenario?.start_date);
  const sites = scenario?.sites ?? [];
  const shocks = scenario?.shocks ?? [];
  if (!start || !(sites.some((s) => s.online_date) || shocks.some((k) => k.scheduled_dates?.length))) return scenario;
  const horizon = horizonOf(scenario);
  const day = (text) => Math.round((parseDate(text) - start) / DAY_MS);
  return {
    ...scenario,
    sites: sites.map(({ online_date, ...s }) => (online_date ? { ...s, online_day: day(online_date) } : s)),
    shocks: shocks.map(({ scheduled_dates, ...k }) =>
      scheduled_dates?.length ? { ...k, scheduled_days: [...(k.scheduled_days ?? []), ...scheduled_dates.map(day).filter((d) => d >= 0 && d < horizon)] } : k,
    ),
  };
}

/**
 * The scenario started on another day, `date` (a UTC midnight Date), its world kept on its
 * dates: sites' online days and shocks' whole scheduled days within the run become dates
 * counted from its own start (so a site due before the new day 0 is built, or building, on
 * it, and a shock scheduled before it is history); other scheduled days move with day 0
 * (dropped once before it). A floor in steps keeps each step on its date (the one in force
 * on the new day 0 from then), and a growing floor keeps its level on each date (its base
 * scaled by 2^(days moved / doubling_days)). The training run still starts its `start_day`
 * after day 0, and the horizon keeps its length. `floorFrom`: a scenario whose floor to take
 * instead (the preset's, when going back to its date: moving a floor in steps or a growing
 * one is not exact both ways). A scenario without a start date only gains one.
 */
export function startOn(scenario, date, { floorFrom = null } = {}) {
  const out = structuredClone(scenario);
  out.start_date = isoDate(date);
  const start = parseDate(scenario.start_date);
  if (!start) return out;
  const horizon = horizonOf(out);
  const shift = Math.round((date - start) / DAY_MS);
  const dateOf = (day) => isoDate(addDays(start, day));
  for (const site of out.sites ?? []) {
    if (site.online_date === undefined) site.online_date = dateOf(site.online_day ?? 0);
    delete site.online_day;
  }
  for (const shock of out.shocks ?? []) {
    if (!shock.scheduled_days?.length) continue;
    // A whole day within the run is a date; any other day (a fraction, the horizon's end)
    // moves with day 0.
    const dated = shock.scheduled_days.filter((d) => Number.isInteger(d) && d >= 0 && d < horizon);
    const moved = shock.scheduled_days.filter((d) => !dated.includes(d)).map((d) => d - shift).filter((d) => d >= 0 && d <= horizon);
    if (dated.length) shock.scheduled_dates = [...(shock.scheduled_dates ?? []), ...dated.map(dateOf)];
    if (moved.length) shock.scheduled_days = moved;
    else delete shock.scheduled_days;
  }
  const stepped = Array.isArray(out.requirement_b200e);
  const doubling = out.requirement_growth?.doubling_days;
  if (floorFrom && (stepped || doubling || Array.isArray(floorFrom.requirement_b200e) || floorFrom.requirement_growth)) {
    out.requirement_b200e = structuredClone(floorFrom.requirement_b200e);
    out.requirement_growth = structuredClone(floorFrom.requirement_growth);
    if (out.requirement_b200e === undefined) delete out.requirement_b200e;
    if (out.requirement_growth === undefined) delete out.requirement_growth;
    return out;
  }
  if (stepped && shift !== 0) {
    const steps = out.requirement_b200e.map((s) => ({ ...s, day: s.day - shift }));
    const inForce = steps.filter((s) => s.day <= 0).at(-1) ?? steps[0];
    out.requirement_b200e = [{ day: 0, b200e: inForce.b200e }, ...steps.filter((s) => s.day > 0 && s.day < horizon)];
  }
  if (doubling > 0 && shift !== 0) {
    const factor = 2 ** (shift / doubling);
    const scale = (q) => (typeof q === "number" ? q * factor : q && typeof q === "object" ? Object.fromEntries(Object.entries(q).map(([k, v]) => [k, ["low", "mode", "high"].includes(k) ? v * factor : v])) : q);
    out.requirement_b200e = Array.isArray(out.requirement_b200e) ? out.requirement_b200e.map((st) => ({ ...st, b200e: st.b200e * factor })) : scale(out.requirement_b200e ?? 10_000);
  }
  return out;
}

/** Whole numbers the way Japanese newspapers write them: 1万4550, 2億. */
export function manStyle(n) {
  const sign = n < 0 ? "-" : "";
  let rest = Math.abs(Math.round(n));
  const units = [["兆", 1e12], ["億", 1e8], ["万", 1e4]];
  if (rest < 1e4) return sign + String(rest);
  const parts = [];
  for (const [unit, size] of units) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return sign + parts.join("") + (rest > 0 ? String(rest) : "");
}

/** At most two significant digits, a reader's precision: 3.95 is 4, 0.9123 is 0.91. */
export const twoDigits = (x) => Number(x.toPrecision(2));

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The locale whose conventions a language's numbers and dates follow. */
export const localeOf = (lang) => (lang === "ja" ? "ja-JP" : "en-GB");

/**
 * The formatters for one language ("en" or "ja"; anything else is English).
 * @param {string} lang
 */
export function formatter(lang) {
  const locale = localeOf(lang);
  // Intl objects are costly to make and the charts format hundreds of labels: one each.
  const made = new Map();
  const number = (options) => {
    const key = JSON.stringify(options);
    if (!made.has(key)) made.set(key, new Intl.NumberFormat(locale, options));
    return made.get(key);
  };
  const dates = (options) => {
    const key = `date ${JSON.stringify(options)}`;
    if (!made.has(key)) made.set(key, new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }));
    return made.get(key);
  };
  return Object.freeze({
    locale,
    /** A whole number: 14,550 in English, 1万4550 in Japanese. */
    int: (x) => (lang === "ja" ? manStyle(x) : number({ maximumFractionDigits: 0 }).format(Math.round(x))),
    /** A short axis label: 15k, 1.5M; 1.5万, 2億. Spelt here, not by Intl's compact notation,
     * which writes "30K" in one browser engine and "30k" in another. */
    compact: (x) => {
      const units = lang === "ja" ? [[1e8, "億"], [1e4, "万"]] : [[1e9, "bn"], [1e6, "M"], [1e3, "k"]];
      const [size, unit] = units.find(([size]) => Math.abs(x) >= size) ?? [1, ""];
      return number({ maximumFractionDigits: size === 1 ? 0 : 1, useGrouping: false }).format(x / size) + unit;
    },
    /** Days: one decimal below 100, none from 100 up. */
    days: (x) => number({ maximumFractionDigits: x < 100 ? 1 : 0 }).format(x),
    /** A share as a percentage: one decimal for shares under 1% (but not 0). */
    share: (p) => number({ style: "percent", maximumFractionDigits: p > 0 && p < 0.01 ? 1 : 0 }).format(p),
    /** A number with at most `digits` decimals. */
    num: (x, digits = 2) => number({ maximumFractionDigits: digits }).format(x),
    /** A month on the chart's axis: "Dec 2026", "2026年12月". English months are the style
     * guides' three letters (Sep, not en-GB's "Sept"). */
    month: (d) => (lang === "ja" ? dates({ month: "short", year: "numeric" }).format(d) : `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`),
    /** A date in a table: "1 December 2026", "2026年12月1日". */
    date: (d) => dates({ day: "numeric", month: "long", year: "numeric" }).format(d),
  });
}
