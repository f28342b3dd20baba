import fc from 'fast-check';

import { parseFlameQL } from '../../../sandbox/pyroscope/ogQuery';
import { flameQl } from '../api/ogApi';
import { PyroscopeRequestError } from '../api/errors';
import { formatSelector, type Matcher } from './selector';

const CPU = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';

/** The FlameQL for a service and other matchers, as the og adapter writes it. */
const query = (service: string, others: Matcher[]) =>
  flameQl(CPU, formatSelector([{ name: 'service_name', op: '=', value: service }, ...others]));

describe('pyroscope-io: the service name can rewrite the FlameQL query', () => {
  it('refuses a service name that is not a pyroscope-io application name, naming it', () => {
    // Before: ad-server.cpu{region!=".cpu{env="prod"} — the server read no env filter at all.
    const env: Matcher = { name: 'env', op: '=', value: 'prod' };
    expect(() => query('ad-server.cpu{region!="', [env])).toThrow(PyroscopeRequestError);
    expect(() => query('ad-server.cpu{region!="', [env])).toThrow(
      /application names allow only .*ad-server\.cpu\{region/
    );
  });

  it.each(['a b', 'a,b', 'a"b', 'a}', '', 'ünï', 'a\nb'])('refuses service %j', (service) => {
    expect(() => query(service, [])).toThrow(/application names allow only|exactly one service_name/);
  });

  it('keeps app names of letters, digits, "_", "." and "-"', () => {
    expect(query('my-app_2.v1', [])).toBe('my-app_2.v1.cpu{}');
  });

  it('refuses label names FlameQL cannot read and values that would end or split their string', () => {
    expect(() => query('a', [{ name: 'k8s.pod', op: '=', value: 'x' }])).toThrow(/label names allow only .*k8s\.pod/);
    expect(() => query('a', [{ name: 'p', op: '=', value: 'x\\' }])).toThrow(/ending in/);
    expect(() => query('a', [{ name: 'p', op: '!=', value: 'x,y' }])).toThrow(/containing/);
  });

  it('what the server reads is what was selected, or the query is refused (property)', () => {
    const text = fc.string({
      unit: fc.oneof(
        fc.constantFrom(
          'a',
          'Z',
          '0',
          '_',
          '.',
          '-',
          '"',
          ',',
          '{',
          '}',
          '\\',
          '=',
          '~',
          '!',
          ' ',
          '\n',
          '😀',
          '\u202e'
        ),
        fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c))
      ),
      maxLength: 12,
    });
    const matcher = fc.record({
      name: fc.oneof(fc.constantFrom('env', 'pod', 'k8s.pod', '__name__', '9x'), text),
      op: fc.constantFrom<Matcher['op']>('=', '!=', '=~', '!~'),
      value: text.filter((v) => {
        try {
          new RegExp(v, 'u');
          return true;
        } catch {
          return false;
        }
      }),
    });
    fc.assert(
      fc.property(
        fc.oneof(fc.stringMatching(/^[A-Za-z0-9_.-]{1,8}$/), text),
        fc.array(matcher, { maxLength: 3 }),
        (service, others) => {
          const rest = others.filter((m) => m.name !== 'service_name');
          let q: string;
          try {
            q = query(service, rest);
          } catch {
            return; // refused: nothing was sent
          }
          const read = parseFlameQL(q);
          expect(read.appName).toBe(`${service}.cpu`);
          expect(read.matchers.map(({ key, op, value }) => ({ name: key, op, value }))).toEqual(
            rest.map((m) => ({ ...m, value: m.op === '=~' || m.op === '!~' ? `^(?:${m.value})$` : m.value }))
          );
        }
      ),
      { numRuns: 300 }
    );
  });
});
