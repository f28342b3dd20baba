/** @jest-environment node */
import { join, sep } from 'node:path';

import { resolveStaticPath, type StaticMount } from './static';

const root = join(sep, 'repo');
const mounts: StaticMount[] = [
  ['/public/plugins/app/', join(root, 'dist')],
  ['/host/', join(root, 'sandbox', 'host', 'dist')],
];

describe('resolveStaticPath', () => {
  it('maps a URL under a mount to a file inside its folder, decoding escapes', () => {
    expect(resolveStaticPath('/public/plugins/app/datasource/module.js?v=1', mounts)).toEqual({
      kind: 'file',
      file: join(root, 'dist', 'datasource', 'module.js'),
    });
    expect(resolveStaticPath('/host/a%20b.css', mounts)).toEqual({
      kind: 'file',
      file: join(root, 'sandbox', 'host', 'dist', 'a b.css'),
    });
  });

  it('refuses paths that leave the mount, including escaped and sibling-prefix tricks', () => {
    for (const attack of [
      '/public/plugins/app/../../etc/passwd',
      '/public/plugins/app/..%2f..%2fetc%2fpasswd',
      '/public/plugins/app/%2e%2e/dist-secrets/x',
      '/public/plugins/app/x%00.js',
      '/public/plugins/app/%E0%A4%A',
    ]) {
      expect([attack, resolveStaticPath(attack, mounts).kind]).toEqual([attack, 'forbidden']);
    }
  });

  it('says when a path is under no mount', () => {
    expect(resolveStaticPath('/d/demo', mounts)).toEqual({ kind: 'unmounted' });
  });
});
