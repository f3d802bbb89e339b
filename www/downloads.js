// Files a reader can take away: the daily numbers as CSV (written by the engine, in a worker;
// saved here in UTF-8 with a byte-order mark), and the fan chart as SVG and PNG. The PNG is
// drawn from the SVG's own shapes with Path2D, so it needs no image loading (which a strict
// Content-Security-Policy would block).
import { isoDate } from "./format.js";

/** How long a saved file's object URL is kept for the browser to read. */
const KEEP_URL_MS = 10 * 1000;
const PROPS = ["fill", "stroke", "stroke-width", "stroke-dasharray", "opacity", "font-size", "font-family", "font-weight"];

export function save(name, blob) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), KEEP_URL_MS);
}

/** A file name from the scenario: preset id (marked if changed), seed and trials. */
export function fileName({ preset, changed, seed, trials }, ext) {
  return `compute-shock_${preset}${changed ? "_changed" : ""}_seed-${seed}_${trials}-futures.${ext}`;
}

/** CSV text as a file: UTF-8 with a byte-order mark, so spreadsheet programs read it as UTF-8. */
export const csvBlob = (text) => new Blob(["\uFEFF", text], { type: "text/csv;charset=utf-8" });

/** A self-contained copy of a chart: computed styles written onto each shape, a background. */
export function standaloneSvg(svg, title) {
  const copy = svg.cloneNode(true);
  const source = svg.querySelectorAll("*");
  copy.querySelectorAll("*").forEach((node, i) => {
    const style = getComputedStyle(source[i]);
    for (const p of PROPS) {
      const v = style.getPropertyValue(p);
      if (v && v !== "none" && !(p === "opacity" && v === "1")) node.setAttribute(p, v);
      else if (p === "fill" && v === "none") node.setAttribute("fill", "none");
    }
  });
  const [, , w, h] = svg.getAttribute("viewBox").split(" ").map(Number);
  // A title wider than the chart goes on two lines, at its colon, each made smaller if it
  // still does not fit.
  const font = "600 13px system-ui, sans-serif";
  const measure = document.createElement("canvas").getContext("2d");
  measure.font = font;
  const fits = (text) => measure.measureText(text).width <= w - 16;
  const colon = title.search(/[:：]/);
  const lines = fits(title) || colon < 0 ? [title] : [title.slice(0, colon + 1), title.slice(colon + 1).trim()];
  const pad = 10 + 18 * lines.length;
  copy.setAttribute("viewBox", `0 ${-pad} ${w} ${h + pad}`);
  copy.setAttribute("height", String(h + pad));
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  copy.removeAttribute("style");
  const bg = document.createElementNS("http://www.w3.org/2000/svg", "rect");
  const widget = getComputedStyle(svg.closest(".cs-widget"));
  const panel = widget.backgroundColor;
  bg.setAttribute("x", "0");
  bg.setAttribute("y", String(-pad));
  bg.setAttribute("width", String(w));
  bg.setAttribute("height", String(h + pad));
  bg.setAttribute("fill", panel);
  const headings = lines.map((line, i) => {
    const heading = document.createElementNS("http://www.w3.org/2000/svg", "text");
    heading.setAttribute("x", "8");
    heading.setAttribute("y", String(-pad + 18 * (i + 1)));
    heading.setAttribute("font-size", String(Math.max(9, Math.min(13, Math.floor((13 * (w - 16)) / measure.measureText(line).width)))));
    heading.setAttribute("font-weight", "600");
    heading.setAttribute("font-family", "system-ui, sans-serif");
    heading.setAttribute("fill", widget.color);
    heading.textContent = line;
    return heading;
  });
  copy.prepend(bg, ...headings);
  return copy;
}

export const svgBlob = (svg) => new Blob([new XMLSerializer().serializeToString(svg)], { type: "image/svg+xml" });

/** Draws a standalone SVG (paths, lines, rects, text) onto a canvas and returns a PNG. */
export function pngBlob(svg, scale = 2) {
  const [x0, y0, w, h] = svg.getAttribute("viewBox").split(" ").map(Number);
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(w * scale);
  canvas.height = Math.round(h * scale);
  const g = canvas.getContext("2d");
  g.scale(scale, scale);
  g.translate(-x0, -y0);
  const num = (n, k, d = 0) => Number(n.getAttribute(k) ?? d);
  for (const n of svg.querySelectorAll("path, line, rect, text")) {
    g.save();
    g.globalAlpha = num(n, "opacity", 1);
    const fill = n.getAttribute("fill");
    const stroke = n.getAttribute("stroke");
    g.lineWidth = num(n, "stroke-width", 1);
    const dash = n.getAttribute("stroke-dasharray");
    // Computed styles give lengths with units ("5px, 4px"): read the numbers.
    g.setLineDash(dash && dash !== "none" ? dash.split(/[ ,]+/).filter(Boolean).map((x) => parseFloat(x)) : []);
    const transform = n.getAttribute("transform");
    const rot = transform && /rotate\(([-\d.]+) ([-\d.]+) ([-\d.]+)\)/.exec(transform);
    if (rot) {
      g.translate(Number(rot[2]), Number(rot[3]));
      g.rotate((Number(rot[1]) * Math.PI) / 180);
      g.translate(-Number(rot[2]), -Number(rot[3]));
    }
    let shape;
    if (n.tagName === "path") shape = new Path2D(n.getAttribute("d"));
    else if (n.tagName === "line") {
      shape = new Path2D();
      shape.moveTo(num(n, "x1"), num(n, "y1"));
      shape.lineTo(num(n, "x2"), num(n, "y2"));
    } else if (n.tagName === "rect") {
      shape = new Path2D();
      shape.rect(num(n, "x"), num(n, "y"), num(n, "width"), num(n, "height"));
    }
    if (shape) {
      if (fill && fill !== "none" && n.tagName !== "line") {
        g.fillStyle = fill;
        g.fill(shape);
      }
      if (stroke && stroke !== "none") {
        g.strokeStyle = stroke;
        g.stroke(shape);
      }
    } else {
      g.fillStyle = fill && fill !== "none" ? fill : "#000";
      g.font = `${n.getAttribute("font-weight") ?? "normal"} ${n.getAttribute("font-size") ?? "11px"} ${n.getAttribute("font-family") ?? "sans-serif"}`.replace(/ (\d+) /, " $1px ");
      const anchor = n.getAttribute("text-anchor");
      g.textAlign = anchor === "middle" ? "center" : anchor === "end" ? "right" : "left";
      g.fillText(n.textContent, num(n, "x"), num(n, "y"));
    }
    g.restore();
  }
  return new Promise((ok) => canvas.toBlob(ok, "image/png"));
}

/** The download buttons' actions. `startOf(summary)`: the date of day 0; `chart()`: the fan
 * chart on screen; `current()`: { summary, names (for fileName), title }. */
export function downloads({ simulator, startOf, chart, current, onError }) {
  const chartCopy = () => standaloneSvg(chart(), current().title);
  return {
    async csv() {
      const { summary, names } = current();
      try {
        save(fileName(names, "csv"), csvBlob(await simulator.csv(summary, isoDate(startOf(summary)))));
      } catch (e) {
        onError(String(e?.message ?? e));
      }
    },
    svg() {
      save(fileName(current().names, "svg"), svgBlob(chartCopy()));
    },
    async png() {
      const { names } = current();
      save(fileName(names, "png"), await pngBlob(chartCopy()));
    },
  };
}
