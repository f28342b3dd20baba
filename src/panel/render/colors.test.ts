import { parseTree, tree } from '../../model/testing/asciiTree';
import { createNodeColorer, diffChange, diffColor, hashString, packageColor, themeColors, valueColor } from './colors';
import { colorLegend } from './legend';
import { packageOf } from './packageName';

describe('package colours', () => {
  it('are stable and shared by the frames of one package', () => {
    expect(hashString('runtime')).toBe(hashString('runtime'));
    expect(hashString('')).toBe(0x811c9dc5);
    const profile = parseTree(tree`
      total 10
        runtime.mallocgc 4
        runtime.(*mheap).alloc 3
        net/http.(*conn).serve 3
    `);
    const color = createNodeColorer(profile, { scheme: 'package', theme: 'light' });
    expect(color(1)).toBe(color(2));
    expect(color(1)).toBe(packageColor('runtime', 'light'));
    expect(color(3)).toBe(packageColor('net/http', 'light'));
  });

  it('are worked out per name on first use, the same in any order and in both themes', () => {
    const profile = parseTree(tree`
      total 20
        main.main 12
          net/http.(*conn).serve 7
            encoding/json.Marshal 4
          runtime.mallocgc 5
        os.(*File).Read 8
    `);
    const expected = (node: number, theme: 'light' | 'dark') =>
      packageColor(packageOf(profile.names[profile.nameId[node]]), theme);
    const nodes = [5, 2, 0, 4, 1, 3, 5, 2];
    // A fresh colorer for the same string table reuses the slots the first one filled, in both themes.
    for (const theme of ['light', 'dark', 'light'] as const) {
      const color = createNodeColorer(profile, { scheme: 'package', theme });
      for (const node of nodes) {
        expect(color(node)).toBe(expected(node, theme));
      }
    }
  });

  it('differ between themes', () => {
    expect(packageColor('runtime', 'light')).not.toBe(packageColor('runtime', 'dark'));
    expect(packageColor('runtime', 'dark')).toMatch(/^hsl\(/);
  });

  it('spread packages over the palette', () => {
    const names = [
      'runtime',
      'net/http',
      'main',
      'os',
      'sync',
      'encoding/json',
      'github.com/x/y',
      'java/util',
      'System',
    ];
    expect(new Set(names.map((n) => packageColor(n, 'light'))).size).toBeGreaterThan(5);
  });
});

describe('value colours', () => {
  it('get deeper with the self share', () => {
    const light = [0, 0.001, 0.01, 0.1, 1].map((s) => valueColor(s, 'light'));
    expect(new Set(light).size).toBe(5);
    const lightness = light.map((c) => Number(/(\d+)%\)$/.exec(c)?.[1]));
    expect([...lightness].sort((a, b) => b - a)).toEqual(lightness);
  });

  it('colour nodes by their self share of the root', () => {
    const profile = parseTree(tree`
      total 100
        hot 90
        cold 1
    `);
    const color = createNodeColorer(profile, { scheme: 'value', theme: 'dark' });
    expect(color(1)).toBe(valueColor(0.9, 'dark'));
    expect(color(2)).toBe(valueColor(0.01, 'dark'));
    expect(color(0)).toBe(valueColor(0.09, 'dark'));
  });
});

describe('diff colours', () => {
  it('measure the relative change of shares, clamped, neutral when small', () => {
    expect(diffChange(0.1, 0.15)).toBeCloseTo(0.5);
    expect(diffChange(0.1, 0.05)).toBeCloseTo(-0.5);
    expect(diffChange(0.1, 0.5)).toBe(1);
    expect(diffChange(0, 0.2)).toBe(1);
    expect(diffChange(0.2, 0)).toBe(-1);
    expect(diffChange(0.1, 0.102)).toBe(0);
    expect(diffChange(0.00001, 0.00005)).toBe(0);
    expect(diffChange(0.1, 0.102, { minRelativeChange: 0.01 })).toBeCloseTo(0.02);
  });

  it('are red for growth, green for shrink, grey when unchanged', () => {
    const grew = diffColor(0.1, 0.2, 'light');
    const shrank = diffColor(0.2, 0.1, 'light');
    const same = diffColor(0.2, 0.2, 'light');
    const [gr, gg] = rgbOf(grew);
    const [sr, sg] = rgbOf(shrank);
    expect(gr).toBeGreaterThan(gg);
    expect(sg).toBeGreaterThan(sr);
    const [nr, ng, nb] = rgbOf(same);
    expect(Math.max(nr, ng, nb) - Math.min(nr, ng, nb)).toBeLessThan(10);
  });

  it('are orange for growth and blue for shrink in the colour-blind palette', () => {
    const [or, og, ob] = rgbOf(diffColor(0, 0.2, 'light', 'colorblind'));
    const [br, , bb] = rgbOf(diffColor(0.2, 0, 'light', 'colorblind'));
    expect(or).toBeGreaterThan(og);
    expect(og).toBeGreaterThan(ob);
    expect(bb).toBeGreaterThan(br);
    expect(diffColor(0, 0.2, 'light', 'colorblind')).not.toBe(diffColor(0, 0.2, 'light'));
  });

  it('grow in intensity with the change', () => {
    const distance = (c: string) => {
      const [r, g, b] = rgbOf(c);
      const [nr, ng, nb] = rgbOf(diffColor(0.1, 0.1, 'dark'));
      return Math.abs(r - nr) + Math.abs(g - ng) + Math.abs(b - nb);
    };
    expect(distance(diffColor(0.1, 0.12, 'dark'))).toBeLessThan(distance(diffColor(0.1, 0.15, 'dark')));
    expect(distance(diffColor(0.1, 0.15, 'dark'))).toBeLessThan(distance(diffColor(0.1, 0.3, 'dark')));
  });

  it('compare each side against its own root total', () => {
    // b is 50% of the baseline and 50% of the comparison (twice as many samples): unchanged.
    const profile = parseTree(tree`
      total 100 | 200
        a 50 | 40
        b 50 | 100
    `);
    const color = createNodeColorer(profile, { scheme: 'diff', theme: 'light' });
    expect(color(2)).toBe(diffColor(0.5, 0.5, 'light'));
    expect(color(1)).toBe(diffColor(0.5, 0.2, 'light'));
    // Without a right side the diff scheme falls back to packages.
    const plain = parseTree('total 1');
    expect(createNodeColorer(plain, { scheme: 'diff', theme: 'light' })(0)).toBe(packageColor('total', 'light'));
  });
});

describe('colour legend', () => {
  it('explains the diff palette with the colours it uses', () => {
    const legend = colorLegend({ scheme: 'diff', theme: 'light', diffPalette: 'colorblind' });
    expect(legend.description).toContain('orange');
    expect(legend.scale.map((e) => e.color)).toEqual([
      diffColor(0.1, 0, 'light', 'colorblind'),
      diffColor(0.1, 0.05, 'light', 'colorblind'),
      diffColor(0.1, 0.1, 'light', 'colorblind'),
      diffColor(0.1, 0.15, 'light', 'colorblind'),
      diffColor(0.1, 0.2, 'light', 'colorblind'),
    ]);
    expect(legend.markers.map((m) => m.color)).toContain(themeColors('light').mergedBar);
  });

  it('lists the value scale and has no scale for packages', () => {
    expect(colorLegend({ scheme: 'value', theme: 'dark' }).scale).toHaveLength(5);
    expect(colorLegend({ scheme: 'package', theme: 'dark' }).scale).toEqual([]);
  });
});

function rgbOf(color: string): [number, number, number] {
  const m = /^rgb\((\d+), (\d+), (\d+)\)$/.exec(color);
  if (!m) {
    throw new Error(`not an rgb colour: ${color}`);
  }
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}
