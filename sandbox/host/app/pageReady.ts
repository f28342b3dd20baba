/**
 * `window.flamelensHost.ready` for tests: a promise of the current page's first complete render (for a dashboard:
 * every panel has its first data and drew it). Each navigation to another page starts a new one.
 */

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  settled: boolean;
}

function deferred(): Deferred {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  const d: Deferred = { promise, resolve: () => undefined, settled: false };
  d.resolve = () => {
    d.settled = true;
    resolve();
  };
  return d;
}

let current = deferred();
let currentPage = '';

/** Starts waiting for a page (no-op when it is the page already being waited for or shown). */
export function beginPage(page: string): void {
  if (page === currentPage) {
    return;
  }
  currentPage = page;
  if (current.settled) {
    current = deferred();
  }
}

/** The page named `page` finished its first render. */
export function markPageReady(page: string): void {
  if (page === currentPage) {
    current.resolve();
  }
}

/** Resolves when the current page has finished its first render. */
export function pageReady(): Promise<void> {
  return current.promise;
}
