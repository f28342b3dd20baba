import { parseSelector } from '../query/selector';
import { readSelector, serviceIndex, withService, withoutIndex } from './selectorModel';

const parsed = (text: string) => parseSelector(text);

describe('selectorModel', () => {
  it('reads a selector or says why it cannot', () => {
    expect(readSelector(undefined)).toEqual({ ok: true, parsed: { matchers: [] } });
    const bad = readSelector('{a="x"');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/missing closing "}"/);
  });

  it('gives the service picker the first service_name equality only', () => {
    expect(serviceIndex(parsed('{service_name=~"a.*", service_name="b"}').matchers)).toBe(1);
    expect(serviceIndex(parsed('{service_name!="a"}').matchers)).toBe(-1);
  });

  it('sets, replaces and removes the service, keeping the other matchers and the metric prefix', () => {
    expect(withService(parsed('{pod="p"}'), 'api')).toBe('{service_name="api", pod="p"}');
    expect(withService(parsed('{pod="p", service_name="a"}'), 'b"c')).toBe('{pod="p", service_name="b\\"c"}');
    expect(withService(parsed('app.cpu{service_name="a", pod="p"}'), undefined)).toBe('app.cpu{pod="p"}');
  });

  it('scopes a row by the selector without it', () => {
    expect(withoutIndex(parsed('{a="1", b="2"}'), 0)).toBe('{b="2"}');
  });
});
