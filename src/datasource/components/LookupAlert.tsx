import React from 'react';
import { Alert } from '@grafana/ui';

interface Props {
  title: string;
  /** The failure's text; rendered as text, never as HTML (it may quote the server). */
  message: string;
}

/** A small inline warning for a failed suggestion lookup: the editor stays usable, the user sees why lists are empty. */
export function LookupAlert({ title, message }: Props) {
  return (
    <Alert severity="warning" title={title} topSpacing={0} bottomSpacing={1}>
      {message}
    </Alert>
  );
}
