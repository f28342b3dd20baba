/*
 * Function names are data from a server: shown as text (never HTML) and, here, without the explicit bidi controls
 * that would make them read as something else. With U+202E (right-to-left override) `main.\u202Egnp.exe` is drawn
 * as `main.exe.png`: a label that lies about the frame. Stripping the controls shows the characters in the order
 * they really come; copy, search and export keep the name as sent.
 */

/** Explicit directional embeddings, overrides and isolates (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI). */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** A name as the panel draws and shows it: without explicit bidi controls; the same string when it has none. */
export function displayText(name: string): string {
  return BIDI_CONTROL.test(name) ? name.replace(BIDI_CONTROLS, '') : name;
}
