import React, { useEffect, useState, type FormEvent } from 'react';
import type { DataSourcePluginOptionsEditorProps, DataSourceSettings } from '@grafana/data';
import { selectors } from '@grafana/e2e-selectors';
import type { TestingStatus } from '@grafana/runtime';
import { Alert, Button, InlineField, InlineSwitch, Input, LoadingPlaceholder, Stack, Text } from '@grafana/ui';

import { loadDataSourcePlugin } from '../runtime/plugins';
import { fetchDataSourceSettings, saveAndTest, statusFromError, testDataSource } from './datasourceSettings';
import { BackLink } from './BackLink';
import { TESTING_STATUS, TestingStatusAlert } from './TestingStatusAlert';

/** Where "Back" goes: Grafana's list of data sources. */
export const DATASOURCES_LIST_URL = '/connections/datasources';

type ConfigEditor = React.ComponentType<DataSourcePluginOptionsEditorProps>;

type Loaded =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; ConfigEditor?: ConfigEditor; typeName: string };

/**
 * Settings may have changed while a save was in flight: keep what the user typed since, and take only the saved
 * version (the next save would otherwise be refused as stale).
 */
function afterSave(current: DataSourceSettings, submitted: DataSourceSettings, saved: DataSourceSettings) {
  return current === submitted ? saved : { ...current, version: saved.version };
}

/**
 * Grafana's data source settings page (`/connections/datasources/edit/:uid`): the name, the plugin's config editor
 * with `{ options, onOptionsChange }`, and "Save & test", which saves the settings, reloads the datasource service
 * and runs the instance's test, showing the outcome as Grafana does. A failed save or test keeps every edit.
 */
export function DatasourceSettingsPage({ uid }: { uid: string }) {
  // A new uid is a new page: nothing typed for one data source carries over to another.
  return <SettingsEditor key={uid} uid={uid} />;
}

function SettingsEditor({ uid }: { uid: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [settings, setSettings] = useState<DataSourceSettings>();
  const [status, setStatus] = useState<TestingStatus>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    (async () => {
      const ds = await fetchDataSourceSettings(uid);
      const plugin = await loadDataSourcePlugin(ds.type);
      if (current) {
        setSettings(ds);
        setLoaded({
          state: 'ready',
          ConfigEditor: plugin.components.ConfigEditor as ConfigEditor | undefined,
          typeName: ds.typeName || plugin.meta?.name || ds.type,
        });
      }
    })().catch((err: unknown) => {
      if (current) {
        const reason = statusFromError(err).message;
        setLoaded({ state: 'error', message: `Could not load data source "${uid}": ${reason}` });
      }
    });
    return () => {
      current = false;
    };
  }, [uid]);

  if (loaded.state === 'loading') {
    return <LoadingPlaceholder text="Loading data source settings..." />;
  }
  if (loaded.state === 'error' || !settings) {
    return (
      <PageFrame>
        <Alert severity="error" title={loaded.state === 'error' ? loaded.message : 'Data source not loaded'} />
      </PageFrame>
    );
  }

  const readOnly = settings.readOnly;

  const onSubmit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) {
      return;
    }
    setBusy(true);
    setStatus(TESTING_STATUS);
    const submitted = settings;
    try {
      if (readOnly) {
        setStatus(await testDataSource(uid));
        return;
      }
      const outcome = await saveAndTest(submitted);
      const saved = outcome.saved;
      if (saved) {
        setSettings((current) => (current ? afterSave(current, submitted, saved) : saved));
      }
      setStatus(outcome.status);
    } finally {
      setBusy(false);
    }
  };

  const { ConfigEditor } = loaded;
  return (
    <PageFrame>
      <Text element="h1">{settings.name}</Text>
      <Text color="secondary">Type: {loaded.typeName}</Text>
      <form onSubmit={onSubmit}>
        <Stack direction="column" gap={2}>
          {readOnly && (
            <Alert severity="info" title="Provisioned data source" data-testid={selectors.pages.DataSource.readOnly}>
              This data source was added by config and cannot be modified using the UI.
            </Alert>
          )}
          <Stack direction="row" gap={1} alignItems="center">
            <InlineField
              label="Name"
              labelWidth={14}
              grow
              tooltip="The name is used when you select the data source in panels."
              disabled={readOnly}
            >
              <Input
                id="basic-settings-name"
                data-testid={selectors.pages.DataSource.name}
                placeholder="Name"
                required
                value={settings.name}
                onChange={(e) => setSettings({ ...settings, name: e.currentTarget.value })}
              />
            </InlineField>
            <InlineField label="Default" labelWidth={8} disabled={readOnly}>
              <InlineSwitch
                id="basic-settings-default"
                value={settings.isDefault}
                onChange={(e) => setSettings({ ...settings, isDefault: e.currentTarget.checked })}
              />
            </InlineField>
          </Stack>
          {ConfigEditor ? (
            <ConfigEditor options={settings} onOptionsChange={setSettings} />
          ) : (
            <Alert severity="warning" title={`The ${loaded.typeName} plugin has no config editor`} />
          )}
          <TestingStatusAlert status={status} />
          <Stack direction="row" gap={1}>
            {readOnly ? (
              <Button type="submit" variant="primary" disabled={busy}>
                Test
              </Button>
            ) : (
              <Button
                type="submit"
                variant="primary"
                disabled={busy}
                data-testid={selectors.pages.DataSource.saveAndTest}
                id={selectors.pages.DataSource.saveAndTest}
              >
                Save &amp; test
              </Button>
            )}
          </Stack>
        </Stack>
      </form>
    </PageFrame>
  );
}

function PageFrame({ children }: { children: React.ReactNode }) {
  return (
    <div style={{ padding: 24, maxWidth: 960 }}>
      <Stack direction="column" gap={2}>
        <BackLink href={DATASOURCES_LIST_URL}>Back</BackLink>
        {children}
      </Stack>
    </div>
  );
}
