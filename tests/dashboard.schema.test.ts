/** @jest-environment node */
import fs from 'fs';
import os from 'os';
import path from 'path';
import ts from 'typescript';

/**
 * The provisioned dashboards must load unchanged in real Grafana: each is type-checked as an object literal against
 * `@grafana/schema`'s `Dashboard` (the schema Grafana generates its dashboard model from). Object literals get
 * TypeScript's excess-property checks, so a misspelt or misplaced key fails as well as a wrong type.
 */
const ROOT = path.join(__dirname, '..');
const DASHBOARDS = path.join(ROOT, 'provisioning', 'dashboards');

function schemaErrors(file: string): string[] {
  const json = fs.readFileSync(file, 'utf8');
  JSON.parse(json);
  const virtual = path.join(ROOT, 'tests', `__dashboard_check_${path.basename(file, '.json')}.ts`);
  // Two things the CUE schema allows that its TypeScript rendering does not: enum-typed fields (FieldColorModeId...)
  // hold their string values in JSON, and a query (`DataQuery`, anything with a refId) is an open struct that each
  // datasource extends with its own fields.
  const source = [
    `import type { Dashboard } from '@grafana/schema';`,
    'type Json<T> = T extends string ? `${T}` : T extends Array<infer U> ? Array<Json<U>> : T extends { refId: string } ? { [K in keyof T]: Json<T[K]> } & { [key: string]: unknown } : T extends object ? { [K in keyof T]: Json<T[K]> } : T;',
    `export const dashboard: Json<Dashboard> = ${json};`,
  ].join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (f) => (f === virtual ? source : readFile(f));
  host.fileExists = (f) => f === virtual || fileExists(f);
  host.getSourceFile = (f, lang, onError, create) =>
    f === virtual ? ts.createSourceFile(f, source, lang) : getSourceFile(f, lang, onError, create);
  const program = ts.createProgram([virtual], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? `line ${d.file.getLineAndCharacterOfPosition(d.start).line}: ` : '';
    return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
  });
}

const files = fs.readdirSync(DASHBOARDS).filter((f) => f.endsWith('.json'));

describe('provisioned dashboards match @grafana/schema', () => {
  it('has dashboards to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s', (name) => {
    expect(schemaErrors(path.join(DASHBOARDS, name))).toEqual([]);
  });

  it('catches a misplaced key and a wrong type (the check can fail)', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dash-'));
    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ title: 'x', schemaVersion: 41, panelz: [] }));
    expect(schemaErrors(bad).join('\n')).toMatch(/'"?panelz"?' does not exist/);
    fs.writeFileSync(bad, JSON.stringify({ title: 'x', schemaVersion: 'forty' }));
    expect(schemaErrors(bad).join('\n')).toMatch(/not assignable to type 'number'/);
    fs.writeFileSync(
      bad,
      JSON.stringify({
        title: 'x',
        schemaVersion: 41,
        panels: [
          { type: 'timeseries', id: 1, fieldConfig: { defaults: { color: { mode: 'rainbow' } }, overrides: [] } },
        ],
      })
    );
    expect(schemaErrors(bad).join('\n')).toMatch(/rainbow/);
    // A query's own fields are allowed, but not a wrong type for a schema field of it.
    fs.writeFileSync(
      bad,
      JSON.stringify({
        title: 'x',
        schemaVersion: 41,
        panels: [{ type: 'x', id: 1, targets: [{ refId: 'A', expr: 'up' }] }],
      })
    );
    expect(schemaErrors(bad)).toEqual([]);
    fs.writeFileSync(
      bad,
      JSON.stringify({
        title: 'x',
        schemaVersion: 41,
        annotations: {
          list: [{ name: 'a', enable: true, iconColor: 'red', target: { refId: 7, profileTypeId: 'cpu' } }],
        },
      })
    );
    expect(schemaErrors(bad).join('\n')).toMatch(/not assignable to type 'string'/);
  });
});
