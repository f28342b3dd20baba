/**
 * @jest-environment node
 */
// Node, not jsdom: its structuredClone moves transferred buffers as a browser does between a worker and the page.
import { firstValueFrom, lastValueFrom } from 'rxjs';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { encodeConnectFlameGraph } from '../../../../sandbox/pyroscope/wire/connectFlameGraph';
import { encodeFlamebearer } from '../../../../sandbox/pyroscope/wire/flamebearer';
import type { Profile } from '../../../model/profile';
import { PyroscopeRequestError } from '../errors';
import type { DecodeJob } from './decodeJob';
import { mainThreadDecoder, workerDecoder, type ProfileDecoder } from './profileDecoder';
import { bigProfile } from './testing/bigProfile';
import { WorkerShim } from './testing/workerShim';

const FIXTURE = readFileSync(path.join(__dirname, '../../../../fixtures/pyroscope-api/flamegraph.json'), 'utf8');
const ENDPOINT = 'querier.v1.QuerierService/SelectMergeStacktraces';

/** A decoder that sends every answer to a shim worker, and the workers it started. */
function shimDecoder(options: { failToLoad?: boolean; threshold?: number } = {}) {
  const workers: WorkerShim[] = [];
  const warnings: string[] = [];
  const decoder = workerDecoder({
    threshold: options.threshold ?? 0,
    spawn: () => {
      const w = new WorkerShim(options.failToLoad);
      workers.push(w);
      return w;
    },
    warn: (m) => warnings.push(m),
  });
  return { decoder, workers, warnings };
}

/** Every column, value by value: Object.is tells -0 from 0 and NaN apart, i.e. bit for bit for doubles. */
function expectSameProfile(actual: Profile, expected: Profile) {
  expect(actual.names).toEqual(expected.names);
  expect(actual.unit).toBe(expected.unit);
  for (const key of ['level', 'total', 'self', 'nameId'] as const) {
    // The same typed array kind (by tag: Node's structuredClone builds them in the outer realm, not jest's).
    expect(Object.prototype.toString.call(actual[key])).toBe(Object.prototype.toString.call(expected[key]));
    expect(actual[key].length).toBe(expected[key].length);
    expect(Array.from(actual[key]).every((v, i) => Object.is(v, expected[key][i]))).toBe(true);
  }
  expect(actual.right === undefined).toBe(expected.right === undefined);
  if (actual.right && expected.right) {
    expect(Array.from(actual.right.total).every((v, i) => Object.is(v, expected.right!.total[i]))).toBe(true);
    expect(Array.from(actual.right.self).every((v, i) => Object.is(v, expected.right!.self[i]))).toBe(true);
  }
}

function decodeWith(decoder: ProfileDecoder, job: DecodeJob): Promise<Profile> {
  return lastValueFrom(decoder.decode(job));
}

const jobs: Array<[string, () => DecodeJob]> = [
  [
    'the Connect fixture',
    () => ({ kind: 'connect', text: FIXTURE, status: 200, endpoint: ENDPOINT, unit: 'nanoseconds' }),
  ],
  [
    'a synthetic big Connect answer',
    () => ({
      kind: 'connect',
      text: JSON.stringify(encodeConnectFlameGraph(bigProfile(3_000, 7))),
      status: 200,
      endpoint: ENDPOINT,
      unit: 'nanoseconds',
    }),
  ],
  [
    'a synthetic big Connect diff',
    () => ({
      kind: 'connect-diff',
      text: JSON.stringify(encodeConnectFlameGraph(bigProfile(1_500, 3, true))),
      status: 200,
      endpoint: 'querier.v1.QuerierService/Diff',
      unit: 'nanoseconds',
    }),
  ],
  [
    'a synthetic big flamebearer answer',
    () => ({
      kind: 'flamebearer',
      text: JSON.stringify(encodeFlamebearer(bigProfile(2_000, 11), { sampleRate: 100 })),
      status: 200,
      endpoint: 'render',
    }),
  ],
  [
    'a synthetic big flamebearer diff',
    () => ({
      kind: 'flamebearer',
      text: JSON.stringify(encodeFlamebearer(bigProfile(1_000, 5, true), { sampleRate: 100 })),
      status: 200,
      endpoint: 'render-diff',
    }),
  ],
];

describe('decoding in the worker', () => {
  it.each(jobs)('gives the main thread’s profile bit for bit: %s', async (_name, make) => {
    const job = make();
    const expected = await decodeWith(mainThreadDecoder, job);
    expect(expected.level.length).toBeGreaterThan(1);
    const { decoder, workers } = shimDecoder();
    const actual = await decodeWith(decoder, job);
    expect(workers).toHaveLength(1);
    // The columns came by transfer: the worker side's buffers are detached.
    expect(workers[0].transferred.length).toBeGreaterThan(0);
    expect(workers[0].transferred.every((b) => b.byteLength === 0)).toBe(true);
    expect(workers[0].terminated).toBe(true);
    expectSameProfile(actual, expected);
  });

  const bad: Array<[string, DecodeJob]> = [
    ['an empty body', { kind: 'connect', text: '  ', status: 200, endpoint: ENDPOINT, unit: 'nanoseconds' }],
    ['an HTML page', { kind: 'flamebearer', text: '<html>login</html>', status: 200, endpoint: 'render' }],
    [
      'a truncated Connect answer',
      { kind: 'connect', text: FIXTURE.slice(0, 5000), status: 200, endpoint: ENDPOINT, unit: 'nanoseconds' },
    ],
    [
      'a Connect error body with a 200',
      { kind: 'connect', text: '{"code":"internal","message":"boom"}', status: 200, endpoint: ENDPOINT, unit: 'bytes' },
    ],
    [
      'a pyroscope-io error body with a 200',
      { kind: 'flamebearer', text: '{"errors":["no app"]}', status: 200, endpoint: 'render' },
    ],
    [
      'flamebearer levels of the wrong type',
      {
        kind: 'flamebearer',
        text: '{"flamebearer":{"names":["a"],"levels":"x"},"metadata":{}}',
        status: 200,
        endpoint: 'render',
      },
    ],
  ];

  it.each(bad)('fails with the main thread’s error: %s', async (_name, job) => {
    const expected = await decodeWith(mainThreadDecoder, job).catch((e: unknown) => e);
    expect(expected).toBeInstanceOf(PyroscopeRequestError);
    const { decoder, workers } = shimDecoder();
    const actual = await decodeWith(decoder, job).catch((e: unknown) => e);
    expect(workers).toHaveLength(1);
    expect(actual).toBeInstanceOf(PyroscopeRequestError);
    const [a, e] = [actual as PyroscopeRequestError, expected as PyroscopeRequestError];
    expect(a.message).toBe(e.message);
    expect({ ...a, stack: undefined }).toEqual({ ...e, stack: undefined });
  });

  it('keeps answers below the threshold on the main thread', async () => {
    const { decoder, workers } = shimDecoder({ threshold: FIXTURE.length + 1 });
    const job: DecodeJob = { kind: 'connect', text: FIXTURE, status: 200, endpoint: ENDPOINT, unit: 'nanoseconds' };
    expectSameProfile(await decodeWith(decoder, job), await decodeWith(mainThreadDecoder, job));
    expect(workers).toHaveLength(0);
  });

  it('terminates the worker when the query is cancelled, and never emits', async () => {
    const { decoder, workers } = shimDecoder();
    const next = jest.fn();
    const job: DecodeJob = { kind: 'connect', text: FIXTURE, status: 200, endpoint: ENDPOINT, unit: 'nanoseconds' };
    const sub = decoder.decode(job).subscribe({ next, error: next, complete: next });
    expect(workers).toHaveLength(1);
    expect(workers[0].terminated).toBe(false);
    sub.unsubscribe();
    expect(workers[0].terminated).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(next).not.toHaveBeenCalled();
  });

  it('decodes on the main thread, with one warning, when the worker script does not load', async () => {
    const { decoder, workers, warnings } = shimDecoder({ failToLoad: true });
    const job: DecodeJob = { kind: 'connect', text: FIXTURE, status: 200, endpoint: ENDPOINT, unit: 'nanoseconds' };
    expectSameProfile(await decodeWith(decoder, job), await decodeWith(mainThreadDecoder, job));
    expect(workers).toHaveLength(1);
    expect(warnings).toEqual([expect.stringContaining('decode worker could not start')]);
    // Later answers do not try again.
    await decodeWith(decoder, job);
    expect(workers).toHaveLength(1);
    expect(warnings).toHaveLength(1);
  });

  it('decodes on the main thread when a worker cannot be created at all', async () => {
    const warnings: string[] = [];
    const decoder = workerDecoder({
      threshold: 0,
      spawn: () => {
        throw new DOMException('Refused by the Content Security Policy', 'SecurityError');
      },
      warn: (m) => warnings.push(m),
    });
    const job: DecodeJob = { kind: 'flamebearer', text: '{"errors":["no app"]}', status: 200, endpoint: 'render' };
    // A decode error is still the decode error, not the worker's.
    await expect(firstValueFrom(decoder.decode(job))).rejects.toThrow('no app');
    expect(warnings).toHaveLength(1);
  });
});

describe('answers fetched as bytes (how the datasource fetches flame graphs)', () => {
  const utf8 = (text: string) => new TextEncoder().encode(text);
  const asBytes = (job: DecodeJob): DecodeJob => ({ ...job, text: '', bytes: utf8(job.text) });

  it.each(jobs)(
    'decode to the profile of the same text, in the worker and on the main thread: %s',
    async (_n, make) => {
      const job = make();
      const expected = await decodeWith(mainThreadDecoder, job);
      expectSameProfile(await decodeWith(mainThreadDecoder, asBytes(job)), expected);
      const { decoder, workers } = shimDecoder();
      expectSameProfile(await decodeWith(decoder, asBytes(job)), expected);
      expect(workers).toHaveLength(1);
    }
  );

  it('read as Response.text() reads them: a leading byte-order mark dropped, bad bytes as U+FFFD', async () => {
    const job: DecodeJob = { kind: 'connect', text: FIXTURE, status: 200, endpoint: ENDPOINT, unit: 'nanoseconds' };
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(FIXTURE)]);
    const expected = await decodeWith(mainThreadDecoder, job);
    expectSameProfile(await decodeWith(mainThreadDecoder, { ...job, text: '', bytes: withBom }), expected);
    const texts = [await new Response(withBom).text(), new TextDecoder().decode(withBom)];
    expect(texts[1]).toBe(texts[0]);
    const bad = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    expect(new TextDecoder().decode(bad)).toBe(await new Response(bad).text());
  });

  it('fail with the error the text gives: a bad body is named the same way', async () => {
    const job: DecodeJob = { kind: 'flamebearer', text: '<html>login</html>', status: 200, endpoint: 'render' };
    const expected = await decodeWith(mainThreadDecoder, job).catch((e: unknown) => e);
    const { decoder } = shimDecoder();
    const actual = await decodeWith(decoder, asBytes(job)).catch((e: unknown) => e);
    expect(actual).toBeInstanceOf(PyroscopeRequestError);
    expect((actual as Error).message).toBe((expected as Error).message);
  });

  it('count bytes against the threshold', async () => {
    const job = asBytes({ kind: 'connect', text: FIXTURE, status: 200, endpoint: ENDPOINT, unit: 'nanoseconds' });
    const size = job.bytes?.length ?? 0;
    const below = shimDecoder({ threshold: size + 1 });
    await decodeWith(below.decoder, job);
    expect(below.workers).toHaveLength(0);
    const at = shimDecoder({ threshold: size });
    await decodeWith(at.decoder, job);
    expect(at.workers).toHaveLength(1);
  });

  it('are still decoded when the worker script does not load (the bytes were copied to it, not moved)', async () => {
    const job = asBytes({ kind: 'connect', text: FIXTURE, status: 200, endpoint: ENDPOINT, unit: 'nanoseconds' });
    const { decoder, workers } = shimDecoder({ failToLoad: true });
    const expected = await decodeWith(mainThreadDecoder, { ...job, text: FIXTURE, bytes: undefined });
    expectSameProfile(await decodeWith(decoder, job), expected);
    expect(workers).toHaveLength(1);
  });
});

it('the synthetic answers are big: tens of thousands of nodes', async () => {
  for (const [, make] of jobs.slice(1)) {
    const profile = await decodeWith(mainThreadDecoder, make());
    expect(profile.level.length).toBeGreaterThan(20_000);
  }
});
