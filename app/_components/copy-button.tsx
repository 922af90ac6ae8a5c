'use client';
/**
 * A button that copies text to the clipboard and says so for two seconds. `value` is copied as
 * is, or (`resolve: 'url'`) as the absolute address of a path on the current page's origin.
 */
import { Button } from '@mantine/core';
import { useClipboard } from '@mantine/hooks';

export interface CopyButtonProps {
  value: string;
  label: string;
  copiedLabel: string;
  resolve?: 'url';
}

export function CopyButton({ value, label, copiedLabel, resolve }: CopyButtonProps) {
  const clipboard = useClipboard({ timeout: 2000 });
  return (
    <Button
      variant={clipboard.copied ? 'filled' : 'default'}
      color={clipboard.copied ? 'teal.9' : undefined}
      onClick={() => clipboard.copy(resolve === 'url' ? new URL(value, window.location.href).toString() : value)}
      size="sm"
      aria-live="polite"
    >
      {clipboard.copied ? copiedLabel : label}
    </Button>
  );
}
