// <compute-shock>: the widget as a custom element, in a shadow root so the host page's CSS
// cannot reach inside. Attributes are the URL parameters: preset, seed, trials, lang, theme,
// set, scenario. One script tag: <script type="module" src=".../element.js"></script>
import { mountWidget } from "./widget.js";
import { KEYS } from "./state.js";

const HERE = new URL("./", import.meta.url);

class ComputeShock extends HTMLElement {
  static observedAttributes = KEYS;

  connectedCallback() {
    if (this.shadowRoot) return;
    const shadow = this.attachShadow({ mode: "open" });
    const sheet = document.createElement("link");
    sheet.rel = "stylesheet";
    sheet.href = new URL("widget.css", HERE).href;
    const host = document.createElement("link");
    host.rel = "stylesheet";
    host.href = new URL("element.css", HERE).href;
    this.mount = document.createElement("div");
    shadow.append(host, sheet, this.mount);
    this.start();
  }

  start() {
    this.api = mountWidget(this.mount, {
      get: (name) => this.getAttribute(name),
      pageUrl: new URL("index.html", HERE),
    });
  }

  attributeChangedCallback(name, before, after) {
    // A page that changes an attribute gets a widget built afresh from all of them.
    if (this.mount && before !== after) {
      this.api?.simulator.terminate();
      this.start();
    }
  }

  disconnectedCallback() {
    this.api?.simulator.terminate();
    this.shadowRoot?.replaceChildren();
    this.mount = null;
  }
}

if (!customElements.get("compute-shock")) customElements.define("compute-shock", ComputeShock);
