import { useReportsT } from './messages';

// What evidence files may be: the server checks the content; this only
// spares people an upload that is sure to be refused.

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export const evidenceExtensions = ['.pdf', '.png', '.jpg', '.jpeg', '.docx', '.xlsx', '.pptx'] as const;

/** Why a file cannot be evidence, or null when it may be sent. */
export function evidenceProblem(file: { name: string; size: number }): string | null {
  const name = file.name.toLowerCase();
  const t = useReportsT.translate;
  if (file.size === 0) return t('emptyFile');
  if (file.size > MAX_EVIDENCE_BYTES) return t('tooLarge', { name: file.name });
  if (name.endsWith('.doc') || name.endsWith('.xls') || name.endsWith('.ppt')) return t('oldOffice', { name: file.name });
  if (!evidenceExtensions.some((ext) => name.endsWith(ext))) return t('unsupported', { name: file.name });
  return null;
}
