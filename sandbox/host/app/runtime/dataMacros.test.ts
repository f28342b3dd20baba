import { FieldType, createDataFrame, dateTime, type ScopedVars } from '@grafana/data';

import { dataMacroValue } from './dataMacros';
import { HostTemplateSrv } from './templateSrv';

const frame = createDataFrame({
  name: 'cpu',
  fields: [
    { name: 'Time', type: FieldType.time, values: [1_700_000_000_000, 1_700_000_030_000] },
    { name: 'Value', type: FieldType.number, values: [0.25, 0.75], labels: { job: 'demo' } },
  ],
});
const field = frame.fields[1];

function context(extra: Record<string, unknown>): ScopedVars {
  return { __dataContext: { value: { data: [frame], frame, field, frameIndex: 0, ...extra } } } as ScopedVars;
}

function srv(): HostTemplateSrv {
  const s = new HostTemplateSrv();
  s.updateTimeRange({ from: dateTime(0), to: dateTime(1000), raw: { from: 'now-1h', to: 'now' } });
  return s;
}

describe('data link macros', () => {
  it('resolves ${__value.*} at the row of the data context', () => {
    const s = srv();
    const vars = context({ rowIndex: 1 });
    expect(s.replace('${__value.time}', vars)).toBe('1700000030000');
    expect(s.replace('${__value.raw}', vars)).toBe('0.75');
    expect(s.replace('${__value.numeric}', vars)).toBe('0.75');
    expect(s.replace('${__value.text}', vars)).toBe('0.75');
    expect(s.replace('${__value.time:uriencode}', vars)).toBe('1700000030000');
  });

  it('resolves the series, field and row macros', () => {
    const s = srv();
    const vars = context({ rowIndex: 0 });
    expect(s.replace('${__series.name}', vars)).toBe('cpu');
    expect(s.replace('${__field.name} ${__field.labels.job}', vars)).toBe('Value demo');
    expect(s.replace('${__data.fields.Value}', vars)).toBe('0.25');
  });

  it('uses a calculated value when the link is for one (no time then)', () => {
    const vars = context({ calculatedValue: { numeric: 3, text: '3', suffix: ' cores' } });
    expect(srv().replace('${__value.raw}|${__value.text}|${__value.time}', vars)).toBe('3|3 cores|');
  });

  it('leaves the expression as written without a data context or a row', () => {
    expect(srv().replace('var-focus=${__value.time}')).toBe('var-focus=${__value.time}');
    expect(dataMacroValue('__value', 'time', context({}))).toBeUndefined();
  });
});
