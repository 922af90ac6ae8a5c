/** Copies a finding's citation string (rendered on the server, with its stable URL). */
import { CopyButton } from './copy-button';

export function CopyCitationButton({ citation }: { citation: string }) {
  return <CopyButton value={citation} label="Copy citation" copiedLabel="Citation copied" />;
}
