// The scrollytelling example (scrolly.html): each step of the article sets the graphic's
// parameters when it reaches the middle of the screen. A step carries them as data-
// attributes (data-preset, data-set, data-title, …: the embed parameters' names); one a step
// leaves out goes back to its default. The graphic is a <compute-shock> element (attributes
// set in place) or an iframe of embed.html (the same parameters by postMessage, sent once
// the frame says it is ready).
const NAMES = ["preset", "set", "seed", "trials", "lang", "theme", "layout", "controls", "title", "dek", "headline", "note", "source", "credit"];

const graphic = document.querySelector("[data-scrolly-graphic]");
const steps = [...document.querySelectorAll("[data-step]")];
// The parameters any step sets; a step without one of them resets it.
const used = NAMES.filter((n) => steps.some((s) => n in s.dataset));

const frame = graphic?.tagName === "IFRAME" ? graphic : null;
let frameReady = false;
let waiting = null;

function apply(params) {
  if (frame) {
    if (!frameReady) {
      waiting = params;
      return;
    }
    frame.contentWindow.postMessage({ type: "compute-shock:set", params }, new URL(frame.src, location.href).origin);
  } else {
    for (const [name, value] of Object.entries(params)) value === null ? graphic.removeAttribute(name) : graphic.setAttribute(name, value);
  }
}

if (frame) {
  window.addEventListener("message", (e) => {
    if (e.source !== frame.contentWindow || e.data?.type !== "compute-shock:ready") return;
    frameReady = true;
    if (waiting) apply(waiting);
    waiting = null;
  });
}

let active = null;
function activate(step) {
  if (step === active) return;
  active = step;
  for (const s of steps) s.classList.toggle("is-active", s === step);
  // An empty value resets a parameter too (but `controls=""` means none).
  const value = (n) => (step.dataset[n] === undefined || (step.dataset[n] === "" && n !== "controls") ? null : step.dataset[n]);
  apply(Object.fromEntries(used.map((n) => [n, value(n)])));
}

// A step is active while it crosses a tenth of the screen: the middle one beside the graphic
// on a wide screen; on a narrow one, where the cards rise over the graphic's lower part, the
// band from 80% to 90% of the screen (scrolly.css), so what it changes is above it.
// (On a screen too short for the graphic, the cards follow it in the page: each is active
// as it crosses the middle.)
const wide = window.matchMedia("(min-width: 960px), (max-height: 639px)");
let observer = null;
function observe() {
  observer?.disconnect();
  const rootMargin = wide.matches ? "-45% 0px -45% 0px" : "-80% 0px -10% 0px";
  observer = new IntersectionObserver((entries) => entries.forEach((e) => e.isIntersecting && activate(e.target)), { rootMargin });
  steps.forEach((s) => observer.observe(s));
}
if (graphic) {
  observe();
  wide.addEventListener("change", observe);
}
