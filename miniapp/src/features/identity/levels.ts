import Taro from '@tarojs/taro';
import type { MeFieldsFragment } from '@citizen/shared';
import { t } from '../../preferences';

/** What each assurance level means to a citizen; words, not only colours. */
export const LEVEL_NAMES: Record<number, string> = {
  0: '未登录',
  1: '已登录，未实名',
  2: '已实名认证',
  3: '已实名 + 人脸认证',
};
export const LEVEL_NAMES_EN: Record<number, string> = {
  0: 'Not signed in',
  1: 'Signed in, not verified',
  2: 'Real-name verified',
  3: 'Real name + face verified',
};

/** A level's name in the citizen's language. */
export function levelName(level: number): string {
  return t(LEVEL_NAMES[level] ?? '身份认证', LEVEL_NAMES_EN[level] ?? 'verification');
}

/**
 * The page that raises a citizen to `required`, coming back to `returnTo` after,
 * or null when they are already there.
 */
export function stepUpUrl(required: number, me: MeFieldsFragment | null, returnTo: string): string | null {
  const level = me?.level ?? 0;
  if (level >= required) return null;
  const back = encodeURIComponent(returnTo);
  if (level < 2) return `/pages/realname/index?required=${required}&returnTo=${back}`;
  return `/pages/face/index?returnTo=${back}`;
}

const TAB_PAGES = new Set(['/pages/home/index', '/pages/services/index', '/pages/messages/index', '/pages/me/index']);

/**
 * After a verification step: on to the next step if the goal needs more, otherwise
 * back where the citizen came from (a tab, or the page that asked).
 */
export async function continueAfterStep(
  me: MeFieldsFragment,
  required: number,
  returnTo: string | undefined,
): Promise<void> {
  const target = returnTo ? decodeURIComponent(returnTo) : '/pages/me/index';
  const next = stepUpUrl(required, me, target);
  if (next) await Taro.redirectTo({ url: next });
  else if (TAB_PAGES.has(target.split('?')[0])) await Taro.switchTab({ url: target.split('?')[0] });
  else await Taro.redirectTo({ url: target });
}
