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
        initials: normalise(pinyin(tile.title, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('')),
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
  search<T extends Pick<TileRow, 'title' | 'title_en' | 'category_id'>>(tiles: readonly T[], query: string, categories: ReadonlyMap<string, { name: string; name_en: string }> = new Map(), limit = 20): T[] {
    const q = normalise(query).slice(0, 30);
    if (!q) return [];
    const scored: Array<{ tile: T; score: number; order: number }> = [];
    tiles.forEach((tile, order) => {
      const k = this.keysOf(tile);
      const score =
        k.title.startsWith(q) ? 0 : k.title.includes(q) ? 1
        : k.initials.startsWith(q) ? 2 : k.initials.includes(q) ? 3
        : k.full.startsWith(q) ? 4 : k.full.includes(q) ? 5
        : k.english.includes(q) ? 6 : this.inCategory(categories.get(tile.category_id), q) ? 7 : -1;
      if (score >= 0) scored.push({ tile, score, order });
    });
    return scored.sort((a, b) => a.score - b.score || a.order - b.order).slice(0, limit).map((s) => s.tile);
  }
}
