/**
 * SystemJS as Grafana uses it for plugins: shared packages registered under an import map of `package:<name>` ids,
 * plugin modules (AMD) loaded with `System.import`. SystemJS itself is a separate script loaded by index.html after
 * the host bundle (see shared.tsx for why).
 */

interface SystemJsGlobal {
  set(id: string, module: unknown): void;
  addImportMap(map: { imports: Record<string, string> }): void;
  import(id: string): Promise<Record<string, unknown>>;
}

function system(): SystemJsGlobal {
  const s = (window as unknown as { System?: SystemJsGlobal }).System;
  if (!s) {
    throw new Error('SystemJS is not loaded: index.html must load /host/systemjs/system.js after host.js');
  }
  return s;
}

let installed = false;

/**
 * Registers the shared packages with SystemJS under an import map, as Grafana does. Idempotent: the host installs
 * them at start-up, and tests that call it again change nothing.
 */
export function installSharedModules(shared: Record<string, unknown>): void {
  if (installed) {
    return;
  }
  const System = system();
  const imports: Record<string, string> = {};
  for (const [name, mod] of Object.entries(shared)) {
    // A URL-like id: SystemJS resolves bare specifiers only through the import map.
    const id = `package:${name}`;
    const ns = mod as Record<string, unknown>;
    System.set(id, { ...ns, default: ns.default ?? ns, __useDefault: true });
    imports[name] = id;
  }
  System.addImportMap({ imports });
  installed = true;
}

/** Loads a module (a plugin's module.js) with SystemJS and returns its exports. */
export function importModule(url: string): Promise<Record<string, unknown>> {
  return system().import(url);
}
