/**
 * The page-wide styles the host needs from Grafana's GlobalStyles: canvas background, text colour and font, box
 * sizing, headings, and the uPlot cursor and selection look. Grafana's GlobalStyles itself is not used because it
 * declares Grafana's web fonts, which live in Grafana's `public/fonts` and are not published with @grafana/ui: the
 * page would request missing files. Text falls back to the theme's other font families.
 */
import React from 'react';
import { Global, css } from '@emotion/react';
import type { GrafanaTheme2 } from '@grafana/data';
import { useTheme2 } from '@grafana/ui';

function styles(theme: GrafanaTheme2) {
  const { typography, colors } = theme;
  const heading = (v: GrafanaTheme2['typography']['h1']) => ({
    margin: `0 0 ${theme.spacing(2)}`,
    fontSize: v.fontSize,
    fontWeight: v.fontWeight,
    lineHeight: v.lineHeight,
    letterSpacing: v.letterSpacing,
  });
  return css({
    '*, *::before, *::after': { boxSizing: 'inherit' },
    ':root': { colorScheme: colors.mode },
    html: {
      boxSizing: 'border-box',
      height: '100%',
      fontSize: `${typography.htmlFontSize}px`,
      fontFamily: typography.fontFamily,
      lineHeight: typography.body.lineHeight,
    },
    body: {
      margin: 0,
      minHeight: '100%',
      color: colors.text.primary,
      backgroundColor: colors.background.canvas,
      fontFamily: typography.fontFamily,
      fontSize: typography.body.fontSize,
      lineHeight: typography.body.lineHeight,
      fontVariantLigatures: 'no-contextual',
    },
    'h1, .h1': heading(typography.h1),
    'h2, .h2': heading(typography.h2),
    'h3, .h3': heading(typography.h3),
    'h4, .h4': heading(typography.h4),
    'h5, .h5': heading(typography.h5),
    'h6, .h6': heading(typography.h6),
    a: { color: colors.text.link, textDecoration: 'none' },
    '.uplot': { fontFamily: 'inherit' },
    '.u-select': { background: 'rgba(120, 120, 130, 0.2)' },
    '.u-over.zoom-drag': { cursor: 'zoom-in' },
    '.u-hz .u-cursor-x, .u-vt .u-cursor-y': { borderRight: '1px dashed rgba(120, 120, 130, 0.5)' },
    '.u-hz .u-cursor-y, .u-vt .u-cursor-x': { borderBottom: '1px dashed rgba(120, 120, 130, 0.5)' },
    '.shared-crosshair:not(.plot-active) .u-cursor-pt': { display: 'none !important' },
  });
}

export function HostGlobalStyles() {
  const theme = useTheme2();
  return <Global styles={styles(theme)} />;
}
