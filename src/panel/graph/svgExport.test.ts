import { exportSvg } from './svgExport';

describe('exportSvg', () => {
  it('writes a standalone SVG of the whole drawing, without the pan and zoom, leaving the page alone', () => {
    document.body.innerHTML = `
      <svg width="300" height="200" class="x" tabindex="0">
        <g data-viewport="" transform="translate(10,20) scale(0.5)">
          <g data-node="0" tabindex="0" class="n"><rect width="10" height="10" fill="#f00"/><text>main &amp; co</text></g>
        </g>
      </svg>`;
    const svg = document.querySelector('svg') as SVGSVGElement;
    const text = exportSvg(svg, { width: 1234.5, height: 600, background: '#fff', fontFamily: 'Inter' });
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    const root = doc.documentElement;
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(root.getAttribute('width')).toBe('1235');
    expect(root.getAttribute('viewBox')).toBe('0 0 1235 600');
    expect(root.getAttribute('font-family')).toBe('Inter');
    expect(root.querySelector('[data-viewport]')?.getAttribute('transform')).toBeNull();
    expect(root.querySelectorAll('[tabindex]')).toHaveLength(0);
    expect(root.querySelector('rect')?.getAttribute('fill')).toBe('#fff');
    expect(root.querySelector('text')?.textContent).toBe('main & co');
    // The page's element keeps its transform.
    expect(svg.querySelector('[data-viewport]')?.getAttribute('transform')).toBe('translate(10,20) scale(0.5)');
  });
});
