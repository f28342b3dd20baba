import React, { useState } from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import type { DataSourceSettings } from '@grafana/data';

import type { ProfileDataSourceOptions, ProfileSecureJsonData } from '../types';
import { ConfigEditor } from './ConfigEditor';
import { mockComboboxDom } from './testing/mockDatasource';

type Settings = DataSourceSettings<ProfileDataSourceOptions, ProfileSecureJsonData>;

/** New datasource settings as Grafana sends them (without the deprecated `database`, which this plugin never reads). */
function settings(patch: Partial<Settings> = {}): Settings {
  const base: Omit<Settings, 'database'> = {
    id: 1,
    uid: 'pyro',
    orgId: 1,
    name: 'Pyroscope',
    typeLogoUrl: '',
    type: 'flamelens-pyroscope-datasource',
    typeName: 'Flamelens Pyroscope',
    access: 'proxy',
    url: '',
    user: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: false,
    jsonData: {},
    secureJsonFields: {},
    readOnly: false,
    withCredentials: false,
  };
  return { ...base, ...patch } as Settings;
}

/** Renders the editor the way Grafana does: every change comes back as the new options. */
function renderConfig(initial: Settings) {
  const seen: Settings[] = [];
  function Harness() {
    const [options, setOptions] = useState(initial);
    return (
      <ConfigEditor
        options={options}
        onOptionsChange={(next) => {
          seen.push(next);
          setOptions(next);
        }}
      />
    );
  }
  render(<Harness />);
  return { last: () => seen[seen.length - 1], seen };
}

/** Everything but `secureJsonData`, where a secret must never appear. */
function publicPart(s: Settings): string {
  const { secureJsonData: _secrets, ...rest } = s;
  return JSON.stringify(rest);
}

/** A field by its label (the label element also holds the description, so match its start). */
const field = (label: string) => screen.getByLabelText(new RegExp(`^${label}`));
const type = (label: string, value: string) => fireEvent.change(field(label), { target: { value } });

beforeAll(mockComboboxDom);

describe('ConfigEditor', () => {
  it('always goes through the proxy', () => {
    const { last } = renderConfig(settings({ access: '' }));
    expect(last().access).toBe('proxy');
  });

  it('writes the basic auth password only to secureJsonData', () => {
    const { last } = renderConfig(settings());
    fireEvent.click(screen.getByRole('radio', { name: 'Basic authentication' }));
    type('User', 'grafana');
    type('Password', 's3cret-pw');

    expect(last()).toMatchObject({ basicAuth: true, basicAuthUser: 'grafana', jsonData: { authMethod: 'basic' } });
    expect(last().secureJsonData).toEqual({ basicAuthPassword: 's3cret-pw' });
    expect(publicPart(last())).not.toContain('s3cret-pw');
  });

  it('writes a bearer token as the Authorization header, secret in secureJsonData only', () => {
    const { last } = renderConfig(settings());
    fireEvent.click(screen.getByRole('radio', { name: 'Bearer token' }));
    type('Token', 'tok-123');

    expect(last().jsonData).toEqual({ authMethod: 'bearer', httpHeaderName1: 'Authorization' });
    expect(last().secureJsonData).toEqual({ httpHeaderValue1: 'Bearer tok-123' });
    expect(publicPart(last())).not.toContain('tok-123');
    expect(field('Token')).toHaveValue('tok-123');

    type('Token', 'Bearer pasted-token');
    expect(last().secureJsonData).toEqual({ httpHeaderValue1: 'Bearer pasted-token' });
  });

  it('resets a configured secret', () => {
    const { last } = renderConfig(
      settings({ basicAuth: true, basicAuthUser: 'grafana', secureJsonFields: { basicAuthPassword: true } })
    );
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(last().secureJsonFields).toEqual({ basicAuthPassword: false });
    expect(last().secureJsonData).toEqual({ basicAuthPassword: '' });
  });

  it('clears the other method when switching, so no secret lingers unused', () => {
    const bearer = settings({
      jsonData: { authMethod: 'bearer', httpHeaderName1: 'Authorization' } as ProfileDataSourceOptions,
      secureJsonFields: { httpHeaderValue1: true },
    });
    const { last } = renderConfig(bearer);
    expect(screen.getByRole('radio', { name: 'Bearer token' })).toBeChecked();

    fireEvent.click(screen.getByRole('radio', { name: 'Basic authentication' }));
    expect(last().jsonData).toEqual({ authMethod: 'basic' });
    expect(last().secureJsonFields).toEqual({ httpHeaderValue1: false });
    expect(last().secureJsonData).toEqual({ httpHeaderValue1: '' });
    expect(last().basicAuth).toBe(true);

    type('User', 'grafana');
    type('Password', 'pw');
    fireEvent.click(screen.getByRole('radio', { name: 'No authentication' }));
    expect(last()).toMatchObject({ basicAuth: false, basicAuthUser: '', jsonData: { authMethod: 'none' } });
    expect(last().secureJsonData).toEqual({ httpHeaderValue1: '', basicAuthPassword: '' });
  });

  it('recognises a provisioned datasource that uses basic auth without authMethod', () => {
    renderConfig(settings({ basicAuth: true, basicAuthUser: 'grafana' }));
    expect(screen.getByRole('radio', { name: 'Basic authentication' })).toBeChecked();
  });

  it('saves URL, tenant, flavor, min step, max nodes and timeout', () => {
    const { last } = renderConfig(settings());
    type('URL', 'http://pyroscope:4040');
    type('Tenant', 'team-a');
    const flavor = field('Server flavor');
    fireEvent.change(flavor, { target: { value: 'pyroscope-io' } });
    fireEvent.keyDown(flavor, { key: 'Enter' });
    type('Minimal step', '1m');
    type('Max nodes', '8192');
    type('Timeout', '60');

    expect(last().url).toBe('http://pyroscope:4040');
    expect(last().jsonData).toEqual({
      tenantId: 'team-a',
      flavor: 'og',
      minStep: '1m',
      maxNodes: 8192,
      timeoutSec: 60,
    });
    expect(last().secureJsonData).toBeUndefined();
  });

  it('shows an inline error for a min step that is not a duration', () => {
    renderConfig(settings());
    type('Minimal step', '1m30s');
    expect(screen.getByText('A duration such as 15s, 1m or 1h')).toBeInTheDocument();
    type('Minimal step', '0s');
    expect(screen.getByText('The step must be longer than zero')).toBeInTheDocument();
    type('Minimal step', '30s');
    expect(screen.queryByText('A duration such as 15s, 1m or 1h')).not.toBeInTheDocument();
    expect(screen.queryByText('The step must be longer than zero')).not.toBeInTheDocument();
  });

  it('keeps an invalid max nodes in the field, shows why, and does not save it', () => {
    const { last } = renderConfig(settings({ jsonData: { maxNodes: 4096 } }));
    type('Max nodes', '2000000');
    expect(field('Max nodes')).toHaveValue('2000000');
    expect(screen.getByText(/A whole number from 1 to 1048576/)).toBeInTheDocument();
    expect(last()).toBeUndefined();
    type('Max nodes', '');
    expect(last().jsonData.maxNodes).toBeUndefined();
  });
});
