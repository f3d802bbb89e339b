// Paths to a value in a scenario, in the one syntax the engine's errors, the presets' sources
// and the parameters panel share: identifier-like object keys as `.key`, array indices as
// `[i]`, any other key as `["key"]` (JSON-quoted). `sites[0].gpus`, `chips.H20.bf16_tflops`,
// `chips["my chip"].bf16_tflops`. (The URL's `set=` has its own, published, dotted form: see
// state.js.)

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The path of a list of keys: numbers are array indices, strings object keys.
 * @param {(string | number)[]} keys
 */
export function pathOf(keys) {
  let path = "";
  for (const key of keys) {
    if (typeof key === "number") path += `[${key}]`;
    else if (IDENTIFIER.test(key)) path += path === "" ? key : `.${key}`;
    else path += `[${JSON.stringify(key)}]`;
  }
  return path;
}

/**
 * The keys of a path (the inverse of `pathOf`), or null if it is not one.
 * @param {string} path
 * @returns {(string | number)[] | null}
 */
export function parsePath(path) {
  const keys = [];
  const token = /\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let at = 0;
  while (at < path.length) {
    token.lastIndex = at;
    const m = token.exec(path);
    if (!m || (m[1] !== undefined && m[0].startsWith(".") === (at === 0))) return null;
    if (m[1] !== undefined) keys.push(m[1]);
    else if (m[2] !== undefined) keys.push(Number(m[2]));
    else keys.push(JSON.parse(m[3]));
    at = token.lastIndex;
  }
  return keys;
}

/** True if `path` is `prefix` or lies inside it (`sites[0].gpus` is inside `sites[0]`). */
export function within(path, prefix) {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}
