// The demo page: mounts the widget with the preset, seed and trials named in the URL.
import { mountWidget } from "./widget.js";

const params = new URLSearchParams(location.search);
const int = (name) => {
  const v = params.get(name);
  return v !== null && /^\d+$/.test(v) ? Number(v) : undefined;
};

mountWidget(document.getElementById("compute-shock"), {
  preset: params.get("preset") ?? undefined,
  seed: int("seed"),
  trials: int("trials"),
});
