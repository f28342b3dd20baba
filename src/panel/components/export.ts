import { dataFrameToJSON, type DataFrame } from '@grafana/data';

import type { Profile } from '../../model/profile';
import { parseProfileTypeId } from '../../model/profileType';
import { toFolded } from '../../model/transforms/folded';
import { readFrameMeta } from '../../model/contract';

/** A file to download: what `download` needs, built by pure functions so tests can read the content. */
export interface ExportFile {
  filename: string;
  mime: string;
  content: string;
}

/**
 * A file name stem that says what the profile is: `flamelens-process_cpu-ad-server-20240501-015500` from the frame's
 * `meta.custom` (profile name, `service_name`, window start in UTC). Unknown parts are left out; only
 * `[A-Za-z0-9._-]` survive, so a hostile selector cannot make a path.
 */
export function exportBaseName(meta: unknown): string {
  const view = readFrameMeta(meta);
  const parts = ['flamelens'];
  const type = view.profileTypeId ? parseProfileTypeId(view.profileTypeId) : undefined;
  if (type) {
    parts.push(type.name);
  }
  const service = view.labelSelector ? /service_name\s*=\s*"([^"]*)"/.exec(view.labelSelector)?.[1] : undefined;
  if (service) {
    parts.push(service);
  }
  if (view.fromMs !== undefined) {
    // 2024-05-01T01:55:00.000Z → 20240501-015500
    const iso = new Date(view.fromMs).toISOString();
    parts.push(`${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`);
  }
  return parts
    .map(safeFilePart)
    .filter((p) => p !== '')
    .join('-');
}

/** A piece of a file name: runs of anything but letters, digits, `.`, `_` and `-` become `-`, trimmed. */
export function safeFilePart(p: string): string {
  return p.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+|-+$/g, '');
}

/**
 * The flame graph frame as Grafana's data frame JSON (`dataFrameToJSON`: schema with field config, including the
 * label enum and units, plus the values), which `dataFrameFromJSON` and Grafana's TestData datasource read back.
 */
export function frameJsonExport(frame: DataFrame, baseName: string): ExportFile {
  return {
    filename: `${baseName}.json`,
    mime: 'application/json',
    content: JSON.stringify(dataFrameToJSON(frame)),
  };
}

/**
 * Folded stacks (`a;b;c 123` per line), which flamegraph.pl, speedscope and Pyroscope's `/ingest?format=folded` read.
 * A diff exports its baseline: the format has one value per stack.
 */
export function foldedExport(profile: Profile, baseName: string): ExportFile {
  return { filename: `${baseName}.folded.txt`, mime: 'text/plain', content: toFolded(profile) };
}

/** Saves a blob as a file through a temporary link (the browser's download prompt). */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty for it to start.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** `download` for an `ExportFile`. */
export function downloadFile(file: ExportFile): void {
  download(new Blob([file.content], { type: file.mime }), file.filename);
}
