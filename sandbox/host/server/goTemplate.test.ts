/** @jest-environment node */
import { GoTemplateError, renderGoTemplate, routeTemplateData } from './goTemplate';

const data = routeTemplateData(
  { tenantId: 'team-a', timeoutSec: 30, big: 1e21, on: true, nothing: null, nested: { b: 'x', a: [1, 'two'] } },
  { token: 's3cret' },
  'http://pyroscope:4040'
);

describe('renderGoTemplate (Go text/template as Grafana uses it for plugin routes)', () => {
  it('prints fields of JsonData, SecureJsonData and URL', () => {
    expect(renderGoTemplate('{{ .URL }}', data)).toBe('http://pyroscope:4040');
    expect(renderGoTemplate('Bearer {{.SecureJsonData.token}}', data)).toBe('Bearer s3cret');
    expect(renderGoTemplate('{{ .JsonData.tenantId }}', data)).toBe('team-a');
    expect(renderGoTemplate('plain text', data)).toBe('plain text');
  });

  it('prints <no value> for a missing key or null, and orEmpty turns both into ""', () => {
    expect(renderGoTemplate('{{ .JsonData.missing }}', data)).toBe('<no value>');
    expect(renderGoTemplate('{{ .SecureJsonData.missing }}', data)).toBe('<no value>');
    expect(renderGoTemplate('{{ .JsonData.nothing }}', data)).toBe('<no value>');
    expect(renderGoTemplate('[{{ .JsonData.missing | orEmpty }}]', data)).toBe('[]');
    expect(renderGoTemplate('[{{ orEmpty .JsonData.nothing }}]', data)).toBe('[]');
    expect(renderGoTemplate('{{ .JsonData.tenantId | orEmpty }}', data)).toBe('team-a');
    expect(renderGoTemplate('{{ .JsonData.missing.deeper }}', data)).toBe('<no value>');
  });

  it('prints numbers as JSON wrote them and maps like Go', () => {
    expect(renderGoTemplate('{{ .JsonData.timeoutSec }}s', data)).toBe('30s');
    expect(renderGoTemplate('{{ .JsonData.big }}', data)).toBe('1e+21');
    expect(renderGoTemplate('{{ .JsonData.on }}', data)).toBe('true');
    expect(renderGoTemplate('{{ .JsonData.nested }}', data)).toBe('map[a:[1 two] b:x]');
  });

  it('honours trim markers, comments and string literals', () => {
    expect(renderGoTemplate('a  {{- .JsonData.tenantId -}}  b', data)).toBe('ateam-ab');
    expect(renderGoTemplate('x{{/* note */}}y', data)).toBe('xy');
    expect(renderGoTemplate('{{ "lit}}eral" }}', data)).toBe('lit}}eral');
  });

  it('rejects what Go rejects: unknown fields and functions, unclosed actions, arguments to non-functions', () => {
    expect(() => renderGoTemplate('{{ .Nope }}', data)).toThrow(/can't evaluate field Nope/);
    expect(() => renderGoTemplate('{{ .URL.host }}', data)).toThrow(/can't evaluate field host in type string/);
    expect(() => renderGoTemplate('{{ .URL | upper }}', data)).toThrow(/function "upper" not defined/);
    expect(() => renderGoTemplate('{{ .URL ', data)).toThrow(/unclosed action/);
    expect(() => renderGoTemplate('{{ .URL .URL }}', data)).toThrow(GoTemplateError);
  });

  it('fails loudly on Go template features it does not emulate', () => {
    expect(() => renderGoTemplate('{{ if .JsonData.on }}x{{ end }}', data)).toThrow(/does not emulate.*"if"/);
  });
});
