// What evidence files may be (progress reports and objections): the server
// checks the content; this only spares people an upload that is sure to be
// refused.

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export const evidenceExtensions = ['.pdf', '.png', '.jpg', '.jpeg', '.docx', '.xlsx', '.pptx'] as const;

/** Why a file cannot be evidence, or null when it may be sent. */
export function evidenceProblem(file: { name: string; size: number }): string | null {
  const name = file.name.toLowerCase();
  if (file.size === 0) return '文件为空';
  if (file.size > MAX_EVIDENCE_BYTES) return `“${file.name}”超过 10MB 上限`;
  if (name.endsWith('.doc') || name.endsWith('.xls') || name.endsWith('.ppt')) return `“${file.name}”是旧版 Office 格式,请另存为 .docx、.xlsx 或 .pptx 后上传`;
  if (!evidenceExtensions.some((ext) => name.endsWith(ext))) return `“${file.name}”的类型不受支持:只接受 PDF、PNG、JPEG 图片和 Word、Excel、PowerPoint 文件`;
  return null;
}
