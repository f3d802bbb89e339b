// Numbers and dates as readers see them (www/format.js), in English and Japanese.
import { test } from "node:test";
import assert from "node:assert/strict";
import { formatter, manStyle } from "../../www/format.js";

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
  const d = new Date(2026, 11, 1);
  assert.equal(en.month(d), "Dec 2026");
  assert.equal(ja.month(d), "2026年12月");
  assert.equal(en.date(d), "1 December 2026");
  assert.equal(ja.date(d), "2026年12月1日");
});

test("any other language is English", () => {
  assert.equal(formatter("fr").int(14550), "14,550");
  assert.equal(formatter(undefined).date(new Date(2026, 0, 31)), "31 January 2026");
});
