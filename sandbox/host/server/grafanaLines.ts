import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * The Grafana lines the sandbox host emulates. `../lines/lines.json` (also read by build.mjs) names each line and the
 * npm project holding that line's shared frontend packages: the repository root for 12.4, `lines/<line>/` for the
 * others. The line's installed `@grafana/runtime` is the Grafana version the host reports, so boot data and the
 * packages the plugin meets can never disagree.
 */
const ROOT = resolve(__dirname, '..', '..', '..');
const TABLE_FILE = join(__dirname, '..', 'lines', 'lines.json');

interface LinesTable {
  default: string;
  lines: Record<string, string>;
}

function readTable(): LinesTable {
  const parsed: unknown = JSON.parse(readFileSync(TABLE_FILE, 'utf8'));
  const table = parsed as Partial<LinesTable>;
  const lines = table.lines;
  if (
    typeof lines !== 'object' ||
    lines === null ||
    Object.values(lines).some((dir) => typeof dir !== 'string') ||
    typeof table.default !== 'string' ||
    !(table.default in lines)
  ) {
    throw new Error(`${TABLE_FILE}: expected { "default": <line>, "lines": { <line>: <folder> } }`);
  }
  return { default: table.default, lines };
}

const TABLE = readTable();

/** A Grafana line, `major.minor` ("13.2"). */
export type GrafanaLine = string;

/** Every line the host is built for, oldest first. */
export const GRAFANA_LINES: readonly GrafanaLine[] = Object.keys(TABLE.lines);

/** The line `startHostServer` and `npm run demo` use unless told otherwise: the newest. */
export const DEFAULT_GRAFANA_LINE: GrafanaLine = TABLE.default;

/** What the server needs to emulate one line. */
export interface GrafanaLineInfo {
  line: GrafanaLine;
  /** The folder whose node_modules hold the line's packages. */
  packagesDir: string;
  /** The exact Grafana version of those packages (`13.2.3`): `config.buildInfo.version` in boot data. */
  version: string;
  /** The host bundle built for the line, under sandbox/host/dist (`host-13.2.js`; its CSS beside it). */
  bundle: string;
}

/**
 * The line's packages and version.
 *
 * @throws Error for a line not in lines.json, or one whose packages are not installed (the message says how).
 */
export function grafanaLine(line: GrafanaLine = DEFAULT_GRAFANA_LINE): GrafanaLineInfo {
  const dir = TABLE.lines[line];
  if (dir === undefined) {
    throw new Error(`unknown Grafana line "${line}"; the sandbox emulates ${GRAFANA_LINES.join(', ')}`);
  }
  const packagesDir = join(ROOT, dir);
  const runtimePackage = join(packagesDir, 'node_modules', '@grafana', 'runtime', 'package.json');
  if (!existsSync(runtimePackage)) {
    throw new Error(
      `Grafana ${line}'s packages are not installed: npm ci --prefix ${relative(ROOT, packagesDir) || '.'} ` +
        '--no-audit --no-fund'
    );
  }
  const { version } = JSON.parse(readFileSync(runtimePackage, 'utf8')) as { version: string };
  return { line, packagesDir, version, bundle: `host-${line}.js` };
}
