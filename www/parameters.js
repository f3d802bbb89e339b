// "All parameters": every number in the scenario as an input, and the whole scenario as JSON;
// and "where the defaults come from". Each input's `data-path` is the value's path in the
// engine's syntax (paths.js), the one the engine's errors name in `field`, so an error marks
// its input.
import { button, h } from "./dom.js";
import { within } from "./paths.js";
import { leaves, shape } from "./state.js";

/**
 * A path in words, for a label: a list item by its name (`nameOf`), a field by its name in
 * the reader's language, e.g. "Osaka · Availability (0–1)".
 * @param {object} scenario where the path's list items are looked up
 * @param {(string | number)[]} keys the path's keys (array indices as numbers)
 * @param {{ t: Function }} tr
 * @param {(entity: object) => string | undefined} nameOf
 */
export function describeField(scenario, keys, { t }, nameOf) {
  const fields = t("fields");
  const field = (key) => (Object.hasOwn(fields, key) ? fields[key] : null) ?? key.replace(/_/g, " ");
  const words = [];
  let node = scenario;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (typeof key === "string" && typeof keys[i + 1] === "number") {
      // A list and an item of it: the item's name stands for both (an item without one, a
      // scheduled day or a requirement step, is the list's name and its number).
      const index = keys[++i];
      node = node?.[key]?.[index];
      const item = fields[`${key}[]`];
      words.push((node !== null && typeof node === "object" ? nameOf(node) : null) ?? (item ? item(index + 1) : `${field(key)} ${index + 1}`));
    } else if (typeof key === "number") {
      node = node?.[key];
      words.push(nameOf(node) ?? `[${key}]`);
    } else {
      node = node?.[key];
      words.push(field(key));
    }
  }
  return words.join(" · ");
}

/**
 * The panel. `label(scenario, keys)` names an input; `onNumber(keys, value)`: a number was
 * changed (NaN if emptied); `onScenario(scenario)`: JSON was applied; `onInvalid(message,
 * field)`: the JSON does not parse.
 */
export function parametersPanel({ tr, uid, label, onNumber, onScenario, onInvalid }) {
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
  const element = h(
    "details",
    { class: "cs-all" },
    h("summary", {}, t("allParameters")),
    fields,
    h("details", {}, h("summary", {}, t("editJson")), json, button(t("applyJson"), apply)),
  );

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
    element,
    render,
    /** Marks the inputs an error's field names (a number, or everything under a path). */
    mark(field) {
      for (const [path, input] of inputs) input.toggleAttribute("aria-invalid", Boolean(field) && within(path, field));
      json.toggleAttribute("aria-invalid", field === "scenario");
    },
  };
}
