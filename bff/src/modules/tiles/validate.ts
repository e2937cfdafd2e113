import { INQUIRY_CARD_PAGE, PROVINCES, TILE_ICONS, TILE_PAGE_TARGETS } from '@citizen/shared';
import { parseInstant } from '../../time/parse';
import { AppError, BadUserInputError } from '../../errors';

export interface TileInput {
  id: string;
  title: string;
  titleEn: string;
  icon: string;
  categoryId: string;
  line: 'DO' | 'INQUIRE' | 'BOOK' | 'ASK';
  target: { kind: 'SERVICE' | 'PAGE' | 'WEB' | 'MINIPROGRAM'; value: string };
  platforms: string[];
  regions: string[];
  requiredLevel: number;
  order: number;
  badge?: 'NEW' | 'HOT' | null;
  agency?: string | null;
  publishAt?: string | null;
  expireAt?: string | null;
}

const PLATFORMS = ['WECHAT', 'ALIPAY', 'BAIDU', 'H5'];
const invalid = (field: string) => new BadUserInputError('TILE_INVALID', { field });

/**
 * Checks a tile before it is saved: text lengths, a known icon (built-in or uploaded),
 * an existing category, a target that exists (a catalogue service, an app page or a
 * published 查 card's page, a
 * government web page on the allow-list, or a mini-program app id per platform), real
 * platforms and division codes, and a schedule whose end is after its start.
 */
export async function validateTile(
  input: TileInput,
  lookups: {
    categoryExists(id: string): Promise<boolean>;
    serviceExists(id: string): Promise<boolean>;
    inquiryCardPublished(id: string): Promise<boolean>;
    iconExists(id: string): Promise<boolean>;
    webAllowList: string[];
  },
): Promise<TileInput> {
  const tile = { ...input, title: input.title?.trim(), titleEn: input.titleEn?.trim() };
  if (!/^[a-z0-9][a-z0-9-]{1,63}$/.test(tile.id ?? '')) throw invalid('id');
  if (!tile.title || Array.from(tile.title).length > 12) throw invalid('title');
  if (!tile.titleEn || tile.titleEn.length > 60) throw invalid('titleEn');
  const uploaded = /^upload:([0-9a-f-]{36})$/.exec(tile.icon ?? '');
  if (!(TILE_ICONS as readonly string[]).includes(tile.icon) && !(uploaded && (await lookups.iconExists(uploaded[1]))))
    throw invalid('icon');
  if (!(await lookups.categoryExists(tile.categoryId))) throw invalid('categoryId');
  if (!['DO', 'INQUIRE', 'BOOK', 'ASK'].includes(tile.line)) throw invalid('line');
  if (!Number.isInteger(tile.requiredLevel) || tile.requiredLevel < 0 || tile.requiredLevel > 3)
    throw invalid('requiredLevel');
  if (!Number.isInteger(tile.order) || tile.order < 0 || tile.order > 100_000) throw invalid('order');
  if (!tile.platforms?.length || !tile.platforms.every((p) => PLATFORMS.includes(p))) throw invalid('platforms');
  if (!tile.regions.every((r) => /^\d{6}$/.test(r) && PROVINCES[r.slice(0, 2)])) throw invalid('regions');

  const { kind, value } = tile.target ?? {};
  if (kind === 'SERVICE') {
    if (!(await lookups.serviceExists(value)))
      throw new AppError('TILE_TARGET_UNKNOWN', undefined, { field: 'target' });
  } else if (kind === 'PAGE' && value?.startsWith(`${INQUIRY_CARD_PAGE}?`)) {
    // A 查 card made in the console: its page with the card's id, only once the card is published.
    const id = new URLSearchParams(value.slice(INQUIRY_CARD_PAGE.length + 1)).get('id');
    if (!id || value !== `${INQUIRY_CARD_PAGE}?id=${id}` || !(await lookups.inquiryCardPublished(id)))
      throw new AppError('TILE_TARGET_UNKNOWN', undefined, { field: 'target' });
  } else if (kind === 'PAGE') {
    if (!(TILE_PAGE_TARGETS as readonly string[]).includes(value))
      throw new AppError('TILE_TARGET_UNKNOWN', undefined, { field: 'target' });
  } else if (kind === 'WEB') {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw invalid('target');
    }
    const allowed = lookups.webAllowList.some(
      (domain) => url.hostname === domain || url.hostname.endsWith(`.${domain}`),
    );
    if (url.protocol !== 'https:' || !allowed)
      throw new AppError('TILE_TARGET_NOT_ALLOWED', undefined, { field: 'target' });
  } else if (kind === 'MINIPROGRAM') {
    // {"WECHAT":"wx…","ALIPAY":"2021…"}: an app id for each platform the tile shows on.
    let ids: Record<string, string>;
    try {
      ids = JSON.parse(value);
    } catch {
      throw invalid('target');
    }
    if (
      !tile.platforms.filter((p) => p !== 'H5').every((p) => typeof ids[p] === 'string' && /^[\w-]{4,64}$/.test(ids[p]))
    )
      throw invalid('target');
  } else throw invalid('target');

  const publishAt = tile.publishAt ? parseInstant(tile.publishAt, 'publishAt', 'TILE_INVALID') : null;
  const expireAt = tile.expireAt ? parseInstant(tile.expireAt, 'expireAt', 'TILE_INVALID') : null;
  if (publishAt && expireAt && expireAt <= publishAt)
    throw new AppError('TILE_SCHEDULE_INVALID', undefined, { field: 'expireAt' });
  return {
    ...tile,
    publishAt: publishAt?.toISOString() ?? null,
    expireAt: expireAt?.toISOString() ?? null,
    badge: tile.badge ?? null,
    agency: tile.agency ?? null,
  };
}
