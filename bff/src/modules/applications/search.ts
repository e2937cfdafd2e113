import { pinyin } from 'pinyin-pro';
import type { TileRow } from '../catalogue/store';

interface SearchKeys {
  title: string;
  full: string;
  initials: string;
  english: string;
}

/** What a query is compared with: lower case, no spaces or punctuation. */
const normalise = (text: string) => text.toLowerCase().replace(/[\s·・,，.。()（）\-_/]+/g, '');

/** The elder-mode switch, offered as a search result (its tile id is what the app acts on). */
export const ELDER_MODE_TILE_ID = 'elder-mode';

/**
 * Words people type for what the catalogue calls otherwise: each group searches as its
 * catalogue term, whose results come first. A term of ELDER_MODE_TILE_ID offers the switch.
 */
export const SYNONYMS: ReadonlyArray<{ words: readonly string[]; term: string }> = [
  { words: ['护照', '通行证', '签证', '港澳通行证'], term: '出入境' },
  { words: ['违章', '罚单', '违停', '扣分'], term: '交通违法' },
  { words: ['结婚', '领证', '离婚'], term: '婚姻登记' },
  { words: ['开店', '个体户', '开网店', '营业执照办理'], term: '个体工商户' },
  { words: ['上学', '入学', '小学报名', '一年级'], term: '小学新生入学' },
  { words: ['长辈版', '亲情版', '关怀版', '老年模式', '老人模式', '大字版'], term: ELDER_MODE_TILE_ID },
  { words: ['挪车', '移车', '堵车了'], term: '一键挪车' },
  { words: ['办件进度', '查进度', '查询码'], term: '办件进度查询' },
  { words: ['投诉', '举报', '热线'], term: '12345热线' },
  { words: ['打官司', '请律师', '律师'], term: '法律援助' },
];

const SYNONYM_KEYS = SYNONYMS.map((group) => ({
  term: group.term,
  words: group.words.map((word) => ({
    word: normalise(word),
    pinyin: normalise(pinyin(word, { toneType: 'none', type: 'array' }).join('')),
  })),
}));

/**
 * The catalogue terms a query stands for: `exact` when it contains a colloquial word (or
 * its pinyin), not when it is only the start of one (长辈 while typing 长辈版), whose
 * meaning then comes after the query's own matches (港澳 still finds 往来港澳签注 first).
 */
export function synonymTerms(query: string): Array<{ term: string; exact: boolean }> {
  const q = normalise(query).slice(0, 30);
  if (!q) return [];
  const found: Array<{ term: string; exact: boolean }> = [];
  for (const group of SYNONYM_KEYS) {
    const exact = group.words.some(({ word, pinyin: py }) => q.includes(word) || (py.length >= 4 && q.includes(py)));
    const prefix = group.words.some(
      ({ word, pinyin: py }) => (q.length >= 2 && word.startsWith(q)) || (q.length >= 4 && py.startsWith(q)),
    );
    if (exact || prefix) found.push({ term: group.term, exact });
  }
  return found;
}

const ELDER_MODE_TILE: TileRow = {
  id: ELDER_MODE_TILE_ID,
  title: '长辈版（大字关怀模式）',
  title_en: 'Elder mode (large text)',
  icon: 'chat',
  // 民政 looks after the elderly; the category only labels the result.
  category_id: 'civil-affairs',
  line: 'DO',
  target_kind: 'PAGE',
  target_value: '/pages/me/index',
  agency: null,
  required_level: 0,
  badge: null,
  sort_order: 0,
  status: 'published',
  publish_at: null,
  expire_at: null,
  live_version: null,
};

/**
 * Finds tiles by title, English title or pinyin: whole syllables ("gongjijin") or
 * initials ("gjj"), so a citizen without a Chinese keyboard, or in a hurry, still
 * finds 公积金. Keys are computed once per title and kept.
 */
export class ServiceSearch {
  private readonly keys = new Map<string, SearchKeys>();

  private inCategory(category: { name: string; name_en: string } | undefined, q: string): boolean {
    if (!category) return false;
    const keys = this.keysOf({ title: category.name, title_en: category.name_en });
    return keys.title.includes(q) || keys.initials.includes(q) || keys.full.includes(q) || keys.english.includes(q);
  }

  private keysOf(tile: Pick<TileRow, 'title' | 'title_en'>): SearchKeys {
    const cacheKey = `${tile.title}|${tile.title_en}`;
    let keys = this.keys.get(cacheKey);
    if (!keys) {
      keys = {
        title: normalise(tile.title),
        full: normalise(pinyin(tile.title, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('')),
        initials: normalise(
          pinyin(tile.title, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join(''),
        ),
        english: normalise(tile.title_en),
      };
      if (this.keys.size > 5000) this.keys.clear();
      this.keys.set(cacheKey, keys);
    }
    return keys;
  }

  /**
   * Matching tiles, best first: a title that starts with the query, then contains it,
   * then pinyin, then English, then the tile's category (so 公积金 finds every fund service).
   */
  search<T extends Pick<TileRow, 'title' | 'title_en' | 'category_id'>>(
    tiles: readonly T[],
    query: string,
    categories: ReadonlyMap<string, { name: string; name_en: string }> = new Map(),
    limit = 20,
  ): T[] {
    // A colloquial word first finds what it means, then the query's own matches follow
    // (then what a word the query only begins means).
    const terms = synonymTerms(query).filter((s) => s.term !== ELDER_MODE_TILE_ID);
    if (terms.length === 0) return this.match(tiles, query, categories, limit);
    const meant = (exact: boolean) =>
      terms.filter((s) => s.exact === exact).flatMap((s) => this.match(tiles, s.term, categories, limit));
    const found = [...meant(true), ...this.match(tiles, query, categories, limit), ...meant(false)];
    return [...new Set(found)].slice(0, limit);
  }

  /** Results that are not tiles: the elder-mode switch for 长辈版 and its kin. */
  shortcuts(query: string): TileRow[] {
    return synonymTerms(query).some((s) => s.term === ELDER_MODE_TILE_ID) ? [ELDER_MODE_TILE] : [];
  }

  private match<T extends Pick<TileRow, 'title' | 'title_en' | 'category_id'>>(
    tiles: readonly T[],
    query: string,
    categories: ReadonlyMap<string, { name: string; name_en: string }>,
    limit: number,
  ): T[] {
    const q = normalise(query).slice(0, 30);
    if (!q) return [];
    const scored: Array<{ tile: T; score: number; order: number }> = [];
    tiles.forEach((tile, order) => {
      const k = this.keysOf(tile);
      const score = k.title.startsWith(q)
        ? 0
        : k.title.includes(q)
          ? 1
          : k.initials.startsWith(q)
            ? 2
            : k.initials.includes(q)
              ? 3
              : k.full.startsWith(q)
                ? 4
                : k.full.includes(q)
                  ? 5
                  : k.english.includes(q)
                    ? 6
                    : this.inCategory(categories.get(tile.category_id), q)
                      ? 7
                      : -1;
      if (score >= 0) scored.push({ tile, score, order });
    });
    return scored
      .sort((a, b) => a.score - b.score || a.order - b.order)
      .slice(0, limit)
      .map((s) => s.tile);
  }
}
