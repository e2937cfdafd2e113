import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { PLATE_TYPES, maskPlate, type PlateTypeName } from '@citizen/shared';
import type { Config } from '../../config';
import type { Db } from '../../db';
import type { CarMoveCodeTable } from '../../db/schema';
import { AppError, BadUserInputError } from '../../errors';
import type { AttemptLimiter } from '../../limits/attempts';
import type { Outbox } from '../../outbox/outbox';
import { chinaCalendar } from '../../time/chinaTime';
import type { UpstreamClient } from '../../upstream/client';
import type { Deadline } from '../../upstream/deadline';
import type { IdentityService } from '../identity/service';
import type { AccountRow } from '../identity/store';
import type { PersonalDataVault } from '../identity/vault';
import type { Messages } from '../messages/service';
import { ImageRefusedError, reencodeImage } from '../uploads/reencode';
import { REASONS, type CarMoveService, type CarMoveView, type Reason } from '../car-move/service';
import {
  codeNoticeStatus,
  codeNoticeUrgent,
  createCodeNotice,
  requestIdsAbout,
  type CodeNoticeStatus,
} from '../car-move/from-code';
import { CarMoveCodeError, CarMoveCodeLimitError, CodePhotoError } from './errors';
import { renderCodePdf, renderCodePng } from './print';
import type { CitizenDirectory } from '../identity/citizens';

export type CodeStatus = 'ACTIVE' | 'PAUSED';

/** A code as its owner sees it. The token is theirs to print; the scan address carries it. */
export interface CarMoveCodeView {
  id: string;
  status: CodeStatus;
  scanUrl: string;
  createdAt: string;
  updatedAt: string;
}

/** One of the citizen's vehicles, from the register. `id` is opaque (a keyed hash of plate and type). */
export interface OwnedVehicleView {
  id: string;
  maskedPlate: string;
  plateType: PlateTypeName;
  vehicle: string;
  code: CarMoveCodeView | null;
  /** Kept for the notices field (not in the schema, never sent). */
  registered: VehicleDetails;
}

/** A request or code notice about one of the owner's vehicles. */
export interface VehicleNoticeView {
  request: CarMoveView;
  viaCode: boolean;
  /** For an open code notice: the token of the answer page (the owner's own link; the SMS carries the same). */
  answerToken: string | null;
}

/** What the scan page shows: enough to recognise the car, nothing about its owner (not even the plate). */
export interface ScannedCodeView {
  vehicle: string;
  plateType: PlateTypeName;
}

interface VehicleDetails {
  plate: string;
  plateType: PlateTypeName;
  vehicle: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const KEY = /^[A-Za-z0-9_-]{8,64}$/;
const OPEN = ['SUBMITTED', 'NOTIFIED', 'ACKNOWLEDGED'];

/**
 * 挪车码 (issue 21): an owner's car-moving code for each of their vehicles, and what
 * happens when someone scans one. The code is a random token (nothing personal in it);
 * a notice sent through it becomes an ordinary car-moving request without a requester,
 * so the owner is told and answers exactly as for any request. A scanner is not signed
 * in: notices are limited per scanner device, per client address and per code per hour,
 * each limit one atomic take before anything is written.
 */
export class CarMoveCodes {
  constructor(
    private readonly deps: {
      db: Db;
      vault: PersonalDataVault;
      citizens: CitizenDirectory;
      upstream: UpstreamClient;
      outbox: Outbox;
      messages: Messages;
      identity: IdentityService;
      carMove: CarMoveService;
      attempts: AttemptLimiter;
      config: Config;
      logger: Logger;
      now: () => Date;
    },
  ) {}

  /** The address a code's QR carries: a short path the BFF sends on to the H5 scan page, and the mini-programs map by prefix. */
  scanUrl(token: string): string {
    return `${this.deps.config.PUBLIC_URL.replace(/\/$/, '')}/m/${token}`;
  }

  // --- the owner's side ---

  /** @throws ASSURANCE_LEVEL_TOO_LOW below level 2, AGENCY_UNAVAILABLE when the register does not answer. */
  private async registered(
    account: AccountRow,
    deadline: Deadline | null,
  ): Promise<Array<VehicleDetails & { id: string }>> {
    this.deps.identity.requireLevel(account, 2);
    const idNumber = await this.deps.citizens.idNumberOf(account.citizen_id!);
    const response = await this.deps.upstream.request<{
      vehicles?: Array<{ plate: string; plateType: string; brand?: string; model?: string; color?: string }>;
    }>('vehicle', { path: `/v1/owners/${encodeURIComponent(idNumber)}/vehicles`, deadline });
    if (response.status !== 200 || !Array.isArray(response.body?.vehicles))
      throw new AppError('AGENCY_UNAVAILABLE', 'vehicle register gave no answer', { agency: 'vehicle' });
    const byCode = new Map(Object.entries(PLATE_TYPES).map(([name, t]) => [t.code as string, name as PlateTypeName]));
    return response.body.vehicles.flatMap((v) => {
      const plateType = byCode.get(v.plateType);
      // Police and embassy plates are not served by car moving.
      if (!plateType) return [];
      return [
        {
          id: this.vehicleId(v.plate, plateType),
          plate: v.plate,
          plateType,
          vehicle: `${v.color ?? ''}色 ${v.brand ?? ''}${v.model ?? ''}`.trim(),
        },
      ];
    });
  }

  private vehicleId(plate: string, plateType: PlateTypeName): string {
    return this.deps.vault.hash('id', `vehicle:${plate}:${PLATE_TYPES[plateType].code}`).slice(0, 32);
  }

  private codeView(row: CarMoveCodeTable): CarMoveCodeView {
    return {
      id: row.id,
      status: row.status as CodeStatus,
      scanUrl: this.scanUrl(this.deps.vault.decrypt(row.token_enc)),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /** The citizen's vehicles from the register, each with its code. */
  async vehicles(account: AccountRow, deadline: Deadline | null): Promise<OwnedVehicleView[]> {
    const vehicles = await this.registered(account, deadline);
    const codes = await this.deps.db
      .selectFrom('car_move_codes')
      .selectAll()
      .where('citizen_id', '=', account.citizen_id!)
      .execute();
    const byVehicle = new Map(codes.map((c) => [c.vehicle_hash, c]));
    return vehicles.map((v) => {
      const code = byVehicle.get(v.id);
      return {
        id: v.id,
        maskedPlate: maskPlate(v.plate),
        plateType: v.plateType,
        vehicle: v.vehicle,
        code: code ? this.codeView(code) : null,
        registered: { plate: v.plate, plateType: v.plateType, vehicle: v.vehicle },
      };
    });
  }

  /** @throws CAR_MOVE_VEHICLE_NOT_YOURS when the register holds no such vehicle of the citizen's (now). */
  private async ownVehicle(
    account: AccountRow,
    vehicleId: string,
    deadline: Deadline | null,
  ): Promise<VehicleDetails & { id: string }> {
    const found = (await this.registered(account, deadline)).find((v) => v.id === String(vehicleId ?? ''));
    if (!found) throw new CarMoveCodeError('CAR_MOVE_VEHICLE_NOT_YOURS', { field: 'vehicleId' });
    return found;
  }

  private async ownCode(account: AccountRow, codeId: string): Promise<CarMoveCodeTable> {
    const row = account.citizen_id
      ? await this.deps.db
          .selectFrom('car_move_codes')
          .selectAll()
          .where('id', '=', String(codeId ?? ''))
          .where('citizen_id', '=', account.citizen_id)
          .executeTakeFirst()
      : undefined;
    if (!row) throw new CarMoveCodeError('CAR_MOVE_CODE_NOT_FOUND', { field: 'id' });
    return row;
  }

  /** The vehicle's code; generated if it has none (asking twice, or twice at once, gives the same code). */
  async generate(account: AccountRow, vehicleId: string, deadline: Deadline | null): Promise<CarMoveCodeView> {
    const vehicle = await this.ownVehicle(account, vehicleId, deadline);
    const now = this.deps.now().toISOString();
    const token = randomBytes(18).toString('base64url');
    await this.deps.db
      .insertInto('car_move_codes')
      .values({
        id: randomUUID(),
        citizen_id: account.citizen_id!,
        vehicle_hash: vehicle.id,
        vehicle_enc: this.deps.vault.encrypt(
          JSON.stringify({
            plate: vehicle.plate,
            plateType: vehicle.plateType,
            vehicle: vehicle.vehicle,
          } satisfies VehicleDetails),
        ),
        token_hash: sha256(token),
        token_enc: this.deps.vault.encrypt(token),
        status: 'ACTIVE',
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['citizen_id', 'vehicle_hash']).doNothing())
      .execute();
    const row = await this.deps.db
      .selectFrom('car_move_codes')
      .selectAll()
      .where('citizen_id', '=', account.citizen_id!)
      .where('vehicle_hash', '=', vehicle.id)
      .executeTakeFirstOrThrow();
    return this.codeView(row);
  }

  /** Paused, a scan says the owner paused the code and sends nothing; resumed, it works again with the same sticker. */
  async setPaused(account: AccountRow, codeId: string, paused: boolean): Promise<CarMoveCodeView> {
    const row = await this.ownCode(account, codeId);
    await this.deps.db
      .updateTable('car_move_codes')
      .set({ status: paused ? 'PAUSED' : 'ACTIVE', updated_at: this.deps.now().toISOString() })
      .where('id', '=', row.id)
      .execute();
    return this.codeView(await this.ownCode(account, codeId));
  }

  /** A new token: the old sticker is invalid from this moment (its hash is gone). */
  async regenerate(account: AccountRow, codeId: string): Promise<CarMoveCodeView> {
    const row = await this.ownCode(account, codeId);
    const token = randomBytes(18).toString('base64url');
    await this.deps.db
      .updateTable('car_move_codes')
      .set({
        token_hash: sha256(token),
        token_enc: this.deps.vault.encrypt(token),
        updated_at: this.deps.now().toISOString(),
      })
      .where('id', '=', row.id)
      .execute();
    return this.codeView(await this.ownCode(account, codeId));
  }

  /** The code is gone (its notices stay with the owner's requests). */
  async remove(account: AccountRow, codeId: string): Promise<boolean> {
    const row = await this.ownCode(account, codeId);
    await this.deps.db.deleteFrom('car_move_codes').where('id', '=', row.id).execute();
    return true;
  }

  /** Requests and code notices about one of the owner's vehicles, newest first, with their answers (the timeline). */
  async notices(account: AccountRow, owned: Pick<OwnedVehicleView, 'registered'>): Promise<VehicleNoticeView[]> {
    // The vehicle as the register listed it to this citizen a moment ago (myVehicles): no second register call.
    const vehicle = owned.registered;
    const ids = await requestIdsAbout(this.deps.db, this.deps.vault, account.citizen_id!, vehicle.plate);
    if (ids.length === 0) return [];
    const viaCode = new Map(
      (
        await this.deps.db
          .selectFrom('car_move_code_notices')
          .select(['request_id', 'answer_token_enc'])
          .where('request_id', 'in', ids)
          .execute()
      ).map((n) => [n.request_id, n.answer_token_enc]),
    );
    const views = await Promise.all(ids.map((id) => this.deps.carMove.get(account, id)));
    return (
      views
        // The same characters on another type are another vehicle (the register keys by both).
        .filter((v) => v.plateType === vehicle.plateType)
        .map((request) => {
          const token = viaCode.get(request.id);
          return {
            request,
            viaCode: token !== undefined,
            answerToken: token && OPEN.includes(request.status) ? this.deps.vault.decrypt(token) : null,
          };
        })
    );
  }

  /** The printable sticker, PDF (A6, to cut out) or PNG. */
  async printable(account: AccountRow, codeId: string, format: 'pdf' | 'png'): Promise<Buffer> {
    const row = await this.ownCode(account, codeId);
    const details = JSON.parse(this.deps.vault.decrypt(row.vehicle_enc)) as VehicleDetails;
    const sticker = {
      scanUrl: this.scanUrl(this.deps.vault.decrypt(row.token_enc)),
      maskedPlate: maskPlate(details.plate),
      codeNumber: row.id.replace(/-/g, '').slice(0, 8).toUpperCase(),
    };
    const font = { path: this.deps.config.DOCUMENT_FONT_PATH, name: this.deps.config.DOCUMENT_FONT_NAME };
    return format === 'pdf' ? renderCodePdf(sticker, font) : renderCodePng(sticker);
  }

  // --- the scanner's side: no sign-in ---

  private async byToken(token: string): Promise<CarMoveCodeTable & { details: VehicleDetails }> {
    const text = String(token ?? '');
    const row = /^[A-Za-z0-9_-]{16,64}$/.test(text)
      ? await this.deps.db
          .selectFrom('car_move_codes')
          .selectAll()
          .where('token_hash', '=', sha256(text))
          .executeTakeFirst()
      : undefined;
    if (!row) throw new CarMoveCodeError('CAR_MOVE_CODE_INVALID');
    if (row.status !== 'ACTIVE') throw new CarMoveCodeError('CAR_MOVE_CODE_PAUSED');
    return { ...row, details: JSON.parse(this.deps.vault.decrypt(row.vehicle_enc)) as VehicleDetails };
  }

  /** @throws CAR_MOVE_CODE_INVALID (unknown, regenerated or deleted alike) or CAR_MOVE_CODE_PAUSED. */
  async scan(token: string): Promise<ScannedCodeView> {
    const row = await this.byToken(token);
    return { vehicle: row.details.vehicle, plateType: row.details.plateType };
  }

  /**
   * Takes one of each limit (device, client, code) for this hour, each an atomic take;
   * a refused one gives back those already taken. @throws CAR_MOVE_CODE_LIMIT.
   */
  private async takeLimits(
    scopes: Array<{ scope: 'device' | 'client' | 'code'; key: string; max: number }>,
  ): Promise<() => Promise<void>> {
    const hour = chinaCalendar(this.deps.now()).hour;
    const taken: string[] = [];
    const giveBack = async () => {
      await Promise.all(taken.map((key) => this.deps.attempts.giveBack(key, hour)));
    };
    for (const s of scopes) {
      const key = `car-move-code:${s.scope}:${s.key}`;
      if ((await this.deps.attempts.take(key, hour, s.max, 2 * 3600)) === null) {
        await giveBack();
        throw new CarMoveCodeLimitError(s.scope, s.max);
      }
      taken.push(key);
    }
    return giveBack;
  }

  /**
   * A scanner's notice to the owner. A retry with the same key (per device) answers with
   * the first notice and takes nothing. @throws CAR_MOVE_CODE_INVALID/_PAUSED, CAR_MOVE_CODE_LIMIT,
   * BAD_USER_INPUT (reason, deviceId, idempotencyKey), UPLOAD_NOT_FOUND for a photo not sent through this code.
   */
  async notify(
    input: { token: string; reason: Reason; photoId?: string | null; deviceId: string; idempotencyKey: string },
    client: string,
  ): Promise<{ followToken: string; notice: CodeNoticeStatus }> {
    if (!(input.reason in REASONS)) throw new BadUserInputError('BAD_USER_INPUT', { field: 'reason' });
    if (!KEY.test(input.deviceId ?? '')) throw new BadUserInputError('BAD_USER_INPUT', { field: 'deviceId' });
    if (!KEY.test(input.idempotencyKey ?? ''))
      throw new BadUserInputError('BAD_USER_INPUT', { field: 'idempotencyKey' });
    const key = `${sha256(input.deviceId).slice(0, 16)}:${input.idempotencyKey}`;
    const followToken = () => randomBytes(18).toString('base64url');

    // Step 1: a retry is answered with its first notice (a new follow token for the same notice).
    const existing = await this.byKey(key);
    if (existing) return existing;
    // Step 2: the code (an invalid or paused one costs nobody a notice).
    const code = await this.byToken(input.token);
    // Step 3: the limits, before anything is written.
    const giveBack = await this.takeLimits([
      { scope: 'device', key: sha256(input.deviceId), max: this.deps.config.CAR_MOVE_CODE_PER_DEVICE_HOUR },
      { scope: 'client', key: client, max: this.deps.config.CAR_MOVE_CODE_PER_CLIENT_HOUR },
      { scope: 'code', key: code.id, max: this.deps.config.CAR_MOVE_CODE_PER_CODE_HOUR },
    ]);
    try {
      // Step 4: the photo must have come through this code's page, within the hour, and be unused.
      const photoId = input.photoId ? await this.checkedPhoto(code.citizen_id, String(input.photoId)) : null;
      // Step 5: the request (car moving's own), its link to the code and the owner's notices, together.
      const follow = followToken();
      const now = this.deps.now();
      // The owner's quiet hours hold the SMS (never the in-app message), unless the notice is urgent.
      const smsAt = codeNoticeUrgent(input.reason)
        ? null
        : await this.deps.carMove.quietHours.heldUntil(code.citizen_id, now);
      await this.deps.db.transaction().execute(async (trx) => {
        const { requestId, answerToken } = await createCodeNotice(trx, this.deps, {
          ownerCitizenId: code.citizen_id,
          plate: code.details.plate,
          plateType: code.details.plateType,
          vehicle: code.details.vehicle,
          reason: input.reason,
          photoId,
          now,
          smsAt,
        });
        await trx
          .insertInto('car_move_code_notices')
          .values({
            request_id: requestId,
            code_id: code.id,
            idempotency_key: key,
            follow_token_hash: sha256(follow),
            answer_token_enc: this.deps.vault.encrypt(answerToken),
            created_at: now.toISOString(),
          })
          .execute();
      });
      void this.deps.outbox.drain();
      return (await this.follow(follow))!;
    } catch (error) {
      await giveBack().catch((e) => this.deps.logger.warn({ err: e }, 'car-move code limit give-back failed'));
      // The same key at the same moment: the other try wrote the notice.
      const raced = await this.byKey(key);
      if (raced) return raced;
      throw error;
    }
  }

  private async byKey(key: string): Promise<{ followToken: string; notice: CodeNoticeStatus } | null> {
    const row = await this.deps.db
      .selectFrom('car_move_code_notices')
      .select(['request_id'])
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    if (!row) return null;
    // The follow token is kept only as a hash: a retry gets a fresh one for the same notice.
    const token = randomBytes(18).toString('base64url');
    await this.deps.db
      .updateTable('car_move_code_notices')
      .set({ follow_token_hash: sha256(token) })
      .where('request_id', '=', row.request_id)
      .execute();
    const notice = await codeNoticeStatus(this.deps.db, row.request_id, this.deps.now());
    return notice ? { followToken: token, notice } : null;
  }

  /** Where the scanner's notice stands, by the token the notice answered with. */
  async follow(followToken: string): Promise<{ followToken: string; notice: CodeNoticeStatus } | null> {
    const row = KEY.test(String(followToken ?? ''))
      ? await this.deps.db
          .selectFrom('car_move_code_notices')
          .select('request_id')
          .where('follow_token_hash', '=', sha256(String(followToken)))
          .executeTakeFirst()
      : undefined;
    if (!row) throw new CarMoveCodeError('CAR_MOVE_CODE_INVALID', { field: 'followToken' });
    const notice = await codeNoticeStatus(this.deps.db, row.request_id, this.deps.now());
    if (!notice) throw new CarMoveCodeError('CAR_MOVE_CODE_INVALID', { field: 'followToken' });
    return { followToken, notice };
  }

  private async checkedPhoto(ownerCitizenId: string, photoId: string): Promise<string> {
    const since = new Date(this.deps.now().getTime() - 3600_000).toISOString();
    const photo = await this.deps.db
      .selectFrom('uploads')
      .select(['citizen_id', 'created_at'])
      .where('id', '=', photoId)
      .executeTakeFirst();
    const used = await this.deps.db
      .selectFrom('car_move_requests')
      .select('id')
      .where('photo_id', '=', photoId)
      .executeTakeFirst();
    if (!photo || photo.citizen_id !== ownerCitizenId || photo.created_at < since || used)
      throw new BadUserInputError('UPLOAD_NOT_FOUND', { field: 'photoId' });
    return photoId;
  }

  /**
   * A scanner's photo of the scene, through the code's page: counted against the client's
   * hourly limit before it is decoded, re-encoded (nothing but the picture kept), stored
   * encrypted as the owner's (it is for them, and goes when they do). Only its id returns.
   */
  async photo(
    token: string,
    raw: () => Promise<Buffer>,
    client: string,
  ): Promise<{ id: string; type: string; size: number }> {
    const code = await this.byToken(token);
    await this.takeLimits([
      { scope: 'client', key: `photo:${client}`, max: this.deps.config.CAR_MOVE_CODE_PER_CLIENT_HOUR },
    ]);
    const data = await raw();
    let image;
    try {
      image = await reencodeImage(data, { maxPixels: this.deps.config.UPLOAD_MAX_PIXELS });
    } catch (error) {
      if (!(error instanceof ImageRefusedError)) throw error;
      throw error.reason === 'type'
        ? new CodePhotoError('UPLOAD_TYPE', 415)
        : error.reason === 'too-large'
          ? new CodePhotoError('UPLOAD_TOO_LARGE', 413)
          : new CodePhotoError('UPLOAD_UNREADABLE', 422);
    }
    const id = randomUUID();
    await this.deps.db
      .insertInto('uploads')
      .values({
        id,
        citizen_id: code.citizen_id,
        type: image.type,
        size: image.data.length,
        data_enc: this.deps.vault.encrypt(image.data.toString('base64')),
        created_at: this.deps.now().toISOString(),
      })
      .execute();
    return { id, type: image.type, size: image.data.length };
  }

  /** Whether each request came through a code (the console marks code reports). */
  async viaCode(requestIds: string[]): Promise<Set<string>> {
    if (requestIds.length === 0) return new Set();
    const rows = await this.deps.db
      .selectFrom('car_move_code_notices')
      .select('request_id')
      .where('request_id', 'in', requestIds)
      .execute();
    return new Set(rows.map((r) => r.request_id));
  }
}
