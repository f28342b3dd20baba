/**
 * Issue 11 end to end, on both server flavors: the BUILT datasource (`dist/datasource/module.js`) against the test server,
 * whose own selector parser decides what is selected. Every series of one service carries a hostile `env` value, and
 * all series hold the same profile, so the total of an answer counts the series the server matched: a variable or an
 * ad-hoc filter holding hostile text must select exactly the series the user picked — never more — or be refused
 * with a message naming what was refused.
 */
import { firstValueFrom } from 'rxjs';
import type { DataQueryResponse } from '@grafana/data';

import type { ProfileQuery } from '../src/datasource/types';
import { templateSrvWithFormats, type TestVariable } from '../src/datasource/testing/variableTemplateSrv';
import { dataFrameToProfile } from '../src/model/frame';
import { NO_TIME_LIMITS } from '../sandbox/pyroscope/options';
import { ingestPprofFixture } from '../sandbox/pyroscope/seed';
import { startPyroscopeServer, type PyroscopeServer } from '../sandbox/pyroscope/server';
import { builtDatasourceFor } from './support/builtDatasource';
import { queryRequest } from './support/datasource';

const CPU = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';
const SERVICE = 'hostile-svc';

/** `env` values of the seeded series: selector syntax, escapes, control and bidi characters, markup, regex text. */
const HOSTILE = [
  'x", service_name=~".*',
  'back\\slash',
  'quote"inside',
  'brace}',
  'comma,x',
  'new\nline',
  '\u202Eevil',
  'emoji😀',
  '<img src=x onerror=alert(1)>',
  '.*',
  'plain',
];

/**
 * pyroscope-io's FlameQL has no escapes: a value holding a quote or a comma, or ending in a backslash, cannot be
 * written without changing the query, so the datasource must refuse it (a message) instead of sending it.
 */
function flameQlCanWrite(value: string): boolean {
  return !/[",]|\\$/.test(value);
}

type Flavor = 'grafana' | 'og';

describe.each(['grafana', 'og'] as const)(
  'hostile variable and ad-hoc values through the built datasource (%s flavor)',
  (flavor: Flavor) => {
    let server: PyroscopeServer;
    let perSeries: number;
    const atMs = Date.UTC(2026, 0, 1, 2, 0, 0);

    beforeAll(async () => {
      // An old fixed moment, so the server's query-age limits are off as for the other fixture-fed suites.
      server = await startPyroscopeServer({ flavor, limits: NO_TIME_LIMITS });
      for (const env of HOSTILE) {
        perSeries = ingestPprofFixture(server.store, {
          fixture: 'go-cpu.pb.gz',
          serviceName: SERVICE,
          timeMs: atMs,
          labels: { env },
        })[CPU];
      }
      expect(perSeries).toBeGreaterThan(0);
    });
    afterAll(async () => {
      await server?.close();
    });

    /** Runs one profile query with `vars` and ad-hoc `filters`; the matched series count, or the error message. */
    async function matched(
      labelSelector: string,
      vars: Record<string, TestVariable>,
      filters: Array<{ key: string; operator: string; value: string; values?: string[] }> = []
    ): Promise<number | string> {
      const ds = builtDatasourceFor(server.url, { flavor }, templateSrvWithFormats(vars));
      const target: ProfileQuery = { refId: 'A', queryType: 'profile', profileTypeId: CPU, labelSelector };
      const request = { ...queryRequest([target], atMs - 60_000, atMs + 60_000), filters };
      const res: DataQueryResponse = await firstValueFrom(ds.query(request));
      if (res.errors?.length || res.error) {
        return res.errors?.[0]?.message ?? res.error?.message ?? 'error';
      }
      const frame = res.data.find((f) => f.meta?.preferredVisualisationType === 'flamegraph');
      if (!frame) {
        return 'no flame graph frame';
      }
      const total = dataFrameToProfile(frame).total[0] ?? 0;
      return total / perSeries;
    }

    const base = `{service_name="${SERVICE}"`;

    /** Grafana Pyroscope: exactly `count`. pyroscope-io: exactly `count` where FlameQL can write every value, else refused. */
    function expectSelects(got: number | string, count: number, values: string[]): void {
      if (flavor === 'og' && !values.every(flameQlCanWrite)) {
        expect(typeof got).toBe('string');
        expect(got).toMatch(/pyroscope-io/);
        return;
      }
      expect(got).toBe(count);
    }

    it.each(HOSTILE)('env="$val" with val = %j selects exactly that series', async (value) => {
      expectSelects(await matched(`${base}, env="$val"}`, { val: { value } }), 1, [value]);
    });

    it.each(HOSTILE)('env!="$val" with val = %j selects all the others', async (value) => {
      expectSelects(await matched(`${base}, env!="$val"}`, { val: { value } }), HOSTILE.length - 1, [value]);
    });

    it('a multi-value variable inside =~ selects exactly the values picked, read as text', async () => {
      const value = ['.*', 'x", service_name=~".*', 'brace}'];
      expectSelects(await matched(`${base}, env=~"$multi"}`, { multi: { value, multi: true } }), 3, value);
    });

    it('a label name from a variable selects by that label; a hostile one is read as one name, not spliced', async () => {
      expectSelects(
        await matched(`${base}, $lbl="$val"}`, { lbl: { value: 'env' }, val: { value: 'quote"inside' } }),
        1,
        ['quote"inside']
      );
      expectSelects(await matched(`${base}, $lbl="$val"}`, { lbl: { value: 'env' }, val: { value: 'plain' } }), 1, [
        'plain',
      ]);
      // The whole value is one (quoted, UTF-8) label name that no series has: it selects nothing, never the service.
      const hostileName = await matched(`${base}, $lbl="plain"}`, { lbl: { value: 'env="plain", service_name=~".*' } });
      if (flavor === 'og') {
        // FlameQL label names are [A-Za-z0-9_]: refused.
        expect(hostileName).toMatch(/pyroscope-io label names/);
      } else {
        expect(hostileName).toBe(0);
      }
    });

    it('ad-hoc filters with hostile values, = and the multi-value =|, select exactly what they say', async () => {
      const injected = 'x", service_name=~".*';
      expectSelects(await matched(`${base}}`, {}, [{ key: 'env', operator: '=', value: injected }]), 1, [injected]);
      const values = ['new\nline', '\u202Eevil', '.*'];
      expect(await matched(`${base}}`, {}, [{ key: 'env', operator: '=|', value: values[0], values }])).toBe(3);
      expect(await matched(`${base}}`, {}, [{ key: 'env', operator: '!=|', value: values[0], values }])).toBe(
        HOSTILE.length - 3
      );
    });

    it('an ad-hoc comparison the server cannot apply is refused with a message naming the filter', async () => {
      const refused = await matched(`${base}}`, {}, [{ key: 'env', operator: '<', value: 'b' }]);
      expect(typeof refused).toBe('string');
      expect(refused).toContain('env');
    });
  }
);
