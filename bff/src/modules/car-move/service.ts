import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import {
  PLATE_TYPES,
  maskPlate,
  plateTypesFor,
  validatePlace,
  validatePlateWithType,
  type PlateTypeName,
} from '@citizen/shared';
import type { Config } from '../../config';
import type { Db, DbDialect } from '../../db';
import type { CarMoveRequestTable } from '../../db/schema';
import { AppError, BadUserInputError } from '../../errors';
import type { Transaction } from 'kysely';
import type { Outbox } from '../../outbox/outbox';
import type { Database } from '../../db/schema';
import type { UpstreamClient } from '../../upstream/client';
import type { Deadline } from '../../upstream/deadline';
import type { IdentityService } from '../identity/service';
import type { AccountRow } from '../identity/store';
import type { PersonalDataVault } from '../identity/vault';
import type { CarMoveLimiter, Reservation } from './limits';
import type { Messages } from '../messages/service';
import type { PlatformAuth } from '../identity/platforms';
import type { OperatorRow } from '../operators/service';
import type { Platform } from '@citizen/shared';
import { CarMoveError, CarMoveSuspendedError, OwnVehicleError, VehicleNotFoundError } from './errors';
import { RELEASE_RELAY, erasedRequester } from './forget';
import { QuietHours } from './quiet-hours';
import { auditActor, writeAudit } from '../audit/writer';
import type { CitizenDirectory } from '../identity/citizens';

export const REASONS = {
  BLOCKING_EXIT: '挡住出口',
  BLOCKING_GARAGE: '挡住车库/车位',
  BLOCKING_FIRE_LANE: '占用消防通道',
  DOUBLE_PARKED: '并排停车',
  OTHER: '其他原因',
} as const;
export type Reason = keyof typeof REASONS;
export type ReportStatus = 'PENDING' | 'CONFIRMED' | 'DISMISSED';
export type Status = 'SUBMITTED' | 'NOTIFIED' | 'ACKNOWLEDGED' | 'MOVED' | 'EXPIRED' | 'CANCELLED';
/** Steps the timeline shows besides status changes: escalation when nobody answers. */
export type Step = Status | 'REMINDED' | 'VOICE_CALLED' | 'HOTLINE';
/** Open and unanswered: the only requests escalation is for. */
const UNANSWERED: Status[] = ['SUBMITTED', 'NOTIFIED'];
/** The local traffic police hotline a request is handed to. */
export const HOTLINE = '122';
/** The request's number for the 122 desk: its day and the start of its id, nothing personal. */
export const caseNumber = (row: { id: string; created_at: string }) =>
  `NC${row.created_at.slice(0, 10).replace(/-/g, '')}${row.id.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
const OPEN: Status[] = ['SUBMITTED', 'NOTIFIED', 'ACKNOWLEDGED'];

export interface CarMoveInput {
  plate: string;
  /** 号牌种类; without it, the commonest type the characters can carry. */
  plateType?: PlateTypeName | null;
  reason: Reason;
  place?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  idempotencyKey: string;
  /** Older app versions: one upload of the requester's (POST /uploads), metadata already stripped. */
  photoId?: string | null;
  /** 1–3 uploads of the requester's: the scene, as 交管12123 asks. */
  photoIds?: string[] | null;
  /** The requester says it cannot wait: the SMS goes out even in the owner's quiet hours. */
  urgent?: boolean | null;
}

/** How many scene photos a request carries. */
export const SCENE_PHOTOS = { min: 1, max: 3 } as const;

interface Details {
  /** Absent on requests made before plate types: the commonest type for the characters. */
  plateType?: PlateTypeName;
  place: string | null;
  latitude: number | null;
  longitude: number | null;
  vehicle: string;
  /** Marked urgent by the requester, or a blocked exit (always urgent). Absent before issue 21: not urgent. */
  urgent?: boolean;
  /** When the owner's SMS was held for their quiet hours: the time it goes out. */
  smsAt?: string | null;
}

export interface CarMoveView {
  id: string;
  role: 'REQUESTER' | 'OWNER';
  maskedPlate: string;
  plateType: PlateTypeName;
  vehicle: string;
  reason: Reason;
  place: string | null;
  status: Status;
  createdAt: string;
  expiresAt: string;
  timeline: Array<{ status: Step; at: string }>;
  canRemindAt: string | null;
  reminded: boolean;
  relayNumber: string | null;
  relayExpiresAt: string | null;
  hasPhoto: boolean;
  /** The owner's report on this request and where an operator's decision stands; null when none. */
  report: ReportStatus | null;
  nextStep: { kind: 'REMIND' | 'VOICE_CALL' | 'HOTLINE'; availableAt: string } | null;
  caseNumber: string;
  hotline: string | null;
  photoCount: number;
  urgent: boolean;
  /** Until when the owner's SMS waits for their quiet hours; null once sent or when it did not wait. */
  smsDeferredUntil: string | null;
}

/** A report waiting for an operator, as the console lists it. */
export interface PendingReportView {
  requestId: string;
  maskedPlate: string;
  reason: Reason;
  requestedAt: string;
  reportedAt: string;
  note: string | null;
  /** Reports on the same requester an operator has already confirmed within the year. */
  confirmedReports: number;
}

/** Where the owner's SMS says the car is when the requester gave no place and no coordinates. */
const NO_PLACE = '您的车辆停放处';
/** The one SMS the owner gets: a template with fixed wording; only these parameters vary. */
const SMS_PLACE = (place: string | null | undefined) => {
  // Checked again at sending: a message queued before the check existed must not carry free text.
  const checked = validatePlace(place);
  return checked.ok && checked.value ? checked.value : NO_PLACE;
};

export const NOTIFY_OWNER = 'car-move.notify-owner';

const REASON_EN: Record<Reason, string> = {
  BLOCKING_EXIT: 'blocking an exit',
  BLOCKING_GARAGE: 'blocking a garage or space',
  BLOCKING_FIRE_LANE: 'in a fire lane',
  DOUBLE_PARKED: 'double parked',
  OTHER: 'another reason',
};

/** Who hears of each step in Messages, and in what words. */
const STEP_NOTICES: Partial<
  Record<Status, { to: 'REQUESTER' | 'OWNER'; zh: string; en: string; bodyZh: string; bodyEn: string }>
> = {
  NOTIFIED: {
    to: 'REQUESTER',
    zh: '已通知车主',
    en: 'Owner notified',
    bodyZh: '挪车通知已送达车主，请稍候。',
    bodyEn: 'The owner has been told. Please wait a moment.',
  },
  ACKNOWLEDGED: {
    to: 'REQUESTER',
    zh: '车主正在赶来',
    en: 'Owner on the way',
    bodyZh: '车主已确认，正在赶来挪车。',
    bodyEn: 'The owner has answered and is on the way.',
  },
  MOVED: {
    to: 'REQUESTER',
    zh: '车辆已挪走',
    en: 'Car moved',
    bodyZh: '车主表示已挪车。',
    bodyEn: 'The owner says the car has been moved.',
  },
  EXPIRED: {
    to: 'REQUESTER',
    zh: '挪车请求已结束',
    en: 'Request closed',
    bodyZh: '车主未在30分钟内回应。如仍受阻，可拨打122。',
    bodyEn: 'The owner did not answer within 30 minutes. If you are still blocked, call 122.',
  },
  CANCELLED: {
    to: 'OWNER',
    zh: '挪车请求已取消',
    en: 'Request cancelled',
    bodyZh: '对方已取消挪车请求，无需再挪车。',
    bodyEn: 'The request was cancelled; there is no need to move the car.',
  },
};
/** Scheduled work: a request's expiry, queued with the request for its expiry time. */
export const EXPIRE = 'car-move.expire';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The outbox message that tells a car's owner (and, with `reminder`, tells them again). */
type OwnerNotice = {
  requestId: string;
  plate: string;
  plateType?: PlateTypeName;
  place: string | null;
  reason: Reason;
  token: string;
  reminder: boolean;
  held?: boolean;
};

/**
 * One-click car moving. A verified citizen names a plate; the vehicle register finds
 * the owner; the request and the owner's notification are written together and the
 * notification leaves through the outbox (SMS through the register, so the owner's
 * number never reaches us, let alone the requester). The owner answers from the link
 * in the message. Neither side sees the other's number; a relay number can join them.
 */
export class CarMoveService {
  /** Owners' quiet hours: setting them, and when an SMS to an owner must wait. */
  readonly quietHours: QuietHours;

  constructor(
    private readonly deps: {
      db: Db;
      /** PostgreSQL needs a lock where SQLite's single writer already serialises. */
      dialect?: DbDialect;
      vault: PersonalDataVault;
      citizens: CitizenDirectory;
      upstream: UpstreamClient;
      outbox: Outbox;
      limiter: CarMoveLimiter;
      identity: IdentityService;
      messages: Messages;
      platforms: Record<Platform, PlatformAuth>;
      config: Config;
      logger: Logger;
      now?: () => Date;
    },
  ) {
    this.quietHours = new QuietHours({
      db: deps.db,
      citizens: deps.citizens,
      upstream: deps.upstream,
      identity: deps.identity,
      now: () => this.now(),
    });
    deps.outbox.on(NOTIFY_OWNER, (payload: OwnerNotice, messageId) => this.notifyOwner(payload, messageId));
    deps.outbox.on(EXPIRE, (payload: { requestId: string }) => this.expire(payload.requestId));
  }

  private answerLink(token: string): string {
    return `${this.deps.config.PUBLIC_URL.replace(/\/$/, '')}/#/pages/car-move-answer/index?t=${token}`;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /**
   * @throws PLATE_FORMAT/PLATE_PROVINCE, CAR_MOVE_PLACE_INVALID, VEHICLE_NOT_FOUND, CAR_MOVE_LIMIT_*,
   * CAR_MOVE_SUSPENDED, ASSURANCE_LEVEL_TOO_LOW, AGENCY_UNAVAILABLE. The same idempotency key
   * returns the first request (or the first VEHICLE_NOT_FOUND), sends nothing new and takes no quota.
   * `deadline`: the request's, for the register's calls.
   */
  async request(
    account: AccountRow,
    input: CarMoveInput,
    deadline: Deadline | null,
    retried = 0,
  ): Promise<CarMoveView> {
    this.deps.identity.requireLevel(account, 2);
    const citizenId = account.citizen_id!;
    const plateType = input.plateType ?? plateTypesFor(input.plate)[0] ?? 'SMALL';
    const checked = validatePlateWithType(input.plate, plateType);
    if (!checked.ok)
      throw new BadUserInputError(checked.problem, {
        field: checked.problem.startsWith('PLATE_TYPE') ? 'plateType' : 'plate',
      });
    if (!(input.reason in REASONS)) throw new BadUserInputError('BAD_USER_INPUT', { field: 'reason' });
    const placeChecked = validatePlace(input.place);
    if (!placeChecked.ok)
      throw new BadUserInputError('CAR_MOVE_PLACE_INVALID', { field: 'place', reason: placeChecked.reason });
    // Scene evidence, as 交管12123 asks: where (the platform's location or a place picked on the
    // map) and 1–3 photos. Refused before anything is taken or asked: nothing reaches the owner.
    if (input.latitude == null || input.longitude == null)
      throw new BadUserInputError('CAR_MOVE_LOCATION_REQUIRED', { field: 'location' });
    if (!(Math.abs(input.latitude) <= 90 && Math.abs(input.longitude) <= 180))
      throw new BadUserInputError('BAD_USER_INPUT', { field: 'latitude' });
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(input.idempotencyKey ?? ''))
      throw new BadUserInputError('BAD_USER_INPUT', { field: 'idempotencyKey' });
    const photoIds = [...new Set([...(input.photoIds ?? []), ...(input.photoId ? [input.photoId] : [])].map(String))];
    if (photoIds.length < SCENE_PHOTOS.min || photoIds.length > SCENE_PHOTOS.max)
      throw new BadUserInputError('CAR_MOVE_PHOTOS_REQUIRED', { field: 'photos', ...SCENE_PHOTOS });

    // Step 1: a retry of a request already made is answered with it.
    const existing = await this.byIdempotencyKey(citizenId, input.idempotencyKey);
    if (existing) return this.view(existing, 'REQUESTER');

    // Every photo must be the requester's own upload.
    const own = await this.deps.db
      .selectFrom('uploads')
      .select('id')
      .where('id', 'in', photoIds)
      .where('citizen_id', '=', citizenId)
      .execute();
    if (own.length !== photoIds.length)
      throw new BadUserInputError('UPLOAD_NOT_FOUND', { field: input.photoIds?.length ? 'photoIds' : 'photoId' });

    // Step 2: a suspended requester goes no further.
    const now = this.now();
    const suspension = await this.deps.db
      .selectFrom('car_move_suspensions')
      .selectAll()
      .where('citizen_id', '=', citizenId)
      .executeTakeFirst();
    if (suspension && suspension.until > now.toISOString()) throw new CarMoveSuspendedError(suspension.until);

    // Step 3: claim the idempotency key, then the quota — both before the register is asked,
    // so a requester at their limit learns nothing about the plate and costs no register call.
    // A key someone else (a concurrent retry) claimed first is answered with that try's outcome.
    const claimed = await this.deps.db
      .insertInto('car_move_attempts')
      .values({
        citizen_id: citizenId,
        idempotency_key: input.idempotencyKey,
        outcome: null,
        created_at: now.toISOString(),
      })
      .onConflict((oc) => oc.columns(['citizen_id', 'idempotency_key']).doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) !== 1)
      return this.firstOutcome(account, input, deadline, retried);
    const unclaim = () =>
      this.deps.db
        .deleteFrom('car_move_attempts')
        .where('citizen_id', '=', citizenId)
        .where('idempotency_key', '=', input.idempotencyKey)
        .execute();
    const plate = checked.plate;
    const plateHash = this.deps.vault.hash('id', `plate:${plate}`);
    let reservation: Reservation;
    try {
      reservation = await this.deps.limiter.reserve({ citizenId, plateHash, now });
    } catch (error) {
      // Refused: the key is free again (tomorrow's retry may go through).
      await unclaim();
      throw error;
    }

    try {
      return await this.create(
        account,
        input,
        {
          plate,
          plateType: checked.plateType,
          plateHash,
          place: placeChecked.value,
          photoIds,
          now,
        },
        deadline,
      );
    } catch (error) {
      if (error instanceof VehicleNotFoundError) {
        // The quota stays taken: counting the attempt, not the hit, is what stops plate enumeration.
        await this.deps.db
          .updateTable('car_move_attempts')
          .set({ outcome: 'VEHICLE_NOT_FOUND' })
          .where('citizen_id', '=', citizenId)
          .where('idempotency_key', '=', input.idempotencyKey)
          .execute();
        throw error;
      }
      // Nothing was tried (the register is down, say): an outage must not eat people's quota.
      await this.deps.limiter
        .release(reservation)
        .catch((e) => this.deps.logger.warn({ err: e }, 'car-move quota release failed'));
      await unclaim();
      throw error;
    }
  }

  /** Waits for the first try with this key (a concurrent retry) and answers as it did. */
  private async firstOutcome(
    account: AccountRow,
    input: CarMoveInput,
    deadline: Deadline | null,
    retried: number,
  ): Promise<CarMoveView> {
    const citizenId = account.citizen_id!;
    const waitUntil = Date.now() + 10_000;
    while (Date.now() < waitUntil) {
      const row = await this.byIdempotencyKey(citizenId, input.idempotencyKey);
      if (row) return this.view(row, 'REQUESTER');
      const attempt = await this.deps.db
        .selectFrom('car_move_attempts')
        .select('outcome')
        .where('citizen_id', '=', citizenId)
        .where('idempotency_key', '=', input.idempotencyKey)
        .executeTakeFirst();
      if (attempt?.outcome === 'VEHICLE_NOT_FOUND') throw new VehicleNotFoundError();
      // The first try was refused or gave its quota back: this one may try afresh.
      if (!attempt && retried < 3) return this.request(account, input, deadline, retried + 1);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new AppError('AGENCY_TIMEOUT', 'the first try with this idempotency key is still waiting', {
      agency: 'vehicle',
    });
  }

  /** Steps 4 and 5, with the quota taken: the register's answer, then the request written. */
  private async create(
    account: AccountRow,
    input: CarMoveInput,
    claim: {
      plate: string;
      plateType: PlateTypeName;
      plateHash: string;
      place: string | null;
      photoIds: string[];
      now: Date;
    },
    deadline: Deadline | null,
  ): Promise<CarMoveView> {
    const citizenId = account.citizen_id!;
    const { plate, plateType, plateHash, now } = claim;
    // The register keys vehicles by plate and type: the same characters on another type are another car.
    const typeQuery = `?plateType=${PLATE_TYPES[plateType].code}`;
    // Step 4: the register knows the vehicle (and, for us, who owns it: an ID number we only hash).
    // Both reads at once: the second answers 404 too when the plate is unknown.
    const [vehicle, owner] = await Promise.all([
      this.deps.upstream.request<{ brand?: string; model?: string; color?: string }>('vehicle', {
        path: `/v1/vehicles/${encodeURIComponent(plate)}${typeQuery}`,
        deadline,
      }),
      this.deps.upstream.request<{ ownerIdNumber?: string }>('vehicle', {
        path: `/v1/vehicles/${encodeURIComponent(plate)}/owner${typeQuery}`,
        deadline,
      }),
    ]);
    if (vehicle.status === 404) throw new VehicleNotFoundError();
    if (vehicle.status !== 200)
      throw new AppError('AGENCY_UNAVAILABLE', 'vehicle register gave no answer', { agency: 'vehicle' });
    const ownerCitizenId = owner.body?.ownerIdNumber ? await this.deps.citizens.idOf(owner.body.ownerIdNumber) : null;
    // Nobody needs a request to move their own car (and a test of the service on oneself would text oneself).
    if (ownerCitizenId === citizenId) throw new OwnVehicleError();
    // No words, but coordinates: the district they fall in, never the coordinates themselves.
    const place =
      claim.place ??
      (input.latitude != null && input.longitude != null
        ? await this.districtAt(input.latitude, input.longitude, deadline)
        : null);

    // Step 5: the request, its first event and the owner's notification, in one transaction.
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + this.deps.config.CAR_MOVE_EXPIRY_MIN * 60_000).toISOString();
    const token = randomBytes(24).toString('base64url');
    // A blocked exit cannot wait for anyone's night: it is always urgent.
    const urgent = input.urgent === true || input.reason === 'BLOCKING_EXIT';
    // An owner's quiet hours hold the SMS (never the in-app message) until they end, unless urgent.
    const smsAt = ownerCitizenId && !urgent ? await this.quietHours.heldUntil(ownerCitizenId, now) : null;
    const details: Details = {
      plateType,
      place,
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      vehicle: `${vehicle.body?.color ?? ''}色 ${vehicle.body?.brand ?? ''}${vehicle.body?.model ?? ''}`.trim(),
      urgent,
      smsAt: smsAt?.toISOString() ?? null,
    };
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('car_move_requests')
        .values({
          id,
          requester_citizen_id: citizenId,
          owner_citizen_id: ownerCitizenId,
          idempotency_key: input.idempotencyKey,
          plate_hash: plateHash,
          plate_enc: this.deps.vault.encrypt(plate),
          place_enc: this.deps.vault.encrypt(JSON.stringify(details)),
          reason: input.reason,
          status: 'SUBMITTED',
          answer_token_hash: hashToken(token),
          relay_binding_id: null,
          relay_number: null,
          relay_expires_at: null,
          reminded_at: null,
          photo_id: claim.photoIds[0],
          created_at: now.toISOString(),
          expires_at: expiresAt,
        })
        .execute();
      await trx
        .insertInto('car_move_photos')
        .values(claim.photoIds.map((uploadId, i) => ({ request_id: id, position: i + 1, upload_id: uploadId })))
        .execute();
      await trx
        .updateTable('car_move_attempts')
        .set({ outcome: 'REQUESTED' })
        .where('citizen_id', '=', citizenId)
        .where('idempotency_key', '=', input.idempotencyKey)
        .execute();
      await trx
        .insertInto('car_move_events')
        .values({ request_id: id, status: 'SUBMITTED', at: now.toISOString() })
        .execute();
      await this.deps.outbox.enqueue(
        trx,
        NOTIFY_OWNER,
        {
          requestId: id,
          plate,
          plateType,
          place,
          reason: input.reason,
          token,
          reminder: false,
          ...(smsAt ? { held: true } : {}),
        },
        smsAt ? { notBefore: smsAt } : undefined,
      );
      // Its expiry is scheduled work, queued now for its time: no one has to look at the request for it to end.
      await this.deps.outbox.enqueue(trx, EXPIRE, { requestId: id }, { notBefore: new Date(expiresAt) });
      // An owner who uses the app finds it in Messages, and gets a platform message where they
      // subscribed (one consent each); the register's SMS reaches their phone either way.
      if (ownerCitizenId) {
        await this.deps.messages.post(trx, {
          citizenId: ownerCitizenId,
          kind: 'CAR_MOVE',
          eventKey: `car-move:${id}:owner:SUBMITTED`,
          topic: 'CAR_MOVE_ALERT',
          sms: false,
          title: `请您挪车：${maskPlate(plate)}`,
          titleEn: `Please move your car ${maskPlate(plate)}`,
          body: `${SMS_PLACE(place)}，${REASONS[input.reason]}。`,
          bodyEn: `${place ?? 'Where your car is parked'}: ${REASON_EN[input.reason]}.`,
          link: `/pages/car-move-status/index?id=${id}`,
          params: {
            plate: maskPlate(plate),
            place: SMS_PLACE(place),
            reason: REASONS[input.reason],
            page: this.answerLink(token),
          },
        });
      }
    });
    void this.deps.outbox.drain();
    return this.view((await this.row(id))!, 'REQUESTER');
  }

  /**
   * The district (e.g. 广州市天河区) the coordinates fall in, from the register's map of
   * traffic-police districts; null when it has none or does not answer (the SMS then says
   * only "where your car is parked": a missing district is no reason to refuse the request).
   */
  private async districtAt(latitude: number, longitude: number, deadline: Deadline | null): Promise<string | null> {
    try {
      const response = await this.deps.upstream.request<{ city?: string; district?: string }>('vehicle', {
        path: `/v1/districts/at?latitude=${latitude}&longitude=${longitude}`,
        deadline,
      });
      if (response.status !== 200 || !response.body?.district) return null;
      const checked = validatePlace(`${response.body.city ?? ''}${response.body.district}`);
      return checked.ok ? checked.value : null;
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'district lookup failed');
      return null;
    }
  }

  /** The outbox handler: the register texts the owner. Throws (so it is retried) until the register acknowledges. */
  private async notifyOwner(payload: OwnerNotice, messageId: string): Promise<void> {
    if (payload.held) {
      // Held for the owner's quiet hours: a request answered in the app, cancelled or ended meanwhile needs no SMS.
      const row = await this.row(payload.requestId);
      if (!row || !UNANSWERED.includes(this.expireIfDue(row).status as Status)) return;
    }
    const link = this.answerLink(payload.token);
    const response = await this.deps.upstream.request('vehicle', {
      method: 'POST',
      path: '/v1/owner-notifications',
      headers: { 'idempotency-key': messageId },
      // Delivered after the request that queued it (even when it drains at once): not bound to it.
      deadline: null,
      body: {
        plate: payload.plate,
        // Queued before plate types: the register's own default (the first vehicle with the characters).
        ...(payload.plateType ? { plateType: PLATE_TYPES[payload.plateType].code } : {}),
        templateId: payload.reminder ? 'CAR_MOVE_REMINDER' : 'CAR_MOVE',
        // No requester identity, and the plate masked: the owner knows their own car.
        params: {
          plate: maskPlate(payload.plate),
          place: SMS_PLACE(payload.place),
          reason: REASONS[payload.reason],
          link,
        },
      },
    });
    if (response.status !== 200) throw new Error(`vehicle register answered ${response.status}`);
    const now = this.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const moved = await trx
        .updateTable('car_move_requests')
        .set({ status: 'NOTIFIED' })
        .where('id', '=', payload.requestId)
        .where('status', '=', 'SUBMITTED')
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) === 1) await this.addEvent(payload.requestId, 'NOTIFIED', now, trx);
    });
  }

  /** Records a step once, and tells the side it concerns in Messages (once: the step is recorded once), in the caller's transaction or its own. */
  private async addEvent(requestId: string, status: Step, at: string, within?: Transaction<Database>): Promise<void> {
    const record = async (trx: Transaction<Database>) => {
      const added = await trx
        .insertInto('car_move_events')
        .values({ request_id: requestId, status, at })
        .onConflict((oc) => oc.columns(['request_id', 'status']).doNothing())
        .executeTakeFirst();
      const notice = STEP_NOTICES[status as Status];
      if (Number(added.numInsertedOrUpdatedRows ?? 0) !== 1 || !notice) return;
      const row = await trx
        .selectFrom('car_move_requests')
        .select(['requester_citizen_id', 'owner_citizen_id', 'plate_enc'])
        .where('id', '=', requestId)
        .executeTakeFirstOrThrow();
      const citizenId = notice.to === 'REQUESTER' ? row.requester_citizen_id : row.owner_citizen_id;
      if (!citizenId) return;
      const plate = maskPlate(this.deps.vault.decrypt(row.plate_enc));
      await this.deps.messages.post(trx, {
        // In the app and on the platform where subscribed; no extra SMS for each step.
        citizenId,
        kind: 'CAR_MOVE',
        eventKey: `car-move:${requestId}:${notice.to.toLowerCase()}:${status}`,
        topic: 'CAR_MOVE_ALERT',
        sms: false,
        title: `${notice.zh}：${plate}`,
        titleEn: `${notice.en}: ${plate}`,
        body: notice.bodyZh,
        bodyEn: notice.bodyEn,
        link: `/pages/car-move-status/index?id=${requestId}`,
        params: { plate, status: notice.zh },
      });
    };
    if (within) await record(within);
    else await this.deps.db.transaction().execute(record);
  }

  private row(id: string) {
    return this.deps.db.selectFrom('car_move_requests').selectAll().where('id', '=', id).executeTakeFirst();
  }

  private byIdempotencyKey(citizenId: string, key: string) {
    return this.deps.db
      .selectFrom('car_move_requests')
      .selectAll()
      .where('requester_citizen_id', '=', citizenId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  /**
   * An open request past its time reads as EXPIRED, whoever looks — without writing:
   * the expiry itself is scheduled work (`expire`, queued with the request), so a read
   * never changes state and every answer agrees with the clock.
   */
  private expireIfDue(row: CarMoveRequestTable): CarMoveRequestTable {
    if (!OPEN.includes(row.status as Status) || row.expires_at > this.now().toISOString()) return row;
    return { ...row, status: 'EXPIRED', relay_number: null, relay_expires_at: null };
  }

  /** The outbox handler of EXPIRE: ends a request still open at its time. Throws (so it is tried later) when the time has not come. */
  private async expire(requestId: string): Promise<void> {
    const row = await this.row(requestId);
    if (!row || !OPEN.includes(row.status as Status)) return; // answered, cancelled or erased meanwhile
    if (row.expires_at > this.now().toISOString()) throw new Error('car-move request not due to expire yet');
    await this.close(row, 'EXPIRED');
  }

  /**
   * Closes an open request: its status, its event (and the notice to the side it
   * concerns) and the release of its relay number, in one transaction — the release
   * leaves through the outbox, so a register that is down delays it without losing it.
   */
  private async close(row: CarMoveRequestTable, status: 'EXPIRED' | 'CANCELLED' | 'MOVED'): Promise<void> {
    const now = this.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const changed = await trx
        .updateTable('car_move_requests')
        .set({ status, relay_binding_id: null, relay_number: null, relay_expires_at: null })
        .where('id', '=', row.id)
        .where('status', 'in', OPEN)
        .returning(['id'])
        .executeTakeFirst();
      if (!changed) return;
      await this.addEvent(row.id, status, now, trx);
      if (row.relay_binding_id) await this.deps.outbox.enqueue(trx, RELEASE_RELAY, { bindingId: row.relay_binding_id });
    });
    void this.deps.outbox.drain();
  }

  /** A request the account's citizen made or received. Anyone else gets CAR_MOVE_NOT_FOUND, as if it did not exist. */
  private async ownRequest(
    account: AccountRow,
    id: string,
  ): Promise<{ row: CarMoveRequestTable; role: 'REQUESTER' | 'OWNER' }> {
    const row = account.citizen_id ? await this.row(String(id ?? '')) : undefined;
    if (row && row.requester_citizen_id === account.citizen_id)
      return { row: this.expireIfDue(row), role: 'REQUESTER' };
    if (row && row.owner_citizen_id === account.citizen_id) return { row: this.expireIfDue(row), role: 'OWNER' };
    throw new CarMoveError('CAR_MOVE_NOT_FOUND', { field: 'id' });
  }

  async get(account: AccountRow, id: string): Promise<CarMoveView> {
    const { row, role } = await this.ownRequest(account, id);
    return this.view(row, role);
  }

  /** The citizen's requests, made and received, newest first. */
  async list(account: AccountRow): Promise<CarMoveView[]> {
    if (!account.citizen_id) return [];
    const rows = await this.deps.db
      .selectFrom('car_move_requests')
      .selectAll()
      .where((eb) =>
        eb.or([eb('requester_citizen_id', '=', account.citizen_id!), eb('owner_citizen_id', '=', account.citizen_id!)]),
      )
      .orderBy('created_at', 'desc')
      .limit(50)
      .execute();
    const current = rows.map((r) => this.expireIfDue(r));
    // Every request's timeline in one query, not one query a request.
    const [timelines, reports, photos] = await Promise.all([
      this.timelines(current.map((r) => r.id)),
      this.reportStatuses(current.map((r) => r.id)),
      this.photoCounts(current.map((r) => r.id)),
    ]);
    return Promise.all(
      current.map((r) =>
        this.view(
          r,
          r.requester_citizen_id === account.citizen_id ? 'REQUESTER' : 'OWNER',
          timelines.get(r.id) ?? [],
          reports,
          photos.get(r.id) ?? (r.photo_id ? 1 : 0),
        ),
      ),
    );
  }

  async cancel(account: AccountRow, id: string): Promise<CarMoveView> {
    const { row, role } = await this.ownRequest(account, id);
    if (role !== 'REQUESTER') throw new CarMoveError('CAR_MOVE_NOT_FOUND', { field: 'id' });
    if (!OPEN.includes(row.status as Status)) throw new CarMoveError('CAR_MOVE_CLOSED');
    await this.close(row, 'CANCELLED');
    return this.view((await this.row(row.id))!, role);
  }

  /** One reminder, not before REMINDER_AFTER minutes, through the outbox like the first message. */
  async remind(account: AccountRow, id: string): Promise<CarMoveView> {
    const { row, role } = await this.ownRequest(account, id);
    if (role !== 'REQUESTER') throw new CarMoveError('CAR_MOVE_NOT_FOUND', { field: 'id' });
    if (!OPEN.includes(row.status as Status)) throw new CarMoveError('CAR_MOVE_CLOSED');
    if (row.reminded_at) throw new CarMoveError('CAR_MOVE_ALREADY_REMINDED');
    const now = this.now();
    const allowedAt = new Date(Date.parse(row.created_at) + this.deps.config.CAR_MOVE_REMINDER_AFTER_MIN * 60_000);
    if (now < allowedAt) throw new CarMoveError('CAR_MOVE_REMINDER_TOO_SOON', { allowedAt: allowedAt.toISOString() });
    // A fresh link for the reminder: the first one may be lost with the first message.
    const token = randomBytes(24).toString('base64url');
    const details = JSON.parse(this.deps.vault.decrypt(row.place_enc!)) as Details;
    // The reminder's SMS keeps the owner's quiet hours as the first one did.
    const smsAt =
      row.owner_citizen_id && !details.urgent ? await this.quietHours.heldUntil(row.owner_citizen_id, now) : null;
    await this.deps.db.transaction().execute(async (trx) => {
      const marked = await trx
        .updateTable('car_move_requests')
        .set({ reminded_at: now.toISOString(), answer_token_hash: hashToken(token) })
        .where('id', '=', row.id)
        .where('reminded_at', 'is', null)
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) !== 1) throw new CarMoveError('CAR_MOVE_ALREADY_REMINDED');
      await this.addEvent(row.id, 'REMINDED', now.toISOString(), trx);
      await this.deps.outbox.enqueue(
        trx,
        NOTIFY_OWNER,
        {
          requestId: row.id,
          plate: this.deps.vault.decrypt(row.plate_enc),
          plateType: details.plateType,
          place: details.place,
          reason: row.reason,
          token,
          reminder: true,
          ...(smsAt ? { held: true } : {}),
        },
        smsAt ? { notBefore: smsAt } : undefined,
      );
    });
    void this.deps.outbox.drain();
    return this.view((await this.row(row.id))!, role);
  }

  /** When the requester's next escalation step opens, from the steps already taken; null when none is left. */
  private nextStep(row: CarMoveRequestTable, events: Array<{ status: Step; at: string }>): CarMoveView['nextStep'] {
    const at = (step: Step) => events.find((e) => e.status === step)?.at;
    const after = (from: string, minutes: number) => new Date(Date.parse(from) + minutes * 60_000).toISOString();
    // After expiry, 122 at once, unless it was handed over already.
    if (row.status === 'EXPIRED') return at('HOTLINE') ? null : { kind: 'HOTLINE', availableAt: row.expires_at };
    if (!UNANSWERED.includes(row.status as Status)) return null;
    if (!row.reminded_at)
      return { kind: 'REMIND', availableAt: after(row.created_at, this.deps.config.CAR_MOVE_REMINDER_AFTER_MIN) };
    const called = at('VOICE_CALLED');
    if (!called)
      return {
        kind: 'VOICE_CALL',
        availableAt: after(row.reminded_at, this.deps.config.CAR_MOVE_VOICE_CALL_AFTER_MIN),
      };
    if (!at('HOTLINE'))
      return { kind: 'HOTLINE', availableAt: after(called, this.deps.config.CAR_MOVE_HOTLINE_AFTER_MIN) };
    return null;
  }

  /** The requester's request, with the escalation step asked for open now. @throws CAR_MOVE_STEP_TOO_SOON / _NOT_AVAILABLE. */
  private async openStep(
    account: AccountRow,
    id: string,
    kind: 'VOICE_CALL' | 'HOTLINE',
  ): Promise<{ row: CarMoveRequestTable; details: Details; plate: string }> {
    const { row, role } = await this.ownRequest(account, id);
    if (role !== 'REQUESTER') throw new CarMoveError('CAR_MOVE_NOT_FOUND', { field: 'id' });
    const step = this.nextStep(row, (await this.timelines([row.id])).get(row.id) ?? []);
    if (!step || step.kind !== kind) {
      if (step && (step.kind === 'REMIND' || (step.kind === 'VOICE_CALL' && kind === 'HOTLINE')))
        throw new CarMoveError('CAR_MOVE_STEP_TOO_SOON', { next: step.kind, availableAt: step.availableAt });
      throw new CarMoveError('CAR_MOVE_STEP_NOT_AVAILABLE');
    }
    if (step.availableAt > this.now().toISOString())
      throw new CarMoveError('CAR_MOVE_STEP_TOO_SOON', { next: step.kind, availableAt: step.availableAt });
    return {
      row,
      details: JSON.parse(this.deps.vault.decrypt(row.place_enc!)) as Details,
      plate: this.deps.vault.decrypt(row.plate_enc),
    };
  }

  /**
   * The owner is rung through a relay number: the register's platform places the call and
   * reads the fixed template, so neither number reaches us. Once per request (idempotent at
   * the register by the request's id), after the reminder went unanswered.
   */
  async voiceCall(account: AccountRow, id: string, deadline: Deadline | null): Promise<CarMoveView> {
    const { row, details, plate } = await this.openStep(account, id, 'VOICE_CALL');
    const response = await this.deps.upstream.request('vehicle', {
      method: 'POST',
      path: `/v1/vehicles/${encodeURIComponent(plate)}/voice-calls`,
      headers: { 'idempotency-key': `car-move-voice:${row.id}` },
      deadline,
      body: {
        ...(details.plateType ? { plateType: PLATE_TYPES[details.plateType].code } : {}),
        templateId: 'CAR_MOVE_VOICE',
        params: { plate: maskPlate(plate), place: SMS_PLACE(details.place), reason: REASONS[row.reason as Reason] },
      },
    });
    if (response.status !== 200) throw new AppError('AGENCY_UNAVAILABLE', 'voice call failed', { agency: 'vehicle' });
    await this.addEvent(row.id, 'VOICE_CALLED', this.now().toISOString());
    return this.view((await this.row(row.id))!, 'REQUESTER');
  }

  /**
   * Hands the request to the local 122 desk by its case number (plate, type, place and
   * reason; never the requester), so the officer who answers sees the case. The answer
   * carries the hotline and the number to quote.
   */
  async hotline(account: AccountRow, id: string, deadline: Deadline | null): Promise<CarMoveView> {
    const { row, details, plate } = await this.openStep(account, id, 'HOTLINE');
    const response = await this.deps.upstream.request('vehicle', {
      method: 'POST',
      path: '/v1/hotline-cases',
      deadline,
      body: {
        caseNumber: caseNumber(row),
        plate,
        plateType: PLATE_TYPES[details.plateType ?? plateTypesFor(plate)[0] ?? 'SMALL'].code,
        place: SMS_PLACE(details.place),
        reason: REASONS[row.reason as Reason],
      },
    });
    if (response.status !== 200)
      throw new AppError('AGENCY_UNAVAILABLE', 'hotline hand-over failed', { agency: 'vehicle' });
    await this.addEvent(row.id, 'HOTLINE', this.now().toISOString());
    return this.view(this.expireIfDue((await this.row(row.id))!), 'REQUESTER');
  }

  /**
   * Binds a relay number between the requester's bound phone and the owner's (the
   * register does the binding: it alone knows the owner's number). Released when the
   * request closes. @throws RELAY_NEEDS_PHONE when the requester has no phone.
   */
  async relay(
    account: AccountRow,
    id: string,
    deadline: Deadline | null,
  ): Promise<{ relayNumber: string; expiresAt: string }> {
    const { row, role } = await this.ownRequest(account, id);
    if (!OPEN.includes(row.status as Status)) throw new CarMoveError('CAR_MOVE_CLOSED');
    const now = this.now().toISOString();
    if (row.relay_number && row.relay_expires_at && row.relay_expires_at > now)
      return { relayNumber: row.relay_number, expiresAt: row.relay_expires_at };
    if (role !== 'REQUESTER') throw new CarMoveError('CAR_MOVE_NOT_FOUND', { field: 'id' });
    const callerPhone = await this.deps.citizens.phoneOf(account.citizen_id!);
    if (!callerPhone) throw new CarMoveError('RELAY_NEEDS_PHONE');
    const plate = this.deps.vault.decrypt(row.plate_enc);
    const details = JSON.parse(this.deps.vault.decrypt(row.place_enc!)) as Details;
    const response = await this.deps.upstream.request<{ bindingId?: string; relayNumber?: string; expiresAt?: string }>(
      'vehicle',
      {
        method: 'POST',
        path: `/v1/vehicles/${encodeURIComponent(plate)}/relay-bindings`,
        deadline,
        body: {
          callerPhone,
          expiresInSeconds: this.deps.config.CAR_MOVE_RELAY_MIN * 60,
          ...(details.plateType ? { plateType: PLATE_TYPES[details.plateType].code } : {}),
        },
      },
    );
    const binding = response.body;
    if (response.status !== 200 || !binding?.relayNumber || !binding.bindingId || !binding.expiresAt)
      throw new AppError('AGENCY_UNAVAILABLE', 'relay binding failed', { agency: 'vehicle' });
    await this.deps.db
      .updateTable('car_move_requests')
      .set({
        relay_binding_id: binding.bindingId,
        relay_number: binding.relayNumber,
        relay_expires_at: binding.expiresAt,
      })
      .where('id', '=', row.id)
      .execute();
    return { relayNumber: binding.relayNumber, expiresAt: binding.expiresAt };
  }

  // --- the owner's side, by the link in the message ---

  private async byToken(token: string): Promise<CarMoveRequestTable> {
    const row = token
      ? await this.deps.db
          .selectFrom('car_move_requests')
          .selectAll()
          .where('answer_token_hash', '=', hashToken(String(token)))
          .executeTakeFirst()
      : undefined;
    if (!row) throw new CarMoveError('CAR_MOVE_LINK_INVALID');
    return this.expireIfDue(row);
  }

  /** The request's photo number `position` (1–3) for the owner, by the link token; null when there is none. */
  async photoForOwner(token: string, position = 1): Promise<string | null> {
    const row = await this.byToken(token);
    const photos = await this.photoIds(row.id);
    // Requests made before several photos hold their one photo in photo_id alone.
    return (photos.length ? photos : row.photo_id ? [row.photo_id] : [])[position - 1] ?? null;
  }

  /** A request's scene photos, in the order they were added. */
  private async photoIds(requestId: string): Promise<string[]> {
    const rows = await this.deps.db
      .selectFrom('car_move_photos')
      .select('upload_id')
      .where('request_id', '=', requestId)
      .orderBy('position')
      .execute();
    return rows.map((r) => r.upload_id);
  }

  /** How many photos each request has (those with any), in one query. */
  private async photoCounts(ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await this.deps.db
      .selectFrom('car_move_photos')
      .select(['request_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('request_id', 'in', ids)
      .groupBy('request_id')
      .execute();
    return new Map(rows.map((r) => [r.request_id, Number(r.n)]));
  }

  async ownerView(token: string): Promise<CarMoveView> {
    return this.view(await this.byToken(token), 'OWNER');
  }

  /** COMING once, then MOVED once; an answer after the end, or twice, is refused. */
  async answer(token: string, answer: 'COMING' | 'MOVED'): Promise<CarMoveView> {
    const row = await this.byToken(token);
    if (row.status === 'MOVED' || (answer === 'COMING' && row.status === 'ACKNOWLEDGED'))
      throw new CarMoveError('CAR_MOVE_ANSWER_USED');
    if (!OPEN.includes(row.status as Status)) throw new CarMoveError('CAR_MOVE_CLOSED');
    if (answer === 'MOVED') await this.close(row, 'MOVED');
    else {
      // The step and its event together: a crash between them would leave a status with no history.
      await this.deps.db.transaction().execute(async (trx) => {
        const changed = await trx
          .updateTable('car_move_requests')
          .set({ status: 'ACKNOWLEDGED' })
          .where('id', '=', row.id)
          .where('status', 'in', ['SUBMITTED', 'NOTIFIED'])
          .executeTakeFirst();
        if (Number(changed.numUpdatedRows) !== 1) throw new CarMoveError('CAR_MOVE_ANSWER_USED');
        await this.addEvent(row.id, 'ACKNOWLEDGED', this.now().toISOString(), trx);
      });
    }
    return this.view((await this.row(row.id))!, 'OWNER');
  }

  /**
   * The owner reports the request as harassment. The report waits for an operator
   * (`decideReport`); only confirmed reports count toward a suspension, so an owner
   * cannot suspend someone by reporting alone. @throws CAR_MOVE_ALREADY_REPORTED.
   */
  async report(token: string, note: string | null): Promise<boolean> {
    const row = await this.byToken(token);
    const text = note?.trim().slice(0, 200) || null;
    const inserted = await this.deps.db
      .insertInto('car_move_reports')
      // A requester who deleted their account is nobody: the report names the request alone.
      .values({
        request_id: row.id,
        requester_citizen_id: row.requester_citizen_id ?? erasedRequester(row.id),
        note: null,
        note_enc: text ? this.deps.vault.encrypt(text) : null,
        at: this.now().toISOString(),
        status: 'PENDING',
        decided_at: null,
        decided_by: null,
      })
      .onConflict((oc) => oc.column('request_id').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw new CarMoveError('CAR_MOVE_ALREADY_REPORTED');
    return true;
  }

  /** Reports waiting for a decision, oldest first, for an operator already checked to be a publisher or admin. */
  async pendingReports(_operator: OperatorRow): Promise<PendingReportView[]> {
    const rows = await this.deps.db
      .selectFrom('car_move_reports as r')
      .innerJoin('car_move_requests as q', 'q.id', 'r.request_id')
      .select([
        'r.request_id',
        'r.requester_citizen_id',
        'r.note',
        'r.note_enc',
        'r.at',
        'q.plate_enc',
        'q.reason',
        'q.created_at',
      ])
      .where('r.status', '=', 'PENDING')
      .orderBy('r.at')
      .limit(200)
      .execute();
    const yearAgo = new Date(this.now().getTime() - 365 * 86400_000).toISOString();
    const requesters = [...new Set(rows.map((r) => r.requester_citizen_id))];
    const confirmed =
      requesters.length === 0
        ? []
        : await this.deps.db
            .selectFrom('car_move_reports')
            .select(['requester_citizen_id', (eb) => eb.fn.countAll<number>().as('n')])
            .where('requester_citizen_id', 'in', requesters)
            .where('status', '=', 'CONFIRMED')
            .where('at', '>=', yearAgo)
            .groupBy('requester_citizen_id')
            .execute();
    const counts = new Map(confirmed.map((c) => [c.requester_citizen_id, Number(c.n)]));
    return rows.map((r) => ({
      requestId: r.request_id,
      maskedPlate: maskPlate(this.deps.vault.decrypt(r.plate_enc)),
      reason: r.reason as Reason,
      requestedAt: r.created_at,
      reportedAt: r.at,
      note: r.note_enc ? this.deps.vault.decrypt(r.note_enc) : r.note,
      confirmedReports: counts.get(r.requester_citizen_id) ?? 0,
    }));
  }

  /**
   * An operator's decision on a pending report, audited in the same transaction. A
   * requester with CAR_MOVE_REPORTS_TO_SUSPEND confirmed reports within a year is
   * suspended for CAR_MOVE_SUSPENSION_DAYS (also audited). @throws CAR_MOVE_REPORT_NOT_FOUND
   * when there is no pending report on that request (none, or decided already).
   */
  async decideReport(
    operator: OperatorRow,
    requestId: string,
    decision: 'CONFIRM' | 'DISMISS',
  ): Promise<PendingReportView & { status: ReportStatus; suspendedUntil: string | null }> {
    const now = this.now();
    const status: ReportStatus = decision === 'CONFIRM' ? 'CONFIRMED' : 'DISMISSED';
    const view = (await this.pendingReports(operator)).find((r) => r.requestId === String(requestId ?? ''));
    let suspendedUntil: string | null = null;
    await this.deps.db.transaction().execute(async (trx) => {
      const report = await trx
        .selectFrom('car_move_reports')
        .select(['requester_citizen_id'])
        .where('request_id', '=', String(requestId ?? ''))
        .where('status', '=', 'PENDING')
        .executeTakeFirst();
      if (!report) throw new CarMoveError('CAR_MOVE_REPORT_NOT_FOUND', { field: 'requestId' });
      if (this.deps.dialect === 'postgres') {
        // Two operators confirming two reports on one requester at once must not both count one short.
        await sql`select pg_advisory_xact_lock(hashtext(${`car-move:reports:${report.requester_citizen_id}`}))`.execute(
          trx,
        );
      }
      const changed = await trx
        .updateTable('car_move_reports')
        .set({ status, decided_at: now.toISOString(), decided_by: operator.username })
        .where('request_id', '=', String(requestId))
        .where('status', '=', 'PENDING')
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) !== 1)
        throw new CarMoveError('CAR_MOVE_REPORT_NOT_FOUND', { field: 'requestId' });
      const audit = (action: string, subject: string, detail: Record<string, unknown>) =>
        writeAudit(trx, {
          at: now.toISOString(),
          actor: auditActor.operator(operator.username),
          action,
          subject,
          detail,
        });
      await audit(
        `car-move.report.${decision === 'CONFIRM' ? 'confirm' : 'dismiss'}`,
        `car-move-request:${requestId}`,
        { before: { status: 'PENDING' }, after: { status } },
      );
      if (decision !== 'CONFIRM') return;
      const yearAgo = new Date(now.getTime() - 365 * 86400_000).toISOString();
      const { n } = await trx
        .selectFrom('car_move_reports')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('requester_citizen_id', '=', report.requester_citizen_id)
        .where('status', '=', 'CONFIRMED')
        .where('at', '>=', yearAgo)
        .executeTakeFirstOrThrow();
      if (Number(n) < this.deps.config.CAR_MOVE_REPORTS_TO_SUSPEND) return;
      suspendedUntil = new Date(now.getTime() + this.deps.config.CAR_MOVE_SUSPENSION_DAYS * 86400_000).toISOString();
      await trx
        .insertInto('car_move_suspensions')
        .values({ citizen_id: report.requester_citizen_id, until: suspendedUntil, reports: Number(n) })
        .onConflict((oc) => oc.column('citizen_id').doUpdateSet({ until: suspendedUntil!, reports: Number(n) }))
        .execute();
      // The requester by an opaque id only: the audit log holds no personal data.
      await audit('car-move.suspend', `citizen:${report.requester_citizen_id}`, {
        confirmedReports: Number(n),
        until: suspendedUntil,
      });
    });
    return { ...view!, status, suspendedUntil };
  }

  /** The report status of each request that has a report. */
  private async reportStatuses(ids: string[]): Promise<Map<string, ReportStatus>> {
    if (ids.length === 0) return new Map();
    const rows = await this.deps.db
      .selectFrom('car_move_reports')
      .select(['request_id', 'status'])
      .where('request_id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.request_id, r.status as ReportStatus]));
  }

  /** Status changes of requests, oldest first, by request id. */
  private async timelines(ids: string[]): Promise<Map<string, Array<{ status: Step; at: string }>>> {
    const byId = new Map<string, Array<{ status: Step; at: string }>>();
    if (ids.length === 0) return byId;
    const events = await this.deps.db
      .selectFrom('car_move_events')
      .select(['request_id', 'status', 'at'])
      .where('request_id', 'in', ids)
      .orderBy('at')
      .execute();
    for (const e of events)
      byId.set(e.request_id, [...(byId.get(e.request_id) ?? []), { status: e.status as Step, at: e.at }]);
    return byId;
  }

  private async view(
    row: CarMoveRequestTable,
    role: 'REQUESTER' | 'OWNER',
    timeline?: Array<{ status: Step; at: string }>,
    reports?: Map<string, ReportStatus>,
    photoCount?: number,
  ): Promise<CarMoveView> {
    const details = JSON.parse(this.deps.vault.decrypt(row.place_enc!)) as Details;
    const events = timeline ?? (await this.timelines([row.id])).get(row.id) ?? [];
    const report = (reports ?? (await this.reportStatuses([row.id]))).get(row.id) ?? null;
    const remindAt = new Date(
      Date.parse(row.created_at) + this.deps.config.CAR_MOVE_REMINDER_AFTER_MIN * 60_000,
    ).toISOString();
    const plate = this.deps.vault.decrypt(row.plate_enc);
    return {
      id: row.id,
      role,
      maskedPlate: maskPlate(plate),
      plateType: details.plateType ?? plateTypesFor(plate)[0] ?? 'SMALL',
      vehicle: details.vehicle,
      reason: row.reason as Reason,
      place: details.place,
      status: row.status as Status,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      timeline: events,
      canRemindAt: role === 'REQUESTER' && !row.reminded_at && OPEN.includes(row.status as Status) ? remindAt : null,
      reminded: row.reminded_at !== null,
      relayNumber: row.relay_expires_at && row.relay_expires_at > this.now().toISOString() ? row.relay_number : null,
      relayExpiresAt:
        row.relay_expires_at && row.relay_expires_at > this.now().toISOString() ? row.relay_expires_at : null,
      hasPhoto: row.photo_id !== null,
      report,
      nextStep: role === 'REQUESTER' ? this.nextStep(row, events) : null,
      caseNumber: caseNumber(row),
      hotline:
        role === 'REQUESTER' && (row.status === 'EXPIRED' || events.some((e) => e.status === 'HOTLINE'))
          ? HOTLINE
          : null,
      photoCount: photoCount ?? ((await this.photoIds(row.id)).length || (row.photo_id ? 1 : 0)),
      urgent: details.urgent === true,
      smsDeferredUntil:
        row.status === 'SUBMITTED' && details.smsAt && details.smsAt > this.now().toISOString() ? details.smsAt : null,
    };
  }
}
