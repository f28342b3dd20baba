import fc from 'fast-check';

import { createLabelFitter, ELLIPSIS, fitLabel } from './textFit';
import { monospaceWidth } from './testing/fakeContext';

const measure = (text: string) => monospaceWidth(text, 7);
const name = 'github.com/acme/ads/pkg.(*Server).FlowAdv';

describe('fitLabel', () => {
  it('keeps the whole name when it fits', () => {
    expect(fitLabel('main.work', 63, measure)).toBe('main.work');
  });

  it('truncates from the start, keeping the end readable', () => {
    // 20 characters of room: the ellipsis and the last 19 characters.
    expect(fitLabel(name, 140, measure)).toBe('…g.(*Server).FlowAdv');
  });

  it('draws nothing when not even a few characters fit', () => {
    expect(fitLabel(name, 27, measure)).toBe('');
    expect(fitLabel(name, 28, measure)).toBe('…Adv');
    expect(fitLabel(name, 28, measure, { minChars: 4 })).toBe('');
    expect(fitLabel(name, 0, measure)).toBe('');
    expect(fitLabel('', 100, measure)).toBe('');
    expect(fitLabel('abc', 14, measure)).toBe('');
  });

  it('never splits a surrogate pair', () => {
    expect(fitLabel('main.😀x', 4 * 7, measure)).toBe('…😀x');
    // A suffix of two code units would start with the pair's low half: it is shortened instead.
    expect(fitLabel('main.😀x', 3 * 7, measure, { minChars: 2 })).toBe('…x');
  });

  it('returns the longest suffix that fits (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 60 }), fc.integer({ min: 0, max: 500 }), (text, widthPx) => {
        const label = fitLabel(text, widthPx, measure);
        if (label === '') {
          expect(measure(text) > widthPx || widthPx === 0).toBe(true);
          return;
        }
        expect(measure(label)).toBeLessThanOrEqual(widthPx);
        if (label !== text) {
          expect(label.startsWith(ELLIPSIS)).toBe(true);
          expect(text.endsWith(label.slice(1))).toBe(true);
          // One more character would not fit.
          const longer = ELLIPSIS + text.slice(text.length - label.length);
          expect(measure(longer) > widthPx || longer.length - 1 >= text.length).toBe(true);
        }
      })
    );
  });
});

describe('fitLabel with glyphs of different widths', () => {
  /** A proportional font: each character's width from its code (2–13 px), the ellipsis 8 px. */
  const glyph = (code: number) => (code === 0x2026 ? 8 : 2 + (((code * 2654435761) >>> 0) % 12));
  const proportional = (t: string) => {
    let w = 0;
    for (let i = 0; i < t.length; i++) {
      w += glyph(t.charCodeAt(i));
    }
    return w;
  };
  /** The longest suffix that fits, by trying every length: what any search must find. */
  const longestByScan = (text: string, widthPx: number, minChars: number) => {
    if (proportional(text) <= widthPx) {
      return text;
    }
    let best = '';
    for (let n = minChars; n < text.length; n++) {
      const candidate = ELLIPSIS + text.slice(text.length - n);
      if (proportional(candidate) <= widthPx) {
        best = candidate;
      }
    }
    return best;
  };

  it('finds the longest suffix a scan of every length finds (property)', () => {
    fc.assert(
      fc.property(
        fc.string({
          minLength: 1,
          maxLength: 80,
          unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzMW.()*/_ilj1'.split('')),
        }),
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 1, max: 6 }),
        (text, widthPx, minChars) => {
          expect(fitLabel(text, widthPx, proportional, { minChars })).toBe(longestByScan(text, widthPx, minChars));
        }
      ),
      { numRuns: 2000 }
    );
  });

  it('measures typical Go names in a text font far fewer times than halving the range would', () => {
    // Widths as a sans-serif font at 12 px draws them: narrow punctuation and i/l/j/1/t/f, wide capitals and m/w.
    const sans = (t: string) => {
      let w = 0;
      for (const c of t) {
        w +=
          c === ELLIPSIS
            ? 12
            : '.,/()*[]:;!|ijlt1f '.includes(c)
              ? 3.5
              : 'MWmw'.includes(c)
                ? 10
                : /[A-Z]/.test(c)
                  ? 8
                  : 6.5;
      }
      return w;
    };
    /** Measurements the plain halving search (between minChars and twice the width in px) makes. */
    const halvingCount = (text: string, widthPx: number) => {
      let count = 2; // the whole name, and the shortest suffix allowed
      let [lo, hi] = [3, Math.min(text.length - 1, Math.ceil(2 * widthPx))];
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        count++;
        if (sans(ELLIPSIS + text.slice(text.length - mid)) <= widthPx) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      return count;
    };
    const names = [
      'github.com/grafana/pyroscope/pkg/phlaredb/symdb.(*Resolver).ResolveTree',
      'google.golang.org/grpc/internal/transport.(*http2Server).operateHeaders',
      'encoding/json.(*decodeState).object',
      'runtime.gcBgMarkWorker',
      'net/http.(*conn).serve',
      'com.example.checkout.PaymentService$$Lambda.handleRequestWithRetry',
    ];
    let ours = 0;
    let halving = 0;
    for (const name of names) {
      for (let width = 40; width < sans(name); width += 5) {
        const label = fitLabel(name, width, (t) => {
          ours++;
          return sans(t);
        });
        expect(sans(label)).toBeLessThanOrEqual(width);
        halving += halvingCount(name, width);
      }
    }
    expect(ours).toBeLessThan(0.75 * halving);
  });
});

describe('createLabelFitter', () => {
  it('caches measurements per string and fits per name id and width bucket', () => {
    let calls = 0;
    const fitter = createLabelFitter(
      (t) => {
        calls++;
        return measure(t);
      },
      { font: '12px sans-serif' }
    );
    const names = ['total', name];
    expect(fitter.fitName(names, 1, 140.7)).toBe(fitLabel(name, 140, measure));
    const after = calls;
    expect(fitter.fitName(names, 1, 140.2)).toBe('…g.(*Server).FlowAdv');
    expect(fitter.fitName(names, 0, 1000)).toBe('total');
    expect(fitter.fitName(names, 0, 1000)).toBe('total');
    expect(calls).toBe(after + 1);
    expect(fitter.font).toBe('12px sans-serif');
  });

  it('starts over for another string table', () => {
    const fitter = createLabelFitter(measure, { font: 'x' });
    expect(fitter.fitName(['total', 'short'], 1, 100)).toBe('short');
    expect(fitter.fitName(['total', name], 1, 28)).toBe('…Adv');
  });

  it('stays bounded', () => {
    const fitter = createLabelFitter(measure, { font: 'x', maxEntries: 10 });
    const names = Array.from({ length: 100 }, (_, i) => `${name}${i}`);
    for (let i = 0; i < 100; i++) {
      expect(fitter.fitName(names, i, 100)).toBe(fitLabel(names[i], 100, measure));
    }
  });
});

describe('fitLabel on hostile names', () => {
  it('does not measure suffixes of a 100 KB name longer than the bar could hold', () => {
    const huge = `pkg.${'a'.repeat(100 * 1024)}.End`;
    const measured: number[] = [];
    const label = fitLabel(huge, 140, (t) => {
      measured.push(t.length);
      return measure(t);
    });
    expect(label).toBe(`${ELLIPSIS}${'a'.repeat(15)}.End`);
    // The whole name once; every suffix tried is at most 2 characters per px of room.
    expect(measured.filter((n) => n > 281)).toEqual([huge.length]);
  });

  it('does not start a cut label with a combining mark, which was drawn on the ellipsis', () => {
    // "é" as e + U+0301: a 2-unit suffix would begin with the accent.
    expect(fitLabel('main.cafe\u0301s', 3 * 7, measure, { minChars: 2 })).toBe(`${ELLIPSIS}s`);
  });

  it('does not start a cut label inside an emoji joined by ZWJ', () => {
    const family = 'run👩\u200D👧';
    const label = fitLabel(family, 4 * 7, measure, { minChars: 3 });
    expect(label.charCodeAt(1)).not.toBe(0x200d);
  });
});
