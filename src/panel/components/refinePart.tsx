import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, Spinner, useStyles2 } from '@grafana/ui';

import type { RefineStatus } from '../useRefineOnFocus';
import type { HeaderPart } from './Header';

/**
 * The header's words for refine on focus (`docs/refine-on-focus.md`): the loading state while the exact subtree of
 * the focused frame is on its way, "exact below <frame>" once it is spliced in, pyroscope-io's refusal, or why the
 * request failed. Kept first when the header is short of room (priority 0): it is what changed after the click.
 */

/** The header part for a refine status (undefined: nothing to say). */
export function refineHeaderText(status: RefineStatus | undefined): string | undefined {
  if (!status) {
    return undefined;
  }
  switch (status.kind) {
    case 'loading':
      return `Loading exact subtree below ${frameOf(status.callSite)}…`;
    case 'refined': {
      const more = status.others ? ` and ${status.others} more ${status.others === 1 ? 'frame' : 'frames'}` : '';
      return status.exact
        ? `exact below ${frameOf(status.callSite)}${more}`
        : `more detail below ${frameOf(status.callSite)}${more}, still truncated: raise Max nodes for the rest`;
    }
    case 'unsupported':
      return status.reason;
    case 'error':
      return `Exact subtree of ${frameOf(status.callSite)} failed: ${status.message}`;
  }
}

function frameOf(callSite: readonly string[]): string {
  return callSite.length > 0 ? callSite[callSite.length - 1] : 'the root';
}

export function useRefineHeaderParts(status: RefineStatus | undefined): HeaderPart[] | undefined {
  const styles = useStyles2(getStyles);
  const text = refineHeaderText(status);
  // One array per text, so the header's own memo keeps its parts between renders.
  return React.useMemo(() => {
    if (!status || text === undefined) {
      return undefined;
    }
    const icon =
      status.kind === 'loading' ? (
        <Spinner inline size="sm" className={styles.icon} />
      ) : (
        <Icon
          name={status.kind === 'refined' && status.exact ? 'check' : 'exclamation-triangle'}
          size="sm"
          className={styles.icon}
        />
      );
    const warn =
      status.kind === 'error' || status.kind === 'unsupported' || (status.kind === 'refined' && !status.exact);
    return [
      {
        key: 'refine',
        priority: 0,
        text,
        role: 'status',
        testId: 'flamelens-refine',
        className: warn ? styles.warning : styles.info,
        content: (
          <span data-refine={status.kind}>
            {icon}
            {text}
          </span>
        ),
      },
    ];
    // `status` is described by `text` and its kind.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, status?.kind, styles]);
}

const getStyles = (theme: GrafanaTheme2) => ({
  icon: css({ marginRight: theme.spacing(0.5), verticalAlign: 'text-bottom' }),
  info: css({ color: theme.colors.text.primary }),
  warning: css({ color: theme.colors.warning.text }),
});
