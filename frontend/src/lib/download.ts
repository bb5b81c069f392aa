import { authEvents, unauthenticatedEvent } from './urql';

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
 * Downloads a file of this site with the session cookie and saves it under
 * the name the server gives. Throws an Error with a Chinese message when the
 * server refuses; on 401 the app also goes to the sign-in page.
 */
export async function downloadFile(href: string, fallbackName: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(href, { credentials: 'same-origin' });
  } catch {
    throw new Error('无法连接服务器,请检查网络后重试。');
  }
  if (res.status === 401) {
    authEvents.dispatchEvent(new Event(unauthenticatedEvent));
    throw new Error('登录已过期,请重新登录。');
  }
  if (res.status === 403) throw new Error('您没有导出此文件的权限。');
  if (!res.ok) {
    const text = (await res.text().catch(() => '')).trim();
    throw new Error(/[\u4e00-\u9fff]/.test(text) ? text : `导出失败(HTTP ${res.status}),请稍后重试。`);
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
