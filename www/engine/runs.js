// When the widget runs the simulation. A finished change runs in full at once; while a slider
// moves, a quick preview runs each frame (the first PREVIEW_TRIALS futures, the same the full
// run starts with, at a coarser resolution) and the full run follows when it pauses. The
// newest request always wins; while a preview is being computed, newer previews wait (only
// the newest of them is kept), so a drag shows a steady stream of results.

export const PREVIEW_TRIALS = 1000;
/** A preview's resolution: 128 bins a day instead of the engine's default, an eighth of the
 * memory per run. */
export const PREVIEW_BINS = 128;
/** How long a slider must rest before the full run starts. */
const PAUSE_MS = 400;

/** The scheduler. `request()` gives what to run ({ scenario, trials, seed }) when a run
 * starts; `onBusy(busy)`: a run is, or no longer is, under way; `onResult(result, preview)`:
 * the newest run's result. */
export function scheduler({ simulator, request, onBusy, onResult }) {
  let latest = 0;
  let previewInFlight = false;
  let parkedPreview = false;
  let previewFrame = 0;
  let fullTimer = 0;

  async function run({ preview = false } = {}) {
    if (preview && previewInFlight) {
      parkedPreview = true;
      return;
    }
    parkedPreview = false;
    const token = ++latest;
    previewInFlight = preview;
    const { scenario, trials, seed } = request();
    onBusy(true);
    const result = await simulator.run(scenario, preview ? { trials: Math.min(PREVIEW_TRIALS, trials), seed, bins: PREVIEW_BINS } : { trials, seed });
    if (token === latest) {
      previewInFlight = false;
      if (!parkedPreview) onBusy(false);
    }
    if (result) onResult(result, preview);
    if (token === latest && parkedPreview) run({ preview: true });
  }

  const stop = () => {
    clearTimeout(fullTimer);
    cancelAnimationFrame(previewFrame);
  };

  return {
    /** Runs the current request in full, now (replacing any run and any pending preview). */
    full() {
      stop();
      run();
    },
    /** A slider is moving: a preview at the next frame, and `paused()` once it rests. */
    preview(paused) {
      stop();
      previewFrame = requestAnimationFrame(() => run({ preview: true }));
      fullTimer = setTimeout(paused, PAUSE_MS);
    },
  };
}
