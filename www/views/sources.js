// The sources list: each sourced figure of a preset with its label, note, citation and, for a
// rate learnt from the evidence register, its derivation in words. Loaded with the presets'
// notes, when the list comes on screen (widget.js `showSources`), not with the page.
import { h } from "./dom.js";
import { DAY_MS, parseDate } from "../words/format.js";
import { parsePath } from "../state/paths.js";

export const WORDS = {
  en: (n, from, to, years, mean) =>
    `Derived from the evidence register: ${n === 0 ? "no such event" : n === 1 ? "1 such event" : `${n} such events`} from ${from} to ${to} (${years} years); with Jeffreys\u2019 prior, a rate drawn from Gamma(${n} + 1/2, ${years} years), ${mean} a year on average.`,
  ja: (n, from, to, years, mean) =>
    `規制・措置の記録から算出：${from}から${to}まで（${years}年）に該当する出来事は${n === 0 ? "なし" : `${n}件`}。ジェフリーズ事前分布により、頻度はガンマ分布Gamma(${n}+1/2, ${years}年)から引き、平均は年${mean}回。`,
};

/** The events counted over the span, and the posterior they give (Jeffreys' prior:
 * Gamma(events + 1/2, years)). Years are days / 365.25, to three decimals, as the preset's
 * gamma has them. */
export function derivationWords(d, { fmt, lang }) {
  const from = parseDate(d.from);
  const to = parseDate(d.to);
  const years = Math.round(((to - from) / DAY_MS / 365.25) * 1000) / 1000;
  const n = d.events.length;
  return (WORDS[lang] ?? WORDS.en)(n, fmt.date(from), fmt.date(to), fmt.num(years, 3), fmt.num((n + 0.5) / years, 3));
}

/** Lists the preset's sourced figures, each marked reported, derived or assumed, with its note
 * (`notes`: translations by field), its derivation from the evidence register when it has
 * one, and its source.
 * `describe(scenario, keys)` names a field. */
export function renderSources(list, preset, { t, fmt, lang }, describe, notes) {
  list.replaceChildren(
    ...preset.sources.map((s) =>
      h(
        "li",
        {},
        h("span", { class: `cs-badge cs-${s.label}` }, t("label")[s.label]),
        " ",
        h("strong", {}, describe(preset.scenario, parsePath(s.field) ?? [s.field])),
        `: ${notes[s.field] ?? s.note ?? ""}`,
        s.derivation ? h("span", { class: "cs-derivation" }, " ", derivationWords(s.derivation, { fmt, lang })) : null,
        s.source ? h("span", { class: "cs-source" }, ` (${s.source})`) : null,
      ),
    ),
  );
}
