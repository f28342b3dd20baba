import { indexPprofLines, type PprofLineIndex } from '../../model/pprofLines';
import type { ProfileSource } from '../profileSource';

/**
 * Where the Lines view gets its pprof: the frame's profile as a file (`ProfileSource`: the gzipped pprof of exactly
 * what the frame shows, fetched through the frame's datasource), and a per-frame cache of the read profile.
 */

interface Entry {
  source: ProfileSource;
  index: Promise<PprofLineIndex>;
}

/** One read profile per frame: opening the lines of another function of the same frame downloads nothing. */
const cache = new WeakMap<object, Entry>();

/**
 * The read profile of `frame`, downloading it on first use. A failed or aborted download is forgotten, so the next
 * request tries again; a new source for the same frame (another query) replaces the entry.
 */
export function loadLineIndex(frame: object, source: ProfileSource, signal?: AbortSignal): Promise<PprofLineIndex> {
  const cached = cache.get(frame);
  if (cached && cached.source === source) {
    return cached.index;
  }
  // The download is shared by every caller until it settles, so it is not tied to one caller's signal: a view closed
  // while loading must not fail the download for the next one. The signal only stops waiting for it.
  const index = source.loadPprof().then((bytes) => indexPprofLines(bytes));
  const entry = { source, index };
  cache.set(frame, entry);
  index.catch(() => {
    if (cache.get(frame) === entry) {
      cache.delete(frame);
    }
  });
  return signal ? abortable(index, signal) : index;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    return Promise.reject(new DOMException('aborted', 'AbortError'));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DOMException('aborted', 'AbortError'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      }
    );
  });
}
