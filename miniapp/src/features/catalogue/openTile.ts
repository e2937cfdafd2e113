import Taro from '@tarojs/taro';
import { cachedMe, signIn } from '../identity/session';
import { levelName, stepUpUrl } from '../identity/levels';
import type { Tile } from './selectTiles';
import { platform } from '../../platform';
import { t } from '../../preferences';
import { localized } from '../../preferences/format';
import { platformDialogs, type Dialogs } from '../../components/dialogs';

/** Tab pages (opened with switchTab) and other pages of this app a tile may open directly; other targets open the service page. */
const TAB_PAGES = new Set<string>(['/pages/services/index', '/pages/messages/index', '/pages/me/index']);
const APP_PAGES = new Set<string>([...TAB_PAGES, '/pages/car-move/index', '/pages/licences/index', '/pages/appointments/index', '/pages/applications/index']);

/** What opening needs of a tile: the home grid's tiles and search results both have it. */
export type OpenableTile = Pick<Tile, 'id' | 'title' | 'requiredLevel' | 'available' | 'target'> & { titleEn?: string };

function destination(tile: OpenableTile, title: string): string {
  if (tile.target.kind === 'PAGE' && APP_PAGES.has(tile.target.value)) return tile.target.value;
  // A service tile names its service; an operator's tile id need not be the service id.
  const id = tile.target.kind === 'SERVICE' ? tile.target.value : tile.id;
  return `/pages/service/index?id=${encodeURIComponent(id)}&title=${encodeURIComponent(title)}`;
}

/**
 * Opens what a tile points at. A tile whose department system is down explains
 * instead; one that needs more assurance than the citizen has offers to sign in or
 * to verify, and comes back to the tile afterwards. `dialogs` asks and tells: the
 * page's own (inline in elder mode) or, by default, the platform's modal and toast.
 */
export async function openTile(tile: OpenableTile, dialogs: Dialogs = platformDialogs): Promise<void> {
  const title = localized(tile.title, tile.titleEn);
  if (tile.available === false) {
    dialogs.notify(t('该部门系统维护中，请稍后再试', 'This department’s system is under maintenance. Please try again later.'), { kind: 'error' });
    return;
  }
  const target = destination(tile, title);
  let me = cachedMe();
  if (tile.requiredLevel >= 1 && !me) {
    const confirmed = await dialogs.confirm({
      title: t('需要登录', 'Sign-in needed'),
      content: t(`“${title}”需要登录后使用。`, `Please sign in to use “${title}”.`),
      confirmText: t('登录', 'Sign in'),
    });
    if (!confirmed) return;
    const result = await signIn();
    if (!result.data) {
      dialogs.notify(result.errors[0].message, { kind: 'error' });
      return;
    }
    me = result.data;
  }
  const stepUp = stepUpUrl(tile.requiredLevel, me, target);
  if (stepUp) {
    const confirmed = await dialogs.confirm({
      title: t('需要身份认证', 'Verification needed'),
      content: t(`“${title}”需要${levelName(tile.requiredLevel)}。认证完成后将自动返回。`, `“${title}” is for ${levelName(tile.requiredLevel).toLowerCase()} accounts. You will come back here afterwards.`),
      confirmText: t('去认证', 'Verify'),
    });
    if (confirmed) void Taro.navigateTo({ url: stepUp });
    return;
  }
  if (tile.target.kind === 'WEB' && process.env.TARO_ENV === 'h5') {
    // A government web page: on H5 the browser opens it; mini-programs need a web-view
    // page and a registered business domain, so they show the service page for now.
    window.open(tile.target.value, '_blank', 'noopener');
    return;
  }
  if (tile.target.kind === 'MINIPROGRAM' && process.env.TARO_ENV !== 'h5') {
    try {
      const appId = (JSON.parse(tile.target.value) as Record<string, string>)[platform.name];
      if (appId) {
        void Taro.navigateToMiniProgram({ appId });
        return;
      }
    } catch {
      // a malformed target falls through to the service page
    }
  }
  if (TAB_PAGES.has(target)) void Taro.switchTab({ url: target });
  else void Taro.navigateTo({ url: target });
}
