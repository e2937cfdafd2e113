import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { maskPlate, validatePlate } from '@citizen/shared';
import type { Config } from '../../config';
import type { Db } from '../../db';
import type { CarMoveRequestTable } from '../../db/schema';
import { AppError, BadUserInputError } from '../../errors';
import type { Outbox } from '../../outbox/outbox';
import type { UpstreamClient } from '../../upstream/client';
import type { IdentityService } from '../identity/service';
import type { AccountRow } from '../identity/store';
import type { PersonalDataVault } from '../identity/vault';
import type { CarMoveLimiter } from './limits';
import type { Messages } from '../messages/service';
import type { PlatformAuth } from '../identity/platforms';
import type { Platform } from '@citizen/shared';
import { CarMoveError, CarMoveSuspendedError, VehicleNotFoundError } from './errors';

export const REASONS = {
  BLOCKING_EXIT: '挡住出口',
  BLOCKING_GARAGE: '挡住车库/车位',
  BLOCKING_FIRE_LANE: '占用消防通道',
  DOUBLE_PARKED: '并排停车',
  OTHER: '其他原因',
} as const;
export type Reason = keyof typeof REASONS;
export type Status = 'SUBMITTED' | 'NOTIFIED' | 'ACKNOWLEDGED' | 'MOVED' | 'EXPIRED' | 'CANCELLED';
const OPEN: Status[] = ['SUBMITTED', 'NOTIFIED', 'ACKNOWLEDGED'];

export interface CarMoveInput {
  plate: string;
  reason: Reason;
  place?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  idempotencyKey: string;
  /** An upload of the requester's (POST /uploads), metadata already stripped. */
  photoId?: string | null;
}

interface Details {
  place: string | null;
  latitude: number | null;
  longitude: number | null;
  vehicle: string;
}

export interface CarMoveView {
  id: string;
  role: 'REQUESTER' | 'OWNER';
  maskedPlate: string;
  vehicle: string;
  reason: Reason;
  place: string | null;
  status: Status;
  createdAt: string;
  expiresAt: string;
  timeline: Array<{ status: Status; at: string }>;
  canRemindAt: string | null;
  reminded: boolean;
  relayNumber: string | null;
  relayExpiresAt: string | null;
  hasPhoto: boolean;
}

export const NOTIFY_OWNER = 'car-move.notify-owner';

const REASON_EN: Record<Reason, string> = {
  BLOCKING_EXIT: 'blocking an exit', BLOCKING_GARAGE: 'blocking a garage or space', BLOCKING_FIRE_LANE: 'in a fire lane', DOUBLE_PARKED: 'double parked', OTHER: 'another reason',
};

/** Who hears of each step in Messages, and in what words. */
const STEP_NOTICES: Partial<Record<Status, { to: 'REQUESTER' | 'OWNER'; zh: string; en: string; bodyZh: string; bodyEn: string }>> = {
  NOTIFIED: { to: 'REQUESTER', zh: '已通知车主', en: 'Owner notified', bodyZh: '挪车通知已送达车主，请稍候。', bodyEn: 'The owner has been told. Please wait a moment.' },
  ACKNOWLEDGED: { to: 'REQUESTER', zh: '车主正在赶来', en: 'Owner on the way', bodyZh: '车主已确认，正在赶来挪车。', bodyEn: 'The owner has answered and is on the way.' },
  MOVED: { to: 'REQUESTER', zh: '车辆已挪走', en: 'Car moved', bodyZh: '车主表示已挪车。', bodyEn: 'The owner says the car has been moved.' },
  EXPIRED: { to: 'REQUESTER', zh: '挪车请求已结束', en: 'Request closed', bodyZh: '车主未在30分钟内回应。如仍受阻，可拨打122。', bodyEn: 'The owner did not answer within 30 minutes. If you are still blocked, call 122.' },
  CANCELLED: { to: 'OWNER', zh: '挪车请求已取消', en: 'Request cancelled', bodyZh: '对方已取消挪车请求，无需再挪车。', bodyEn: 'The request was cancelled; there is no need to move the car.' },
};
export const NOTIFY_OWNER_APP = 'car-move.notify-owner-app';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * One-click car moving. A verified citizen names a plate; the vehicle register finds
 * the owner; the request and the owner's notification are written together and the
 * notification leaves through the outbox (SMS through the register, so the owner's
 * number never reaches us, let alone the requester). The owner answers from the link
 * in the message. Neither side sees the other's number; a relay number can join them.
 */
export class CarMoveService {
  constructor(
    private readonly deps: {
      db: Db;
      vault: PersonalDataVault;
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
    deps.outbox.on(NOTIFY_OWNER, (payload, messageId) => this.notifyOwner(payload, messageId));
    deps.outbox.on(NOTIFY_OWNER_APP, (payload) => this.notifyOwnerInApp(payload));
  }

  private answerLink(token: string): string {
    return `${this.deps.config.PUBLIC_URL.replace(/\/$/, '')}/#/pages/car-move-answer/index?t=${token}`;
  }

  /**
   * The outbox handler for platform messages queued before owners' notices went through
   * Messages (which now sends them); kept so those still deliver.
   */
  private async notifyOwnerInApp(payload: { platform: Platform; userId: string; templateId: string; plate: string; place: string | null; reason: Reason; token: string }): Promise<void> {
    await this.deps.platforms[payload.platform].sendMessage(payload.userId, payload.templateId, {
      plate: maskPlate(payload.plate), place: payload.place ?? '您的车辆停放处', reason: REASONS[payload.reason], page: this.answerLink(payload.token),
    });
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /**
   * @throws PLATE_FORMAT/PLATE_PROVINCE, VEHICLE_NOT_FOUND, CAR_MOVE_LIMIT_*, CAR_MOVE_SUSPENDED,
   * ASSURANCE_LEVEL_TOO_LOW. The same idempotency key returns the first request and sends nothing new.
   */
  async request(account: AccountRow, input: CarMoveInput): Promise<CarMoveView> {
    this.deps.identity.requireLevel(account, 2);
    const citizenId = account.citizen_id!;
    const checked = validatePlate(input.plate);
    if (!checked.ok) throw new BadUserInputError(checked.problem, { field: 'plate' });
    if (!(input.reason in REASONS)) throw new BadUserInputError('BAD_USER_INPUT', { field: 'reason' });
    const place = input.place?.trim() || null;
    if (place && place.length > 100) throw new BadUserInputError('BAD_USER_INPUT', { field: 'place' });
    const coords = [input.latitude, input.longitude];
    if (coords.some((c) => c !== null && c !== undefined) && !(Math.abs(input.latitude ?? 999) <= 90 && Math.abs(input.longitude ?? 999) <= 180)) {
      throw new BadUserInputError('BAD_USER_INPUT', { field: 'latitude' });
    }
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(input.idempotencyKey ?? '')) throw new BadUserInputError('BAD_USER_INPUT', { field: 'idempotencyKey' });

    // Step 1: a retry of a request already made is answered with it.
    const existing = await this.byIdempotencyKey(citizenId, input.idempotencyKey);
    if (existing) return this.view(existing, 'REQUESTER');

    // The photo must be the requester's own upload.
    if (input.photoId) {
      const photo = await this.deps.db.selectFrom('uploads').select('citizen_id').where('id', '=', String(input.photoId)).executeTakeFirst();
      if (!photo || photo.citizen_id !== citizenId) throw new BadUserInputError('UPLOAD_NOT_FOUND', { field: 'photoId' });
    }

    // Step 2: a suspended requester goes no further.
    const now = this.now();
    const suspension = await this.deps.db.selectFrom('car_move_suspensions').selectAll().where('citizen_id', '=', citizenId).executeTakeFirst();
    if (suspension && suspension.until > now.toISOString()) throw new CarMoveSuspendedError(suspension.until);

    // Step 3: the register knows the vehicle (and, for us, who owns it: an ID number we only hash).
    const plate = checked.plate;
    // Both reads at once: the second answers 404 too when the plate is unknown.
    const [vehicle, owner] = await Promise.all([
      this.deps.upstream.request<{ brand?: string; model?: string; color?: string }>('vehicle', { path: `/v1/vehicles/${encodeURIComponent(plate)}` }),
      this.deps.upstream.request<{ ownerIdNumber?: string }>('vehicle', { path: `/v1/vehicles/${encodeURIComponent(plate)}/owner` }),
    ]);
    if (vehicle.status === 404) throw new VehicleNotFoundError();
    if (vehicle.status !== 200) throw new AppError('AGENCY_UNAVAILABLE', 'vehicle register gave no answer', { agency: 'vehicle' });
    const ownerHash = owner.body?.ownerIdNumber ? this.deps.vault.hash('id', owner.body.ownerIdNumber) : null;
    const ownerCitizen = ownerHash ? await this.deps.db.selectFrom('citizens').select('id').where('id_number_hash', '=', ownerHash).executeTakeFirst() : undefined;

    // Step 4: limits, the request, its first event and the owner's notification, in one transaction.
    const id = randomUUID();
    const token = randomBytes(24).toString('base64url');
    const details: Details = {
      place, latitude: input.latitude ?? null, longitude: input.longitude ?? null,
      vehicle: `${vehicle.body?.color ?? ''}色 ${vehicle.body?.brand ?? ''}${vehicle.body?.model ?? ''}`.trim(),
    };
    const plateHash = this.deps.vault.hash('id', `plate:${plate}`);
    try {
      await this.deps.db.transaction().execute(async (trx) => {
        await this.deps.limiter.reserve({ trx, citizenId, plateHash, now });
        await trx.insertInto('car_move_requests').values({
          id, requester_citizen_id: citizenId, owner_citizen_id: ownerCitizen?.id ?? null, idempotency_key: input.idempotencyKey,
          plate_hash: plateHash, plate_enc: this.deps.vault.encrypt(plate), place_enc: this.deps.vault.encrypt(JSON.stringify(details)),
          reason: input.reason, status: 'SUBMITTED', answer_token_hash: hashToken(token), relay_binding_id: null, relay_number: null, relay_expires_at: null,
          reminded_at: null, photo_id: input.photoId ?? null, created_at: now.toISOString(), expires_at: new Date(now.getTime() + this.deps.config.CAR_MOVE_EXPIRY_MIN * 60_000).toISOString(),
        }).execute();
        await trx.insertInto('car_move_events').values({ request_id: id, status: 'SUBMITTED', at: now.toISOString() }).execute();
        await this.deps.outbox.enqueue(trx, NOTIFY_OWNER, { requestId: id, plate, place, reason: input.reason, token, reminder: false });
        // An owner who uses the app finds it in Messages, and gets a platform message where they
        // subscribed (one consent each); the register's SMS reaches their phone either way.
        if (ownerCitizen) {
          await this.deps.messages.post(trx, {
            citizenId: ownerCitizen.id, kind: 'CAR_MOVE', eventKey: `car-move:${id}:owner:SUBMITTED`, topic: 'CAR_MOVE_ALERT', sms: false,
            title: `请您挪车：${maskPlate(plate)}`, titleEn: `Please move your car ${maskPlate(plate)}`,
            body: `${place ?? '您的车辆停放处'}，${REASONS[input.reason]}。`, bodyEn: `${place ?? 'Where your car is parked'}: ${REASON_EN[input.reason]}.`,
            link: `/pages/car-move-status/index?id=${id}`,
            params: { plate: maskPlate(plate), place: place ?? '您的车辆停放处', reason: REASONS[input.reason], page: this.answerLink(token) },
          });
        }
      });
    } catch (error) {
      // A concurrent retry with the same key won the insert: answer with its request.
      const raced = await this.byIdempotencyKey(citizenId, input.idempotencyKey);
      if (raced) return this.view(raced, 'REQUESTER');
      throw error;
    }
    void this.deps.outbox.drain();
    return this.view((await this.row(id))!, 'REQUESTER');
  }

  /** The outbox handler: the register texts the owner. Throws (so it is retried) until the register acknowledges. */
  private async notifyOwner(payload: { requestId: string; plate: string; place: string | null; reason: Reason; token: string; reminder: boolean }, messageId: string): Promise<void> {
    const link = this.answerLink(payload.token);
    const response = await this.deps.upstream.request('vehicle', {
      method: 'POST',
      path: '/v1/owner-notifications',
      headers: { 'idempotency-key': messageId },
      body: {
        plate: payload.plate,
        templateId: payload.reminder ? 'CAR_MOVE_REMINDER' : 'CAR_MOVE',
        // No requester identity, and the plate masked: the owner knows their own car.
        params: { plate: maskPlate(payload.plate), place: payload.place ?? '您的车辆停放处', reason: REASONS[payload.reason], link },
      },
    });
    if (response.status !== 200) throw new Error(`vehicle register answered ${response.status}`);
    const now = this.now().toISOString();
    const moved = await this.deps.db.updateTable('car_move_requests').set({ status: 'NOTIFIED' }).where('id', '=', payload.requestId).where('status', '=', 'SUBMITTED').executeTakeFirst();
    if (Number(moved.numUpdatedRows) === 1) await this.addEvent(payload.requestId, 'NOTIFIED', now);
  }

  /** Records a step once, and tells the side it concerns in Messages (once: the step is recorded once). */
  private async addEvent(requestId: string, status: Status, at: string): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      const added = await trx.insertInto('car_move_events').values({ request_id: requestId, status, at }).onConflict((oc) => oc.columns(['request_id', 'status']).doNothing()).executeTakeFirst();
      const notice = STEP_NOTICES[status];
      if (Number(added.numInsertedOrUpdatedRows ?? 0) !== 1 || !notice) return;
      const row = await trx.selectFrom('car_move_requests').select(['requester_citizen_id', 'owner_citizen_id', 'plate_enc']).where('id', '=', requestId).executeTakeFirstOrThrow();
      const citizenId = notice.to === 'REQUESTER' ? row.requester_citizen_id : row.owner_citizen_id;
      if (!citizenId) return;
      const plate = maskPlate(this.deps.vault.decrypt(row.plate_enc));
      await this.deps.messages.post(trx, {
        // In the app and on the platform where subscribed; no extra SMS for each step.
        citizenId, kind: 'CAR_MOVE', eventKey: `car-move:${requestId}:${notice.to.toLowerCase()}:${status}`, topic: 'CAR_MOVE_ALERT', sms: false,
        title: `${notice.zh}：${plate}`, titleEn: `${notice.en}: ${plate}`, body: notice.bodyZh, bodyEn: notice.bodyEn,
        link: `/pages/car-move-status/index?id=${requestId}`, params: { plate, status: notice.zh },
      });
    });
  }

  private row(id: string) {
    return this.deps.db.selectFrom('car_move_requests').selectAll().where('id', '=', id).executeTakeFirst();
  }

  private byIdempotencyKey(citizenId: string, key: string) {
    return this.deps.db.selectFrom('car_move_requests').selectAll().where('requester_citizen_id', '=', citizenId).where('idempotency_key', '=', key).executeTakeFirst();
  }

  /** Open requests past their time become EXPIRED when anyone looks (and their relay number is released). */
  private async expireIfDue(row: CarMoveRequestTable): Promise<CarMoveRequestTable> {
    const now = this.now().toISOString();
    if (!OPEN.includes(row.status as Status) || row.expires_at > now) return row;
    await this.close(row, 'EXPIRED');
    return (await this.row(row.id))!;
  }

  private async close(row: CarMoveRequestTable, status: 'EXPIRED' | 'CANCELLED' | 'MOVED'): Promise<void> {
    const now = this.now().toISOString();
    const changed = await this.deps.db.updateTable('car_move_requests').set({ status }).where('id', '=', row.id).where('status', 'in', OPEN).executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) return;
    await this.addEvent(row.id, status, now);
    if (row.relay_binding_id) {
      // Best effort: an unreleased binding still expires on its own at the relay provider.
      await this.deps.upstream.request('vehicle', { method: 'DELETE', path: `/v1/relay-bindings/${row.relay_binding_id}` }).catch((error) => this.deps.logger.warn({ err: error }, 'relay release failed'));
      await this.deps.db.updateTable('car_move_requests').set({ relay_binding_id: null, relay_number: null, relay_expires_at: null }).where('id', '=', row.id).execute();
    }
  }

  /** A request the account's citizen made or received. Anyone else gets CAR_MOVE_NOT_FOUND, as if it did not exist. */
  private async ownRequest(account: AccountRow, id: string): Promise<{ row: CarMoveRequestTable; role: 'REQUESTER' | 'OWNER' }> {
    const row = account.citizen_id ? await this.row(String(id ?? '')) : undefined;
    if (row && row.requester_citizen_id === account.citizen_id) return { row: await this.expireIfDue(row), role: 'REQUESTER' };
    if (row && row.owner_citizen_id === account.citizen_id) return { row: await this.expireIfDue(row), role: 'OWNER' };
    throw new CarMoveError('CAR_MOVE_NOT_FOUND', { field: 'id' });
  }

  async get(account: AccountRow, id: string): Promise<CarMoveView> {
    const { row, role } = await this.ownRequest(account, id);
    return this.view(row, role);
  }

  /** The citizen's requests, made and received, newest first. */
  async list(account: AccountRow): Promise<CarMoveView[]> {
    if (!account.citizen_id) return [];
    const rows = await this.deps.db.selectFrom('car_move_requests').selectAll()
      .where((eb) => eb.or([eb('requester_citizen_id', '=', account.citizen_id!), eb('owner_citizen_id', '=', account.citizen_id!)]))
      .orderBy('created_at', 'desc').limit(50).execute();
    const current = await Promise.all(rows.map((r) => this.expireIfDue(r)));
    // Every request's timeline in one query, not one query a request.
    const timelines = await this.timelines(current.map((r) => r.id));
    return Promise.all(current.map((r) => this.view(r, r.requester_citizen_id === account.citizen_id ? 'REQUESTER' : 'OWNER', timelines.get(r.id) ?? [])));
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
    await this.deps.db.transaction().execute(async (trx) => {
      const marked = await trx.updateTable('car_move_requests').set({ reminded_at: now.toISOString(), answer_token_hash: hashToken(token) }).where('id', '=', row.id).where('reminded_at', 'is', null).executeTakeFirst();
      if (Number(marked.numUpdatedRows) !== 1) throw new CarMoveError('CAR_MOVE_ALREADY_REMINDED');
      await this.deps.outbox.enqueue(trx, NOTIFY_OWNER, { requestId: row.id, plate: this.deps.vault.decrypt(row.plate_enc), place: details.place, reason: row.reason, token, reminder: true });
    });
    void this.deps.outbox.drain();
    return this.view((await this.row(row.id))!, role);
  }

  /**
   * Binds a relay number between the requester's bound phone and the owner's (the
   * register does the binding: it alone knows the owner's number). Released when the
   * request closes. @throws RELAY_NEEDS_PHONE when the requester has no phone.
   */
  async relay(account: AccountRow, id: string): Promise<{ relayNumber: string; expiresAt: string }> {
    const { row, role } = await this.ownRequest(account, id);
    if (!OPEN.includes(row.status as Status)) throw new CarMoveError('CAR_MOVE_CLOSED');
    const now = this.now().toISOString();
    if (row.relay_number && row.relay_expires_at && row.relay_expires_at > now) return { relayNumber: row.relay_number, expiresAt: row.relay_expires_at };
    if (role !== 'REQUESTER') throw new CarMoveError('CAR_MOVE_NOT_FOUND', { field: 'id' });
    const citizen = await this.deps.db.selectFrom('citizens').select('phone_enc').where('id', '=', account.citizen_id!).executeTakeFirst();
    if (!citizen?.phone_enc) throw new CarMoveError('RELAY_NEEDS_PHONE');
    const plate = this.deps.vault.decrypt(row.plate_enc);
    const response = await this.deps.upstream.request<{ bindingId?: string; relayNumber?: string; expiresAt?: string }>('vehicle', {
      method: 'POST', path: `/v1/vehicles/${encodeURIComponent(plate)}/relay-bindings`,
      body: { callerPhone: this.deps.vault.decrypt(citizen.phone_enc), expiresInSeconds: this.deps.config.CAR_MOVE_RELAY_MIN * 60 },
    });
    const binding = response.body;
    if (response.status !== 200 || !binding?.relayNumber || !binding.bindingId || !binding.expiresAt) throw new AppError('AGENCY_UNAVAILABLE', 'relay binding failed', { agency: 'vehicle' });
    await this.deps.db.updateTable('car_move_requests').set({ relay_binding_id: binding.bindingId, relay_number: binding.relayNumber, relay_expires_at: binding.expiresAt }).where('id', '=', row.id).execute();
    return { relayNumber: binding.relayNumber, expiresAt: binding.expiresAt };
  }

  // --- the owner's side, by the link in the message ---

  private async byToken(token: string): Promise<CarMoveRequestTable> {
    const row = token ? await this.deps.db.selectFrom('car_move_requests').selectAll().where('answer_token_hash', '=', hashToken(String(token))).executeTakeFirst() : undefined;
    if (!row) throw new CarMoveError('CAR_MOVE_LINK_INVALID');
    return this.expireIfDue(row);
  }

  /** The request's photo for the owner, by the link token; null when there is none. */
  async photoForOwner(token: string): Promise<string | null> {
    const row = await this.byToken(token);
    return row.photo_id;
  }

  async ownerView(token: string): Promise<CarMoveView> {
    return this.view(await this.byToken(token), 'OWNER');
  }

  /** COMING once, then MOVED once; an answer after the end, or twice, is refused. */
  async answer(token: string, answer: 'COMING' | 'MOVED'): Promise<CarMoveView> {
    const row = await this.byToken(token);
    if (row.status === 'MOVED' || (answer === 'COMING' && row.status === 'ACKNOWLEDGED')) throw new CarMoveError('CAR_MOVE_ANSWER_USED');
    if (!OPEN.includes(row.status as Status)) throw new CarMoveError('CAR_MOVE_CLOSED');
    if (answer === 'MOVED') await this.close(row, 'MOVED');
    else {
      const changed = await this.deps.db.updateTable('car_move_requests').set({ status: 'ACKNOWLEDGED' }).where('id', '=', row.id).where('status', 'in', ['SUBMITTED', 'NOTIFIED']).executeTakeFirst();
      if (Number(changed.numUpdatedRows) !== 1) throw new CarMoveError('CAR_MOVE_ANSWER_USED');
      await this.addEvent(row.id, 'ACKNOWLEDGED', this.now().toISOString());
    }
    return this.view((await this.row(row.id))!, 'OWNER');
  }

  /**
   * The owner reports the request as harassment. A requester reported on
   * CAR_MOVE_REPORTS_TO_SUSPEND requests within a year is suspended for
   * CAR_MOVE_SUSPENSION_DAYS.
   */
  async report(token: string, note: string | null): Promise<boolean> {
    const row = await this.byToken(token);
    const now = this.now();
    try {
      await this.deps.db.insertInto('car_move_reports').values({ request_id: row.id, requester_citizen_id: row.requester_citizen_id, note: note?.slice(0, 200) ?? null, at: now.toISOString() }).execute();
    } catch {
      throw new CarMoveError('CAR_MOVE_ALREADY_REPORTED');
    }
    const yearAgo = new Date(now.getTime() - 365 * 86400_000).toISOString();
    const { n } = await this.deps.db.selectFrom('car_move_reports').select((eb) => eb.fn.countAll<number>().as('n')).where('requester_citizen_id', '=', row.requester_citizen_id).where('at', '>=', yearAgo).executeTakeFirstOrThrow();
    if (Number(n) >= this.deps.config.CAR_MOVE_REPORTS_TO_SUSPEND) {
      const until = new Date(now.getTime() + this.deps.config.CAR_MOVE_SUSPENSION_DAYS * 86400_000).toISOString();
      await this.deps.db.insertInto('car_move_suspensions').values({ citizen_id: row.requester_citizen_id, until, reports: Number(n) })
        .onConflict((oc) => oc.column('citizen_id').doUpdateSet({ until, reports: Number(n) })).execute();
    }
    return true;
  }

  /** Status changes of requests, oldest first, by request id. */
  private async timelines(ids: string[]): Promise<Map<string, Array<{ status: Status; at: string }>>> {
    const byId = new Map<string, Array<{ status: Status; at: string }>>();
    if (ids.length === 0) return byId;
    const events = await this.deps.db.selectFrom('car_move_events').select(['request_id', 'status', 'at']).where('request_id', 'in', ids).orderBy('at').execute();
    for (const e of events) byId.set(e.request_id, [...(byId.get(e.request_id) ?? []), { status: e.status as Status, at: e.at }]);
    return byId;
  }

  private async view(row: CarMoveRequestTable, role: 'REQUESTER' | 'OWNER', timeline?: Array<{ status: Status; at: string }>): Promise<CarMoveView> {
    const details = JSON.parse(this.deps.vault.decrypt(row.place_enc!)) as Details;
    const events = timeline ?? (await this.timelines([row.id])).get(row.id) ?? [];
    const remindAt = new Date(Date.parse(row.created_at) + this.deps.config.CAR_MOVE_REMINDER_AFTER_MIN * 60_000).toISOString();
    return {
      id: row.id,
      role,
      maskedPlate: maskPlate(this.deps.vault.decrypt(row.plate_enc)),
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
      relayExpiresAt: row.relay_expires_at && row.relay_expires_at > this.now().toISOString() ? row.relay_expires_at : null,
      hasPhoto: row.photo_id !== null,
    };
  }
}
