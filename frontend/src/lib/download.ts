import { inLanguage, UserFacingError } from './errors';
import { useLibT } from './messages';
import { authEvents, unauthenticatedEvent } from './urql';

const t = useLibT.translate;

/**
 * The file name of a Content-Disposition header: RFC 5987 `filename*`
 * (how the server sends Chinese names) before plain `filename`.
 */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[2]!.trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  const name = plain ? (plain[2] ?? plain[1]!).trim() : '';
  return name || fallback;
}

/**
 * What a refused download says, in the language in use: the server answers
 * 400 with {"code", "message", "messageEn"} (server/downloads.go refuse);
 * older or other answers are plain text, shown when it is Chinese words.
 */
export function refusalMessage(body: string): string {
  const text = body.trim();
  try {
    const o: unknown = JSON.parse(text);
    if (typeof o === 'object' && o !== null) {
      const r = o as Record<string, unknown>;
      if (typeof r['message'] === 'string' && r['message']) return inLanguage(r['message'], r['messageEn']);
    }
  } catch {
    // not JSON: plain text
  }
  return /[\u4e00-\u9fff]/.test(text) ? text : '';
}

/**
 * Downloads a file of this site with the session cookie and saves it under
 * the name the server gives. Throws an Error with the server's reason (in the
 * language in use) when it refuses; on 401 the app also goes to the sign-in page.
 */
export async function downloadFile(href: string, fallbackName: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(href, { credentials: 'same-origin' });
  } catch {
    throw new UserFacingError(t('errNetwork'));
  }
  if (res.status === 401) {
    authEvents.dispatchEvent(new Event(unauthenticatedEvent));
    throw new UserFacingError(t('downloadExpired'));
  }
  if (res.status === 403) throw new UserFacingError(t('downloadForbidden'));
  if (!res.ok) {
    const said = refusalMessage(await res.text().catch(() => ''));
    throw new UserFacingError(said || t('downloadFailed', { status: res.status }));
  }
  const blob = await res.blob();
  const name = filenameFromDisposition(res.headers.get('Content-Disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
