import Taro from '@tarojs/taro';

/**
 * 最近使用: the tiles this citizen opened last, kept on the device only (never sent to
 * the BFF): ids, newest first, at most RECENT_MAX. A tile the operators remove simply
 * drops out, because home shows only ids that are still among the live tiles.
 */
const KEY = 'citizen.recentTiles';
export const RECENT_MAX = 8;

export function recentTileIds(): string[] {
  try {
    const stored: unknown = Taro.getStorageSync(KEY);
    return Array.isArray(stored)
      ? stored.filter((id): id is string => typeof id === 'string').slice(0, RECENT_MAX)
      : [];
  } catch {
    return [];
  }
}

/** Puts a tile first in the list (moving it if it was there already). */
export function rememberTile(id: string): string[] {
  const next = [id, ...recentTileIds().filter((other) => other !== id)].slice(0, RECENT_MAX);
  try {
    Taro.setStorageSync(KEY, next);
  } catch {
    // Storage full or unavailable: the list is a convenience, opening the tile goes on.
  }
  return next;
}
