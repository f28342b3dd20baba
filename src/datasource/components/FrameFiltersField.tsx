import React from 'react';
import { EditorField, EditorFieldGroup } from '@grafana/plugin-ui';
import { Input } from '@grafana/ui';

import { FilterPatternError } from '../../model/errors';
import { expandFilterEntries, parseFilterEntries } from '../../model/transforms/filterEntries';
import { compileFrameFilter } from '../../model/transforms/frameFilters';
import type { ProfileQuery } from '../types';

interface Props {
  query: ProfileQuery;
  onChange: (query: ProfileQuery) => void;
  onRunQuery: () => void;
}

/**
 * What is wrong with a frame filter list as typed: entries that cannot be read and patterns Go's regexp syntax
 * rejects. Entries that are variable references (`$filters`) are read once replaced, so they are not checked here.
 */
export function filterFieldProblems(text: string): string[] {
  const literal = text
    .split(';')
    .filter((entry) => !/^\s*\$/.test(entry))
    .join(';');
  const { entries, errors } = parseFilterEntries(literal);
  const problems = errors.map((e) => e.message);
  for (const filter of expandFilterEntries(entries).filters) {
    const compiled = compileFrameFilter(filter);
    if (compiled instanceof FilterPatternError) {
      problems.push(compiled.message);
    }
  }
  return problems;
}

/**
 * The query's frame filters (pprof's hide, focus and ignore, and runtime presets) as a filter list, or a dashboard
 * variable holding one. The datasource only passes them on in the frame's meta; the panel applies them and shows
 * each as a chip. Saved as typed; runs on blur.
 */
export function FrameFiltersField({ query, onChange, onRunQuery }: Props) {
  const text = query.frameFilters ?? '';
  const problems = filterFieldProblems(text);
  return (
    <EditorFieldGroup>
      <EditorField
        label="Frame filters"
        htmlFor="flamelens-frame-filters"
        invalid={problems.length > 0}
        error={problems.join('; ')}
        tooltip="pprof's -hide, -focus and -ignore for the flame graph panel: entries kind:mode:pattern joined by ; (kind hide, focus or ignore; mode re or exact), or preset:go (node, jvm, python, dotnet). A dashboard variable such as $filters lets a link share a filtered view. Applied by the Flamelens panel, not by the server."
      >
        <Input
          id="flamelens-frame-filters"
          width={30}
          placeholder="e.g. preset:go;focus:exact:main.work or $filters"
          value={text}
          onChange={(e: React.FormEvent<HTMLInputElement>) =>
            onChange({ ...query, frameFilters: e.currentTarget.value || undefined })
          }
          onBlur={onRunQuery}
        />
      </EditorField>
    </EditorFieldGroup>
  );
}
