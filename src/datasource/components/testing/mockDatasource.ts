import type { ProfileTypeInfo } from '../../api/types';
import type { ProfileDataSource } from '../../datasource';
import { DEFAULT_MAX_NODES, DEFAULT_MIN_STEP, DEFAULT_TIMEOUT_SEC } from '../../query/defaults';
import type { LookupSource } from '../lookups';

/** A profile type as the server lists it, from its id (`name:sampleType:sampleUnit:periodType:periodUnit`). */
export function profileType(id: string): ProfileTypeInfo {
  const [name, sampleType, sampleUnit, periodType, periodUnit] = id.split(':');
  return { id, name, sampleType, sampleUnit, periodType, periodUnit };
}

export interface MockDatasource extends LookupSource {
  getProfileTypes: jest.Mock<Promise<ProfileTypeInfo[]>, Parameters<LookupSource['getProfileTypes']>>;
  getLabelNames: jest.Mock<Promise<string[]>, Parameters<LookupSource['getLabelNames']>>;
  getLabelValues: jest.Mock<Promise<string[]>, Parameters<LookupSource['getLabelValues']>>;
}

/** The datasource as the editors use it: the three lookups and the effective options, nothing else. */
export function mockDatasource(data: { types?: string[]; names?: string[]; values?: Record<string, string[]> } = {}) {
  const ds: MockDatasource = {
    uid: 'mock-ds',
    options: {
      flavor: 'auto',
      minStep: DEFAULT_MIN_STEP,
      maxNodes: DEFAULT_MAX_NODES,
      timeoutSec: DEFAULT_TIMEOUT_SEC,
    },
    getProfileTypes: jest.fn<Promise<ProfileTypeInfo[]>, Parameters<LookupSource['getProfileTypes']>>(async () =>
      (data.types ?? []).map(profileType)
    ),
    getLabelNames: jest.fn<Promise<string[]>, Parameters<LookupSource['getLabelNames']>>(async () => data.names ?? []),
    getLabelValues: jest.fn<Promise<string[]>, Parameters<LookupSource['getLabelValues']>>(
      async (name: string) => data.values?.[name] ?? []
    ),
  };
  return ds;
}

/** The mock where the editors' props want the real class (they only call what `LookupSource` names). */
export function asDataSource(ds: MockDatasource): ProfileDataSource {
  return ds as unknown as ProfileDataSource;
}

/** A promise settled from the test, to control the order in which answers arrive. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Browser APIs jsdom lacks and Grafana's Combobox uses: a canvas to measure option texts (the scaffolded setup stubs
 * `getContext` to return nothing), IntersectionObserver for the menu's scroll shadows, and element sizes (the menu is
 * virtualised: with jsdom's zero-sized boxes it would render no options). Each test file runs in its own jsdom, so
 * this stays local to the file that calls it.
 */
export function mockComboboxDom(): void {
  for (const [name, px] of [
    ['clientHeight', 400],
    ['clientWidth', 400],
    ['offsetHeight', 32],
  ] as const) {
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => px });
  }
  Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', {
    configurable: true,
    writable: true,
    value: () => ({ font: '', measureText: (text: string) => ({ width: text.length * 7 }) }),
  });
  class NoIntersections {
    observe() {}
    unobserve() {}
    disconnect() {}
    takeRecords() {
      return [];
    }
  }
  Object.defineProperty(window, 'IntersectionObserver', { configurable: true, writable: true, value: NoIntersections });
}
