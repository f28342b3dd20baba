import React from 'react';
import { Field, Input, RadioButtonGroup, SecretInput, Stack } from '@grafana/ui';

import type { AuthMethod } from '../types';
import {
  authMethodOf,
  bearerHeaderValue,
  bearerToken,
  resetSecret,
  withAuthMethod,
  type SecretKey,
  type Settings,
} from './authModel';

const METHODS: Array<{ label: string; value: AuthMethod; description: string }> = [
  { label: 'No authentication', value: 'none', description: 'The server is open to Grafana' },
  { label: 'Basic authentication', value: 'basic', description: 'User and password' },
  { label: 'Bearer token', value: 'bearer', description: 'Sent as "Authorization: Bearer <token>"' },
];

interface Props {
  options: Settings;
  onOptionsChange: (options: Settings) => void;
}

/**
 * Authentication through Grafana's standard fields, applied by Grafana's data proxy on the server: basic auth
 * (`basicAuth`, `basicAuthUser`, secret `basicAuthPassword`) or a bearer token in custom header 1. Secrets are
 * written only to `secureJsonData`; the browser never gets them back, only `secureJsonFields` saying they are set.
 */
export function AuthSettings({ options, onOptionsChange }: Props) {
  const method = authMethodOf(options);
  const setSecret = (key: SecretKey, value: string) =>
    onOptionsChange({ ...options, secureJsonData: { ...options.secureJsonData, [key]: value } });
  const reset = (key: SecretKey) => onOptionsChange(resetSecret(options, key));

  return (
    <Stack direction="column" gap={0}>
      <Field label="Authentication method">
        <RadioButtonGroup
          aria-label="Authentication method"
          options={METHODS}
          value={method}
          onChange={(m) => onOptionsChange(withAuthMethod(options, m))}
        />
      </Field>
      {method === 'basic' && (
        <>
          <Field label="User" htmlFor="flamelens-basic-user">
            <Input
              id="flamelens-basic-user"
              width={40}
              autoComplete="off"
              value={options.basicAuthUser ?? ''}
              onChange={(e) => onOptionsChange({ ...options, basicAuthUser: e.currentTarget.value })}
            />
          </Field>
          <Field label="Password" htmlFor="flamelens-basic-password">
            <SecretInput
              id="flamelens-basic-password"
              width={40}
              isConfigured={Boolean(options.secureJsonFields?.basicAuthPassword)}
              value={options.secureJsonData?.basicAuthPassword ?? ''}
              onChange={(e) => setSecret('basicAuthPassword', e.currentTarget.value)}
              onReset={() => reset('basicAuthPassword')}
            />
          </Field>
        </>
      )}
      {method === 'bearer' && (
        <Field
          label="Token"
          description="The token only; Grafana sends it as Bearer <token>."
          htmlFor="flamelens-token"
        >
          <SecretInput
            id="flamelens-token"
            width={40}
            isConfigured={Boolean(options.secureJsonFields?.httpHeaderValue1)}
            value={bearerToken(options.secureJsonData?.httpHeaderValue1)}
            onChange={(e) => setSecret('httpHeaderValue1', bearerHeaderValue(e.currentTarget.value))}
            onReset={() => reset('httpHeaderValue1')}
          />
        </Field>
      )}
    </Stack>
  );
}
