// The run's settings: how many futures to simulate, and the seed (typed, re-rolled or reset).
// Their ranges and defaults are the engine's (`limits`).
import { button, h } from "./dom.js";

/** The counts of futures offered: a tenth of the engine's default, the default, ten times it. */
export const trialChoices = ({ min, max, default: d }) => [d / 10, d, d * 10].filter((n) => Number.isInteger(n) && n >= min && n <= max);

/** The settings, within the engine's `limits` ({ trials, seed }: { min, max, default }).
 * `onInvalid(message, field)`: a typed seed is out of range. `onStart(date)`: start the
 * scenario on another day (today, or back on its preset's date). */
export function runSettings({ tr, uid, limits, onTrials, onSeed, onReroll, onReset, onInvalid, onStart }) {
  const { t, fmt } = tr;
  const choices = trialChoices(limits.trials);
  const seed = h("input", {
    type: "number",
    id: uid("seed"),
    min: limits.seed.min,
    max: limits.seed.max,
    step: 1,
    inputmode: "numeric",
    onchange: () => {
      const v = Number(seed.value);
      const { min, max } = limits.seed;
      if (seed.value !== "" && Number.isInteger(v) && v >= min && v <= max) onSeed(v);
      else onInvalid(t("inputError")(`${t("seed")}: ${t("mustBe")(t("intRange")(min, max))}`), "seed");
    },
  });
  const trials = h(
    "select",
    { id: uid("trials"), onchange: (e) => onTrials(Number(e.target.value)) },
    choices.map((n) => h("option", { value: n }, fmt.int(n))),
  );
  // Day 0: the scenario's date, and a button to start it today (or back on its preset's date).
  const dayZero = h("span", { class: "cs-day-zero", id: uid("day0") });
  let target = null;
  const move = button("", () => target && onStart?.(target), "cs-start");
  move.setAttribute("aria-describedby", dayZero.id);
  const element = h(
    "div",
    { class: "cs-run" },
    h("label", { for: trials.id }, t("trials")),
    trials,
    h("label", { for: seed.id }, t("seed")),
    h("span", { class: "cs-seed" }, seed, button(t("reroll"), onReroll)),
    button(t("reset"), onReset, "cs-reset"),
    h("span", { class: "cs-start-row" }, h("span", {}, t("dayZero")), dayZero, " ", move),
  );

  return {
    element,

    /** Shows the state's trial count (offering it if it is not one of the choices) and seed,
     * and its day 0 (`start`: the scenario's, `presetStart`: its preset's, `today`). */
    render(state, { start = null, presetStart = null, today = null } = {}) {
      if (![...trials.options].some((o) => Number(o.value) === state.trials)) trials.append(h("option", { value: state.trials }, fmt.int(state.trials)));
      trials.value = String(state.trials);
      seed.value = String(state.seed);
      dayZero.textContent = start ? fmt.date(start) : "–";
      const same = (a, b) => a && b && a.getTime() === b.getTime();
      target = !start || same(start, today) ? (presetStart && !same(presetStart, start) ? presetStart : null) : same(start, presetStart) ? today : presetStart;
      move.hidden = !target;
      move.textContent = target && same(target, today) ? t("startToday") : target ? t("startBack")(fmt.date(target)) : "";
    },

    /** Marks the input an error names (`seed` or `trials`). */
    mark(field) {
      seed.toggleAttribute("aria-invalid", field === "seed");
      trials.toggleAttribute("aria-invalid", field === "trials");
    },
  };
}
