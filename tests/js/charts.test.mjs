// The charts' one renderer (www/views/charts.js): the tree of SVG nodes for a small hand-made
// summary, its two writers, and the no-script fallback built from it (scripts/noscript.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import "./engine.mjs";
import { LIGHT, fanChart, monthTicks, niceTicks, toDom, toSvg } from "../../www/views/charts.js";
import { histogram } from "../../www/views/histogram.js";
import { loadLanguage, translator } from "../../www/words/i18n.js";

// Each language is loaded on demand, as a widget that speaks it does.
await Promise.all([loadLanguage("en"), loadLanguage("ja")]);
import { fallback, fallbackChart } from "../../scripts/noscript.mjs";
import { headline } from "../../www/words/story.js";
import { escapeXml } from "../../www/views/charts.js";
import { parseDate } from "../../www/words/format.js";

const en = translator("en");
const ja = translator("ja");

/**
 * Two years of days: the 90% band 0–20,000, the middle half 5,000–15,000, the median 14,000
 * for the first year and 12,000 after, a requirement of 10,000; 10% of futures below it
 * every day but a one-week halt of every future from day 100 to day 106.
 */
function summary({ days = 730, requirement = 10_000, start_date } = {}) {
  const fill = (v) => Float64Array.from({ length: days }, (_, d) => (typeof v === "function" ? v(d) : v));
  return {
    trials: 1000,
    seed: 3,
    start_date,
    horizon_days: days,
    requirement_b200e: requirement,
    bands: {
      p5: fill(0),
      p25: fill(5000),
      p50: fill((d) => (d < 365 ? 14_000 : 12_000)),
      p75: fill(15_000),
      p95: fill(20_000),
      mean: fill(11_000),
      below_requirement: fill((d) => (d >= 100 && d < 107 ? 1 : 0.1)),
    },
    metrics: {
      final_capacity_b200e: { mean: 11_000, p5: 0, p10: 0, p25: 5000, p50: 12_000, p75: 15_000, p90: 19_000, p95: 20_000 },
      days_to_train: {
        mean: 40,
        p5: 30,
        p10: 31,
        p25: 33,
        p50: 35.2,
        p75: 40,
        p90: 50,
        p95: 60,
        n: 990,
        p_unfinished: 0.01,
        histogram: { lo: 30, bin_width: 1, counts: [100, 300, 400, 150, 40], above: 0 },
      },
      training_delay_days: { n: 990, mean: 4, p5: 0, p10: 0, p25: 0, p50: 2.5, p75: 5, p90: 9, p95: 30, p_unfinished: 0.01, p_status_quo_unfinished: 0 },
    },
    probabilities: { any_shortfall: 0.5, shortfall_7_days: 0.25, training_unfinished: 0.01, any_policy_shutdown: 0.4, training_delay_over_7_days: 0.2, training_delay_over_30_days: 0.05 },
    sites: [],
  };
}

/** Every node of a tree, depth first. */
const walk = (node) => [node, ...(node.children ?? []).flatMap(walk)];
const byClass = (tree, cls) => walk(tree).filter((x) => x.attrs.class === cls);
const texts = (tree, cls) => byClass(tree, cls).map((x) => x.text);
/** The time axis's tick labels (centred under their day; the value axes' are right-aligned). */
const timeTicks = (tree) => byClass(tree, "tick").filter((x) => x.attrs["text-anchor"] === "middle");

/**
 * The fan's frame as the drawn chart shows it, not as charts.js computes it: the baseline's
 * ends (its left and right), and the value and day each place stands for, read from the
 * value axis's tick labels (each 4 units below its grid line, "25K" for 25,000) and the
 * baseline. Positions are drawn to 0.1 unit, so a place read back is good to about that.
 */
function frame(tree, days = 730) {
  const base = byClass(tree, "axis").find((l) => l.attrs.x1 !== l.attrs.x2);
  const valueTicks = byClass(tree, "tick").filter((t) => t.attrs["text-anchor"] === "end" && !t.text.endsWith("%"));
  const value = (text) => Number.parseFloat(text) * (/k/i.test(text) ? 1000 : 1);
  const [zero, top] = [valueTicks[0], valueTicks.at(-1)];
  const at = (t) => t.attrs.y - 4;
  const { x1: left, x2: right, y1: baseline } = base.attrs;
  return {
    left,
    right,
    baseline,
    y: (v) => at(zero) + (v / value(top.text)) * (at(top) - at(zero)),
    x: (d) => left + (d / (days - 1)) * (right - left),
  };
}
/** `a` within `tolerance` of `b` (a place read back from the drawing: 0.1 unit by default). */
const near = (a, b, what, tolerance = 0.11) => assert.ok(Math.abs(a - b) <= tolerance, `${what}: ${a}, expected ${b}`);

test("the value axis has round ticks up to the top of the 90% band, with room above", () => {
  assert.deepEqual(niceTicks(21_600, 5), [0, 5000, 10_000, 15_000, 20_000, 25_000]);
  assert.deepEqual(niceTicks(9, 3), [0, 5, 10]);
  const tree = fanChart(summary(), null, en, 640);
  // 20,000 × 1.08 = 21,600: steps of 5,000 up to 25,000; the first six tick labels.
  // (Node's and Chromium's ICU differ on "k" and "K".)
  assert.deepEqual(texts(tree, "tick").slice(0, 6).map((x) => x.toUpperCase()), ["0", "5K", "10K", "15K", "20K", "25K"]);
  assert.deepEqual(texts(fanChart(summary(), null, ja, 640), "tick").slice(0, 6), ["0", "5000", "1万", "1.5万", "2万", "2.5万"]);
});

test("the requirement line sits at its value on the value axis", () => {
  // Against the axis the chart draws: the line at 10,000 across the whole plot, its label just
  // above it; the "0" tick on the baseline.
  const tree = fanChart(summary(), null, en, 640);
  const f = frame(tree);
  near(f.y(0), f.baseline, "the 0 tick against the baseline");
  const [line] = byClass(tree, "requirement");
  near(line.attrs.y1, f.y(10_000), "the requirement line");
  assert.equal(line.attrs.y2, line.attrs.y1);
  assert.deepEqual([line.attrs.x1, line.attrs.x2], [f.left, f.right]);
  const [label] = byClass(tree, "requirement-label");
  assert.equal(label.text, "Floor 10,000");
  assert.ok(label.attrs.y < line.attrs.y1 && label.attrs.y > line.attrs.y1 - 12, `label at ${label.attrs.y}, line at ${line.attrs.y1}`);
  // A higher requirement raises the line and the axis: 30,000 × 1.08 = 32,400 takes steps of
  // 10,000 up to 40,000.
  const high = fanChart(summary({ requirement: 30_000 }), null, en, 640);
  assert.equal(texts(high, "tick")[4].toUpperCase(), "40K");
  near(byClass(high, "requirement")[0].attrs.y1, frame(high).y(30_000), "a requirement of 30,000");
  assert.ok(byClass(high, "requirement")[0].attrs.y1 < line.attrs.y1);
});

const c = (v) => Math.round(v * 10) / 10;
/** The floor label's box, as `floorLabelPlace` reckons it: [x0, x1, y0, y1]. */
const labelBox = (label) => {
  const w = [...label.text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 11.5 : 7), 0) * 1.05;
  const x0 = label.attrs["text-anchor"] === "end" ? label.attrs.x - w : label.attrs.x;
  return [x0, x0 + w, label.attrs.y - 11, label.attrs.y + 3];
};

test("the floor's label keeps clear of the event marks and the median", () => {
  // A mark through the label's usual place (the right end, above the floor): it moves left of
  // it; marks all along the floor: the usual place, over its halo (the paper's colour).
  const marks = (days) => ({
    room: 20,
    nodes: ({ x, top, base }) => [{ tag: "g", attrs: { class: "events" }, children: days.map((d) => ({ tag: "line", attrs: { x1: x(d), x2: x(d), y1: top, y2: base, class: "event-mark event-today" } })) }],
  });
  const place = (tree) => byClass(tree, "requirement-label")[0];
  const plainTree = fanChart(summary(), null, en, 640);
  const plain = place(plainTree);
  // Its usual place: right-aligned near the plot's right end, above the floor.
  const { right } = frame(plainTree);
  assert.equal(plain.attrs["text-anchor"], "end");
  assert.ok(plain.attrs.x <= right && plain.attrs.x >= right - 8, `the label ends at ${plain.attrs.x}, the plot at ${right}`);
  assert.ok(plain.attrs.y < byClass(plainTree, "requirement")[0].attrs.y1);
  assert.equal(plain.attrs.stroke, "#ffffff");
  assert.equal(plain.attrs["paint-order"], "stroke");
  const everywhere = Array.from({ length: 73 }, (_, k) => k * 10);
  for (const days of [[725], [725, 700], everywhere]) {
    const tree = fanChart(summary(), null, en, 640, { overlay: marks(days) });
    const label = place(tree);
    const [x0, x1, y0, y1] = labelBox(label);
    for (const line of walk(tree).filter((n) => /event-mark/.test(n.attrs.class ?? ""))) {
      const crosses = line.attrs.x1 >= x0 - 3 && line.attrs.x1 <= x1 + 3 && line.attrs.y2 >= y0 && line.attrs.y1 <= y1;
      if (days !== everywhere) assert.ok(!crosses, `marks at ${days}: the label at ${label.attrs.x},${label.attrs.y} crosses ${line.attrs.x1}`);
    }
    assert.ok(label.attrs.x < plain.attrs.x || days === everywhere);
    // Nowhere clear: the usual place, over its halo.
    // (The marks take room above the plot, so the floor is lower: the same place against it.)
    const above = (t, l) => byClass(t, "requirement")[0].attrs.y1 - l.attrs.y;
    if (days === everywhere) assert.deepEqual([label.attrs["text-anchor"], label.attrs.x, above(tree, label)], ["end", plain.attrs.x, above(plainTree, plain)]);
  }
  // The median running just above the floor on the last 130 days: the label goes under the
  // line (the median does not enter its box).
  const s = summary();
  s.bands.p50 = s.bands.p50.map((v, d) => (d > 600 ? 10_300 : 14_000));
  const under = fanChart(s, null, en, 640);
  const label = place(under);
  const floor = byClass(under, "requirement")[0].attrs.y1;
  assert.ok(label.attrs.y > floor, `under the floor at ${floor}: ${label.attrs.y}`);
});


test("with no start date the time axis counts months from now", () => {
  const tree = fanChart(summary(), null, en, 640);
  const ticks = timeTicks(tree).map((x) => x.text);
  assert.deepEqual(ticks, ["now", "+6 months", "+12 months", "+18 months"]);
  const xs = timeTicks(tree).map((x) => x.attrs.x);
  // Under their days (about 30.44 apart a month): day 0 at the plot's left edge.
  const f = frame(tree);
  assert.equal(xs[0], f.left);
  [183, 365, 548].forEach((d, i) => near(xs[i + 1], f.x(d), `day ${d}`));
  assert.deepEqual(timeTicks(fanChart(summary(), null, ja, 640)).map((x) => x.text), ["現在", "6か月後", "12か月後", "18か月後"]);
  assert.match(tree.attrs["aria-label"], /^Fan chart of compute over the next 2 years\. .* median future has 12,000 B200-equivalents and 1 in 20 futures has 0 or less\. On the worst day, 100% of futures are below the floor\.$/);
  // Under half a year of days: monthly ticks; just over, every other month.
  assert.deepEqual(
    monthTicks(null, 180, en).map((x) => x.label),
    ["now", "+1 month", "+2 months", "+3 months", "+4 months", "+5 months"],
  );
  assert.deepEqual(
    monthTicks(null, 185, en).map((x) => x.day),
    [0, 61, 122, 183],
  );
});

test("the axis words come from the translator", () => {
  const own = { ...en, t: (key) => ({ fanNow: "today", fanMonthsAhead: (m) => `in ${m} months` })[key] ?? en.t(key) };
  assert.deepEqual(texts(fanChart(summary(), null, own, 640), "tick").slice(6, 8), ["today", "in 6 months"]);
});

test("with a start date the time axis has the first of the month, every six months", () => {
  const start = parseDate("2026-01-15");
  const tree = fanChart(summary(), start, en, 640);
  assert.deepEqual(timeTicks(tree).map((x) => x.text), ["Jul 2026", "Jan 2027", "Jul 2027", "Jan 2028"]);
  assert.match(tree.attrs["aria-label"], /^Fan chart of compute from 15 January 2026 to 14 January 2028\./);
  assert.deepEqual(timeTicks(fanChart(summary(), start, ja, 640)).map((x) => x.text), ["2026年7月", "2027年1月", "2027年7月", "2028年1月"]);
});

/** The page's light theme, as widget.css writes it: `--name: light-dark(<light>, <dark>)`. */
const CSS_LIGHT = Object.fromEntries(
  [...readFileSync(new URL("../../www/widget.css", import.meta.url), "utf8").matchAll(/--([\w-]+):\s*light-dark\((#[0-9a-f]{6}),/gi)].map((m) => [m[1], m[2].toLowerCase()]),
);

test("one palette: the drawings' light colours are the page's, as widget.css has them", () => {
  assert.deepEqual(LIGHT, {
    ink: CSS_LIGHT.fg,
    muted: CSS_LIGHT.muted,
    paper: CSS_LIGHT.panel,
    rule: CSS_LIGHT.rule,
    bandOuter: CSS_LIGHT["band-outer"],
    bandInner: CSS_LIGHT["band-inner"],
    median: CSS_LIGHT.median,
    requirement: CSS_LIGHT.requirement,
  });
});

test("bands, median and requirement: their classes and the light theme's colours", () => {
  const tree = fanChart(summary(), null, en, 640);
  const [outer] = byClass(tree, "band-outer");
  const [inner] = byClass(tree, "band-inner");
  const [median] = byClass(tree, "median");
  assert.equal(outer.attrs.fill, CSS_LIGHT["band-outer"]);
  assert.equal(inner.attrs.fill, CSS_LIGHT["band-inner"]);
  assert.equal(median.attrs.stroke, CSS_LIGHT.median);
  assert.equal(median.attrs.fill, "none");
  assert.equal(byClass(tree, "requirement")[0].attrs.stroke, CSS_LIGHT.requirement);
  // A level stretch is one segment: the median is flat at 14,000 for a year, then at 12,000
  // (four points: the plot's left, day 364, day 365, the right end).
  const f = frame(tree);
  const points = (d) => d.slice(1).replace(/Z$/, "").split("L").map((p) => p.split(",").map(Number));
  const median4 = points(median.attrs.d);
  assert.equal(median4.length, 4);
  [[f.left, 14_000], [f.x(364), 14_000], [f.x(365), 12_000], [f.right, 12_000]].forEach(([x, v], i) => {
    near(median4[i][0], x, `the median's point ${i}: x`);
    near(median4[i][1], f.y(v), `the median's point ${i}: y`);
  });
  // The 90% band: along the top at 20,000, back along the baseline.
  const band = points(outer.attrs.d);
  assert.deepEqual(band.map(([x]) => x), [f.left, f.right, f.right, f.left]);
  band.slice(0, 2).forEach(([, y]) => near(y, f.y(20_000), "the band's top"));
  band.slice(2).forEach(([, y]) => assert.equal(y, f.baseline, "the band's bottom"));
});

test("the histogram has a bar per bin, the unfinished runs apart, and percentage ticks", () => {
  const tree = histogram(summary(), en, 640);
  assert.equal(byClass(tree, "bar").length, 5);
  assert.equal(byClass(tree, "bar-unfinished").length, 1);
  assert.ok(texts(tree, "tick").includes("not finished"));
  // The biggest bin is 40% of 1,000 futures: ticks at 0, 20% and 40%.
  assert.deepEqual(texts(tree, "tick").filter((x) => x.endsWith("%")), ["0%", "20%", "40%"]);
  assert.match(tree.attrs["aria-label"], /Median 35\.2 days; 1% of futures do not finish\./);
});

test("the string writer escapes text and attribute values", () => {
  const tree = { tag: "svg", attrs: { "aria-label": `a "quoted" <label> & more` }, children: [{ tag: "text", attrs: { class: "tick" }, text: `<script>alert("&")</script>` }] };
  const svg = toSvg(tree);
  assert.equal(
    svg,
    '<svg xmlns="http://www.w3.org/2000/svg" aria-label="a &quot;quoted&quot; &lt;label&gt; &amp; more"><text class="tick">&lt;script&gt;alert(&quot;&amp;&quot;)&lt;/script&gt;</text></svg>',
  );
  assert.throws(() => toSvg({ tag: "svg", attrs: { 'x" onload="alert(1)': 1 } }), /not an SVG attribute name/);
  assert.throws(() => toSvg({ tag: "script>", attrs: {} }), /not an SVG tag name/);
});

test("the string writer and the DOM writer write the same tree", () => {
  const tree = fanChart(summary(), null, en, 640);
  const svg = toSvg(tree);
  assert.equal((svg.match(/<path /g) ?? []).length, 4);
  assert.equal((svg.match(/class="tick"/g) ?? []).length, texts(tree, "tick").length);
  const { x1, x2, y1 } = byClass(tree, "requirement")[0].attrs;
  assert.ok(svg.includes(`<line x1="${x1}" x2="${x2}" y1="${y1}" y2="${y1}" class="requirement" stroke="#b3261e" stroke-width="1.5" stroke-dasharray="5 4"/>`), svg);
  assert.match(svg, /<text [^>]*class="tick"[^>]*>\+6 months<\/text>/);

  // A stand-in document: markup would have to go through innerHTML, which it refuses.
  const made = [];
  const doc = {
    createElementNS(ns, tag) {
      const el = {
        ns,
        tag,
        attrs: {},
        children: [],
        textContent: "",
        setAttribute: (k, v) => (el.attrs[k] = v),
        append: (child) => el.children.push(child),
        set innerHTML(_) {
          throw new Error("markup");
        },
      };
      made.push(el);
      return el;
    },
  };
  const hostile = { tag: "g", attrs: { class: "grid" }, children: [{ tag: "text", attrs: { class: "tick", x: 1 }, text: "<b>x</b>" }] };
  const el = toDom(hostile, doc);
  assert.equal(el.ns, "http://www.w3.org/2000/svg");
  assert.equal(el.children[0].textContent, "<b>x</b>");
  assert.deepEqual(el.children[0].attrs, { class: "tick", x: "1" });
  const all = toDom(tree, doc);
  const count = (node) => 1 + node.children.reduce((sum, child) => sum + count(child), 0);
  assert.equal(count(all), walk(tree).length);
});

test("the no-script fallback: the story's headline, the chart counted from now, and the scenario name escaped", () => {
  const scenario = { name: 'Tencent <&"> "test"' };
  const html = fallback(summary(), scenario);
  // Marked with the preset and language it shows (a page whose engine cannot load shows it
  // only for those).
  assert.match(html, /^<noscript data-preset="tencent-datasection" data-lang="en">\n {2}<figure class="noscript-figure">/);
  assert.match(html, /<\/figure>\n<\/noscript>$/);
  assert.ok(html.includes("Tencent &lt;&amp;&quot;&gt; &quot;test&quot;: "), html.slice(-400));
  assert.ok(!html.includes("<&"));
  assert.ok(html.includes(`<p class="noscript-headline"><strong>${escapeXml(headline(summary(), scenario, en))}</strong></p>`));
  assert.match(html, /Seed 3\./);
  // The chart is an image beside the pages, described by its own words.
  const chart = fallbackChart(summary(), scenario);
  const label = chart.match(/aria-label="([^"]*)"/)[1];
  assert.ok(html.includes(`<img class="noscript-chart" src="noscript-chart.svg" width="640" height="363" alt="${label}">`), html);
  assert.match(chart, />now<\/text>/);
  assert.match(chart, />\+18 months<\/text>/);
  assert.match(chart, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 640 363"/);
  assert.match(chart, /class="below"/);
  assert.match(chart, />Share of futures below the floor<\/text>/);
});

test("the no-script fallback is dated from the summary's start date, else the scenario's", () => {
  const dated = fallbackChart(summary({ start_date: "2026-12-01" }), { name: "x" });
  assert.match(dated, />Jul 2027<\/text>/);
  // 2028 is a leap year: day 729 is 29 November.
  assert.match(dated, /aria-label="Fan chart of compute from 1 December 2026 to 29 November 2028\./);
  assert.doesNotMatch(dated, />now<\/text>/);
  const fromScenario = fallbackChart(summary(), { name: "x", start_date: "2027-03-10" });
  assert.match(fromScenario, /from 10 March 2027 to 8 March 2029\./);
  assert.match(fallback(summary(), { name: "x", start_date: "2027-03-10" }), /alt="Fan chart of compute from 10 March 2027 to 8 March 2029\./);
});

test("the strip under the fan: the share of futures below the requirement, 0–100%, on the same days", () => {
  for (const width of [320, 640]) {
    const tree = fanChart(summary(), null, en, width);
    const [below] = byClass(tree, "below");
    const [label] = byClass(tree, "strip-label");
    assert.equal(label.text, "Share of futures below the floor");
    // The strip's two ticks, 100% at its top and 0% at its bottom, under the fan's baseline.
    const ticks = byClass(tree, "tick").slice(-2);
    assert.deepEqual(ticks.map((x) => x.text), ["100%", "0%"]);
    const [top, bottom] = ticks.map((x) => x.attrs.y - 4);
    const baseline = byClass(tree, "axis").find((x) => x.attrs.x1 !== x.attrs.x2).attrs.y1;
    assert.ok(label.attrs.y > baseline + 8 && label.attrs.y < top, `label at ${label.attrs.y}, baseline ${baseline}, strip ${top}`);
    assert.ok(tree.attrs.height >= bottom + 22, "room for the month labels under the strip");
    // 10% of futures below on most days; the one-week halt (days 100–106) reaches the top; on
    // the fan's days (the baseline's ends).
    const { left, right, x: at } = frame(tree);
    const x = (d) => c(at(d));
    // The strip's heights are rounded to half a unit.
    const y10 = Math.round((bottom - 0.1 * (bottom - top)) * 2) / 2;
    assert.equal(below.attrs.d, `M${left},${y10}L${x(99)},${y10}L${x(100)},${top}L${x(106)},${top}L${x(107)},${y10}L${right},${y10}L${right},${bottom}L${left},${bottom}Z`);
    assert.ok(x(107) - x(99) >= 2.5, `a week is ${x(107) - x(99)} units wide at ${width}`);
    assert.equal(below.attrs.fill, "#b3261e");
  }
  assert.equal(byClass(fanChart(summary(), null, ja, 320), "strip-label")[0].text, "下限を下回る未来の割合");
});

test("a requirement in steps is drawn as steps, labelled with its last level", () => {
  const s = { ...summary(), requirement_steps: [{ day: 0, b200e: 5000 }, { day: 180, b200e: 10_000 }] };
  const tree = fanChart(s, null, en, 640);
  const [req] = byClass(tree, "requirement");
  assert.equal(req.tag, "path");
  assert.equal(req.attrs.fill, "none");
  // From the plot's left at 5,000, up to 10,000 on day 180, on to the right end.
  const f = frame(tree);
  const [, x0, y0, x1, y1, x2] = req.attrs.d.match(/^M([\d.]+),([\d.]+)H([\d.]+)V([\d.]+)H([\d.]+)$/).map(Number);
  assert.equal(x0, f.left);
  near(y0, f.y(5000), "the first step");
  near(x1, f.x(180), "day 180");
  near(y1, f.y(10_000), "the second step");
  assert.equal(x2, f.right);
  assert.equal(byClass(tree, "requirement-label")[0].text, "Floor 10,000");
});

test("the table's last column: the worst day's share below the requirement from each row to the next", async () => {
  const { monthlyRows } = await import("../../www/views/monthly.js");
  const rows = monthlyRows(summary(), parseDate("2026-01-01"), en.fmt);
  // Day 100 of a year from 1 January is 11 April: the halt (days 100–106) shows in April's row.
  const worst = Object.fromEntries(rows.map((r) => [r[0], r[6]]));
  assert.equal(worst["1 April 2026"], 1);
  assert.equal(worst["1 March 2026"], 0.1);
  assert.equal(worst["1 May 2026"], 0.1);
  // 1 January 2026 (day 0, a first of the month), the next 23 firsts, and 31 December 2027.
  assert.equal(rows.length, 25);
  assert.equal(rows.at(-1)[0], "31 December 2027");
  assert.deepEqual(rows[0].slice(0, 6), ["1 January 2026", 0, 5000, 14_000, 15_000, 20_000]);
});

test("a narrow chart has fewer month labels, none closer than a label's width", () => {
  for (const [days, width] of [[365, 280], [365, 320], [365, 640], [730, 320], [120, 320]]) {
    const tree = fanChart(summary({ days, start_date: "2027-03-01" }), parseDate("2027-03-01"), en, width);
    const xs = timeTicks(tree).map((x) => x.attrs.x);
    assert.ok(xs.length >= 2 && xs.length <= 6, `${days} days at ${width}: ${xs.length} labels`);
    for (let i = 1; i < xs.length; i++) assert.ok(xs[i] - xs[i - 1] >= 55, `${days} days at ${width}: labels ${xs[i] - xs[i - 1]} apart`);
  }
});

test("the histogram's two labels past the bins never overlap, even at 320 px", () => {
  // 60 bins, a long tail and unfinished runs, as the default preset has them: "> 182" and
  // "not finished" end up a few pixels apart.
  const s = summary();
  s.metrics.days_to_train.histogram.counts = Array.from({ length: 60 }, (_, i) => (i < 3 ? 300 : 1));
  s.metrics.days_to_train.histogram.above = 30;
  for (const width of [320, 375, 640, 1280]) {
    const tree = histogram(s, en, width);
    const [tail, unfinished] = byClass(tree, "tick").filter((t) => /^> |not finished/.test(t.text));
    assert.ok(tail && unfinished, `${width}: both labels`);
    const span = (t) => {
      const w = t.text.length * 6.5;
      const x = Number(t.attrs.x);
      const a = t.attrs["text-anchor"];
      return a === "end" ? [x - w, x] : a === "middle" ? [x - w / 2, x + w / 2] : [x, x + w];
    };
    const [a, b] = [span(tail), span(unfinished)];
    const apart = a[1] <= b[0] || b[1] <= a[0] || tail.attrs.y !== unfinished.attrs.y;
    assert.ok(apart, `${width}: "${tail.text}" and "${unfinished.text}" overlap`);
    assert.ok(b[1] <= width, `${width}: "not finished" inside the chart`);
  }
});
