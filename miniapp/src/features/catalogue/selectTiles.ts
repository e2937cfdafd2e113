import type { HomeScreenQuery, ServiceLine } from '@citizen/shared';
import type { IconName } from '../../components/Icon';

export type Tile = HomeScreenQuery['serviceTiles'][number];
export type Category = HomeScreenQuery['serviceCategories'][number];

export interface TileSection {
  category: Category;
  tiles: Tile[];
}

/** The four lines as the home screen shows them. */
export const LINES: Array<{ line: ServiceLine; icon: IconName; label: string; labelEn: string }> = [
  { line: 'DO', icon: 'file', label: '我要办', labelEn: 'Apply' },
  { line: 'INQUIRE', icon: 'search', label: '我要查', labelEn: 'Inquire' },
  { line: 'BOOK', icon: 'calendar', label: '我要约', labelEn: 'Book' },
  { line: 'ASK', icon: 'chat', label: '我要问', labelEn: 'Ask' },
];

/**
 * Tiles grouped under their categories, in the BFF's order, narrowed by a line and
 * by a keyword (in the Chinese or English title). Categories left empty are dropped.
 */
export function selectTiles(
  data: HomeScreenQuery,
  filter: { line?: ServiceLine | null; keyword?: string },
): TileSection[] {
  const keyword = (filter.keyword ?? '').trim().toLowerCase();
  const matches = (tile: Tile) =>
    (!filter.line || tile.line === filter.line) &&
    (!keyword || tile.title.toLowerCase().includes(keyword) || tile.titleEn.toLowerCase().includes(keyword));
  return data.serviceCategories
    .map((category) => ({
      category,
      tiles: data.serviceTiles.filter((t) => t.category.id === category.id && matches(t)),
    }))
    .filter((section) => section.tiles.length > 0);
}
