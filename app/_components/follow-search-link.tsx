/** "Follow this search": the Atom feed of the current search (same filters, newest release first). */
import { Anchor } from '@mantine/core';

export function FollowSearchLink({ href }: { href: string }) {
  return (
    <Anchor href={href} type="application/atom+xml" size="sm" data-testid="follow-search" className="follow-search">
      Follow this search (Atom feed)
    </Anchor>
  );
}
