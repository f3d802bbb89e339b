// The page's watchdog, a plain script outside the widget's modules: if the widget has not
// started within a few seconds (one of its modules failed to load, so none of its code
// runs, or a very slow network), it shows a line saying it has not started, and the page's
// static edition (the no-script block) where that shows what the address asks for: the
// default preset, in English, unchanged. The widget replaces all of it if it starts later.
// (widget.js `staticEdition` is the same check, for an engine that cannot load.)
(() => {
  const WAIT_MS = 6000;
  const TEXT = {
    en: "The interactive version has not started. If it does not appear, reload the page.",
    ja: "インタラクティブ版が起動していません。表示されない場合は、ページを再読み込みしてください。",
  };
  setTimeout(() => {
    const host = document.getElementById("compute-shock");
    if (!host || host.classList.contains("cs-widget")) return;
    const q = new URLSearchParams(location.search);
    const lang = q.get("lang") === "ja" ? "ja" : "en";
    const note = document.createElement("p");
    note.className = "cs-unavailable";
    note.setAttribute("role", "status");
    note.textContent = TEXT[lang];
    host.replaceChildren(note);
    const block = document.querySelector("noscript[data-preset]");
    const same = block && (q.get("preset") ?? block.dataset.preset) === block.dataset.preset && lang === block.dataset.lang && !q.has("set") && !q.has("scenario") && (q.get("seed") ?? "1") === "1" && (q.get("trials") ?? "10000") === "10000";
    if (same) {
      const box = document.createElement("div");
      box.className = "cs-static";
      box.innerHTML = block.textContent; // the build's own HTML (scripts/noscript.mjs)
      host.append(box);
    }
  }, WAIT_MS);
})();
