import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { maskPlate, type PlateTypeName } from '@citizen/shared';
import type { Config } from '../../config';
import type { Database } from '../../db/schema';
import type { Outbox } from '../../outbox/outbox';
import type { PersonalDataVault } from '../identity/vault';
import type { Messages } from '../messages/service';
import { EXPIRE, NOTIFY_OWNER, REASONS, type Reason } from './service';

/**
 * A car-moving request that came through an owner's 挪车码 (issue 21), written here
 * because car moving owns its tables: someone scanned the code without signing in, so
 * the request has no requester; everything after it — the register's SMS (NOTIFY_OWNER,
 * with whatever quiet hours it honours), the owner's answer page and link token, expiry,
 * reports — is the ordinary request's. Runs in the caller's transaction.
 */
export interface CodeNoticeInput {
  ownerCitizenId: string;
  plate: string;
  plateType: PlateTypeName;
  /** Colour, brand and model from the register. */
  vehicle: string;
  reason: Reason;
  /** An upload already checked to be this notice's photo. */
  photoId: string | null;
  now: Date;
  /** When the owner's quiet hours end, if they are on now and the notice is not urgent (CarMoveService.quietHours.heldUntil): the SMS waits until then. */
  smsAt: Date | null;
}

/** A scanner cannot mark a notice urgent: a blocked exit or fire lane always is (quiet hours never hold its SMS). */
export const codeNoticeUrgent = (reason: Reason): boolean =>
  reason === 'BLOCKING_EXIT' || reason === 'BLOCKING_FIRE_LANE';

/** Where the owner's SMS and message say the car is: a scanner gives no place (the owner knows where they parked). */
const NO_PLACE = '您的车辆停放处';
const REASON_EN: Record<Reason, string> = {
  BLOCKING_EXIT: 'blocking an exit',
  BLOCKING_GARAGE: 'blocking a garage or space',
  BLOCKING_FIRE_LANE: 'in a fire lane',
  DOUBLE_PARKED: 'double parked',
  OTHER: 'another reason',
};

export async function createCodeNotice(
  trx: Transaction<Database>,
  deps: { vault: PersonalDataVault; outbox: Outbox; messages: Messages; config: Config },
  input: CodeNoticeInput,
): Promise<{ requestId: string; answerToken: string }> {
  const { plate, plateType, reason, now } = input;
  const id = randomUUID();
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + deps.config.CAR_MOVE_EXPIRY_MIN * 60_000).toISOString();
  const urgent = codeNoticeUrgent(reason);
  const smsAt = urgent ? null : input.smsAt;
  const details = {
    plateType,
    place: null,
    latitude: null,
    longitude: null,
    vehicle: input.vehicle,
    urgent,
    smsAt: smsAt?.toISOString() ?? null,
  };
  await trx
    .insertInto('car_move_requests')
    .values({
      // No requester: the idempotency key only has to be unique to the request (the scanner's key lives with the code notice).
      id,
      requester_citizen_id: null,
      owner_citizen_id: input.ownerCitizenId,
      idempotency_key: `code:${id}`,
      plate_hash: deps.vault.hash('id', `plate:${plate}`),
      plate_enc: deps.vault.encrypt(plate),
      place_enc: deps.vault.encrypt(JSON.stringify(details)),
      reason,
      status: 'SUBMITTED',
      answer_token_hash: createHash('sha256').update(token).digest('hex'),
      relay_binding_id: null,
      relay_number: null,
      relay_expires_at: null,
      reminded_at: null,
      photo_id: input.photoId,
      created_at: now.toISOString(),
      expires_at: expiresAt,
    })
    .execute();
  await trx
    .insertInto('car_move_events')
    .values({ request_id: id, status: 'SUBMITTED', at: now.toISOString() })
    .execute();
  // The SMS as car moving sends it, held (like any request's) until the owner's quiet hours end.
  await deps.outbox.enqueue(
    trx,
    NOTIFY_OWNER,
    { requestId: id, plate, plateType, place: null, reason, token, reminder: false, ...(smsAt ? { held: true } : {}) },
    smsAt ? { notBefore: smsAt } : undefined,
  );
  await deps.outbox.enqueue(trx, EXPIRE, { requestId: id }, { notBefore: new Date(expiresAt) });
  const link = `${deps.config.PUBLIC_URL.replace(/\/$/, '')}/#/pages/car-move-answer/index?t=${token}`;
  await deps.messages.post(trx, {
    citizenId: input.ownerCitizenId,
    kind: 'CAR_MOVE',
    eventKey: `car-move:${id}:owner:SUBMITTED`,
    topic: 'CAR_MOVE_ALERT',
    sms: false,
    title: `挪车码通知：${maskPlate(plate)}`,
    titleEn: `Car-moving code: please move ${maskPlate(plate)}`,
    body: `有人扫描了您的挪车码：${NO_PLACE}，${REASONS[reason]}。`,
    bodyEn: `Someone scanned your car-moving code: ${REASON_EN[reason]}.`,
    // The owner answers on the page the SMS links to (the same page as any request).
    link: `/pages/car-move-answer/index?t=${token}`,
    params: { plate: maskPlate(plate), place: NO_PLACE, reason: REASONS[reason], page: link },
  });
  return { requestId: id, answerToken: token };
}

/** Requests about one vehicle of an owner, newest first (ids; the car-moving service shows each). */
export async function requestIdsAbout(
  db: Transaction<Database> | import('../../db').Db,
  vault: PersonalDataVault,
  ownerCitizenId: string,
  plate: string,
  limit = 20,
): Promise<string[]> {
  const rows = await db
    .selectFrom('car_move_requests')
    .select('id')
    .where('owner_citizen_id', '=', ownerCitizenId)
    .where('plate_hash', '=', vault.hash('id', `plate:${plate}`))
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** What a scanner may follow of their notice: where it stands and when, nothing about the owner. */
export interface CodeNoticeStatus {
  status: string;
  createdAt: string;
  expiresAt: string;
  timeline: Array<{ status: string; at: string }>;
}

const OPEN = ['SUBMITTED', 'NOTIFIED', 'ACKNOWLEDGED'];
/** Steps the scanner sees: the owner's answers and the end, not the owner's own actions (reports). */
const SCANNER_STEPS = ['SUBMITTED', 'NOTIFIED', 'ACKNOWLEDGED', 'MOVED', 'EXPIRED'];

export async function codeNoticeStatus(
  db: import('../../db').Db,
  requestId: string,
  now: Date,
): Promise<CodeNoticeStatus | null> {
  const row = await db
    .selectFrom('car_move_requests')
    .select(['status', 'created_at', 'expires_at'])
    .where('id', '=', requestId)
    .executeTakeFirst();
  if (!row) return null;
  const events = await db
    .selectFrom('car_move_events')
    .select(['status', 'at'])
    .where('request_id', '=', requestId)
    .orderBy('at')
    .execute();
  // An open request past its time reads as expired, as everywhere in car moving (the expiry job writes it).
  const status = OPEN.includes(row.status) && row.expires_at <= now.toISOString() ? 'EXPIRED' : row.status;
  return {
    status,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    timeline: events.filter((e) => SCANNER_STEPS.includes(e.status)),
  };
}
