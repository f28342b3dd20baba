/**
 * What `@grafana/scenes` needs from a browser that jsdom lacks. Import it before anything that loads scenes: its
 * lazy loader creates an IntersectionObserver when the module loads. This one never reports; only lazily loaded
 * panels wait for it, and the tests load none (query runners count as in view until told otherwise).
 */
class NoIntersectionObserver {
  readonly root = null;
  readonly rootMargin = '';
  readonly thresholds: readonly number[] = [];
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
  takeRecords(): [] {
    return [];
  }
}

const g = globalThis as { IntersectionObserver?: unknown };
if (typeof g.IntersectionObserver === 'undefined') {
  g.IntersectionObserver = NoIntersectionObserver;
}
