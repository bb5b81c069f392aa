// How an import problem's severity and line read.
import { useImportT } from './messages';

const t = useImportT.translate;

export function severityTag(severity: string): { label: string; color: string } {
  switch (severity.toUpperCase()) {
    case 'ERROR':
      return { label: t('error'), color: 'red' };
    case 'WARNING':
      return { label: t('warning'), color: 'orange' };
    default:
      return { label: severity, color: 'default' };
  }
}

export function lineLabel(line: number): string {
  return line > 0 ? t('line', { line }) : t('wholeText');
}

/** A year named in the title (…2023年…), else the current year. */
export function yearFromTitle(title: string, now = new Date()): number {
  const m = /(20\d{2})\s*年/.exec(title) ?? /(20\d{2})/.exec(title);
  return m ? Number(m[1]) : now.getFullYear();
}
