import { defineMessages } from './i18n';

// What evidence files may be (progress reports and objections): the server
// checks the content; this only spares people an upload that is sure to be
// refused.

const evidenceT = defineMessages(
  'evidence',
  {
    emptyFile: '文件为空',
    tooLarge: '“{{name}}”超过 10MB 上限',
    oldOffice: '“{{name}}”是旧版 Office 格式,请另存为 .docx、.xlsx 或 .pptx 后上传',
    unsupported: '“{{name}}”的类型不受支持:只接受 PDF、PNG、JPEG 图片和 Word、Excel、PowerPoint 文件',
  },
  {
    emptyFile: 'The file is empty',
    tooLarge: '“{{name}}” exceeds the 10 MB limit',
    oldOffice: '“{{name}}” is in an old Office format; please save it as .docx, .xlsx or .pptx and upload again',
    unsupported: '“{{name}}” is not a supported type: only PDF, PNG and JPEG images and Word, Excel and PowerPoint files',
  },
);

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export const evidenceExtensions = ['.pdf', '.png', '.jpg', '.jpeg', '.docx', '.xlsx', '.pptx'] as const;

/** Why a file cannot be evidence, or null when it may be sent (in the language in use). */
export function evidenceProblem(file: { name: string; size: number }): string | null {
  const name = file.name.toLowerCase();
  const t = evidenceT.translate;
  if (file.size === 0) return t('emptyFile');
  if (file.size > MAX_EVIDENCE_BYTES) return t('tooLarge', { name: file.name });
  if (name.endsWith('.doc') || name.endsWith('.xls') || name.endsWith('.ppt')) return t('oldOffice', { name: file.name });
  if (!evidenceExtensions.some((ext) => name.endsWith(ext))) return t('unsupported', { name: file.name });
  return null;
}
