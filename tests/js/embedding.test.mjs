// An embed's own parameters (www/state/embedding.js) and the messages a host page sends a frame
// (www/state/host.js): what is taken, and what is dropped, with a note or silently.
import { test } from "node:test";
import assert from "node:assert/strict";
import "./engine.mjs";
import {
  ANNOTATION_MAX,
  DEFAULT_CONTROLS,
  MAX_ANNOTATIONS,
  MAX_CONTROLS,
  PARAMETERS,
  TEXT_MAX,
  defaultControls,
  plainText,
  readAnnotation,
  readEmbed,
  readOrigin,
  unknownNames,
  writeAnnotations,
  writeControls,
} from "../../www/state/embedding.js";
import { MESSAGE_MAX, SET, fromParent, readMessage } from "../../www/state/host.js";
import { CONTROL_IDS } from "../../www/state/controls.js";
import { loadLanguage, translator } from "../../www/words/i18n.js";

await Promise.all([loadLanguage("en"), loadLanguage("ja")]);
const en = translator("en");
const ja = translator("ja");
const read = (query, layout = "story", tr = en) => {
  const q = new URLSearchParams(query);
  return readEmbed((k) => q.get(k), tr, { layout, ids: CONTROL_IDS });
};

test("no parameters: the page's layout, the preset's controls, no texts, no notes", () => {
  assert.deepEqual(read(""), { layout: "story", controls: null, ranges: {}, annotations: [], texts: {}, notes: [] });
  assert.equal(read("", "full").layout, "full");
  assert.equal(read("layout=full").layout, "full");
  assert.deepEqual(read("layout=compact").notes, ["The link's layout “compact” was ignored: it must be story or full."]);
});

test("every preset's default controls exist, one or two of them", () => {
  for (const [preset, ids] of Object.entries(DEFAULT_CONTROLS)) {
    assert.ok(ids.length >= 1 && ids.length <= 2, preset);
    for (const id of ids) assert.ok(CONTROL_IDS.includes(id), `${preset}: ${id}`);
  }
  assert.deepEqual(defaultControls("no-such-preset"), ["shock-rate"]);
});

test("controls: in the journalist's order, known ids only, at most three, duplicates once", () => {
  assert.deepEqual(read("controls=requirement,shock-rate").controls, ["requirement", "shock-rate"]);
  assert.deepEqual(read("controls= comply , comply,duration").controls, ["comply", "duration"]);
  assert.deepEqual(read("controls=").controls, []);
  const many = read("controls=comply,nope,duration,outages,relocation");
  assert.deepEqual(many.controls, ["comply", "duration", "outages"]);
  assert.equal(many.notes.length, 2);
  assert.match(many.notes[0], /^The link's controls “nope” was ignored: there is no such control \(choose shock-rate, comply, duration, permanent, outages, relocation, requirement, training-start\)\.$/);
  assert.equal(many.notes[1], `The link's controls “relocation” was ignored: at most ${MAX_CONTROLS} controls are shown.`);
  const long = read(`controls=${"comply,".repeat(60)}`);
  assert.equal(long.controls, null);
  assert.match(long.notes[0], /it must be at most 200 characters/);
  assert.match(read("controls=nope", "story", ja).notes[0], /^リンクのcontrols「nope」は無視しました：該当する操作項目がありません/);
});

test("a control's range: inside the control's own, low below high; anything else is noted and the control keeps its full range", () => {
  const ok = read("controls=shock-rate:0.5-3,duration:7-90,training-start:30-400");
  assert.deepEqual(ok.controls, ["shock-rate", "duration", "training-start"]);
  assert.deepEqual(ok.ranges, { "shock-rate": [0.5, 3], duration: [7, 90], "training-start": [30, 400] });
  assert.deepEqual(ok.notes, []);
  assert.equal(writeControls(ok.controls, ok.ranges), "shock-rate:0.5-3,duration:7-90,training-start:30-400");
  assert.equal(writeControls(["comply"], {}), "comply");
  for (const bad of ["comply:0-2", "comply:0.5-0.5", "comply:0.6-0.2", "comply:-1-0.5", "comply:a-b", "comply:0.1", "comply:1e-3-0.5", "duration:0-30", "training-start:0-4000"]) {
    const r = read(`controls=${bad}`);
    assert.deepEqual(r.controls, [bad.split(":")[0]], bad);
    assert.deepEqual(r.ranges, {}, bad);
    assert.equal(r.notes.length, 1, bad);
    assert.match(r.notes[0], /it must be a range such as 1-2, from \d+ to \d+\.$/, bad);
  }
  assert.match(read("controls=comply:0-2", "story", ja).notes[0], /0から1までの 1-2 のような範囲を指定してください。$/);
});

test("annotations: a date and a plain text each, at most five; anything else is noted", () => {
  const ok = read(`annotations=${encodeURIComponent("2026-06-01 New US rule| 2027-01-15  Osaka  halted |")}`);
  assert.deepEqual(ok.annotations, [
    { date: "2026-06-01", text: "New US rule" },
    { date: "2027-01-15", text: "Osaka halted" },
  ]);
  assert.deepEqual(ok.notes, []);
  assert.equal(writeAnnotations(ok.annotations), "2026-06-01 New US rule|2027-01-15 Osaka halted");
  for (const [bad, reason] of [
    ["2026-02-30 No such day", /a date and a text/],
    ["1 June 2026 New rule", /a date and a text/],
    ["2026-06-01", /a date and a text/],
    ["2026-06-01 <b>x</b>", /plain text/],
    [`2026-06-01 ${"x".repeat(ANNOTATION_MAX + 1)}`, new RegExp(`at most ${ANNOTATION_MAX} characters`)],
  ]) {
    const r = read(`annotations=${encodeURIComponent(bad)}`);
    assert.deepEqual(r.annotations, [], bad);
    assert.match(r.notes[0], reason, bad);
  }
  const many = read(`annotations=${encodeURIComponent(Array.from({ length: 7 }, (_, i) => `2026-0${i + 1}-01 Step ${i + 1}`).join("|"))}`);
  assert.equal(many.annotations.length, MAX_ANNOTATIONS);
  assert.equal(many.notes.length, 2);
  assert.match(many.notes[0], /at most 5 annotations are shown/);
  assert.match(read("annotations=x".padEnd(520, "x")).notes[0], /at most 500 characters/);
  // The editor checks each row it is given as the parameter's items are checked.
  assert.deepEqual(readAnnotation("2026-06-01", "  New   rule ", en), { annotation: { date: "2026-06-01", text: "New rule" } });
  assert.deepEqual(readAnnotation("2026-06-01", "a | b", en), { reason: "it must not contain “|”" });
  assert.deepEqual(readAnnotation("2026-06-01", " ", en), { reason: "it must be a date and a text, such as 2026-06-01 New rule" });
  assert.deepEqual(readAnnotation("2026-13-01", "x", ja).reason, "2026-06-01 新規則 のような日付と文を指定してください");
});

test("texts: plain text taken as it is, whitespace collapsed; too long or markup ignored with a note", () => {
  const ok = read(`title=${encodeURIComponent("  Tencent's compute,\n after the rules < 2027 & later ")}&dek=%E8%A6%8B%E5%87%BA%E3%81%97&credit=Graphic%3A+A.+Writer`);
  assert.deepEqual(ok.texts, { title: "Tencent's compute, after the rules < 2027 & later", dek: "見出し", credit: "Graphic: A. Writer" });
  assert.deepEqual(ok.notes, []);
  // Counted in characters, not UTF-16 units: 300 emoji fit.
  assert.equal(read(`note=${encodeURIComponent("😀".repeat(TEXT_MAX))}`).texts.note.length, 2 * TEXT_MAX);
  for (const [value, reason] of [
    ["x".repeat(TEXT_MAX + 1), `it must be at most ${TEXT_MAX} characters`],
    ["<b>bold</b>", "it must be plain text, without markup"],
    ["<img src=x onerror=alert(1)>", "it must be plain text, without markup"],
    ["a <!-- comment -->", "it must be plain text, without markup"],
    ["&lt;script&gt;", "it must be plain text, without markup"],
    ["right\u202eto left", "it must be plain text, without markup"],
  ]) {
    const r = read(`headline=${encodeURIComponent(value)}`);
    assert.deepEqual(r.texts, {}, value);
    assert.equal(r.notes.length, 1, value);
    assert.ok(r.notes[0].endsWith(`${reason}.`), r.notes[0]);
    // The note quotes at most 80 characters of what was given.
    assert.ok(r.notes[0].length < 200, r.notes[0]);
  }
  assert.deepEqual(read("title=%20%20").texts, {});
  assert.deepEqual(plainText("ok", en), { text: "ok" });
  assert.match(read("source=%3Cb%3E", "story", ja).notes[0], /タグなどを含まない文字だけで指定してください。$/);
});

test("origin: an http(s) origin, or a note", () => {
  assert.equal(readOrigin("https://news.example"), "https://news.example");
  assert.equal(readOrigin("https://news.example/"), "https://news.example");
  assert.equal(readOrigin("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
  for (const bad of ["https://news.example/path", "news.example", "javascript:alert(1)", "*", "", "null", "file:///x", `https://${"a".repeat(300)}.example`]) assert.equal(readOrigin(bad), null, bad);
  assert.deepEqual(read("origin=https%3A%2F%2Fnews.example").notes, []);
  assert.match(read("origin=*").notes[0], /The link's origin “\*” was ignored: it must be an origin such as https:\/\/news\.example\./);
});

test("unknown parameters are named in a note; known ones and the frame's own are not", () => {
  const known = [...PARAMETERS, "id", "childId", "initialWidth", "parentTitle", "parentUrl", "origin"];
  assert.deepEqual(unknownNames(["preset", "title", "childId", "parentUrl"], known, en), []);
  assert.deepEqual(unknownNames(["hide", "hide", "Title"], known, en), ["The link's hide “…” was ignored: there is no such parameter.", "The link's Title “…” was ignored: there is no such parameter."]);
  assert.equal(unknownNames(Array.from({ length: 50 }, (_, i) => `x${i}`), known, en).length, 5);
});

test("a host page's message: a set of known parameters, or ignored", () => {
  const keys = PARAMETERS;
  assert.deepEqual(readMessage({ type: SET, params: { preset: "two-track", seed: 5, title: null } }, keys), { preset: "two-track", seed: "5", title: null });
  const scenario = { sites: [{ id: "a", jurisdiction: "JP", route: "x", chip: "B200", gpus: 1 }] };
  assert.deepEqual(readMessage({ type: SET, params: { scenario } }, keys), { scenario });
  for (const bad of [
    null,
    "compute-shock:set",
    [SET],
    { type: "set", params: { preset: "two-track" } },
    { type: SET },
    { type: SET, params: [] },
    { type: SET, params: {} },
    { type: SET, params: { hide: "x" } },
    { type: SET, params: { preset: { toString: "two-track" } } },
    { type: SET, params: { seed: Infinity } },
    { type: SET, params: { seed: true } },
    { type: SET, params: { set: ["a:1"] } },
    { type: SET, params: { title: "x".repeat(MESSAGE_MAX + 1) } },
    { type: SET, params: { scenario: { big: "x".repeat(MESSAGE_MAX) } } },
    { type: SET, params: Object.fromEntries(keys.map((k) => [k, "1"]).concat([["extra", "1"]])) },
    Object.assign(Object.create({ type: SET }), { params: { preset: "two-track" } }),
  ]) {
    assert.equal(readMessage(bad, keys), null, JSON.stringify(bad)?.slice(0, 80));
  }
  // A scenario too deep to write out is refused, not thrown.
  let deep = {};
  for (let i = 0; i < 20000; i++) deep = { d: deep };
  assert.equal(readMessage({ type: SET, params: { scenario: deep } }, keys), null);
});

test("messages are taken from the parent only, and from its pinned origin when there is one", () => {
  const parent = {};
  const from = (source, origin) => ({ source, origin });
  assert.equal(fromParent(from(parent, "https://a.example"), parent, undefined), true);
  assert.equal(fromParent(from({}, "https://a.example"), parent, undefined), false);
  assert.equal(fromParent(from(parent, "https://a.example"), null, undefined), false);
  assert.equal(fromParent(from(parent, "https://a.example"), parent, "https://a.example"), true);
  assert.equal(fromParent(from(parent, "https://b.example"), parent, "https://a.example"), false);
  // A pin that is not an origin: nothing is taken.
  assert.equal(fromParent(from(parent, "https://a.example"), parent, null), false);
});

test("the plain scripts that cannot import write the host protocol's strings as host.js has them", async () => {
  const { ELEMENT_PREVIEW, SET, eventType } = await import("../../www/state/host.js");
  const { readFileSync } = await import("node:fs");
  const read = (file) => readFileSync(new URL(`../../www/${file}`, import.meta.url), "utf8");
  // (Comments may show a message as a host page writes it.)
  const code = (text) => text.split("\n").filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l)).join("\n");
  const types = (text) => [...code(text).matchAll(/["'`](compute-shock:[\w-]+)["'`]/g)].map((m) => m[1]);
  // The scrollytelling example sets parameters and waits for the frame to be ready.
  assert.deepEqual([...new Set(types(read("scrolly.js")))].sort(), [SET, eventType("ready")].sort());
  // The editor's sandboxed probe reports the element preview.
  assert.deepEqual([...new Set(types(read("element-preview.js")))], [ELEMENT_PREVIEW]);
  // And no module writes one out: they take them from host.js.
  const { readdirSync } = await import("node:fs");
  const modules = readdirSync(new URL("../../www/", import.meta.url), { recursive: true }).filter((f) => f.endsWith(".js") && !["scrolly.js", "element-preview.js", "state/host.js"].includes(f));
  for (const file of modules) assert.deepEqual(types(read(file)), [], file);
});
