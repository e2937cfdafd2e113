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

export interface CitizenTable {
  id: string;
  id_number_hash: string;
  id_number_enc: string;
  name_enc: string;
  phone_hash: string | null;
  phone_enc: string | null;
  created_at: string;
  updated_at: string;
}

export interface AccountTable {
  id: string;
  platform: string;
  platform_user_id: string;
  citizen_id: string | null;
  linked_at: string | null;
  face_verified_at: string | null;
  created_at: string;
}

export interface SessionTable {
  id: string;
  account_id: string;
  created_at: string;
  revoked_at: string | null;
  revoked_reason: string | null;
}

export interface RefreshTokenTable {
  token_hash: string;
  session_id: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface RealNameFailureTable {
  account_id: string;
  day: string;
  failures: number;
}

export interface PhoneCodeTable {
  account_id: string;
  phone_hash: string;
  code_hash: string;
  sent_at: string;
  expires_at: string;
  tries: number;
}

export interface FaceSessionTable {
  id: string;
  account_id: string;
  platform: string;
  created_at: string;
  outcome: string | null;
}

export interface Database {
  service_categories: ServiceCategoryTable;
  service_tiles: ServiceTileTable;
  tile_platforms: TilePlatformTable;
  tile_regions: TileRegionTable;
  audit_log: AuditLogTable;
  citizens: CitizenTable;
  accounts: AccountTable;
  sessions: SessionTable;
  refresh_tokens: RefreshTokenTable;
  realname_failures: RealNameFailureTable;
  phone_codes: PhoneCodeTable;
  face_sessions: FaceSessionTable;
}
