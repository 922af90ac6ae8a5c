'use client';
/** Copies a finding's citation string (rendered on the server, with its stable URL). */
import { Button } from '@mantine/core';
import { useClipboard } from '@mantine/hooks';

export function CopyCitationButton({ citation }: { citation: string }) {
  const clipboard = useClipboard({ timeout: 2000 });
  return (
    <Button
      variant={clipboard.copied ? 'filled' : 'default'}
      color={clipboard.copied ? 'teal.9' : undefined}
      onClick={() => clipboard.copy(citation)}
      size="sm"
      aria-live="polite"
    >
      {clipboard.copied ? 'Citation copied' : 'Copy citation'}
    </Button>
  );
}
