import Taro from '@tarojs/taro';
import { INQUIRY_CARD_PAGE } from '@citizen/shared';
import { cachedMe, signIn } from '../identity/session';
import type { Tile } from './selectTiles';
import { platform } from '../../platform';
import { setPreferences, t } from '../../preferences';
import { localized } from '../../preferences/format';
import { platformDialogs, type Dialogs } from '../../components/dialogs';

/** Tab pages (opened with switchTab) and other pages of this app a tile may open directly; other targets open the service page. */
const TAB_PAGES = new Set<string>(['/pages/services/index', '/pages/messages/index', '/pages/me/index']);
const APP_PAGES = new Set<string>([
  ...TAB_PAGES,
  '/pages/car-move/index',
  '/pages/licences/index',
  '/pages/appointments/index',
  '/pages/applications/index',
  '/pages/faq/index',
  '/pages/ask/index',
  '/pages/ask/index?category=LEGAL_AID',
  '/pages/consultations/index',
  '/pages/progress/index',
  '/pages/records/index',
  '/pages/book/index',
  '/fees/pages/bills/index',
  INQUIRY_CARD_PAGE,
]);

/** The search result the BFF gives for 长辈版 and its kin (ELDER_MODE_TILE_ID in bff search.ts). */
export const ELDER_MODE_RESULT = 'elder-mode';

/** What opening needs of a tile: the home grid's tiles and search results both have it. */
export type OpenableTile = Pick<Tile, 'id' | 'title' | 'requiredLevel' | 'available' | 'target'> & { titleEn?: string };

function destination(tile: OpenableTile, title: string): string {
  // A page may carry its query (the records page's type, the booking page's service, a 查 card's id).
  if (
    tile.target.kind === 'PAGE' &&
    (APP_PAGES.has(tile.target.value) || APP_PAGES.has(tile.target.value.split('?')[0]!))
  )
    return tile.target.value;
  // A service tile names its service; an operator's tile id need not be the service id.
  const id = tile.target.kind === 'SERVICE' ? tile.target.value : tile.id;
  return `/pages/service/index?id=${encodeURIComponent(id)}&title=${encodeURIComponent(title)}`;
}

/**
 * Opens what a tile points at. A tile whose department system is down explains
 * instead; one that needs an account offers to sign in first. A tile that needs
 * real name or face opens its page all the same: the citizen sees what the service
 * is before being asked to verify. `dialogs` asks and tells: the page's own (inline
 * in elder mode) or, by default, the platform's modal and toast.
 */
export async function openTile(tile: OpenableTile, dialogs: Dialogs = platformDialogs): Promise<void> {
  const title = localized(tile.title, tile.titleEn);
  // Searching 长辈版, 关怀版 … offers the switch itself: it turns elder mode on here and now.
  if (tile.id === ELDER_MODE_RESULT) {
    setPreferences({ elder: true });
    dialogs.notify(t('已切换为长辈版，可在“我的”中关闭', 'Elder mode is on. Turn it off in Me.'));
    return;
  }
  if (tile.available === false) {
    dialogs.notify(
      t('该部门系统维护中，请稍后再试', 'This department’s system is under maintenance. Please try again later.'),
      { kind: 'error' },
    );
    return;
  }
  const target = destination(tile, title);
  if (tile.requiredLevel >= 1 && !cachedMe()) {
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
  }
  // A level above signing in is not asked for here: the page the tile opens says what
  // the service is first, then what level it needs and why (the service page's 身份要求,
  // a records page's 去认证), and offers the step there.
  if (tile.target.kind === 'WEB' && process.env.TARO_ENV === 'h5') {
    // A government web page: on H5 the browser opens it; mini-programs need a web-view
    // page and a registered business domain, so they show the service page for now.
    window.open(tile.target.value, '_blank', 'noopener');
    return;
  }
  if (tile.target.kind === 'MINIPROGRAM' && process.env.TARO_ENV !== 'h5') {
    try {
      const appId = (JSON.parse(tile.target.value) as Record<string, string>)[platform.name];
      // Each platform's own jump (Baidu's is navigateToSmartProgram); a failed one falls through to the service page.
      if (appId && (await platform.openMiniProgram(appId))) return;
    } catch {
      // a malformed target falls through to the service page
    }
  }
  if (TAB_PAGES.has(target)) void Taro.switchTab({ url: target });
  else void Taro.navigateTo({ url: target });
}
