// Numbers and dates as readers see them (www/words/format.js), in English and Japanese.
import { test } from "node:test";
import assert from "node:assert/strict";
import "./engine.mjs";
import { addDays, byDay, formatter, isoDate, manStyle, parseDate, startOn, today } from "../../www/words/format.js";
import { monthlyRows } from "../../www/views/monthly.js";

const en = formatter("en");
const ja = formatter("ja");

test("whole numbers: grouped in English, in 万/億/兆 in Japanese", () => {
  assert.equal(en.int(14550), "14,550");
  assert.equal(en.int(14550.4), "14,550");
  assert.equal(en.int(0), "0");
  assert.equal(ja.int(14550), "1万4550");
  assert.equal(ja.int(14550.4), "1万4550");
  assert.equal(ja.int(9999), "9999");
  assert.equal(ja.int(10000), "1万");
  assert.equal(ja.int(24250), "2万4250");
  assert.equal(ja.int(200_000_000), "2億");
  assert.equal(ja.int(123_456_789), "1億2345万6789");
  assert.equal(ja.int(1e12 + 5), "1兆5");
  assert.equal(ja.int(-14550), "-1万4550");
  assert.equal(manStyle(100_000_001), "1億1");
});

test("compact axis labels, days, numbers", () => {
  assert.equal(en.compact(15000), "15k");
  assert.equal(ja.compact(15000), "1.5万");
  // Spelt the same in every engine (Intl's compact notation gives "30K" in WebKit).
  assert.deepEqual([0, 500, 30000, 1_500_000, 2.5e9].map(en.compact), ["0", "500", "30k", "1.5M", "2.5bn"]);
  assert.deepEqual([5000, 30000, 2e8].map(ja.compact), ["5000", "3万", "2億"]);
  assert.equal(en.days(33.63), "33.6");
  assert.equal(en.days(99.94), "99.9");
  assert.equal(en.days(150.2), "150");
  assert.equal(ja.days(33.63), "33.6");
  assert.equal(en.num(1.8), "1.8");
  assert.equal(en.num(1234.5678), "1,234.57");
  assert.equal(en.num(1234.5678, 0), "1,235");
});

test("shares: whole percentages, one decimal below 1% (but not for 0)", () => {
  assert.equal(en.share(0.6693), "67%");
  assert.equal(en.share(0.0067), "0.7%");
  assert.equal(en.share(0), "0%");
  assert.equal(en.share(1), "100%");
  assert.equal(ja.share(0.6693), "67%");
  assert.equal(ja.share(0.0067), "0.7%");
});

test("months and dates in each language's order", () => {
  const d = parseDate("2026-12-01");
  assert.equal(en.month(d), "Dec 2026");
  assert.equal(en.month(new Date(Date.UTC(2026, 8, 1))), "Sep 2026");
  assert.equal(ja.month(d), "2026年12月");
  assert.equal(en.date(d), "1 December 2026");
  assert.equal(ja.date(d), "2026年12月1日");
});

test("any other language is English", () => {
  assert.equal(formatter("fr").int(14550), "14,550");
  assert.equal(formatter(undefined).date(parseDate("2026-01-31")), "31 January 2026");
});

test("calendar days: ISO dates read and written, counted in whole days", () => {
  assert.equal(isoDate(parseDate("2026-12-01")), "2026-12-01");
  assert.equal(isoDate(addDays(parseDate("2026-12-31"), 1)), "2027-01-01");
  assert.equal(isoDate(addDays(parseDate("2028-02-28"), 1)), "2028-02-29");
  for (const bad of ["2026-02-29", "2026-13-01", "2026-1-01", "0050-01-01", "", null, undefined, "2026-12-01T00:00"]) assert.equal(parseDate(bad), null, String(bad));
  // Today is the reader's calendar day, whatever the hour.
  assert.equal(isoDate(today(new Date(2026, 10, 30, 23, 59))), "2026-11-30");
  assert.equal(isoDate(today(new Date(2026, 10, 30, 0, 1))), "2026-11-30");
});

test("dates do not move with the reader's time zone or its daylight-saving changes", () => {
  const zone = process.env.TZ;
  const summary = { bands: Object.fromEntries(["p5", "p25", "p50", "p75", "p95", "below_requirement"].map((k) => [k, new Float64Array(400)])) };
  try {
    for (const tz of ["UTC", "Europe/London", "America/Los_Angeles", "Asia/Tokyo", "Australia/Sydney"]) {
      process.env.TZ = tz;
      // Day 0 in summer: day 123 is the first of November after the clocks go back.
      const start = parseDate("2026-07-01");
      assert.equal(en.date(addDays(start, 123)), "1 November 2026", tz);
      assert.equal(ja.month(addDays(start, 184)), "2027年1月", tz);
      const rows = monthlyRows(summary, start, en).map((r) => r[0]);
      assert.deepEqual(rows.slice(0, 6), ["1 July 2026", "1 August 2026", "1 September 2026", "1 October 2026", "1 November 2026", "1 December 2026"], tz);
      assert.equal(rows.at(-1), "4 August 2027", tz);
    }
  } finally {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
});

test("dates become days from day 0 as the engine counts them; the past is left out of the run", () => {
  const scenario = {
    start_date: "2025-12-21",
    horizon_days: 30,
    sites: [{ id: "a", online_date: "2025-10-01" }, { id: "b", online_day: 5 }, { id: "c", online_date: "2026-01-04" }],
    shocks: [{ id: "k", scheduled_days: [3], scheduled_dates: ["2025-12-01", "2026-01-04", "2026-02-01"] }, { id: "j" }],
  };
  const d = byDay(scenario);
  assert.deepEqual(d.sites.map((s) => [s.id, s.online_day, "online_date" in s]), [["a", -81, false], ["b", 5, false], ["c", 14, false]]);
  // 2026-02-01 is day 42, past the 30-day horizon; 2025-12-01 is before day 0.
  assert.deepEqual(d.shocks[0].scheduled_days, [3, 14]);
  assert.equal(d.shocks[1].scheduled_days, undefined);
  // Without a start date, or without dates, the scenario itself.
  assert.equal(byDay({ ...scenario, start_date: undefined }).sites[0].online_date, "2025-10-01");
  const plain = { start_date: "2025-12-21", sites: [{ id: "b", online_day: 5 }] };
  assert.equal(byDay(plain), plain);
});

test("a scenario started on another day keeps its world on its dates", () => {
  const scenario = {
    start_date: "2025-12-21",
    horizon_days: 730,
    requirement_b200e: [{ day: 0, b200e: 5000 }, { day: 100, b200e: 10_000 }, { day: 500, b200e: 20_000 }],
    sites: [{ id: "osaka", online_day: 0 }, { id: "sydney", online_day: 180, ramp_days: 180 }, { id: "home" }],
    shocks: [{ id: "k", scheduled_days: [14] }, { id: "j", rate_per_year: 0.1 }],
    training_run: { flop: 1e25, mfu: 0.4, start_day: 180 },
  };
  const later = startOn(scenario, new Date(Date.UTC(2026, 11, 6)));
  assert.equal(later.start_date, "2026-12-06");
  assert.deepEqual(later.sites.map((s) => [s.online_date, "online_day" in s]), [["2025-12-21", false], ["2026-06-19", false], ["2025-12-21", false]]);
  assert.deepEqual(later.shocks[0].scheduled_dates, ["2026-01-04"]);
  assert.ok(!("scheduled_days" in later.shocks[0]));
  // 350 days on: the 10,000 step (day 100) is in force on the new day 0; the 20,000 one comes on day 150.
  assert.deepEqual(later.requirement_b200e, [{ day: 0, b200e: 10_000 }, { day: 150, b200e: 20_000 }]);
  assert.equal(later.training_run.start_day, 180);
  // The original is untouched; the same day gives the same world in dates.
  assert.equal(scenario.sites[1].online_day, 180);
  const same = startOn(scenario, new Date(Date.UTC(2025, 11, 21)));
  assert.deepEqual(same.requirement_b200e, scenario.requirement_b200e);
  assert.deepEqual(byDay(same).sites.map((s) => s.online_day), [0, 180, 0]);
});

test("started on another day and back: steps, growth and odd scheduled days come back as they were", () => {
  const day = (iso) => parseDate(iso);
  const preset = {
    start_date: "2025-12-21",
    horizon_days: 400,
    requirement_b200e: [{ day: 0, b200e: 5000 }, { day: 200, b200e: 9700 }],
    sites: [{ id: "a", online_day: 0 }],
    shocks: [{ id: "k", scheduled_days: [10.5, 20, 400] }],
  };
  const later = startOn(preset, day("2026-12-06"));
  // Whole days within the run are dates; a fraction and the horizon's end move with day 0
  // (the fraction is before it now, dropped; day 400 is day 50 of the later run).
  assert.deepEqual(later.shocks[0].scheduled_dates, ["2026-01-10"]);
  assert.deepEqual(later.shocks[0].scheduled_days, [50]);
  assert.deepEqual(later.requirement_b200e, [{ day: 0, b200e: 9700 }]);
  // Back on the preset's date, with the preset's floor: what it was.
  const back = startOn(later, day("2025-12-21"), { floorFrom: preset });
  assert.deepEqual(back.requirement_b200e, preset.requirement_b200e);
  assert.deepEqual(byDay(back).shocks[0].scheduled_days, [20]);
  // A growing floor keeps its level on its dates: 180 days on, doubling every 180 days, twice.
  const growing = { start_date: "2025-12-21", requirement_b200e: 9700, requirement_growth: { doubling_days: 180 }, sites: [] };
  assert.equal(startOn(growing, day("2026-06-19")).requirement_b200e, 19_400);
  const drawn = { ...growing, requirement_b200e: { distribution: "uniform", low: 4850, high: 19_400 } };
  assert.deepEqual(startOn(drawn, day("2026-06-19")).requirement_b200e, { distribution: "uniform", low: 9700, high: 38_800 });
});
