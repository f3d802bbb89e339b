// What the evidence register (src/evidence/register.json) records up to day 0, for the table
// beside the chart's data (under-chart-panels.js draws it; loaded with the views, not with the page).
// The site writes a slim copy, register.json. Pure (no DOM).
import { addDays, parseDate } from "../words/format.js";

/** The table's words in each language. */
export const RECORD_TEXT = {
  en: {
    title: "Up to day 0: what the evidence register records",
    where: "Where",
    none: "Nothing in the year up to day 0.",
  },
  ja: {
    title: "0日目までに起きたこと（規制・措置の記録）",
    where: "国・地域",
    none: "0日目までの1年間に記録はない。",
  },
};
/**
 * What the evidence register records in the `days` before day 0 (the site's slim copy,
 * register.json: { as_of, events: [{ date, jurisdiction, kind, title: { en, ja }, url }] }),
 * newest first, at most `max`: what a reader should know has already happened. A register
 * checked before day 0 cannot speak for the days after its `as_of`: `checked` is that date.
 */
export function recentRecord(register, start, { days = 365, max = 8 } = {}) {
  if (!(start instanceof Date) || !Array.isArray(register?.events)) return { events: [], checked: null };
  const from = addDays(start, -days);
  const events = register.events
    .map((e) => ({ ...e, day: parseDate(e.date) }))
    .filter((e) => e.day && e.day <= start && e.day > from)
    .sort((a, b) => b.day - a.day)
    .slice(0, max);
  return { events, checked: register.as_of ?? null };
}
