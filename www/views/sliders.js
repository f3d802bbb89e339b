// The "What if…" sliders: one row per control (controls.js), each labelled with where its
// default comes from, saying its value in words.
import { CONTROLS, ranged } from "../state/controls.js";
import { h } from "./dom.js";

/** The value a slider's position stands for, within the control's range (a scaled slider's
 * positions run 0–1000; any other's range is its input's). */
function sliderValue(c, input) {
  const raw = Number(input.value);
  const v = c.scale ? c.scale.fromPosition(raw) : raw;
  return Math.min(c.scale ? c.max : Number(input.max), Math.max(c.min, v));
}

/** The sliders of the controls `ids` (controls.js), in that order (default: all), each within
 * its range in `ranges` (by id, [min, max]) when it has one.
 * `onSlide(control, value, released)`: one moved (`released`: the change is complete, as with
 * a key press or the mouse let go). */
export function sliderPanel({ tr, uid, onSlide, ids = CONTROLS.map((c) => c.id), ranges = {} }) {
  const { t } = tr;
  const rows = ids.map((id) => ranged(CONTROLS.find((c) => c.id === id), ranges[id])).map((c) => {
    const id = uid(c.key);
    // A finger on a slider: a vertical swipe scrolls the page (touch-action: pan-y in the CSS)
    // and must not move the slider, but the browser moves the thumb to the finger as it
    // lands. So a touch's moves are held until it is a horizontal drag (then they go through,
    // at once) or the browser takes it for a scroll (pointercancel: the value goes back). A
    // tap sets the value, as with a mouse.
    let touch = null;
    const input = h("input", {
      type: "range",
      id,
      min: c.scale ? 0 : c.min,
      max: c.scale ? 1000 : typeof c.max === "function" ? undefined : c.max,
      step: c.scale ? 1 : c.step,
      oninput: () => (touch && !touch.drag ? null : onSlide(c, sliderValue(c, input), false)),
      onchange: () => onSlide(c, sliderValue(c, input), true),
      onpointerdown: (e) => {
        touch = e.pointerType === "touch" ? { before: input.value, x: e.clientX, y: e.clientY, drag: false } : null;
      },
      onpointermove: (e) => {
        if (!touch || touch.drag) return;
        const dx = Math.abs(e.clientX - touch.x);
        if (dx > 3 && dx > Math.abs(e.clientY - touch.y)) {
          touch.drag = true;
          onSlide(c, sliderValue(c, input), false);
        }
      },
      onpointercancel: () => {
        if (touch && !touch.drag) input.value = touch.before;
        touch = null;
      },
      onpointerup: () => {
        touch = null;
      },
    });
    const value = h("output", { for: id, class: "cs-value" });
    const badge = h("span", { class: "cs-badge" });
    const row = h("div", { class: "cs-slider" }, h("label", { for: id }, t(c.key), " ", badge), input, value);
    return { c, input, value, badge, row };
  });

  return {
    element: h("div", { class: "cs-sliders" }, rows.map((x) => x.row)),

    /** The control whose slider has the focus (a reader may be moving it), if any. */
    focused: () => rows.find((x) => x.input.getRootNode().activeElement === x.input)?.c,

    /**
     * Shows a scenario. `engine`: the latest summary (what the engine filled in); `except`:
     * a control whose slider is left where the reader put it.
     */
    render({ scenario, sources, engine, except }) {
      for (const { c, input, value, badge, row } of rows) {
        const enabled = c.enabled(scenario);
        input.disabled = !enabled;
        row.classList.toggle("cs-disabled", !enabled);
        if (typeof c.max === "function") input.max = String(c.max(scenario, engine));
        const v = c.read(scenario, engine);
        if (c !== except) input.value = String(c.scale ? c.scale.toPosition(v) : v);
        const words = enabled ? c.text(v, scenario, tr) : t(c.off ?? "noShocks");
        value.textContent = words;
        input.setAttribute("aria-valuetext", words);
        const source = sources.find((x) => x.field === c.source || x.field.startsWith(`${c.source}.`));
        badge.textContent = source ? t("label")[source.label] : "";
        badge.className = `cs-badge ${source ? `cs-${source.label}` : ""}`;
      }
    },
  };
}
