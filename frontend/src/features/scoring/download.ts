// Downloads a file the server makes (a spreadsheet) with the session
// cookie, so a refusal shows as a message instead of an error page.

/** The file name of a Content-Disposition header (filename*=UTF-8''… first). */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  const name = plain?.[2] ?? plain?.[1];
  return name ? name.trim() : null;
}

const statusMessages: Record<number, string> = {
  401: '登录已失效,请重新登录后再下载。',
  403: '您没有下载该文件的权限。',
  404: '要下载的文件不存在。',
};

/** Fetches url and saves it; throws an Error with a Chinese message when the server refuses. */
export async function downloadFile(url: string, fallbackName: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new Error('无法连接服务器,请检查网络后重试。');
  }
  if (!res.ok) {
    const text = (await res.text().catch(() => '')).trim();
    throw new Error(statusMessages[res.status] ?? (/[\u4e00-\u9fff]/.test(text) ? text : `下载失败(${res.status}),请稍后重试。`));
  }
  const blob = await res.blob();
  const name = filenameFromDisposition(res.headers.get('content-disposition')) ?? fallbackName;
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return name;
}
