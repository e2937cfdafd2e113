import { ensureSession } from '../identity/session';
import { platform } from '../../platform';

/**
 * H5: a link cannot carry the bearer token, so the PDF is fetched with it and handed
 * to the browser as a file to save (a blob URL, let go of after a minute).
 */
export async function openDocumentPdf(path: string, name: string): Promise<boolean> {
  try {
    const session = await ensureSession();
    const response = await fetch(`${platform.bffUrl}${path}`, {
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    if (!response.ok) return false;
    const href = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = href;
    link.download = `${name}.pdf`;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(href), 60_000);
    return true;
  } catch {
    return false;
  }
}
