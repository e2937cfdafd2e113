import Taro from '@tarojs/taro';
import { platform } from '../../platform';
import { t } from '../../preferences';
import { formatBytes } from './labels';

/**
 * Choosing a photo and checking it before it is sent: a citizen on a slow connection
 * should hear "too large" or "wrong type" at once, not after the upload. The BFF checks
 * again (it reads the type from the bytes).
 */
export interface PickedPhoto {
  path: string;
  size: number;
  /** Null when the platform does not say and the path has no telling extension. */
  type: string | null;
}

const EXTENSION_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  pdf: 'application/pdf',
};
const TYPE_NAMES: Record<string, string> = {
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/webp': 'WEBP',
  'image/heic': 'HEIC',
  'application/pdf': 'PDF',
};

/** H5 gives the file's type; mini-programs give only a temporary path ending in .jpg or .png. */
export function imageType(file: { path: string; type?: string }): string | null {
  if (file.type) return file.type;
  const extension = /\.([a-z0-9]+)$/i.exec(file.path)?.[1]?.toLowerCase();
  return extension ? (EXTENSION_TYPES[extension] ?? `unknown/${extension}`) : null;
}

/** Whether a field takes photos at all (chooseImage can pick nothing else). */
export function acceptsImages(accept: readonly string[] | undefined): boolean {
  return !accept || accept.some((type) => type.startsWith('image/'));
}

/** The problem with a photo for a field, in words, or null when it may be sent. */
export function photoProblem(
  photo: PickedPhoto,
  limits: { accept?: readonly string[]; maxBytes?: number },
): string | null {
  if (
    limits.accept &&
    photo.type &&
    !limits.accept.some(
      (type) => type === photo.type || (type.endsWith('/*') && photo.type!.startsWith(type.slice(0, -1))),
    )
  ) {
    const names = limits.accept.map((type) => TYPE_NAMES[type] ?? type);
    return t(`只能上传 ${names.join('、')} 格式的文件`, `Only ${names.join(' or ')} files can be uploaded`);
  }
  if (limits.maxBytes && photo.size > limits.maxBytes) {
    return t(
      `文件太大（${formatBytes(photo.size)}），请选择不超过 ${formatBytes(limits.maxBytes)} 的文件`,
      `The file is too large (${formatBytes(photo.size)}). Choose one up to ${formatBytes(limits.maxBytes)}.`,
    );
  }
  return null;
}

/** Lets the citizen take or choose one photo. @returns null when they closed the picker (or did not agree to WeChat's privacy guide). */
export async function pickPhoto(): Promise<PickedPhoto | null> {
  if (!(await platform.allowPersonalData('photo'))) return null;
  try {
    const { tempFilePaths, tempFiles } = await Taro.chooseImage({
      count: 1,
      sizeType: ['compressed'],
      sourceType: ['camera', 'album'],
    });
    const file = tempFiles?.[0] ?? { path: tempFilePaths[0], size: 0 };
    return { path: file.path, size: file.size, type: imageType(file) };
  } catch {
    return null;
  }
}
