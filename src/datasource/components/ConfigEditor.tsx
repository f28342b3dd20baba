import React, { useEffect, useState } from 'react';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { Combobox, Divider, Field, Input, Stack, Text } from '@grafana/ui';

import { DEFAULT_MAX_NODES, DEFAULT_MIN_STEP, DEFAULT_TIMEOUT_SEC } from '../query/defaults';
import type { FlavorSetting, ProfileDataSourceOptions, ProfileSecureJsonData } from '../types';
import { AuthSettings } from './AuthSettings';
import { onOption } from './comboboxChange';
import { MAX_NODES_LIMIT, TIMEOUT_LIMIT_SEC, minStepError, parsePositiveInt } from './settingsValidation';

const FLAVORS: Array<{ label: string; value: FlavorSetting; description: string }> = [
  { label: 'Auto', value: 'auto', description: 'Detect the server on first use' },
  { label: 'Grafana Pyroscope', value: 'grafana', description: 'Grafana Pyroscope 1.x and later (Connect API)' },
  { label: 'pyroscope-io 0.37', value: 'og', description: 'The original Pyroscope server (/render API)' },
];

type Props = DataSourcePluginOptionsEditorProps<ProfileDataSourceOptions, ProfileSecureJsonData>;

/** Datasource settings: server URL, authentication, tenant, server flavor and query defaults. */
export function ConfigEditor({ options, onOptionsChange }: Props) {
  // Requests must go through Grafana's proxy: it applies the credentials and the tenant header on the server.
  useEffect(() => {
    if (options.access !== 'proxy') {
      onOptionsChange({ ...options, access: 'proxy' });
    }
  }, [options, onOptionsChange]);

  const setJson = (patch: Partial<ProfileDataSourceOptions>) =>
    onOptionsChange({ ...options, jsonData: { ...options.jsonData, ...patch } });
  const url = options.url ?? '';
  const urlError = url !== '' && !/^https?:\/\//i.test(url.trim()) ? 'Start with http:// or https://' : undefined;
  const stepError = minStepError(options.jsonData.minStep ?? '');

  return (
    <Stack direction="column" gap={1}>
      <Section title="Connection">
        <Field
          label="URL"
          required
          description="The Pyroscope server as Grafana's server reaches it; the browser never calls it directly."
          invalid={urlError !== undefined}
          error={urlError}
          htmlFor="flamelens-url"
        >
          <Input
            id="flamelens-url"
            width={60}
            placeholder="http://localhost:4040"
            value={url}
            onChange={(e) => onOptionsChange({ ...options, url: e.currentTarget.value.trim() })}
          />
        </Field>
      </Section>
      <Section title="Authentication">
        <AuthSettings options={options} onOptionsChange={onOptionsChange} />
      </Section>
      <Section title="Server">
        <Field
          label="Tenant"
          description="Sent as the X-Scope-OrgID header. Needed when the server runs with multi-tenancy on."
          htmlFor="flamelens-tenant"
        >
          <Input
            id="flamelens-tenant"
            width={40}
            placeholder="anonymous"
            value={options.jsonData.tenantId ?? ''}
            onChange={(e) => setJson({ tenantId: e.currentTarget.value.trim() || undefined })}
          />
        </Field>
        <Field
          label="Server flavor"
          description="Which API the server speaks. Auto detects it."
          htmlFor="flamelens-flavor"
        >
          <Combobox
            id="flamelens-flavor"
            width={40}
            options={FLAVORS}
            value={options.jsonData.flavor ?? 'auto'}
            onChange={onOption((flavor: FlavorSetting) => setJson({ flavor }))}
          />
        </Field>
      </Section>
      <Section title="Query defaults">
        <Field
          label="Minimal step"
          description="The smallest time series step, a duration such as 15s or 1m."
          invalid={stepError !== undefined}
          error={stepError}
          htmlFor="flamelens-min-step"
        >
          <Input
            id="flamelens-min-step"
            width={20}
            placeholder={DEFAULT_MIN_STEP}
            value={options.jsonData.minStep ?? ''}
            onChange={(e) => setJson({ minStep: e.currentTarget.value.trim() || undefined })}
          />
        </Field>
        <NumberField
          id="flamelens-max-nodes-default"
          label="Max nodes"
          description={`Flame graph nodes for queries that set none (1 to ${MAX_NODES_LIMIT}); the server merges the rest.`}
          placeholder={DEFAULT_MAX_NODES}
          max={MAX_NODES_LIMIT}
          value={options.jsonData.maxNodes}
          onChange={(maxNodes) => setJson({ maxNodes })}
        />
        <NumberField
          id="flamelens-timeout"
          label="Timeout"
          description="Request timeout in seconds. Grafana's data proxy has its own limit ([dataproxy] timeout, 30 s by default)."
          placeholder={DEFAULT_TIMEOUT_SEC}
          max={TIMEOUT_LIMIT_SEC}
          value={options.jsonData.timeoutSec}
          onChange={(timeoutSec) => setJson({ timeoutSec })}
        />
      </Section>
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div>
      <Text element="h3">{title}</Text>
      <Stack direction="column" gap={0}>
        {children}
      </Stack>
      <Divider />
    </div>
  );
}

interface NumberFieldProps {
  id: string;
  label: string;
  description: string;
  placeholder: number;
  max: number;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
}

/** A whole-number setting; what is typed stays in the field while invalid, and only valid numbers are saved. */
function NumberField({ id, label, description, placeholder, max, value, onChange }: NumberFieldProps) {
  const saved = value === undefined ? '' : String(value);
  const [text, setText] = useState(saved);
  // Follow a value set elsewhere, without an effect (React's "derive state from props").
  const [shown, setShown] = useState(saved);
  if (shown !== saved) {
    setShown(saved);
    setText(saved);
  }
  const invalid = parsePositiveInt(text, max) === null;
  return (
    <Field
      label={label}
      description={description}
      invalid={invalid}
      error={invalid ? `A whole number from 1 to ${max}; not saved until then` : undefined}
      htmlFor={id}
    >
      <Input
        id={id}
        width={20}
        inputMode="numeric"
        placeholder={String(placeholder)}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          const n = parsePositiveInt(e.currentTarget.value, max);
          if (n !== null) {
            onChange(n);
          }
        }}
      />
    </Field>
  );
}
