import Taro from '@tarojs/taro';
import { isErrorCode, type ErrorCode } from '@citizen/shared';
import { failure, type ApiResult } from '../../api/client';
import { platform } from '../../platform';

const DEVICE_KEY = 'carMoveCodes.scannerDevice';

/**
 * A random id kept on this device for the per-device limit on notices (the scanner is not
 * signed in). It names no one; clearing the app's storage makes a new one, which is why
 * the BFF limits per client address and per code as well.
 */
export function scannerDevice(): string {
  let id = '';
  try {
    id = String(Taro.getStorageSync(DEVICE_KEY) || '');
  } catch {
    // Storage refused (private browsing): a fresh id each time.
  }
  if (/^[A-Za-z0-9_-]{8,64}$/.test(id)) return id;
  id = `d-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
  try {
    Taro.setStorageSync(DEVICE_KEY, id);
  } catch {
    // As above.
  }
  return id;
}

/**
 * The code's token from how the page was opened: `t` (the H5 address /m/<token> sends on),
 * `q` (WeChat and Baidu open a mapped link with the scanned address, encoded) or `qrCode`
 * (Alipay's name for the same).
 */
export function tokenFromParams(params: Record<string, string | undefined>): string {
  if (params.t) return params.t;
  const scanned = params.q ?? params.qrCode ?? '';
  let address = scanned;
  try {
    address = decodeURIComponent(scanned);
  } catch {
    // Already decoded.
  }
  return /\/m\/([A-Za-z0-9_-]{16,64})/.exec(address)?.[1] ?? '';
}

/** A photo of the scene through the code's page (multipart, as every platform uploads); no sign-in. */
export async function uploadScenePhoto(token: string, filePath: string): Promise<ApiResult<{ id: string }>> {
  try {
    const response = await Taro.uploadFile({
      url: `${platform.bffUrl}/car-move-codes/photo?t=${encodeURIComponent(token)}`,
      filePath,
      name: 'file',
    });
    const body = JSON.parse(String(response.data || '{}')) as { id?: string; error?: string };
    if (body.id) return { data: { id: body.id }, errors: [] };
    return failure(isErrorCode(body.error) ? (body.error as ErrorCode) : 'INTERNAL_SERVER_ERROR');
  } catch {
    return failure('NETWORK_ERROR');
  }
}

/** A key per notice, kept across retries of the same send. */
export const noticeKey = () => `cc-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
