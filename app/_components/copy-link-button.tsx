'use client';
/** Copies the page's address (or `path` resolved against it) to the clipboard. */
import { Button, CopyButton } from '@mantine/core';
import { useEffect, useState } from 'react';

export function CopyLinkButton({ path }: { path: string }) {
  const [url, setUrl] = useState(path);
  useEffect(() => setUrl(new URL(path, window.location.href).toString()), [path]);
  return (
    <CopyButton value={url} timeout={2000}>
      {({ copied, copy }) => (
        <Button variant={copied ? 'filled' : 'default'} color={copied ? 'teal.9' : undefined} onClick={copy} size="sm" aria-live="polite">
          {copied ? 'Link copied' : 'Copy link'}
        </Button>
      )}
    </CopyButton>
  );
}
