import React, { type MouseEvent } from 'react';
import { locationService } from '@grafana/runtime';
import { LinkButton } from '@grafana/ui';

/**
 * A "back" link that navigates inside the single-page host (`locationService.push`) on a plain click, and stays a
 * real link (new tab, copy address) otherwise.
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
      <LinkButton href={href} onClick={onClick} variant="secondary" fill="text" icon="arrow-left">
        {children}
      </LinkButton>
    </div>
  );
}
