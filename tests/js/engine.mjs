// The engine in Node (pkg/, the WebAssembly package), started once, with its defaults for what
// a scenario leaves out taught to the page's modules (engine-defaults.js) as the page's
// controller teaches them when the engine loads.
import { readFileSync } from "node:fs";
import * as engine from "../../pkg/compute_shock.js";
import { learn } from "../../www/engine/engine-defaults.js";

engine.initSync({ module: readFileSync(new URL("../../pkg/compute_shock_bg.wasm", import.meta.url)) });
learn(engine.limits());
export { engine };
