import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

import { sendText } from './http';
import { APP_ID } from './plugins';

/** URL prefix → folder served under it. */
export type StaticMount = readonly [prefix: string, dir: string];

/**
 * The Roboto Mono file @grafana/ui's GlobalStyles names (Google's latin subset, for weights 400 and 500), the same on
 * every line the host emulates (`server.test.ts` reads each line's GlobalStyles to check every font it names is served).
 */
export const ROBOTO_MONO_FILE = 'L0xTDF4xlVMF-BfR8bXMIhJHg45mwgGEFl0_3vrtSM1J-gEPT5Ese6hmHSh0mQ.woff2';

/**
 * The folders the host serves as files: its bundle and SystemJS, the built plugin where Grafana serves plugin files
 * (`/public/plugins/<app id>/`, nested plugins in sub-folders), Grafana's icon SVGs where @grafana/ui fetches them
 * (`/public/build/img/icons/`) and Monaco's prebuilt files (`/public/lib/monaco/min/`), both from the emulated line's
 * packages under `grafanaPackagesDir`, the web fonts GlobalStyles declares (`/public/fonts/`: Inter from the
 * `inter-ui` package, its author's build, the one Grafana ships; Roboto Mono from `@fontsource/roboto-mono`), and the
 * fixtures.
 */
export function staticMounts(root: string, pluginDistDir: string, grafanaPackagesDir = root): StaticMount[] {
  return [
    ['/host/systemjs/', join(root, 'node_modules', 'systemjs', 'dist')],
    ['/host/', join(root, 'sandbox', 'host', 'dist')],
    [`/public/plugins/${APP_ID}/`, pluginDistDir],
    [ICONS_PREFIX, join(grafanaPackagesDir, 'node_modules', '@grafana', 'ui', 'dist', 'public', 'img', 'icons')],
    ['/public/fonts/inter/', join(root, 'node_modules', 'inter-ui', 'web')],
    [
      `/public/fonts/roboto/${ROBOTO_MONO_FILE}`,
      join(root, 'node_modules', '@fontsource', 'roboto-mono', 'files', 'roboto-mono-latin-400-normal.woff2'),
    ],
    // Monaco's prebuilt (AMD) build, whose worker bootstrap runs the code editor's language services off the page's
    // thread (app/builtins/prometheus/monacoWorkers.ts); the line's own Monaco, the version bundled in its host.
    ['/public/lib/monaco/min/', join(grafanaPackagesDir, 'node_modules', 'monaco-editor', 'min')],
    ['/fixtures/', join(root, 'fixtures')],
  ];
}

/** A URL path resolved against the mounts. */
export type StaticResolution =
  | { kind: 'file'; file: string }
  /** Under a mount but not a servable path (`..`, malformed escape, NUL). */
  | { kind: 'forbidden' }
  | { kind: 'unmounted' };

/** Maps a URL path (query ignored) to a file under one of the mounts; nothing outside a mount can be reached. */
export function resolveStaticPath(urlPath: string, mounts: readonly StaticMount[]): StaticResolution {
  const raw = urlPath.split('?')[0];
  const mount = mounts.find(([prefix]) => raw.startsWith(prefix));
  if (!mount) {
    return { kind: 'unmounted' };
  }
  const [prefix, dir] = mount;
  let rest: string;
  try {
    rest = decodeURIComponent(raw.slice(prefix.length));
  } catch {
    return { kind: 'forbidden' };
  }
  if (rest.includes('\0')) {
    return { kind: 'forbidden' };
  }
  const base = normalize(dir);
  const file = normalize(join(base, rest));
  // `..` may not leave the mount (and `/dist-other` is not inside `/dist`).
  return file === base || file.startsWith(base + sep) ? { kind: 'file', file } : { kind: 'forbidden' };
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves a resolved file; 404 when it does not exist or the path tries to leave its mount. */
export function serveStatic(req: IncomingMessage, res: ServerResponse, resolution: StaticResolution): void {
  if (resolution.kind !== 'file') {
    sendText(res, 404, `not found: ${req.url}`);
    return;
  }
  const { file } = resolution;
  if (!existsSync(file) || !statSync(file).isFile()) {
    if (isIconRequest(req.url ?? '')) {
      sendFallbackIcon(req, res);
      return;
    }
    sendText(res, 404, `not found: ${req.url}`);
    return;
  }
  res.writeHead(200, {
    'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': statSync(file).size,
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}

/** Where @grafana/ui fetches its icon SVGs (`getIconRoot()`: Grafana's public path + `build/img/icons/`). */
const ICONS_PREFIX = '/public/build/img/icons/';

function isIconRequest(url: string): boolean {
  return url.startsWith(ICONS_PREFIX) && url.split('?')[0].endsWith('.svg');
}

/**
 * Grafana's build ships the whole Unicons line set (~1,200 icons, `public/img/icons/unicons/`); @grafana/ui's npm
 * package only the ~180 it draws itself. The others @grafana/ui asks for (the time picker's `angle-double-left`,
 * `spinner`, `compress-alt`...) come from `@iconify-json/uil`, the same Unicons set as Iconify data, drawn on
 * Unicons' 24×24 grid as Grafana's files are. An icon in neither (Grafana's own `gf-*`, `solid/`, `mono/` outside the
 * package) is a neutral dot, said so in a header: the console stays free of 404s.
 */
export function uniconSvg(name: string, iconsJson: string = UIL_ICONS_JSON): string | undefined {
  const set = uniconSet(iconsJson);
  const resolved = set.aliases[name]?.parent ?? name;
  const body = set.icons[resolved]?.body;
  if (body === undefined) {
    return undefined;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${set.width} ${set.height}">${body}</svg>`;
}

interface IconifySet {
  icons: Record<string, { body: string } | undefined>;
  aliases: Record<string, { parent: string } | undefined>;
  width: number;
  height: number;
}

const UIL_ICONS_JSON = join(__dirname, '..', '..', '..', 'node_modules', '@iconify-json', 'uil', 'icons.json');

const uniconSets = new Map<string, IconifySet>();

function uniconSet(file: string): IconifySet {
  let set = uniconSets.get(file);
  if (!set) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<IconifySet>;
    set = {
      icons: parsed.icons ?? {},
      aliases: parsed.aliases ?? {},
      width: parsed.width ?? 24,
      height: parsed.height ?? 24,
    };
    uniconSets.set(file, set);
  }
  return set;
}

const PLACEHOLDER_ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="3" fill="currentColor"/></svg>';

function sendFallbackIcon(req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '').split('?')[0].slice(ICONS_PREFIX.length);
  const unicon = /^unicons\/([a-z0-9-]+)\.svg$/.exec(path);
  const svg = unicon ? uniconSvg(unicon[1]) : undefined;
  const body = svg ?? PLACEHOLDER_ICON;
  res.writeHead(200, {
    'Content-Type': 'image/svg+xml',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...(svg
      ? { 'X-Sandbox-Icon-Source': '@iconify-json/uil' }
      : { 'X-Sandbox-Placeholder': 'icon not in @grafana/ui' }),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
