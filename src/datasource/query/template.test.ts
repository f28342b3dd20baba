import type { TemplateSrv } from '@grafana/runtime';

import { templateSrvWithFormats as templates } from '../testing/variableTemplateSrv';
import { referenceParseSelector } from '../testing/selectorReference';
import { interpolateQueryLeniently, interpolateSelector } from './interpolate';
import { SelectorTemplateError } from './template';

const HOSTILE = 'x", service_name=~".*';

/** What the server reads from the interpolated template (parsed by the independent reference reader). */
function served(template: string, vars: Parameters<typeof templates>[0]) {
  return referenceParseSelector(interpolateSelector(template, templates(vars)));
}

describe('selector injection when a template is not parseable before interpolation', () => {
  it('a label name from a variable cannot carry a hostile value into the selector', () => {
    // Before: the whole text was substituted unescaped and the server read {env="x", service_name=~".*"}.
    const out = served('{$lbl="$val"}', { lbl: { value: 'env' }, val: { value: HOSTILE } });
    expect(out.matchers).toEqual([{ name: 'env', op: '=', value: HOSTILE }]);
  });

  it('refuses a label-name variable whose value is not one label name, naming it', () => {
    const t = templates({ lbl: { value: ['env', 'region'], multi: true }, empty: { value: '' } });
    expect(() => interpolateSelector('{$lbl="x"}', t)).toThrow(SelectorTemplateError);
    expect(() => interpolateSelector('{$lbl="x"}', t)).toThrow(/\$lbl stands for a label name/);
    expect(() => interpolateSelector('{$empty="x"}', t)).toThrow(/\$empty must give a label name/);
    expect(() => interpolateSelector('{$unknown="x"}', t)).toThrow(/\$unknown .* not a known variable/);
  });

  it('quotes a label name from a variable that is not a classic name instead of splicing it', () => {
    const out = served('{$lbl="a"}', { lbl: { value: 'k8s.pod"=~".*' } });
    expect(out.matchers).toEqual([{ name: 'k8s.pod"=~".*', op: '=', value: 'a' }]);
  });

  it('keeps a metric prefix from a variable only when it is a metric name', () => {
    expect(served('$m{a="1"}', { m: { value: 'process_cpu' } })).toEqual({
      metric: 'process_cpu',
      matchers: [{ name: 'a', op: '=', value: '1' }],
    });
    expect(() => interpolateSelector('$m{a="1"}', templates({ m: { value: 'x{b!="' } }))).toThrow(
      /\$m stands for the metric name/
    );
  });

  it('escapes a variable in every value position, whatever else the template holds', () => {
    const vars = { v: { value: HOSTILE } };
    expect(served('{a="$v", b!="$v"}', vars).matchers).toEqual([
      { name: 'a', op: '=', value: HOSTILE },
      { name: 'b', op: '!=', value: HOSTILE },
    ]);
    // Inside a regex a single-value variable is a regex, but it still cannot leave its string.
    expect(served("{a=~'pre$v', b!~`$v`}", vars).matchers).toEqual([
      { name: 'a', op: '=~', value: `pre${HOSTILE}` },
      { name: 'b', op: '!~', value: HOSTILE },
    ]);
  });

  it('keeps escaped quotes and backslashes already in the template', () => {
    const out = served('{a="q\\"$v\\\\"}', { v: { value: '\\"' } });
    expect(out.matchers).toEqual([{ name: 'a', op: '=', value: 'q"\\"\\' }]);
  });

  it('reads a whole-selector or matcher-list variable on its own, so it cannot reach the text around it', () => {
    expect(served('$sel', { sel: { value: '{service_name="api"}' } }).matchers).toEqual([
      { name: 'service_name', op: '=', value: 'api' },
    ]);
    expect(served('{a="1", $more}', { more: { value: 'b=~"x", c="y"' } }).matchers).toEqual([
      { name: 'a', op: '=', value: '1' },
      { name: 'b', op: '=~', value: 'x' },
      { name: 'c', op: '=', value: 'y' },
    ]);
    const t = templates({ more: { value: 'b="x"} , c=~".*' }, tail: { value: ', z=~".*"' } });
    expect(() => interpolateSelector('{a="1", $more}', t)).toThrow(/\$more stands for selector text/);
    expect(() => interpolateSelector('{a="1"$tail}', t)).toThrow(/\$tail stands where "," or "}" is expected/);
    expect(() => interpolateSelector('{a="1"}$tail', t)).toThrow(/\$tail stands after the selector/);
  });

  it('interpolates several matchers and explicit formats (${v:raw}, [[v]]) by position', () => {
    const vars = { v: { value: ['a.b', 'c'], multi: true }, s: { value: 'one' } };
    expect(served('{x="${v:raw}", y="[[s]]", z="${s}"}', vars).matchers).toEqual([
      { name: 'x', op: '=', value: 'a.b,c' },
      { name: 'y', op: '=', value: 'one' },
      { name: 'z', op: '=', value: 'one' },
    ]);
    expect(served('{x=~"${v:regex}"}', vars).matchers).toEqual([{ name: 'x', op: '=~', value: '(a\\.b|c)' }]);
  });

  it('multi-value and All variables: alternation in =~, explicit =~ with escaped literals in =, refused when empty', () => {
    const vars = {
      all: { value: ['web.1', 'web(2)'], includeAll: true },
      one: { value: ['web.1'], multi: true },
      none: { value: [] as string[], multi: true },
    };
    expect(served('{p=~"$all"}', vars).matchers).toEqual([{ name: 'p', op: '=~', value: '(web\\.1|web\\(2\\))' }]);
    // A one-value multi selection is a label value, not a regex: web.1 must not match webx1.
    expect(served('{p=~"$one"}', vars).matchers).toEqual([{ name: 'p', op: '=~', value: 'web\\.1' }]);
    expect(served('{p="$one"}', vars).matchers).toEqual([{ name: 'p', op: '=', value: 'web.1' }]);
    expect(served('{p!="a.$all"}', vars).matchers).toEqual([
      { name: 'p', op: '!~', value: 'a\\.(web\\.1|web\\(2\\))' },
    ]);
    expect(() => interpolateSelector('{p="$none"}', templates(vars))).toThrow(/\$none has no value selected/);
  });

  it('refuses half a surrogate pair in literal text or in a value, even when its other half stands beside it', () => {
    // Found by the property test (seed 2021623570): "\ud800" + "\udc00" joined is one valid character that neither
    // the template nor the variable holds.
    const lo = { value: '\udc00' };
    const hi = { value: '\ud800' };
    expect(() => interpolateSelector('{a="\ud800$lo"}', templates({ lo }))).toThrow(/lone surrogate/);
    expect(() => interpolateSelector('{a="$hi\udc00"}', templates({ hi }))).toThrow(/\$hi has no UTF-8 form/);
    expect(() => interpolateSelector('{a="$hi$lo"}', templates({ hi, lo }))).toThrow(/\$hi has no UTF-8 form/);
    expect(() => interpolateSelector('{a=~"$hi"}', templates({ hi }))).toThrow(/lone surrogate/);
    const multi = { value: ['\udc00', 'b'], multi: true };
    expect(() => interpolateSelector('{a="\ud800$multi"}', templates({ multi }))).toThrow(/lone surrogate/);
    expect(() => interpolateSelector('{"\ud800$lo"="x"}', templates({ lo }))).toThrow(/lone surrogate/);
    expect(() => interpolateSelector('{$hi="x"}', templates({ hi }))).toThrow(/\$hi/);
    // A whole pair in one piece is an ordinary character.
    expect(served('{a="\ud800\udc00$x"}', { x: { value: '😀' } }).matchers).toEqual([
      { name: 'a', op: '=', value: '\u{10000}😀' },
    ]);
  });

  it('an empty single value stays an empty string', () => {
    expect(served('{a="$e"}', { e: { value: '' } }).matchers).toEqual([{ name: 'a', op: '=', value: '' }]);
  });
});

describe('interpolateVariablesInQueries on a half-typed selector', () => {
  it('does not throw and keeps the selector as written', () => {
    const t = templates({ v: { value: 'x' }, type: { value: 'cpu' } });
    const q = interpolateQueryLeniently({ refId: 'A', profileTypeId: '$type', labelSelector: '{a="$v", b=' }, t);
    expect(q).toEqual({ refId: 'A', profileTypeId: 'cpu', labelSelector: '{a="$v", b=', groupBy: [] });
  });

  it('does not throw on a filter that cannot be applied either', () => {
    const q = interpolateQueryLeniently({ refId: 'A', labelSelector: '{}' }, templates({}), {}, [
      { key: 'n', operator: '<', value: '3' },
    ]);
    expect(q.labelSelector).toBe('{}');
  });
});

describe('quoted label names in templates', () => {
  it('reads a variable inside a quoted label name as part of one name', () => {
    expect(served('{"k8s.$x"="v"}', { x: { value: 'pod",a="' } }).matchers).toEqual([
      { name: 'k8s.pod",a="', op: '=', value: 'v' },
    ]);
  });
});

describe('text that only looks like a variable reference', () => {
  it('keeps regex classes and anchors as written', () => {
    expect(served('{a=~"[[a-z]]$", b=~"x${2}"}', {}).matchers).toEqual([
      { name: 'a', op: '=~', value: '[[a-z]]$' },
      { name: 'b', op: '=~', value: 'x${2}' },
    ]);
  });
});

describe('a custom All value', () => {
  it('reaches a regex as the dashboard author wrote it (scenes returns it without calling the format function)', () => {
    const t = { replace: (text: string) => (text === '$p' ? '.*' : text) } as unknown as TemplateSrv;
    expect(interpolateSelector('{p=~"$p"}', t)).toBe('{p=~".*"}');
    // In = it stays a literal string: it can only select less, never more.
    expect(interpolateSelector('{p="$p"}', t)).toBe('{p=".*"}');
  });
});
