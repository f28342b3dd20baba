import fc from 'fast-check';

import { templateSrvWithFormats } from '../testing/variableTemplateSrv';
import { interpolateFilterList, interpolateQuery, interpolateSelector } from './interpolate';
import { parseSelector } from './selector';
import { matchesLabels } from '../../../sandbox/pyroscope/labelMatch';
import { parsePromSelector } from '../../../sandbox/pyroscope/selector';

const templates = templateSrvWithFormats;

describe('interpolateSelector', () => {
  it('escapes a single value for the string literal', () => {
    const t = templates({ svc: { value: 'a"b\\c' } });
    const out = interpolateSelector('{service_name="$svc"}', t);
    expect(out).toBe('{service_name="a\\"b\\\\c"}');
    expect(parseSelector(out).matchers[0].value).toBe('a"b\\c');
  });

  it('turns a multi-value variable inside =~ into an escaped alternation', () => {
    const t = templates({ pod: { value: ['web.1', 'web(2)'], multi: true } });
    expect(interpolateSelector('{pod=~"$pod"}', t)).toBe('{pod=~"(web\\\\.1|web\\\\(2\\\\))"}');
  });

  it('turns a multi-value variable inside = into =~ with the alternation', () => {
    const t = templates({ env: { value: ['prod', 'staging'], multi: true } });
    expect(interpolateSelector('{env="$env"}', t)).toBe('{env=~"(prod|staging)"}');
    expect(interpolateSelector('{env!="$env"}', t)).toBe('{env!~"(prod|staging)"}');
  });

  it('keeps a single-value variable inside =~ as the regex it is', () => {
    const t = templates({ pod: { value: 'web-.*' } });
    expect(interpolateSelector('{pod=~"$pod"}', t)).toBe('{pod=~"web-.*"}');
  });

  it('replaces a whole-selector variable and appends ad-hoc filters', () => {
    const t = templates({ sel: { value: '{service_name="api"}' } });
    expect(interpolateSelector('$sel', t, {}, [{ key: 'region', operator: '=', value: 'eu"1' }])).toBe(
      '{service_name="api", region="eu\\"1"}'
    );
  });

  it('interpolates the profile type and expands group by', () => {
    const t = templates({
      type: { value: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds' },
      by: { value: ['pod', 'region'], multi: true },
    });
    const q = interpolateQuery({ refId: 'A', profileTypeId: '$type', labelSelector: '{}', groupBy: ['$by'] }, t);
    expect(q.profileTypeId).toBe('process_cpu:cpu:nanoseconds:cpu:nanoseconds');
    expect(q.groupBy).toEqual(['pod', 'region']);
  });

  it('a multi-value selection matches exactly the selected values, whatever they contain (property)', () => {
    const value = fc.string({
      unit: fc.constantFrom('a', '"', '\\', '\n', '.', '*', '|', '(', ')', '火', '😀', ' ', '$', '{'),
    });
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 4 }), value, (values, other) => {
        const t = templates({ v: { value: values, multi: true } });
        // Read and matched by the test server, whose parser shares no code with ours.
        const matchers = parsePromSelector(interpolateSelector('{x=~"$v"}', t));
        for (const v of values) {
          expect(matchesLabels(matchers, { x: v })).toBe(true);
        }
        expect(matchesLabels(matchers, { x: other })).toBe(values.includes(other));
      })
    );
  });
});

describe('interpolateFilterList', () => {
  it('takes a variable as written, nothing escaped, and joins a multi-value variable into list entries', () => {
    const t = templates({
      filters: { value: 'hide:re:^runtime\\.;focus:exact:main.work' },
      presets: { value: ['preset:go', 'preset:node'], multi: true },
    });
    expect(interpolateFilterList('$filters', t)).toBe('hide:re:^runtime\\.;focus:exact:main.work');
    expect(interpolateFilterList('$presets;ignore:re:x', t)).toBe('preset:go;preset:node;ignore:re:x');
  });

  it('is part of interpolateQuery, and absent when the field is empty', () => {
    const t = templates({ filters: { value: 'preset:go' } });
    const q = interpolateQuery({ refId: 'A', labelSelector: '{}', frameFilters: '$filters' }, t);
    expect(q.frameFilters).toBe('preset:go');
    expect('frameFilters' in interpolateQuery({ refId: 'A', labelSelector: '{}' }, t)).toBe(false);
  });
});
