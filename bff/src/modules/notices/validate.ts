import { TILE_PAGE_TARGETS } from '@citizen/shared';
import { parseInstant } from '../../time/parse';
import { AppError, BadUserInputError } from '../../errors';

export type NoticeKind = 'BANNER' | 'NOTICE';

export interface NoticeInput {
  id: string;
  kind: NoticeKind;
  title: string;
  titleEn: string;
  body?: string | null;
  bodyEn?: string | null;
  /** An app page (one a tile may open) or an https page on the government allow-list. */
  link?: string | null;
  order: number;
  publishAt?: string | null;
  expireAt?: string | null;
}

const invalid = (field: string) => new BadUserInputError('NOTICE_INVALID', { field });
const length = (text: string) => Array.from(text).length;

/**
 * Checks a notice before it is saved: an id like a tile's, a title a phone shows on one
 * line (a banner 20 characters, a notice 30), short bodies, a link the app can open, and
 * a schedule whose end is after its start (times normalised to ISO instants).
 */
export function validateNotice(input: NoticeInput, webAllowList: string[]): NoticeInput {
  const notice = {
    ...input,
    title: input.title?.trim(),
    titleEn: input.titleEn?.trim(),
    body: input.body?.trim() || null,
    bodyEn: input.bodyEn?.trim() || null,
    link: input.link?.trim() || null,
  };
  if (!/^[a-z0-9][a-z0-9-]{1,63}$/.test(notice.id ?? '')) throw invalid('id');
  if (notice.kind !== 'BANNER' && notice.kind !== 'NOTICE') throw invalid('kind');
  if (!notice.title || length(notice.title) > (notice.kind === 'BANNER' ? 20 : 30)) throw invalid('title');
  if (!notice.titleEn || notice.titleEn.length > 80) throw invalid('titleEn');
  if (notice.body && length(notice.body) > 200) throw invalid('body');
  if (notice.bodyEn && notice.bodyEn.length > 400) throw invalid('bodyEn');
  if (!Number.isInteger(notice.order) || notice.order < 0 || notice.order > 100_000) throw invalid('order');
  if (notice.link) {
    if (notice.link.startsWith('/')) {
      if (!(TILE_PAGE_TARGETS as readonly string[]).includes(notice.link.split('?')[0]!)) throw invalid('link');
    } else {
      let url: URL;
      try {
        url = new URL(notice.link);
      } catch {
        throw invalid('link');
      }
      const allowed = webAllowList.some((domain) => url.hostname === domain || url.hostname.endsWith(`.${domain}`));
      if (url.protocol !== 'https:' || !allowed) throw invalid('link');
    }
  }
  const publishAt = notice.publishAt ? parseInstant(notice.publishAt, 'publishAt', 'NOTICE_INVALID') : null;
  const expireAt = notice.expireAt ? parseInstant(notice.expireAt, 'expireAt', 'NOTICE_INVALID') : null;
  if (publishAt && expireAt && expireAt <= publishAt)
    throw new AppError('NOTICE_INVALID', 'The expiry must come after the publish time', { field: 'expireAt' });
  return { ...notice, publishAt: publishAt?.toISOString() ?? null, expireAt: expireAt?.toISOString() ?? null };
}
