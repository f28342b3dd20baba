import { mainThreadDecoder, workerDecoder, type ProfileDecoder, type WorkerLike } from './profileDecoder';

/** Set by create-plugin's public-path module from the URL SystemJS loaded our module.js from (webpack's API). */
declare const __webpack_public_path__: string | undefined;

/** The decode worker's file, beside the datasource's module.js in the plugin's folder. */
export const DECODE_WORKER_FILE = 'decodeWorker.js';

/**
 * The worker script's URL: the folder Grafana served this module from (so a sub-path, a CDN prefix or the nested
 * plugin's folder are all kept) and the worker's file name. Undefined outside a webpack build (unit tests).
 */
export function decodeWorkerUrl(): string | undefined {
  return typeof __webpack_public_path__ === 'string' ? `${__webpack_public_path__}${DECODE_WORKER_FILE}` : undefined;
}

/** The decoder the datasource uses in the browser: the worker for large answers where workers exist. */
export function browserDecoder(): ProfileDecoder {
  const url = decodeWorkerUrl();
  if (url === undefined || typeof Worker === 'undefined') {
    return mainThreadDecoder;
  }
  return workerDecoder({ spawn: () => new Worker(url, { name: 'flamelens-decode' }) as unknown as WorkerLike });
}
