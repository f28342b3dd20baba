import { dateTime, type TimeRange, type TypedVariableModel } from '@grafana/data';
import type { VariableInterpolation } from '@grafana/runtime';

import { ALL_VARIABLE_TEXT, ALL_VARIABLE_VALUE, HostTemplateSrv, type ResolvedVariable } from './templateSrv';

function variable(
  name: string,
  value: string | string[],
  extra: Partial<ResolvedVariable> & { optionValues?: string[] } = {}
): ResolvedVariable {
  return {
    name,
    type: 'custom',
    multi: Array.isArray(value),
    includeAll: false,
    value,
    text: extra.text ?? value,
    optionValues: extra.optionValues ?? (Array.isArray(value) ? value : [value]),
    model: { name, type: 'custom', skipUrlSync: false } as unknown as TypedVariableModel,
    ...extra,
  };
}

const FROM_MS = Date.UTC(2024, 0, 2, 3, 4, 5, 678);
const TO_MS = FROM_MS + 3_600_000;
const range: TimeRange = {
  from: dateTime(FROM_MS),
  to: dateTime(TO_MS),
  raw: { from: 'now-1h', to: 'now' },
};

function srv(...vars: ResolvedVariable[]): HostTemplateSrv {
  const s = new HostTemplateSrv();
  s.setVariables(vars);
  s.updateTimeRange(range);
  s.setDashboard({ uid: 'dash-uid', title: 'My dashboard' }, 'utc');
  return s;
}

describe('HostTemplateSrv.replace syntax', () => {
  const s = srv(variable('service', 'api'), variable('env', ['prod', 'dev'], { text: ['Prod', 'Dev'] }));

  it.each([
    ['$service', 'api'],
    ['${service}', 'api'],
    ['[[service]]', 'api'],
    ['${service:raw}', 'api'],
    ['[[env:csv]]', 'prod,dev'],
    ['a-$service-b', 'a-api-b'],
    ['$unknown and ${unknown:csv}', '$unknown and ${unknown:csv}'],
  ])('%s → %s', (target, expected) => {
    expect(s.replace(target)).toBe(expected);
  });

  it('formats multi values as glob by default', () => {
    expect(s.replace('$env')).toBe('{prod,dev}');
  });

  it('uses the format argument when the text has none, the written format over it', () => {
    expect(s.replace('$env', undefined, 'pipe')).toBe('prod|dev');
    expect(s.replace('${env:csv}', undefined, 'pipe')).toBe('prod,dev');
  });

  it('calls a format function with the value and the variable model', () => {
    const seen: unknown[] = [];
    const out = s.replace('$env', undefined, (value: unknown, model: unknown) => {
      seen.push(value, (model as { name?: string }).name);
      return 'X';
    });
    expect(out).toBe('X');
    expect(seen).toEqual([['prod', 'dev'], 'env']);
  });

  it('records interpolations', () => {
    const interpolations: VariableInterpolation[] = [];
    s.replace('$service $nope', undefined, undefined, interpolations);
    expect(interpolations.map((i) => [i.match, i.found, i.value])).toEqual([
      ['$service', true, 'api'],
      ['$nope', false, '$nope'],
    ]);
  });

  it('returns empty text for undefined and empty targets', () => {
    expect(s.replace(undefined)).toBe('');
    expect(s.replace('')).toBe('');
  });
});

describe('HostTemplateSrv formats', () => {
  const s = srv(
    variable('one', 'it\'s "x"'),
    variable('many', ['a.b', 'c|d'], { text: ['A', 'C'] }),
    variable('spaced', 'a b/c')
  );

  it.each([
    ['${many:csv}', 'a.b,c|d'],
    ['${many:pipe}', 'a.b|c|d'],
    ['${many:regex}', '(a\\.b|c\\|d)'],
    ['${one:regex}', 'it\'s "x"'],
    ['${many:glob}', '{a.b,c|d}'],
    ['${many:json}', '["a.b","c|d"]'],
    ['${one:json}', 'it\'s "x"'],
    ['${many:lucene}', '("a.b" OR "c\\|d")'],
    ['${spaced:lucene}', 'a\\ b\\/c'],
    ['${many:raw}', 'a.b,c|d'],
    ['${many:queryparam}', 'var-many=a.b&var-many=c%7Cd'],
    ['${many:text}', 'A + C'],
    ['${spaced:percentencode}', 'a%20b%2Fc'],
    ['${many:percentencode}', '%7Ba.b%2Cc%7Cd%7D'],
    ['${one:doublequote}', '"it\'s \\"x\\""'],
    ['${one:singlequote}', "'it\\'s \"x\"'"],
    ['${one:sqlstring}', "'it''s \\\"x\\\"'"],
    ['${many:sqlstring}', "'a.b','c|d'"],
    ['${many:distributed}', 'a.b,many=c|d'],
    ['${many:unknownformat}', '{a.b,c|d}'],
  ])('%s → %s', (target, expected) => {
    expect(s.replace(target)).toBe(expected);
  });
});

describe('HostTemplateSrv All values', () => {
  it('expands All to every option value', () => {
    const s = srv(
      variable('svc', ALL_VARIABLE_VALUE, {
        includeAll: true,
        multi: true,
        text: ALL_VARIABLE_TEXT,
        optionValues: ['a', 'b'],
      })
    );
    expect(s.replace('${svc:csv}')).toBe('a,b');
    expect(s.replace('${svc:text}')).toBe('All');
    expect(s.replace('${svc:queryparam}')).toBe('var-svc=%24__all');
  });

  it('uses a custom all value verbatim, unformatted', () => {
    const s = srv(
      variable('svc', [ALL_VARIABLE_VALUE], { includeAll: true, allValue: '.*', optionValues: ['a', 'b'] })
    );
    expect(s.replace('${svc:regex}')).toBe('.*');
    expect(s.replace('${svc:text}')).toBe('All');
  });
});

describe('HostTemplateSrv scoped variables', () => {
  const s = srv(variable('service', 'api'));

  it('prefers scoped variables over dashboard variables', () => {
    expect(s.replace('$service', { service: { text: 'Web', value: 'web' } })).toBe('web');
    expect(s.replace('${service:text}', { service: { text: 'Web', value: 'web' } })).toBe('Web');
  });

  it('reads a field path of a scoped value', () => {
    const scoped = { row: { text: 'row', value: { name: 'n1', nested: { id: 7 } } } };
    expect(s.replace('${row.name}-${row.nested.id}', scoped)).toBe('n1-7');
  });

  it('resolves $__interval and $__interval_ms only from scoped variables', () => {
    expect(s.replace('$__interval $__interval_ms')).toBe('$__interval $__interval_ms');
    const scoped = { __interval: { text: '30s', value: '30s' }, __interval_ms: { text: '30000', value: 30000 } };
    expect(s.replace('rate(x[$__interval]) ${__interval_ms}', scoped)).toBe('rate(x[30s]) 30000');
  });
});

describe('HostTemplateSrv built-ins', () => {
  const s = srv(variable('service', 'api'), variable('env', ['a', 'b']));

  it('resolves the time range in epoch ms with date formats', () => {
    expect(s.replace('$__from')).toBe(String(FROM_MS));
    expect(s.replace('${__to}')).toBe(String(TO_MS));
    expect(s.replace('${__from:date}')).toBe('2024-01-02T03:04:05.678Z');
    expect(s.replace('${__from:date:iso}')).toBe('2024-01-02T03:04:05.678Z');
    expect(s.replace('${__from:date:seconds}')).toBe(String(Math.round(FROM_MS / 1000)));
    expect(s.replace('${__from:date:ms}')).toBe(String(FROM_MS));
    expect(s.replace('${__from:date:YYYY-MM}')).toBe('2024-01');
  });

  it('resolves the range length', () => {
    expect(s.replace('$__range $__range_s $__range_ms')).toBe('3600s 3600 3600000');
  });

  it('computes $__rate_interval from the scoped interval', () => {
    const scoped = { __interval_ms: { text: '30000', value: 30000 } };
    expect(s.replace('$__rate_interval', scoped)).toBe('60s');
    expect(s.replace('$__rate_interval', { __interval_ms: { text: '120000', value: 120000 } })).toBe('135s');
    expect(s.replace('$__rate_interval')).toBe('$__rate_interval');
  });

  it('resolves the dashboard, time zone and URL built-ins', () => {
    expect(s.replace('${__dashboard}')).toBe('My dashboard');
    expect(s.replace('${__dashboard.uid}')).toBe('dash-uid');
    expect(s.replace('$__timezone')).toBe('utc');
    expect(s.replace('/d/x?${__url_time_range}')).toBe('/d/x?from=now-1h&to=now');
    expect(s.replace('${__all_variables}')).toBe('var-service=api&var-env=a&var-env=b');
  });

  it('writes absolute ranges in epoch ms in ${__url_time_range}', () => {
    const abs = srv();
    abs.updateTimeRange({
      from: dateTime(FROM_MS),
      to: dateTime(TO_MS),
      raw: { from: dateTime(FROM_MS), to: dateTime(TO_MS) },
    });
    expect(abs.replace('${__url_time_range}')).toBe(`from=${FROM_MS}&to=${TO_MS}`);
  });
});

describe('HostTemplateSrv queries', () => {
  const s = srv(variable('service', 'api'));

  it('knows which texts contain variables it can resolve', () => {
    expect(s.containsTemplate('x $service')).toBe(true);
    expect(s.containsTemplate('x ${__from}')).toBe(true);
    expect(s.containsTemplate('x $nothing')).toBe(false);
    expect(s.containsTemplate(undefined)).toBe(false);
  });

  it('lists the variable models', () => {
    expect(s.getVariables().map((v) => v.name)).toEqual(['service']);
  });
});
