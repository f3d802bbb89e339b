// <compute-shock>: the widget as a custom element, in a shadow root so the host page's CSS
// cannot reach inside. Attributes are the URL parameters (preset, seed, trials, lang, theme,
// set, scenario, layout, controls, title, dek, headline, note, source, credit); the
// `scenario` property takes a scenario object. Changing either updates the widget in place,
// and it tells the page what happens with events (bubbling out of the shadow root):
//   ready   the engine is loaded and the widget built; detail { query, presets, controls }
//   change  the state changed (detail.by: "reader" or "host"); detail { by, query, preset,
//           seed, trials, changed, scenario }
//   result  a finished run is on screen; detail { summary, headline, query }
// One script tag: <script type="module" src=".../element.js"></script>
import { PARAMETERS, mountWidget } from "./views/widget.js";

const HERE = new URL("./", import.meta.url);

class ComputeShock extends HTMLElement {
  static observedAttributes = PARAMETERS;

  constructor() {
    super();
    this.given = null;
    this.pending = false;
    // A `scenario` set before the element was defined is an own property: take it over.
    if (Object.hasOwn(this, "scenario")) {
      const value = this.scenario;
      delete this.scenario;
      this.given = value ?? null;
    }
  }

  connectedCallback() {
    if (this.mount) return;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: "open" });
    const link = (file) => Object.assign(document.createElement("link"), { rel: "stylesheet", href: new URL(file, HERE).href });
    this.mount = document.createElement("div");
    shadow.replaceChildren(link("element.css"), link("widget.css"), this.mount);
    this.api = mountWidget(this.mount, {
      get: (name) => this.getAttribute(name),
      scenario: () => this.given,
      layout: "story",
      theme: "light",
      pageUrl: new URL("index.html", HERE),
      onEvent: (type, detail) => this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true })),
    });
  }

  /** The scenario on screen (a copy); setting one runs it in place of the preset's, with the
   * `set` attribute on top (null: back to the attributes'). */
  get scenario() {
    const now = this.api?.state.scenario;
    return now ? structuredClone(now) : this.given;
  }

  set scenario(value) {
    this.given = value ?? null;
    this.changed();
  }

  attributeChangedCallback(name, before, after) {
    if (before !== after) this.changed();
  }

  /** Several changes in one task are applied together, once. */
  changed() {
    if (!this.mount || this.pending) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      this.api?.update();
    });
  }

  disconnectedCallback() {
    this.api?.simulator.terminate();
    this.shadowRoot?.replaceChildren();
    this.mount = null;
    this.api = null;
  }
}

if (!customElements.get("compute-shock")) customElements.define("compute-shock", ComputeShock);
