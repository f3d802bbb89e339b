// A field's name in words (`describeField`), and "All parameters": every number in the
// scenario as an input, and the whole scenario as JSON. The panel is a closed <details>; what
// is inside it (parameters-panel.js) is loaded and drawn when a reader first opens it.
import { h } from "./dom.js";

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
 * field)`: the JSON does not parse. Until it is first opened it holds only its title, and
 * keeps the last scenario and marked field for then.
 */
export function parametersPanel(options) {
  const element = h("details", { class: "cs-all" }, h("summary", {}, options.tr.t("allParameters")));
  let panel = null;
  const last = { scenario: null, field: null };
  element.addEventListener("toggle", () => {
    if (!element.open || panel) return;
    panel = import("./parameters-panel.js")
      .then((m) => {
        const inside = m.fill(element, options);
        if (last.scenario) inside.render(last.scenario);
        inside.mark(last.field);
        return inside;
      })
      .catch((e) => options.onInvalid(options.tr.t("engineError")(String(e?.message ?? e)), null));
  });
  return {
    element,
    render(scenario) {
      last.scenario = scenario;
      panel?.then((p) => p?.render(scenario));
    },
    /** Marks the inputs an error's field names (a number, or everything under a path). */
    mark(field) {
      last.field = field;
      panel?.then((p) => p?.mark(field));
    },
  };
}
