import { HealthCheckError, setBackendSrv, type BackendSrv } from '@grafana/runtime';

import { saveDataSourceSettings, statusFromError, statusFromResult } from './datasourceSettings';
import { alertVariant } from './TestingStatusAlert';

describe('statusFromError (Grafana parseHealthCheckError)', () => {
  it('keeps the details of a HealthCheckError, thrown or wrapped in `error`', () => {
    const err = new HealthCheckError('Unhealthy', { message: 'server said no' });
    expect(statusFromError(err)).toEqual({
      status: 'error',
      message: 'Unhealthy',
      details: { message: 'server said no' },
    });
    expect(statusFromError({ error: err })).toMatchObject({ message: 'Unhealthy' });
  });

  it("uses a FetchError's data.message, else its status", () => {
    expect(statusFromError({ status: 500, data: { message: 'boom' }, config: {} }).message).toBe('boom');
    expect(statusFromError({ status: 503, statusText: 'Service Unavailable', data: '', config: {} }).message).toBe(
      'HTTP error 503 Service Unavailable'
    );
  });

  it('uses the message of an Error, and says what any other value was', () => {
    expect(statusFromError(new Error('nope')).message).toBe('nope');
    expect(statusFromError(42).message).toBe('Unexpected error: 42');
  });
});

it('statusFromResult keeps status, message and details', () => {
  expect(statusFromResult({ status: 'OK', message: 'fine', details: { verboseMessage: 'v' } })).toEqual({
    status: 'OK',
    message: 'fine',
    details: { verboseMessage: 'v' },
  });
});

it('alertVariant maps statuses as Grafana does', () => {
  expect(alertVariant('OK')).toBe('success');
  expect(alertVariant('success')).toBe('success');
  expect(alertVariant('warning')).toBe('warning');
  expect(alertVariant('error')).toBe('error');
  expect(alertVariant('pending')).toBe('info');
  expect(alertVariant(undefined)).toBe('error');
});

it('saveDataSourceSettings refuses an answer without the saved settings', async () => {
  setBackendSrv({ put: async () => ({ message: 'ok' }) } as unknown as BackendSrv);
  await expect(saveDataSourceSettings({ uid: 'x' } as Parameters<typeof saveDataSourceSettings>[0])).rejects.toThrow(
    'Saving the data source returned no settings'
  );
});
