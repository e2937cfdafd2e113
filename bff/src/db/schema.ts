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

/** Consent to a version of the privacy policy or the user agreement, per platform account (migration 0017). */
export interface PolicyConsentTable {
  account_id: string;
  document: string;
  version: string;
  accepted_at: string;
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

export interface AttemptCounterTable {
  scope: string;
  window: string;
  count: number;
}

export interface LinkRequestTable {
  account_id: string;
  citizen_id: string;
  created_at: string;
  code_hash: string | null;
  code_sent_at: string | null;
  code_expires_at: string | null;
  code_tries: Generated<number>;
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
  citizen_id: string | null;
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
  /** Null once the requester deleted their account (migration 0013): the owner's record stays, anonymised. */
  requester_citizen_id: string | null;
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

/** 挪车码: an owner's car-moving code for one vehicle (migration 0027). */
export interface CarMoveCodeTable {
  id: string;
  citizen_id: string;
  vehicle_hash: string;
  vehicle_enc: string;
  token_hash: string;
  token_enc: string;
  status: string;
  created_at: string;
  updated_at: string;
}

/** A car-moving request sent by scanning a code (migration 0027). */
export interface CarMoveCodeNoticeTable {
  request_id: string;
  code_id: string | null;
  idempotency_key: string;
  follow_token_hash: string;
  answer_token_enc: string;
  created_at: string;
}

/** A citizen's uploads on one China calendar day (migration 0011). */
export interface UploadQuotaTable {
  citizen_id: string;
  day: string;
  count: number;
  /** bigint: PostgreSQL returns it as a string. */
  bytes: number | string;
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
  /** Before migration 0012 only; notes are kept in note_enc since. */
  note: string | null;
  at: string;
  /** PENDING until an operator decides: CONFIRMED (counts toward a suspension) or DISMISSED. */
  status: Generated<string>;
  note_enc: string | null;
  decided_at: string | null;
  decided_by: string | null;
}

/** A car-moving limit's counter: one row per scope (requester or plate) and period. */
export interface CarMoveQuotaTable {
  scope_key: string;
  period: string;
  count: number;
  expires_at: string;
}

/** Each idempotency key claimed once, before any quota; `outcome` is the first answer. */
export interface CarMoveAttemptTable {
  citizen_id: string;
  idempotency_key: string;
  outcome: string | null;
  created_at: string;
}

/** A request's scene photos, 1–3 (migration 0026). */
export interface CarMovePhotoTable {
  request_id: string;
  position: number;
  upload_id: string;
}

/** An owner's quiet hours, 'HH:MM' China time (migration 0026). */
export interface CarMoveQuietHoursTable {
  citizen_id: string;
  starts_at: string;
  ends_at: string;
  updated_at: string;
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

/** A home notice as it is live (modules/notices). */
export interface HomeNoticeTable {
  id: string;
  kind: string;
  title: string;
  title_en: string;
  body: string | null;
  body_en: string | null;
  link: string | null;
  sort_order: number;
  status: string;
  publish_at: string | null;
  expire_at: string | null;
  live_version: number;
}

export interface NoticeDraftTable {
  notice_id: string;
  data: string;
  revision: number;
  updated_by: string;
  updated_at: string;
}

export interface NoticeVersionTable {
  notice_id: string;
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
  /** JSON fee rule (migration 0020); null or absent: free. */
  fee_rule?: string | null;
  /** The live version (service_versions), from migration 0023. */
  version?: number | null;
  /** JSON ServiceGuide (办事指南), migration 0023; null until written. */
  guide?: string | null;
}

export interface ApplicationDraftTable {
  citizen_id: string;
  service_id: string;
  answers_enc: string;
  version: number;
  updated_at: string;
  /** The service version the draft was saved under (migration 0023). */
  definition_version?: number | null;
}

export interface ApplicationTable {
  id: string;
  number: string;
  /** Null (with account_id) in the anonymous archive a deleted citizen's finished applications leave (migration 0013). */
  citizen_id: string | null;
  account_id: string | null;
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
  /** HMAC of the 6-character query code for progress lookup without signing in (migration 0016); null before it. */
  query_code_hash?: string | null;
  /** The same code encrypted, shown to its owner on the application's pages. */
  query_code_enc?: string | null;
  /** The service version it was submitted under (migration 0023): its form and departments stay those. */
  definition_version?: number | null;
  /** When the citizen asked to withdraw it (migration 0028); null if never. */
  withdraw_requested_at?: string | null;
  /** How the withdrawal ended: WITHDRAWN, or DECIDED_FIRST (a department decided before it arrived). */
  withdraw_outcome?: string | null;
  /** Who submitted it when not the applicant: a parent, guardian or authorised helper (migration 0032). */
  submitted_by_citizen_id?: string | null;
}

/** A session acting for someone else (migration 0032); the right is checked again on every request. */
export interface ActingSessionTable {
  session_id: string;
  actor_citizen_id: string;
  principal_citizen_id: string;
  basis: string;
  relation: string;
  ends_on: string;
  authorisation_id: string | null;
  started_at: string;
}

/** An authorisation between adults (migration 0033): the grantee acts for the grantor within scopes until a China date. */
export interface AuthorisationTable {
  id: string;
  grantor_citizen_id: string;
  grantee_id_hash: string;
  grantee_id_number_enc: string;
  grantee_name_enc: string;
  grantee_citizen_id: string | null;
  grantee_relation: string;
  /** JSON array of scopes. */
  scopes: string;
  /** The last China day it holds. */
  until: string;
  /** PENDING, ACTIVE or REVOKED. */
  status: string;
  created_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}

export interface AuthorisationGrantorLockTable {
  grantor_citizen_id: string;
  touched_at: string;
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
  /** Whose licence it was, so deleting the citizen removes it (migration 0013; null before). */
  citizen_id: string | null;
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
  acting_sessions: ActingSessionTable;
  authorisations: AuthorisationTable;
  authorisation_grantor_locks: AuthorisationGrantorLockTable;
  citizens: CitizenTable;
  accounts: AccountTable;
  policy_consents: PolicyConsentTable;
  sessions: SessionTable;
  refresh_tokens: RefreshTokenTable;
  attempt_counters: AttemptCounterTable;
  link_requests: LinkRequestTable;
  phone_codes: PhoneCodeTable;
  face_sessions: FaceSessionTable;
  outbox: OutboxTable;
  car_move_requests: CarMoveRequestTable;
  car_move_events: CarMoveEventTable;
  car_move_reports: CarMoveReportTable;
  car_move_suspensions: CarMoveSuspensionTable;
  car_move_photos: CarMovePhotoTable;
  car_move_quiet_hours: CarMoveQuietHoursTable;
  car_move_quota: CarMoveQuotaTable;
  car_move_attempts: CarMoveAttemptTable;
  car_move_codes: CarMoveCodeTable;
  car_move_code_notices: CarMoveCodeNoticeTable;
  message_subscriptions: MessageSubscriptionTable;
  uploads: UploadTable;
  upload_quota: UploadQuotaTable;
  operators: OperatorTable;
  tile_drafts: TileDraftTable;
  tile_draft_conflicts: TileDraftConflictTable;
  tile_versions: TileVersionTable;
  home_notices: HomeNoticeTable;
  notice_drafts: NoticeDraftTable;
  notice_versions: NoticeVersionTable;
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
  faq_entries: FaqEntryTable;
  consultations: ConsultationTable;
  consultation_replies: ConsultationReplyTable;
  hotline_events: HotlineEventTable;
  hotline_cursor: HotlineCursorTable;
  payments: PaymentTable;
  utility_accounts: UtilityAccountTable;
  issued_documents: IssuedDocumentTable;
  ratings: RatingTable;
  rating_followups: RatingFollowUpTable;
  payment_reconciliations: PaymentReconciliationTable;
  refund_requests: RefundRequestTable;
  service_drafts: ServiceDraftTable;
  service_versions: ServiceVersionTable;
  authoring_conflicts: AuthoringConflictTable;
  seed_runs: SeedRunTable;
  inquiry_cards: InquiryCardTable;
  inquiry_card_drafts: InquiryCardDraftTable;
  inquiry_card_versions: InquiryCardVersionTable;
}

/** A service being edited in the console (migration 0023): the whole definition as JSON. */
export interface ServiceDraftTable {
  service_id: string;
  data: string;
  revision: number;
  updated_by: string;
  updated_at: string;
}

/** A published version of a service: the definition applications submitted under it keep. */
export interface ServiceVersionTable {
  service_id: string;
  version: number;
  data: string;
  /** seed, publish, rollback:<version> */
  action: string;
  published_by: string;
  published_at: string;
}

/** A stale console edit kept aside (kind: service or inquiry). */
export interface AuthoringConflictTable {
  id: string;
  kind: string;
  subject_id: string;
  data: string;
  based_on_revision: number;
  author: string;
  at: string;
}

/** Which version of each seed set the seeding step has loaded (db/seed.ts). */
export interface SeedRunTable {
  name: string;
  version: number;
  applied_at: string;
}

/** A live 查 card made in the console (migration 0024). */
export interface InquiryCardTable {
  id: string;
  data: string;
  /** published or unpublished */
  status: string;
  live_version: number;
  updated_at: string;
}

export interface InquiryCardDraftTable {
  card_id: string;
  data: string;
  revision: number;
  /** The revision last previewed with a test person's data; publishing needs the current one. */
  previewed_revision: number | null;
  updated_by: string;
  updated_at: string;
}

export interface InquiryCardVersionTable {
  card_id: string;
  version: number;
  data: string;
  action: string;
  published_by: string;
  published_at: string;
}

/** A question and its answer (migration 0016): about one service, or a policy question (service_id null). */
export interface FaqEntryTable {
  id: string;
  service_id: string | null;
  topic: string;
  question: string;
  question_en: string;
  answer: string;
  answer_en: string;
  /** Extra words people search with, space-separated. */
  keywords: string;
  sort_order: number;
  status: string;
  updated_at: string;
}

/** A 12345 consultation, complaint or legal-aid question and where it stands at the hotline. */
export interface ConsultationTable {
  id: string;
  number: string;
  /** Null when asked from an account without a real name (level 1). */
  citizen_id: string | null;
  account_id: string;
  category: string;
  service_id: string | null;
  application_number: string | null;
  question_enc: string;
  location_enc: string | null;
  photo_id: string | null;
  idempotency_key: string;
  ticket_no: string | null;
  status: string;
  reopened: number;
  handled_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ConsultationReplyTable {
  id: string;
  consultation_id: string;
  body: string;
  department: string | null;
  at: string;
}

export interface HotlineEventTable {
  event_id: string;
  applied_at: string;
}

export interface HotlineCursorTable {
  feed: string;
  last_seq: number;
  updated_at: string;
}

/** A fee and how it was paid (migration 0020). Amounts in fen. */
/** A completed application's result: a signed document, or a licence issued by the licence library (migration 0021). */
export interface IssuedDocumentTable {
  id: string;
  citizen_id: string | null;
  application_id: string;
  kind: string;
  title: string;
  title_en: string;
  verify_code: string;
  holder_name_enc: string;
  details_enc: string;
  licence_id: string | null;
  issuer: string;
  issued_at: string;
}

/** 好差评: one rating per finished case (migration 0025). */
export interface RatingTable {
  id: string;
  citizen_id: string | null;
  case_kind: string;
  case_id: string;
  case_number: string;
  service_id: string;
  channel: string;
  level: number;
  indicators: string;
  text_enc: string | null;
  created_at: string;
}

/** The follow-up of a rating of 2 or less, worked by operators (migration 0025). */
export interface RatingFollowUpTable {
  id: string;
  rating_id: string;
  status: string;
  contact_due_at: string;
  action: string | null;
  outcome: string | null;
  callback_result: string | null;
  operator_id: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PaymentTable {
  id: string;
  citizen_id: string | null;
  subject_kind: string;
  subject_id: string;
  item_code: string;
  item_name: string;
  /** Null only for a payment whose English name could not be worked out when the column came (migration 0036). */
  item_name_en: string | null;
  amount_fen: number;
  status: string;
  slip_no: string | null;
  payment_code: string | null;
  channel: string | null;
  channel_order: string | null;
  transaction_id: string | null;
  paid_at: string | null;
  receipt_no: string | null;
  receipt_check_code: string | null;
  receipt_issued_at: string | null;
  refund_reason: string | null;
  refund_no: string | null;
  refunded_at: string | null;
  expires_at: string;
  created_at: string;
  updated_at: string;
}

/** One China day's comparison of our payments with the finance bureau's (migration 0028). */
export interface PaymentReconciliationTable {
  day: string;
  ours: number;
  theirs: number;
  /** JSON array of ReconciliationDifference (modules/payments/reconciliation.ts). */
  differences: string;
  difference_count: number;
  run_at: string;
}

/** A refund an operator asked for; a second operator approves or declines it (migration 0028). */
export interface RefundRequestTable {
  id: string;
  payment_id: string;
  status: string;
  reason: string;
  requested_by: string;
  decided_by: string | null;
  created_at: string;
  decided_at: string | null;
}

/** A household account at a utility, bound by a citizen (生活缴费). */
export interface UtilityAccountTable {
  id: string;
  citizen_id: string;
  utility: string;
  account_no_enc: string;
  account_no_hash: string;
  account_no_masked: string;
  holder_masked: string;
  address_masked: string;
  created_at: string;
}
