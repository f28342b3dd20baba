import fs from 'fs';
import path from 'path';

/** File helpers of the plugin validator rules (pluginValidator.ts): listing a plugin's files, telling images apart. */

/** Every file below `dir`, relative to it, with `/` separators, sorted. */
export function filesBelow(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.isFile()) {
        out.push(path.relative(dir, full).split(path.sep).join('/'));
      }
    }
  };
  walk(dir);
  return out.sort();
}

/** The image type of a file by its first bytes, as Go's `http.DetectContentType` (plus SVG) tells them apart. */
export function sniffImage(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'image/png';
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return 'image/jpeg';
  }
  if (/^GIF8[79]a/.test(bytes.subarray(0, 6).toString('latin1'))) {
    return 'image/gif';
  }
  return bytes.subarray(0, 512).toString('utf8').includes('<svg') ? 'image/svg+xml' : undefined;
}

export const TYPE_BY_EXTENSION: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
};
