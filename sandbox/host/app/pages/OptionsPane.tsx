import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, PanelData, PanelPlugin, StandardEditorContext } from '@grafana/data';
import { selectors } from '@grafana/e2e-selectors';
import { Field, Input, Stack, Text, TextArea, useStyles2 } from '@grafana/ui';

import { buildOptionEntries, groupByCategory, rootAccess, type OptionEntry } from './panelOptions';

type Options = Record<string, unknown>;

/** Props of {@link OptionsPane}. */
export interface OptionsPaneProps {
  plugin: PanelPlugin;
  title: string;
  description: string;
  options: Options;
  data?: PanelData;
  onTitleChange: (title: string) => void;
  onDescriptionChange: (description: string) => void;
  onOptionsChange: (options: Options) => void;
}

/** The category Grafana puts first, with the panel's frame settings. */
const PANEL_OPTIONS = 'Panel options';

/**
 * The right-hand pane of Grafana's panel editor: "Panel options" (title, description), then the plugin's options
 * grouped by category in builder order, each with its registry editor, labelled with the option's name and
 * description. Options hidden by `showIf` are not rendered; a change re-evaluates them.
 */
export function OptionsPane(props: OptionsPaneProps) {
  const { plugin, options, data, onOptionsChange } = props;
  const styles = useStyles2(getStyles);
  const groups = useMemo(() => {
    const context: StandardEditorContext<unknown> = {
      data: data?.series ?? [],
      annotations: data?.annotations,
      options,
    };
    const access = rootAccess(options, onOptionsChange);
    const entries = buildOptionEntries(
      plugin.getPanelOptionsSupplier(),
      access,
      context,
      plugin.meta?.name ?? 'Options'
    );
    return { context, categories: groupByCategory(entries) };
  }, [plugin, options, data, onOptionsChange]);

  return (
    <div className={styles.pane} data-testid={selectors.components.PanelEditor.OptionsPane.content}>
      <Category title={PANEL_OPTIONS}>
        <Field label="Title" htmlFor="PanelFrameTitle">
          <Input
            id="PanelFrameTitle"
            data-testid={selectors.components.PanelEditor.OptionsPane.fieldInput('Title')}
            value={props.title}
            onChange={(e) => props.onTitleChange(e.currentTarget.value)}
          />
        </Field>
        <Field label="Description" htmlFor="description-text-area">
          <TextArea
            id="description-text-area"
            value={props.description}
            onChange={(e) => props.onDescriptionChange(e.currentTarget.value)}
          />
        </Field>
      </Category>
      {groups.categories.map(({ title, entries }) => (
        <Category key={title} title={title}>
          {entries.map((entry) => (
            <OptionItem key={entry.htmlId} category={title} entry={entry} context={groups.context} />
          ))}
        </Category>
      ))}
    </div>
  );
}

function Category({ title, children }: { title: string; children: React.ReactNode }) {
  const styles = useStyles2(getStyles);
  return (
    <section className={styles.category} aria-label={title}>
      <Text element="h3" variant="h5">
        {title}
      </Text>
      <Stack direction="column" gap={0}>
        {children}
      </Stack>
    </section>
  );
}

function OptionItem({
  category,
  entry,
  context,
}: {
  category: string;
  entry: OptionEntry;
  context: StandardEditorContext<unknown>;
}) {
  const { item, htmlId } = entry;
  const Editor = item.editor;
  return (
    <Field
      label={item.name}
      description={item.description}
      htmlFor={htmlId}
      aria-label={selectors.components.PanelEditor.OptionsPane.fieldLabel(`${category} ${item.name}`)}
    >
      <Editor value={entry.value} onChange={entry.onChange} item={item} context={context} id={htmlId} />
    </Field>
  );
}

function getStyles(theme: GrafanaTheme2) {
  return {
    pane: css({
      display: 'flex',
      flexDirection: 'column',
      gap: theme.spacing(2),
      padding: theme.spacing(2),
    }),
    category: css({
      display: 'flex',
      flexDirection: 'column',
      gap: theme.spacing(1),
      paddingBottom: theme.spacing(1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
    }),
  };
}
