import type { ColumnType, Generated } from 'kysely';

/** Tables of the BFF's own state. Migrations in ./migrations create them. */
export interface ServiceCategoryTable {
  id: string;
  name: string;
  name_en: string;
  icon: string;
  sort_order: number;
}

export interface ServiceTileTable {
  id: string;
  title: string;
  title_en: string;
  icon: string;
  category_id: string;
  /** DO, INQUIRE, BOOK or ASK: the four lines (办 查 约 问). */
  line: string;
  /** SERVICE, PAGE, WEB or MINIPROGRAM. */
  target_kind: string;
  target_value: string;
  /** Agency whose system the service depends on, if any: its outage greys the tile. */
  agency: string | null;
  required_level: number;
  badge: string | null;
  sort_order: number;
  status: string;
  created_at: ColumnType<string, string | undefined, never>;
}

export interface TilePlatformTable {
  tile_id: string;
  platform: string;
}

export interface TileRegionTable {
  tile_id: string;
  /** A GB/T 2260 code: a province (440000), a city (440300) or a county (440305). */
  division_code: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  subject: string;
  detail: string;
}

export interface Database {
  service_categories: ServiceCategoryTable;
  service_tiles: ServiceTileTable;
  tile_platforms: TilePlatformTable;
  tile_regions: TileRegionTable;
  audit_log: AuditLogTable;
}
