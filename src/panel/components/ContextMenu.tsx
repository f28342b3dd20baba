import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { ContextMenu, Menu, useStyles2 } from '@grafana/ui';

import { nodeName, type Profile } from '../../model/profile';
import type { FrameFilterKind } from '../../model/transforms/frameFilters';
import { displayText } from '../render/displayText';
import { copyToClipboard } from './clipboard';

/** Props of `FlameContextMenu`. */
export interface FlameContextMenuProps {
  /** Where the menu opens, in viewport px (the mouse event's clientX/clientY). */
  x: number;
  y: number;
  profile: Profile;
  /** The node that was right-clicked. */
  node: number;
  /** The menu wants to close (an action was taken, Escape, or a click outside). */
  onClose: () => void;
  /** Focus the node (zoom to its subtree). */
  onFocus: (node: number) => void;
  /** Show the sandwich view (callers and callees) of the node's function. */
  onSandwich: (nameId: number) => void;
  /** Search for the function's name. */
  onSearch: (name: string) => void;
  /** The function name is on the clipboard. */
  onCopied?: (name: string) => void;
  /** Copying failed; `message` says why, for a toast or an inline message. */
  onCopyError: (message: string) => void;
  /** Select the function in the top table; the item is shown only when given (the table may be hidden). */
  onShowInTable?: (nameId: number) => void;
  /** Show the function's source lines; the item is shown only when given (the frame's pprof can be downloaded). */
  onShowLines?: (name: string) => void;
  /** Add a frame filter of this kind on the function's exact name; the filter items are shown only when given. */
  onFilter?: (kind: FrameFilterKind, name: string) => void;
}

/** Right-click menu of a flame graph node: focus, copy name, sandwich, search, show in table, source lines, filters. */
export function FlameContextMenu({
  x,
  y,
  profile,
  node,
  onClose,
  onFocus,
  onSandwich,
  onSearch,
  onCopied,
  onCopyError,
  onShowInTable,
  onShowLines,
  onFilter,
}: FlameContextMenuProps) {
  const styles = useStyles2(getStyles);
  if (node < 0 || node >= profile.level.length) {
    return null;
  }
  const name = nodeName(profile, node);
  const nameId = profile.nameId[node];
  // Each action closes the menu first, so a slow clipboard does not leave it open.
  const act = (action: () => void) => () => {
    onClose();
    action();
  };
  const copy = () => {
    copyToClipboard(name).then(
      () => onCopied?.(name),
      (err: unknown) => onCopyError(err instanceof Error ? err.message : String(err))
    );
  };
  return (
    <ContextMenu
      x={x}
      y={y}
      onClose={onClose}
      renderHeader={() => (
        <div className={styles.header} title={displayText(name)} data-testid="flamelens-menu-name" data-name={name}>
          {displayText(name)}
        </div>
      )}
      renderMenuItems={() => (
        <>
          <Menu.Item label="Focus on this" icon="search-plus" onClick={act(() => onFocus(node))} />
          <Menu.Item label="Copy function name" icon="copy" onClick={act(copy)} />
          <Menu.Item label="Sandwich view" icon="gf-layout-simple" onClick={act(() => onSandwich(nameId))} />
          <Menu.Item label="Search for this" icon="search" onClick={act(() => onSearch(name))} />
          {onShowInTable && <Menu.Item label="Show in table" icon="table" onClick={act(() => onShowInTable(nameId))} />}
          {onShowLines && <Menu.Item label="Source lines" icon="list-ol" onClick={act(() => onShowLines(name))} />}
          {onFilter && (
            <>
              <Menu.Divider />
              <Menu.Item label="Hide function" icon="eye-slash" onClick={act(() => onFilter('hide', name))} />
              <Menu.Item label="Focus on function" icon="filter" onClick={act(() => onFilter('focus', name))} />
              <Menu.Item
                label="Ignore stacks through function"
                icon="ban"
                onClick={act(() => onFilter('ignore', name))}
              />
            </>
          )}
        </>
      )}
    />
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  header: css({
    padding: theme.spacing(0.5, 1),
    maxWidth: 360,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
  }),
});
