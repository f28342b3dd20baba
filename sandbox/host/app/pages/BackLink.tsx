import React, { type MouseEvent } from 'react';
import { locationUtil } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { LinkButton } from '@grafana/ui';

/**
 * A "back" link that navigates inside the single-page host (`locationService.push`) on a plain click, and stays a
 * real link (new tab, copy address) otherwise; its `href` gets Grafana's sub-path, the pushed path does not.
 */
export function BackLink({ href, children }: { href: string; children: React.ReactNode }) {
  const onClick = (e: MouseEvent<HTMLElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) {
      return;
    }
    e.preventDefault();
    locationService.push(href);
  };
  return (
    <div>
      <LinkButton
        href={locationUtil.assureBaseUrl(href)}
        onClick={onClick}
        variant="secondary"
        fill="text"
        icon="arrow-left"
      >
        {children}
      </LinkButton>
    </div>
  );
}
