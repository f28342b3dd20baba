/**
 * Minimal editors for the built-in Prometheus datasource, so the settings page and the panel editor can show it:
 * the HTTP settings Grafana shows for any HTTP datasource plus the scrape interval, and a PromQL text box with the
 * legend template. Grafana's real Prometheus editors (query builder, code editor) are not reproduced.
 */
import React, { type ChangeEvent } from 'react';
import type { DataSourcePluginOptionsEditorProps, QueryEditorProps } from '@grafana/data';
import { DataSourceHttpSettings, Field, Input, TextArea } from '@grafana/ui';

import type { PrometheusDatasource } from './datasource';
import type { PromOptions, PromQuery } from './types';

export function PromConfigEditor({ options, onOptionsChange }: DataSourcePluginOptionsEditorProps<PromOptions>) {
  return (
    <>
      <DataSourceHttpSettings
        defaultUrl="http://localhost:9090"
        dataSourceConfig={options}
        onChange={onOptionsChange}
        showAccessOptions={false}
      />
      <Field label="Scrape interval" description="Set this to the typical scrape interval of the server (e.g. 15s)">
        <Input
          width={20}
          value={options.jsonData.timeInterval ?? ''}
          placeholder="15s"
          onChange={(e: ChangeEvent<HTMLInputElement>) =>
            onOptionsChange({ ...options, jsonData: { ...options.jsonData, timeInterval: e.currentTarget.value } })
          }
        />
      </Field>
    </>
  );
}

export function PromQueryEditor({
  query,
  onChange,
  onRunQuery,
}: QueryEditorProps<PrometheusDatasource, PromQuery, PromOptions>) {
  return (
    <>
      <Field label="PromQL" description="The expression; press Shift+Enter or leave the box to run it">
        <TextArea
          rows={3}
          value={query.expr ?? ''}
          onChange={(e: ChangeEvent<HTMLTextAreaElement>) => onChange({ ...query, expr: e.currentTarget.value })}
          onBlur={onRunQuery}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && e.shiftKey) {
              e.preventDefault();
              onRunQuery();
            }
          }}
        />
      </Field>
      <Field label="Legend" description="Series name template, e.g. {{job}} CPU">
        <Input
          value={query.legendFormat ?? ''}
          onChange={(e: ChangeEvent<HTMLInputElement>) => onChange({ ...query, legendFormat: e.currentTarget.value })}
          onBlur={onRunQuery}
        />
      </Field>
    </>
  );
}
