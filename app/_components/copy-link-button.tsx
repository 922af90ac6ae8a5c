'use client';
/** Copies the absolute address of `path` (resolved against the current page at click time). */
import { Button } from '@mantine/core';
import { useClipboard } from '@mantine/hooks';

export function CopyLinkButton({ path }: { path: string }) {
  const clipboard = useClipboard({ timeout: 2000 });
  return (
    <Button
      variant={clipboard.copied ? 'filled' : 'default'}
      color={clipboard.copied ? 'teal.9' : undefined}
      onClick={() => clipboard.copy(new URL(path, window.location.href).toString())}
      size="sm"
      aria-live="polite"
    >
      {clipboard.copied ? 'Link copied' : 'Copy link'}
    </Button>
  );
}
