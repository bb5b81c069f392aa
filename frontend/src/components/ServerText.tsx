import type { CSSProperties } from 'react';
import { useLocale } from '../lib/i18n';

/**
 * A sentence the server wrote in both languages (a derivation step, a
 * consistency reason, a notification…), in the language in use. A record
 * from before the server wrote English has none: it then shows the
 * Chinese, marked lang="zh-CN" so that screen readers (and the English
 * browser test) know it is Chinese on purpose.
 */
export function ServerText({ zh, en, style }: { zh: string; en: string | null | undefined; style?: CSSProperties }) {
  const { locale } = useLocale();
  if (locale !== 'en') return <span style={style}>{zh}</span>;
  return en ? <span style={style}>{en}</span> : <span lang="zh-CN" style={style}>{zh}</span>;
}
