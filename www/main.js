// The demo page: the widget (all of it, "full" layout) reads its state from the URL and writes
// every change back, so the address bar is always a link to what the reader sees.
import { PARAMETERS, mountWidget } from "./views/widget.js";
import { KEYS } from "./state/state.js";

const params = new URLSearchParams(location.search);
const theme = params.get("theme");
if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
if (params.get("lang") === "ja") document.documentElement.lang = "ja";

mountWidget(document.getElementById("compute-shock"), {
  get: (name) => params.get(name),
  names: () => [...params.keys()],
  onState: (query) => {
    // The page's other parameters (a layout, a journalist's texts) stay in the address.
    const keep = [...params].filter(([k]) => !KEYS.includes(k) && PARAMETERS.includes(k));
    const extra = keep.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
    history.replaceState(null, "", `${location.pathname}?${query}${extra ? `&${extra}` : ""}`);
  },
  pageUrl: new URL(location.pathname, location.href),
});
