// What "All parameters" holds (parameters.js makes the panel): every number in the scenario
// as an input, and the whole scenario as JSON, loaded when a reader first opens it. Each
// input's `data-path` is the value's path in the engine's syntax (paths.js), the one the
// engine's errors name in `field`, so an error marks its input.
import { button, h } from "./dom.js";
import { within } from "../state/paths.js";
import { leaves, shape } from "../state/state.js";

/**
 * Fills the "All parameters" panel `element` (parameters.js: its <details>, with its title):
 * every number's input and the JSON editor. `label(scenario, keys)` names an input;
 * `onNumber(keys, value)`: a number was changed (NaN if emptied); `onScenario(scenario)`:
 * JSON was applied; `onInvalid(message, field)`: the JSON does not parse.
 */
export function fill(element, { tr, uid, label, onNumber, onScenario, onInvalid }) {
  const { t } = tr;
  const fields = h("div", { class: "cs-fields" });
  const json = h("textarea", { class: "cs-json", rows: 14, spellcheck: "false", "aria-label": t("editJson") });
  const apply = () => {
    let scenario;
    try {
      scenario = JSON.parse(json.value);
    } catch (e) {
      onInvalid(t("inputError")(`scenario: not valid JSON (${e.message})`), "scenario");
      return;
    }
    onScenario(scenario);
  };
  element.append(fields, h("details", {}, h("summary", {}, t("editJson")), json, button(t("applyJson"), apply)));

  // Built when the scenario's shape changes; otherwise only the values are brought up to date
  // (a slider drag must not rebuild a hundred inputs a frame).
  let built = null;
  const inputs = new Map();
  const focused = () => element.getRootNode().activeElement;

  function render(scenario) {
    const values = leaves(scenario);
    const now = shape(scenario);
    if (now !== built) {
      built = now;
      inputs.clear();
      fields.replaceChildren(
        ...values.map(({ keys, path }) => {
          const id = uid("field");
          const input = h("input", {
            id,
            type: "number",
            step: "any",
            "data-path": path,
            onchange: () => onNumber(keys, input.value === "" ? NaN : Number(input.value)),
          });
          inputs.set(path, input);
          return h("div", { class: "cs-field" }, h("label", { for: id }, label(scenario, keys)), input);
        }),
      );
    }
    const active = focused();
    for (const { path, value } of values) {
      const input = inputs.get(path);
      if (input !== active) input.value = String(value);
    }
    if (active !== json) json.value = JSON.stringify(scenario, null, 2);
  }

  return {
    render,
    /** Marks the inputs an error's field names (a number, or everything under a path). */
    mark(field) {
      for (const [path, input] of inputs) input.toggleAttribute("aria-invalid", Boolean(field) && within(path, field));
      json.toggleAttribute("aria-invalid", field === "scenario");
    },
  };
}
