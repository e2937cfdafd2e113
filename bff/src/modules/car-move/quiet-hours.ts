import type { Db } from '../../db';
import { AppError, BadUserInputError } from '../../errors';
import type { UpstreamClient } from '../../upstream/client';
import type { Deadline } from '../../upstream/deadline';
import type { IdentityService } from '../identity/service';
import type { AccountRow } from '../identity/store';
import { chinaCalendar, chinaInstant } from '../../time/chinaTime';
import type { CitizenDirectory } from '../identity/citizens';

const DAY_MS = 86400_000;
/** 'HH:MM' on the hour or half hour: what the picker offers, and all an SMS schedule needs. */
const TIME = /^([01]\d|2[0-3]):(00|30)$/;

export interface QuietHoursView {
  /** 'HH:MM' China time */
  startsAt: string;
  endsAt: string;
  /** Whether they are on now */
  activeNow: boolean;
  /** When the quiet hours on now end (an SMS held now goes out then); null when not on now */
  activeUntil: string | null;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The end of the quiet hours `startsAt`–`endsAt` (China time) that `now` falls in, or null
 * when `now` is outside them. A start after the end spans midnight (22:00–07:00).
 */
export function quietHoursEnd(startsAt: string, endsAt: string, now: Date): Date | null {
  const { day, time } = chinaCalendar(now);
  const minute = minutes(time);
  const start = minutes(startsAt);
  const end = minutes(endsAt);
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return null;
  // The end today, or tomorrow when today's has passed (22:00–07:00 entered at 23:00).
  const today = chinaInstant(day, endsAt);
  return today > now ? today : new Date(today.getTime() + DAY_MS);
}

/**
 * An owner's quiet hours for car moving: requests still arrive in the app at once; the
 * SMS waits for the end (an outbox job with notBefore) unless the requester marked the
 * request urgent, and a blocked exit is always urgent. Only a verified citizen (level 2)
 * with a vehicle registered to them at the vehicle register may set them.
 */
export class QuietHours {
  constructor(
    private readonly deps: {
      db: Db;
      citizens: CitizenDirectory;
      upstream: UpstreamClient;
      identity: IdentityService;
      now: () => Date;
    },
  ) {}

  private view(row: { starts_at: string; ends_at: string }): QuietHoursView {
    const until = quietHoursEnd(row.starts_at, row.ends_at, this.deps.now());
    return {
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      activeNow: until !== null,
      activeUntil: until?.toISOString() ?? null,
    };
  }

  /** The citizen's quiet hours; null when they set none. */
  async get(account: AccountRow): Promise<QuietHoursView | null> {
    if (!account.citizen_id) return null;
    const row = await this.deps.db
      .selectFrom('car_move_quiet_hours')
      .select(['starts_at', 'ends_at'])
      .where('citizen_id', '=', account.citizen_id)
      .executeTakeFirst();
    return row ? this.view(row) : null;
  }

  /**
   * Sets (or replaces) the owner's quiet hours.
   * @throws ASSURANCE_LEVEL_TOO_LOW below level 2, CAR_MOVE_QUIET_HOURS_INVALID for a bad or
   * empty window, CAR_MOVE_NOT_VEHICLE_OWNER when the register holds no vehicle of theirs,
   * AGENCY_UNAVAILABLE when it does not answer. `deadline`: the request's, for the register's call.
   */
  async set(account: AccountRow, startsAt: string, endsAt: string, deadline: Deadline | null): Promise<QuietHoursView> {
    this.deps.identity.requireLevel(account, 2);
    if (!TIME.test(String(startsAt ?? '')) || !TIME.test(String(endsAt ?? '')) || startsAt === endsAt) {
      throw new BadUserInputError('CAR_MOVE_QUIET_HOURS_INVALID', {
        field: TIME.test(String(startsAt ?? '')) ? 'endsAt' : 'startsAt',
      });
    }
    await this.requireOwner(account.citizen_id!, deadline);
    const row = {
      citizen_id: account.citizen_id!,
      starts_at: startsAt,
      ends_at: endsAt,
      updated_at: this.deps.now().toISOString(),
    };
    await this.deps.db
      .insertInto('car_move_quiet_hours')
      .values(row)
      .onConflict((oc) =>
        oc.column('citizen_id').doUpdateSet({ starts_at: startsAt, ends_at: endsAt, updated_at: row.updated_at }),
      )
      .execute();
    return this.view(row);
  }

  /** Turns quiet hours off: every SMS goes out at once again. */
  async clear(account: AccountRow): Promise<boolean> {
    this.deps.identity.requireLevel(account, 2);
    await this.deps.db.deleteFrom('car_move_quiet_hours').where('citizen_id', '=', account.citizen_id!).execute();
    return true;
  }

  /** When an SMS to this owner may go out, if not now: the end of the quiet hours `now` falls in; null to send at once. */
  async heldUntil(citizenId: string, now: Date): Promise<Date | null> {
    const row = await this.deps.db
      .selectFrom('car_move_quiet_hours')
      .select(['starts_at', 'ends_at'])
      .where('citizen_id', '=', citizenId)
      .executeTakeFirst();
    return row ? quietHoursEnd(row.starts_at, row.ends_at, now) : null;
  }

  /** The register holds a vehicle of this citizen's (asked by their ID number, which never leaves this call). */
  private async requireOwner(citizenId: string, deadline: Deadline | null): Promise<void> {
    const idNumber = await this.deps.citizens.idNumberOf(citizenId);
    // By a body, so the ID number is in no URL (no access log, no trace path).
    const response = await this.deps.upstream.request<{ plates?: string[] }>('vehicle', {
      method: 'POST',
      path: '/v1/owners/vehicles',
      body: { idNumber },
      deadline,
    });
    if (response.status === 404 || (response.status === 200 && !response.body?.plates?.length))
      throw new AppError('CAR_MOVE_NOT_VEHICLE_OWNER');
    if (response.status !== 200)
      throw new AppError('AGENCY_UNAVAILABLE', 'vehicle register gave no answer', { agency: 'vehicle' });
  }
}
