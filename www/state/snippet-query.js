// The way back from embed code: the query a pasted snippet (or its address) holds, for the
// editor's "Open an embed". Only the editor loads it.

/** The characters an HTML attribute may hold as references (`&amp;`, and WordPress's `&#038;`). */
const unescapeAttr = (v) =>
  v
    .replace(/&(?:quot|#0*34|#x0*22);/gi, '"')
    .replace(/&(?:lt|#0*60|#x0*3c);/gi, "<")
    .replace(/&(?:gt|#0*62|#x0*3e);/gi, ">")
    .replace(/&(?:#0*39|#x0*27|apos);/gi, "'")
    .replace(/&(?:amp|#0*38|#x0*26);/gi, "&");

/** The query a snippet (or an address) holds: an iframe's `src`, a page's address, or the
 * element's attributes; null when it holds none of them. */
export function snippetQuery(text) {
  text = String(text).trim();
  const frame = text.match(/<iframe\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i);
  const src = frame ? unescapeAttr(frame[1] ?? frame[2] ?? frame[3]) : null;
  const address = src ?? (/^(?:https?:)?\/\/\S+$/.test(text) ? text : null);
  if (address) {
    try {
      // Only the query matters: a protocol-relative or relative address reads as well.
      return new URL(address, "https://embed.invalid/").search.replace(/^\?/, "");
    } catch {
      return null;
    }
  }
  const element = text.match(/<compute-shock\b([^>]*)>/i);
  if (!element) return null;
  const params = new URLSearchParams();
  for (const [, name, a, b] of element[1].matchAll(/([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) params.append(name.toLowerCase(), unescapeAttr(a ?? b));
  return params.toString();
}
