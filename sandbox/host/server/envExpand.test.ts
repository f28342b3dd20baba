/** @jest-environment node */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';

import { expandProvisioningValue } from './envExpand';

const env = { URL: 'http://pyro:4040', EMPTY: '', ONE: 'first', '1': 'positional', A: '$B', B: 'bee' };
const expand = (value: string) => expandProvisioningValue(value, env);

describe('expandProvisioningValue (Grafana provisioning interpolation)', () => {
  it('expands $VAR and ${VAR}; unset variables become empty', () => {
    expect(expand('${URL}/x')).toBe('http://pyro:4040/x');
    expect(expand('$URL/x')).toBe('http://pyro:4040/x');
    expect(expand('a${MISSING}b$MISSING.c')).toBe('ab.c');
    expect(expand('${EMPTY}')).toBe('');
  });

  it('reads a name as far as letters, digits and _ go', () => {
    expect(expand('$ONE-two')).toBe('first-two');
    expect(expand('$ONEtwo')).toBe(''); // variable ONEtwo is unset
  });

  it('treats $$ as a literal $ that is never expanded', () => {
    expect(expand('pa$$word')).toBe('pa$word');
    expect(expand('$${URL}')).toBe('${URL}');
    expect(expand('a$$$ONE')).toBe('a$first');
  });

  it('keeps a $ that is not followed by a name, eats broken ${ syntax', () => {
    expect(expand('cost: 5$')).toBe('cost: 5$');
    expect(expand('a$ b')).toBe('a$ b');
    expect(expand('x${}y')).toBe('xy');
    expect(expand('x${ONE')).toBe('xONE');
  });

  it('has no shell defaults: ${VAR:-x} looks up a variable named "VAR:-x"', () => {
    expect(expand('${URL:-http://fallback}')).toBe('');
  });

  it('expands shell special names like $1', () => {
    expect(expand('$1 and ${1}')).toBe('positional and positional');
  });

  it('expands values inserted by ${VAR} once more, as Grafana does, but not those of $VAR', () => {
    expect(expand('${A}')).toBe('bee');
    expect(expand('$A')).toBe('$B');
  });

  it('supports the $__env{} and $__file{} expanders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'expand-'));
    try {
      const file = join(dir, 'secret.txt');
      writeFileSync(file, '  s3cret\n');
      expect(expand(`$__env{URL}`)).toBe('http://pyro:4040');
      expect(expand(`pw=$__file{${file}}`)).toBe('pw=s3cret');
      expect(() => expand(`$__file{${join(dir, 'missing')}}`)).toThrow(/cannot expand \$__file\{.*missing\}/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('falls back to the host name for an empty ${HOSTNAME}', () => {
    expect(expandProvisioningValue('${HOSTNAME}', {})).toBe(hostname());
    expect(expandProvisioningValue('${HOSTNAME}', { HOSTNAME: 'box' })).toBe('box');
  });
});
