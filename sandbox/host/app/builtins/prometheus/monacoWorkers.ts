/**
 * Where Monaco starts its web workers. Grafana sets `window.MonacoEnvironment` at boot with workers its webpack build
 * emits; the host bundle is a single script with no worker entry, so the host points Monaco at the worker bootstrap of
 * Monaco's prebuilt build of the same version (0.34.1, the one @grafana/ui and @grafana/prometheus use), which the host
 * server serves under `/public/lib/monaco/min/`. The worker speaks the same protocol as the bundled editor. Without
 * it Monaco runs its language services on the page's thread and warns in the console.
 */

/**
 * Monaco's worker bootstrap in its prebuilt build (an AMD loader that loads the worker's modules next to it); relative
 * to the page's `<base href>`, so it stays under Grafana's sub-path when there is one.
 */
export const MONACO_WORKER_MAIN = 'public/lib/monaco/min/vs/base/worker/workerMain.js';

/** What Monaco reads from `window.MonacoEnvironment`. */
interface MonacoEnvironmentHolder {
  MonacoEnvironment?: { getWorkerUrl?: (moduleId: string, label: string) => string };
}

/** Sets `MonacoEnvironment` unless something (Grafana's boot, a host line) already did. */
export function setMonacoWorkers(target: MonacoEnvironmentHolder): void {
  if (target.MonacoEnvironment) {
    return;
  }
  // The label only names the worker in the browser's tools; every label gets the same bootstrap.
  target.MonacoEnvironment = { getWorkerUrl: (_moduleId, label) => `${MONACO_WORKER_MAIN}#${label}` };
}
