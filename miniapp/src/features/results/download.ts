import Taro from '@tarojs/taro';
import { ensureSession } from '../identity/session';
import { platform } from '../../platform';

/**
 * Mini-programs (WeChat, Alipay, Baidu): the PDF is downloaded with the citizen's token
 * (downloadFile takes headers) and opened in the platform's document viewer, from which
 * it can be saved or sent. The H5 build saves it through the browser (download.h5.ts).
 */
export async function openDocumentPdf(path: string, _name: string): Promise<boolean> {
  try {
    const session = await ensureSession();
    const { statusCode, tempFilePath } = await Taro.downloadFile({
      url: `${platform.bffUrl}${path}`,
      header: { authorization: `Bearer ${session.accessToken}` },
    });
    if (statusCode !== 200) return false;
    await Taro.openDocument({ filePath: tempFilePath, fileType: 'pdf', showMenu: true });
    return true;
  } catch {
    return false;
  }
}
