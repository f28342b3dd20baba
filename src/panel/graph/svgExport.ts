/*
 * "Export SVG": the view's own SVG element, serialized as a standalone file. The view draws with presentation
 * attributes only (fill, stroke, font-size…, no CSS classes), so the copy needs no stylesheet; what is added here is
 * what the page gave it: the namespace, the size of the whole drawing (not the viewport), a background, and the
 * default font, with the pan and zoom and the hover/search marks removed.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** What the export needs besides the element. */
export interface SvgExportOptions {
  /** Size of the whole drawing, graph px. */
  width: number;
  height: number;
  background: string;
  fontFamily: string;
}

/** A standalone SVG document of `svg`'s drawing. The element itself is left unchanged. */
export function exportSvg(svg: SVGSVGElement, options: SvgExportOptions): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('width', String(Math.ceil(options.width)));
  copy.setAttribute('height', String(Math.ceil(options.height)));
  copy.setAttribute('viewBox', `0 0 ${Math.ceil(options.width)} ${Math.ceil(options.height)}`);
  copy.setAttribute('font-family', options.fontFamily);
  copy.removeAttribute('class');
  copy.removeAttribute('style');
  copy.removeAttribute('tabindex');
  // The viewport's pan and zoom: the file shows the whole drawing at its own scale.
  copy.querySelectorAll('[data-viewport]').forEach((g) => g.removeAttribute('transform'));
  // Interaction-only attributes mean nothing in a file.
  copy.querySelectorAll('[tabindex]').forEach((el) => el.removeAttribute('tabindex'));
  copy.querySelectorAll('[class]').forEach((el) => el.removeAttribute('class'));
  const doc = copy.ownerDocument;
  const background = doc.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', options.background);
  copy.insertBefore(background, copy.firstChild);
  const text = new XMLSerializer().serializeToString(copy);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`;
}
