// The demo page: the widget reads its state from the URL and writes every change back, so
// the address bar is always a link to what the reader sees.
import { mountWidget } from "./widget.js";

const params = new URLSearchParams(location.search);
const theme = params.get("theme");
if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
if (params.get("lang") === "ja") document.documentElement.lang = "ja";

mountWidget(document.getElementById("compute-shock"), {
  get: (name) => params.get(name),
  onState: (query) => history.replaceState(null, "", `${location.pathname}?${query}`),
  pageUrl: new URL(location.pathname, location.href),
});
