// The messages between the page (simulator.js) and its workers (worker.js), in one place.
//
// Page → worker:
//   init     { module }                  the engine compiled once by the page (a
//            WebAssembly.Module, or null: the worker fetches and compiles it itself)
//   run      { id, scenario, trials, seed, bins, first?, index?, part? }  a run, or a split run's
//            first share (`part`: keep the accumulator and wait for more)
//   cancel   { id }                      a newer request exists: stop anything older
//   share    { id, first, trials }       a split run's next share for this worker
//   last     { id }                      no share of this split run is left but those the
//            workers hold: settle the tables when the one held is done
//   finish   { id, parts?, started? }    no shares left: send the accumulator; or, to the
//            last worker to finish, the others' (`parts`): add them, send the summary
//   memory   {}                          how much WebAssembly memory the worker holds
//   figures  { id, key, scenario, trials, seed, bins, whole? }  a paired run (paired.js) that
//            keeps each trial's figures, queued behind the main runs; a newer `id` drops the
//            older ones still waiting (without `scenario`, it only does that)
//   panic-for-test {}                    make the engine panic (a test build only)
// Worker → page:
//   ready    { limits }                  the engine has loaded (the page fetches presets.json)
//   progress { id, index, done, total }  trials run so far
//   share-done { id, index, done }       a split run's share is done; send another
//   part     { id, index, state }        a split run's accumulator (bytes)
//   result   { id, summary, elapsed }    a finished run
//   error    { id, fatal, message, field?, reason? }  bad input (naming the field), or (fatal) a bug
//   memory   { bytes }
//   figures  { id, key, figures, probabilities | summary, elapsed } or { id, key, stopped }
//            (a main run came first: send it again) or { id, key, message, field?, reason? }

export const MSG = Object.freeze({
  INIT: "init",
  READY: "ready",
  RUN: "run",
  CANCEL: "cancel",
  PROGRESS: "progress",
  SHARE: "share",
  SHARE_DONE: "share-done",
  LAST: "last",
  FINISH: "finish",
  PART: "part",
  RESULT: "result",
  ERROR: "error",
  MEMORY: "memory",
  FIGURES: "figures",
  PANIC_FOR_TEST: "panic-for-test",
  /** The engine could not be fetched or compiled: the worker can do nothing. */
  UNAVAILABLE: "unavailable",
});

/** An error as the page shows it: the engine's `field` (a path, see paths.js) and `reason`
 * when it names the input at fault, and the whole `message` (`"<field>: <reason>"`). */
export function errorOf(e) {
  const message = String(e?.message ?? e);
  return typeof e?.field === "string" ? { message, field: e.field, reason: String(e.reason ?? message) } : { message };
}

export const ready = (limits) => ({ type: MSG.READY, limits });
export const progress = (id, index, done, total) => ({ type: MSG.PROGRESS, id, index, done, total });
export const failed = (id, e, fatal = false) => ({ type: MSG.ERROR, id, fatal, ...errorOf(e) });
