import type { ProfileTypeInfo } from '../../api/types';
import type { EditorDataSource } from '../../editorDataSource';
import { DEFAULT_MAX_NODES } from '../../query/defaults';

/** A profile type as the server lists it, from its id (`name:sampleType:sampleUnit:periodType:periodUnit`). */
export function profileType(id: string): ProfileTypeInfo {
  const [name, sampleType, sampleUnit, periodType, periodUnit] = id.split(':');
  return { id, name, sampleType, sampleUnit, periodType, periodUnit };
}

export interface MockDatasource extends EditorDataSource {
  getProfileTypes: jest.Mock<Promise<ProfileTypeInfo[]>, Parameters<EditorDataSource['getProfileTypes']>>;
  getLabelNames: jest.Mock<Promise<string[]>, Parameters<EditorDataSource['getLabelNames']>>;
  getLabelValues: jest.Mock<Promise<string[]>, Parameters<EditorDataSource['getLabelValues']>>;
}

/** The datasource as the editors use it (`EditorDataSource`): the three lookups, its uid and max nodes. */
export function mockDatasource(data: { types?: string[]; names?: string[]; values?: Record<string, string[]> } = {}) {
  const ds: MockDatasource = {
    uid: 'mock-ds',
    options: { maxNodes: DEFAULT_MAX_NODES },
    getProfileTypes: jest.fn<Promise<ProfileTypeInfo[]>, Parameters<EditorDataSource['getProfileTypes']>>(async () =>
      (data.types ?? []).map(profileType)
    ),
    getLabelNames: jest.fn<Promise<string[]>, Parameters<EditorDataSource['getLabelNames']>>(
      async () => data.names ?? []
    ),
    getLabelValues: jest.fn<Promise<string[]>, Parameters<EditorDataSource['getLabelValues']>>(
      async (name: string) => data.values?.[name] ?? []
    ),
  };
  return ds;
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
