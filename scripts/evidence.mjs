// The evidence register (src/evidence/register.json): dated, sourced events behind the
// presets' rates. `check(doc)` lists what is wrong with a register, each problem naming its
// field; `derive(doc, filter)` counts the events a filter matches over the register's
// exposure and gives the rate's posterior under Jeffreys' prior (docs/MODEL.md, "The
// evidence register"). Run as a command, it checks the register and prints its events and
// the derivations the docs quote:
//   node scripts/evidence.mjs
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";

export const KINDS = ["rule", "bill", "licence", "enforcement", "crackdown", "reversal"];
export const COVERS = ["chip_sales", "remote_access", "imports", "chips_in_use"];
export const DATES = ["announced", "passed", "published", "effective", "reversed"];
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DAY_MS = 86_400_000;

/** A date as `YYYY-MM-DD` that exists (2026-02-30 does not), as UTC milliseconds; else null. */
export function day(text) {
  if (typeof text !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const t = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === text ? t : null;
}

/** The first of an event's dates (what the register is sorted by). */
export const firstDate = (e) => Object.values(e.dates ?? {}).filter((d) => day(d) !== null).sort()[0];

/** Every problem with a register: [{ field, message }], empty when it is sound. */
export function check(doc) {
  const out = [];
  const bad = (field, message) => out.push({ field, message });
  const text = (field, v, max = 400) => {
    if (typeof v !== "string" || v.trim() === "") bad(field, "is required (non-empty text)");
    else if (v.length > max) bad(field, `must be at most ${max} characters, got ${v.length}`);
  };
  if (doc === null || typeof doc !== "object") return [{ field: "register", message: "must be an object" }];
  if (day(doc.as_of) === null) bad("as_of", "must be a date as YYYY-MM-DD that exists");
  if (!Array.isArray(doc.events) || doc.events.length === 0) return [...out, { field: "events", message: "must be a non-empty list" }];
  const seen = new Set();
  let before = "";
  doc.events.forEach((e, i) => {
    const f = `events[${i}]`;
    const known = ["id", "jurisdiction", "eases", "kind", "covers", "dates", "title", "summary", "sources", "checked"];
    for (const k of Object.keys(e ?? {})) if (!known.includes(k)) bad(`${f}.${k}`, `unknown field; expected one of ${known.join(", ")}`);
    if (typeof e?.id !== "string" || !ID.test(e.id)) bad(`${f}.id`, "must be lower-case words joined by '-'");
    else if (seen.has(e.id)) bad(`${f}.id`, `duplicate id "${e.id}"`);
    else seen.add(e.id);
    if (typeof e?.jurisdiction !== "string" || !/^[A-Z]{2}$/.test(e.jurisdiction)) bad(`${f}.jurisdiction`, 'must be a two-letter code in capitals such as "US"');
    if (e?.eases !== undefined && e.eases !== true) bad(`${f}.eases`, "must be true (an action that lifts a restriction) or left out");
    if (!KINDS.includes(e?.kind)) bad(`${f}.kind`, `must be one of ${KINDS.join(", ")}`);
    if (!Array.isArray(e?.covers) || e.covers.length === 0) bad(`${f}.covers`, `must list at least one of ${COVERS.join(", ")}`);
    else e.covers.forEach((c, j) => COVERS.includes(c) || bad(`${f}.covers[${j}]`, `must be one of ${COVERS.join(", ")}`));
    const dates = e?.dates;
    if (dates === null || typeof dates !== "object" || Object.keys(dates).length === 0) bad(`${f}.dates`, `must give at least one of ${DATES.join(", ")}`);
    else
      for (const [k, v] of Object.entries(dates)) {
        if (!DATES.includes(k)) bad(`${f}.dates.${k}`, `unknown date; expected one of ${DATES.join(", ")}`);
        else if (day(v) === null) bad(`${f}.dates.${k}`, `must be a date as YYYY-MM-DD that exists, got ${JSON.stringify(v)}`);
        else if (day(doc.as_of) !== null && v > doc.as_of) bad(`${f}.dates.${k}`, `is after the register's as_of (${doc.as_of})`);
      }
    for (const part of ["title", "summary"])
      for (const lang of ["en", "ja"]) text(`${f}.${part}.${lang}`, e?.[part]?.[lang], part === "title" ? 60 : 400);
    if (!Array.isArray(e?.sources) || e.sources.length === 0) bad(`${f}.sources`, "must list at least one source");
    else
      e.sources.forEach((s, j) => {
        const g = `${f}.sources[${j}]`;
        text(`${g}.publisher`, s?.publisher, 200);
        text(`${g}.title`, s?.title, 300);
        if (day(s?.date) === null) bad(`${g}.date`, "must be a date as YYYY-MM-DD that exists");
        if (typeof s?.url !== "string" || !/^https?:\/\/[^\s]+$/.test(s.url)) bad(`${g}.url`, "must be the source's address (http or https)");
      });
    text(`${f}.checked`, e?.checked, 2000);
    const first = firstDate(e ?? {});
    if (first && first < before) bad(`${f}.dates`, `events must be in order of their first date: ${first} is before ${before}`);
    if (first) before = first;
  });
  return out;
}

/**
 * A rate from the register: the events matching `filter` ({ jurisdiction, kinds, covers,
 * dated }: the date that counts, e.g. "effective") that fall in the exposure [from, to],
 * leaving out those that ease a restriction (`eases: true`: a rescission, a licence policy
 * that allows what was refused), since every rate derived is that of a restriction; and
 * the posterior Gamma(events + 1/2, years) of a Poisson rate under Jeffreys' prior. `to`
 * defaults to the register's as_of. Years are days / 365.25.
 */
export function derive(doc, { jurisdiction, kinds, covers, dated = "effective", from, to = doc.as_of }) {
  const a = day(from);
  const b = day(to);
  const events = doc.events.filter(
    (e) =>
      e.eases !== true &&
      (!jurisdiction || e.jurisdiction === jurisdiction) &&
      (!kinds || kinds.includes(e.kind)) &&
      (!covers || e.covers.some((c) => covers.includes(c))) &&
      day(e.dates[dated]) !== null &&
      day(e.dates[dated]) >= a &&
      day(e.dates[dated]) <= b,
  );
  const years = (b - a) / DAY_MS / 365.25;
  return { events: events.map((e) => e.id), count: events.length, years, prior: "jeffreys", shape: events.length + 0.5, rate: years, mean: (events.length + 0.5) / years };
}

/** The register in the repository. */
export const REGISTER = resolve(fileURLToPath(import.meta.url), "../../src/evidence/register.json");

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const doc = JSON.parse(readFileSync(REGISTER, "utf8"));
  const problems = check(doc);
  for (const p of problems) console.error(`${REGISTER}: ${p.field}: ${p.message}`);
  if (problems.length) process.exit(1);
  console.log(`${doc.events.length} events, as of ${doc.as_of}`);
  for (const e of doc.events) console.log(`${firstDate(e)}  ${e.jurisdiction}  ${e.kind.padEnd(11)} ${e.covers.join(",").padEnd(24)} ${e.title.en}`);
  const usCloud = derive(doc, { jurisdiction: "US", kinds: ["rule"], covers: ["remote_access"], from: "2022-10-07" });
  console.log(
    `US rules in force on remote access since the first chip rule (2022-10-07): ${usCloud.count} in ${usCloud.years.toFixed(3)} years; Jeffreys: Gamma(${usCloud.shape}, ${usCloud.rate.toFixed(3)}), mean ${usCloud.mean.toFixed(4)} a year`,
  );
}
