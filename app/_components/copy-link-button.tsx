/** Copies the absolute address of `path` (resolved against the current page at click time). */
import { CopyButton } from './copy-button';

export function CopyLinkButton({ path }: { path: string }) {
  return <CopyButton value={path} resolve="url" label="Copy link" copiedLabel="Link copied" />;
}
