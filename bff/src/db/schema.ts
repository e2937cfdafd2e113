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
  /** Shown from this instant (null: at once). */
  publish_at: string | null;
  /** Gone from this instant (null: never). */
  expire_at: string | null;
  live_version: number | null;
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

export interface OutboxTable {
  id: string;
  topic: string;
  payload_enc: string;
  /** pending, sent or dead (gave up after the last attempt). */
  status: string;
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface CarMoveRequestTable {
  id: string;
  requester_citizen_id: string;
  owner_citizen_id: string | null;
  idempotency_key: string;
  plate_hash: string;
  plate_enc: string;
  place_enc: string | null;
  reason: string;
  status: string;
  answer_token_hash: string;
  relay_binding_id: string | null;
  relay_number: string | null;
  relay_expires_at: string | null;
  reminded_at: string | null;
  created_at: string;
  expires_at: string;
  photo_id: string | null;
}

export interface UploadTable {
  id: string;
  citizen_id: string;
  type: string;
  size: number;
  data_enc: string;
  created_at: string;
}

export interface CarMoveEventTable {
  request_id: string;
  status: string;
  at: string;
}

export interface CarMoveReportTable {
  request_id: string;
  requester_citizen_id: string;
  note: string | null;
  at: string;
}

export interface CarMoveSuspensionTable {
  citizen_id: string;
  until: string;
  reports: number;
}

export interface MessageSubscriptionTable {
  account_id: string;
  topic: string;
  remaining: number;
}

export interface OperatorTable {
  id: string;
  username: string;
  password_hash: string;
  /** editor, publisher or admin */
  role: string;
  failed_attempts: number;
  locked_until: string | null;
  created_at: string;
}

export interface TileDraftTable {
  tile_id: string;
  data: string;
  revision: number;
  updated_by: string;
  updated_at: string;
}

export interface TileDraftConflictTable {
  id: string;
  tile_id: string;
  data: string;
  based_on_revision: number;
  author: string;
  at: string;
}

export interface TileVersionTable {
  tile_id: string;
  version: number;
  data: string;
  action: string;
  published_by: string;
  published_at: string;
}

export interface CatalogueServiceTable {
  id: string;
  title: string;
}

export interface TileIconTable {
  id: string;
  type: string;
  data: string;
  uploaded_by: string;
  created_at: string;
}

/** A service that can be applied for online. JSON columns: departments, materials, form. */
export interface ServiceDefinitionTable {
  id: string;
  title: string;
  title_en: string;
  category_id: string;
  /** Comma-separated ServiceLine values. */
  lines: string;
  description: string;
  description_en: string;
  required_level: number;
  departments: string;
  promised_days: number;
  fees: string;
  fees_en: string;
  materials: string;
  form: string;
  status: string;
  updated_at: string;
}

export interface ApplicationDraftTable {
  citizen_id: string;
  service_id: string;
  answers_enc: string;
  version: number;
  updated_at: string;
}

export interface ApplicationTable {
  id: string;
  number: string;
  citizen_id: string;
  account_id: string;
  service_id: string;
  status: string;
  status_reason: string | null;
  /** Typed answers and the values read from records, encrypted together. */
  answers_enc: string;
  /** JSON: licence and upload references (ids only). */
  attachments: string;
  /** JSON: prefill fields the citizen typed because the agency did not answer. */
  unverified_fields: string;
  idempotency_key: string;
  created_at: string;
  updated_at: string;
}

export interface ApplicationDepartmentTable {
  application_id: string;
  department: string;
  status: string;
  reason: string | null;
  receipt_no: string | null;
  updated_at: string;
}

export interface ApplicationEventTable {
  id: string;
  application_id: string;
  department: string | null;
  status: string;
  note: string | null;
  at: string;
}

export interface DepartmentEventTable {
  department: string;
  event_id: string;
  applied_at: string;
}

export interface DepartmentCursorTable {
  department: string;
  last_seq: number;
  updated_at: string;
}

export interface MessageTable {
  id: string;
  citizen_id: string;
  kind: string;
  event_key: string;
  title: string;
  title_en: string;
  body: string;
  body_en: string;
  link: string | null;
  read_at: string | null;
  channel: string;
  delivery_status: string;
  created_at: string;
}

/** A licence code shown once: its nonce, kept when a clerk verifies it. */
export interface LicenceCodeUseTable {
  nonce: string;
  licence_id: string;
  operator_id: string;
  used_at: string;
}

export interface ServiceHallTable {
  id: string;
  name: string;
  name_en: string;
  address: string;
  address_en: string;
  hours: string;
  hours_en: string;
  /** JSON: slot start times (HH:MM, China time) by ISO weekday. */
  schedule: string;
}

export interface HallServiceTable {
  hall_id: string;
  service_id: string;
  capacity: number;
}

export interface AppointmentSlotTable {
  /** hall|service|starts_at */
  id: string;
  hall_id: string;
  service_id: string;
  starts_at: string;
  capacity: number;
  booked: number;
}

export interface AppointmentTable {
  id: string;
  citizen_id: string;
  hall_id: string;
  service_id: string;
  slot_id: string;
  starts_at: string;
  /** BOOKED or CANCELLED. */
  status: string;
  created_at: string;
  updated_at: string;
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
  outbox: OutboxTable;
  car_move_requests: CarMoveRequestTable;
  car_move_events: CarMoveEventTable;
  car_move_reports: CarMoveReportTable;
  car_move_suspensions: CarMoveSuspensionTable;
  message_subscriptions: MessageSubscriptionTable;
  uploads: UploadTable;
  operators: OperatorTable;
  tile_drafts: TileDraftTable;
  tile_draft_conflicts: TileDraftConflictTable;
  tile_versions: TileVersionTable;
  catalogue_services: CatalogueServiceTable;
  tile_icons: TileIconTable;
  service_definitions: ServiceDefinitionTable;
  application_drafts: ApplicationDraftTable;
  applications: ApplicationTable;
  application_departments: ApplicationDepartmentTable;
  application_events: ApplicationEventTable;
  department_events: DepartmentEventTable;
  department_cursors: DepartmentCursorTable;
  messages: MessageTable;
  licence_code_uses: LicenceCodeUseTable;
  service_halls: ServiceHallTable;
  hall_services: HallServiceTable;
  appointment_slots: AppointmentSlotTable;
  appointments: AppointmentTable;
}
