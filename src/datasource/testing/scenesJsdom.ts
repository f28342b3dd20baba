/**
 * What `@grafana/scenes` needs from a browser that jsdom lacks. Import it before anything that loads scenes: its
 * lazy loader creates an IntersectionObserver when the module loads. Nothing here is ever in view, which scenes
 * treats like a browser that never reports (query runners run regardless).
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
