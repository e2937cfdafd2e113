import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db';
import type { AppointmentTable, Database, ServiceHallTable } from '../../db/schema';
import { AppError, BadUserInputError } from '../../errors';
import type { Outbox } from '../../outbox/outbox';
import { chinaCalendar, chinaInstant } from '../../time/chinaTime';
import type { IdentityService } from '../identity/service';
import type { AccountRow } from '../identity/store';
import { parseDay, parseInstant } from '../../time/parse';
import type { Messages } from '../messages/service';

export const APPOINTMENT_REMINDER = 'appointments.reminder';
/** How far ahead a slot can be booked. */
export const BOOKING_DAYS = 14;
const slotId = (hallId: string, serviceId: string, startsAt: string) => `${hallId}|${serviceId}|${startsAt}`;

export interface AppointmentView extends AppointmentTable {
  hall: ServiceHallTable;
  service: { title: string; titleEn: string };
  changeable: boolean;
}

/**
 * Appointments at service halls. A slot's row is made on its first booking with a
 * booked counter; a booking is one conditional increment (`booked < capacity`), which
 * the database applies one at a time per row, so no slot is ever overbooked, however
 * many BFF instances book at once. A partial unique index keeps one active appointment
 * per citizen per service. Reminders leave through the outbox, held until the day before.
 */
export class Appointments {
  constructor(
    private readonly deps: { db: Db; outbox: Outbox; messages: Messages; identity: IdentityService; now: () => Date },
  ) {
    deps.outbox.on(APPOINTMENT_REMINDER, (payload: { appointmentId: string; startsAt: string }) =>
      this.remind(payload),
    );
  }

  async halls(serviceId?: string | null): Promise<ServiceHallTable[]> {
    let query = this.deps.db.selectFrom('service_halls').selectAll();
    if (serviceId)
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('hall_services as s')
            .select('s.hall_id')
            .whereRef('s.hall_id', '=', 'service_halls.id')
            .where('s.service_id', '=', serviceId),
        ),
      );
    return query.orderBy('id').execute();
  }

  async hallServices(hallId: string) {
    const rows = await this.deps.db
      .selectFrom('hall_services')
      .selectAll()
      .where('hall_id', '=', hallId)
      .orderBy('service_id')
      .execute();
    return Promise.all(
      rows.map(async (r) => ({
        serviceId: r.service_id,
        capacity: r.capacity,
        ...(await this.serviceTitle(r.service_id)),
      })),
    );
  }

  /** The service's name as its tile shows it. Inside a transaction pass it: SQLite has one connection. */
  async serviceTitle(
    serviceId: string,
    db: Db | Transaction<Database> = this.deps.db,
  ): Promise<{ title: string; titleEn: string }> {
    // The service's tile names it: the tile that targets the service, the booking page for it, or the tile of the same id
    // (a seed tile may now open a records or booking page rather than the service itself).
    const bookingPage = `/pages/book/index?serviceId=${serviceId}`;
    const tiles = await db
      .selectFrom('service_tiles')
      .select(['id', 'title', 'title_en', 'target_value'])
      .where((eb) =>
        eb.or([eb('target_value', '=', serviceId), eb('target_value', '=', bookingPage), eb('id', '=', serviceId)]),
      )
      .execute();
    const rank = (t: { id: string; target_value: string }) =>
      t.target_value === serviceId ? 0 : t.target_value === bookingPage ? 1 : 2;
    const tile = tiles.sort((a, b) => rank(a) - rank(b))[0];
    return tile ? { title: tile.title, titleEn: tile.title_en } : { title: serviceId, titleEn: serviceId };
  }

  /** @throws HALL_NOT_FOUND when the hall does not book the service. */
  private async offering(
    hallId: string,
    serviceId: string,
  ): Promise<{ hall: ServiceHallTable; capacity: number; schedule: Record<string, string[]> }> {
    const row = await this.deps.db
      .selectFrom('hall_services as s')
      .innerJoin('service_halls as h', 'h.id', 's.hall_id')
      .selectAll('h')
      .select('s.capacity')
      .where('s.hall_id', '=', String(hallId))
      .where('s.service_id', '=', String(serviceId))
      .executeTakeFirst();
    if (!row) throw new BadUserInputError('HALL_NOT_FOUND', { field: 'hallId' });
    const { capacity, ...hall } = row;
    return { hall, capacity, schedule: JSON.parse(hall.schedule) };
  }

  /** A day's slots with the places left. @throws BAD_USER_INPUT for a date that is not YYYY-MM-DD. */
  async slots(hallId: string, serviceId: string, date: string) {
    parseDay(date, 'date');
    const { capacity, schedule } = await this.offering(hallId, serviceId);
    const weekday = chinaCalendar(chinaInstant(date, '12:00')).weekday;
    const now = this.deps.now();
    const times = (schedule[weekday] ?? []).filter(() => this.withinWindow(date));
    const starts = times.map((time) => chinaInstant(date, time).toISOString());
    const rows = starts.length
      ? await this.deps.db
          .selectFrom('appointment_slots')
          .select(['id', 'booked'])
          .where(
            'id',
            'in',
            starts.map((s) => slotId(hallId, serviceId, s)),
          )
          .execute()
      : [];
    const booked = new Map(rows.map((r) => [r.id, r.booked]));
    return times.map((time, i) => {
      const startsAt = starts[i]!;
      return {
        startsAt,
        time,
        capacity,
        available: Math.max(0, capacity - (booked.get(slotId(hallId, serviceId, startsAt)) ?? 0)),
        past: startsAt <= now.toISOString(),
      };
    });
  }

  private withinWindow(date: string): boolean {
    const today = chinaCalendar(this.deps.now()).day;
    const last = new Date(Date.parse(`${today}T00:00:00Z`) + BOOKING_DAYS * 86_400_000).toISOString().slice(0, 10);
    return date >= today && date <= last;
  }

  /** Checks a slot start against the hall's schedule. @throws SLOT_NOT_FOUND, SLOT_IN_PAST. */
  private checkSlot(schedule: Record<string, string[]>, startsAt: string): string {
    const at = parseInstant(startsAt, 'startsAt', 'SLOT_NOT_FOUND');
    if (at.getTime() <= this.deps.now().getTime()) throw new BadUserInputError('SLOT_IN_PAST', { field: 'startsAt' });
    const local = chinaCalendar(at);
    if (
      !(schedule[local.weekday] ?? []).includes(local.time) ||
      at.getUTCSeconds() !== 0 ||
      at.getUTCMilliseconds() !== 0 ||
      !this.withinWindow(local.day)
    ) {
      throw new BadUserInputError('SLOT_NOT_FOUND', { field: 'startsAt' });
    }
    return at.toISOString();
  }

  /** Makes sure the slot's counter row exists (it is created by its first booking). */
  private async ensureSlot(
    trx: Transaction<Database>,
    hallId: string,
    serviceId: string,
    startsAt: string,
    capacity: number,
  ): Promise<string> {
    const id = slotId(hallId, serviceId, startsAt);
    await trx
      .insertInto('appointment_slots')
      .values({ id, hall_id: hallId, service_id: serviceId, starts_at: startsAt, capacity, booked: 0 })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    return id;
  }

  /**
   * Takes a place in a slot in `trx`: one conditional UPDATE, so the check and the count
   * are one step. It locks the slot's row until commit, so callers do it last. @throws SLOT_FULL.
   */
  private async take(
    trx: Transaction<Database>,
    hallId: string,
    serviceId: string,
    startsAt: string,
    capacity: number,
  ): Promise<string> {
    const id = await this.ensureSlot(trx, hallId, serviceId, startsAt, capacity);
    const taken = await trx
      .updateTable('appointment_slots')
      .set((eb) => ({ booked: eb('booked', '+', 1) }))
      .where('id', '=', id)
      .whereRef('booked', '<', 'capacity')
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1) throw new AppError('SLOT_FULL', undefined, { field: 'startsAt' });
    return id;
  }

  private async release(trx: Transaction<Database>, id: string): Promise<void> {
    await trx
      .updateTable('appointment_slots')
      .set((eb) => ({ booked: eb('booked', '-', 1) }))
      .where('id', '=', id)
      .where('booked', '>', 0)
      .execute();
  }

  private async activeFor(citizenId: string, serviceId: string) {
    return (
      this.deps.db
        .selectFrom('appointments')
        .selectAll()
        .where('citizen_id', '=', citizenId)
        .where('service_id', '=', serviceId)
        // Written into the SQL: a parameter compared with the partial index's condition
        // (appointments_one_active) would have SQLite prepare the statement on every run.
        .where('status', '=', sql.lit('BOOKED'))
        .executeTakeFirst()
    );
  }

  /**
   * @throws HALL_NOT_FOUND, SLOT_NOT_FOUND, SLOT_IN_PAST, SLOT_FULL, APPOINTMENT_EXISTS
   * (another active one for the service; the same slot again returns the first).
   */
  async book(account: AccountRow, hallId: string, serviceId: string, startsAtInput: string): Promise<AppointmentView> {
    this.deps.identity.requireLevel(account, 2);
    const citizenId = account.citizen_id!;
    const { capacity, schedule } = await this.offering(hallId, serviceId);
    const startsAt = this.checkSlot(schedule, startsAtInput);
    const existing = await this.activeFor(citizenId, serviceId);
    if (existing) {
      if (existing.hall_id === hallId && existing.starts_at === startsAt) return this.view(existing);
      throw new AppError('APPOINTMENT_EXISTS', undefined, { field: 'serviceId', appointmentId: existing.id });
    }
    // A full slot is answered without queueing for its row lock: when hundreds book one
    // slot at once, those who lose should hear so at once. The UPDATE in take() still decides.
    const slotNow = await this.deps.db
      .selectFrom('appointment_slots')
      .select(['booked', 'capacity'])
      .where('id', '=', slotId(hallId, serviceId, startsAt))
      .executeTakeFirst();
    if (slotNow && slotNow.booked >= slotNow.capacity)
      throw new AppError('SLOT_FULL', undefined, { field: 'startsAt' });
    const id = randomUUID();
    const now = this.deps.now().toISOString();
    try {
      await this.deps.db.transaction().execute(async (trx) => {
        // Everything else first, the slot's counter last: the row lock is held only to commit.
        const slot = await this.ensureSlot(trx, hallId, serviceId, startsAt, capacity);
        await trx
          .insertInto('appointments')
          .values({
            id,
            citizen_id: citizenId,
            hall_id: hallId,
            service_id: serviceId,
            slot_id: slot,
            starts_at: startsAt,
            status: 'BOOKED',
            created_at: now,
            updated_at: now,
          })
          .execute();
        await this.notify(
          trx,
          { id, citizen_id: citizenId, hall_id: hallId, service_id: serviceId, starts_at: startsAt },
          'BOOKED',
        );
        await this.scheduleReminder(trx, id, startsAt);
        await this.take(trx, hallId, serviceId, startsAt, capacity);
      });
    } catch (error) {
      // The same citizen booking twice at once: the partial unique index lets one through.
      if (!(error instanceof AppError)) {
        const raced = await this.activeFor(citizenId, serviceId);
        if (raced) throw new AppError('APPOINTMENT_EXISTS', undefined, { field: 'serviceId', appointmentId: raced.id });
      }
      throw error;
    }
    return this.view(
      await this.deps.db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    );
  }

  /** The citizen's own appointment, locked in `trx`, still changeable. @throws APPOINTMENT_NOT_FOUND, APPOINTMENT_CLOSED. */
  private async lockOwn(trx: Transaction<Database>, account: AccountRow, id: string): Promise<AppointmentTable> {
    const now = this.deps.now().toISOString();
    const locked = await trx
      .updateTable('appointments')
      .set({ updated_at: now })
      .where('id', '=', String(id))
      .where('citizen_id', '=', account.citizen_id ?? '')
      .executeTakeFirst();
    if (Number(locked.numUpdatedRows) !== 1) throw new AppError('APPOINTMENT_NOT_FOUND', undefined, { field: 'id' });
    const row = await trx.selectFrom('appointments').selectAll().where('id', '=', String(id)).executeTakeFirstOrThrow();
    if (row.status !== 'BOOKED' || row.starts_at <= now)
      throw new AppError('APPOINTMENT_CLOSED', undefined, { field: 'id', status: row.status });
    return row;
  }

  /** Moves to another slot; the old place is freed in the same transaction. @throws as book, plus APPOINTMENT_NOT_FOUND / _CLOSED. */
  async reschedule(
    account: AccountRow,
    id: string,
    startsAtInput: string,
    hallIdInput?: string | null,
  ): Promise<AppointmentView> {
    this.deps.identity.requireLevel(account, 2);
    const current = await this.deps.db
      .selectFrom('appointments')
      .selectAll()
      .where('id', '=', String(id))
      .where('citizen_id', '=', account.citizen_id ?? '')
      .executeTakeFirst();
    if (!current) throw new AppError('APPOINTMENT_NOT_FOUND', undefined, { field: 'id' });
    const hallId = hallIdInput ?? current.hall_id;
    const { capacity, schedule } = await this.offering(hallId, current.service_id);
    const startsAt = this.checkSlot(schedule, startsAtInput);
    await this.deps.db.transaction().execute(async (trx) => {
      const row = await this.lockOwn(trx, account, id);
      if (row.hall_id === hallId && row.starts_at === startsAt) return;
      const slot = await this.take(trx, hallId, row.service_id, startsAt, capacity);
      await this.release(trx, row.slot_id);
      await trx
        .updateTable('appointments')
        .set({ hall_id: hallId, slot_id: slot, starts_at: startsAt })
        .where('id', '=', row.id)
        .execute();
      await this.notify(trx, { ...row, hall_id: hallId, starts_at: startsAt }, 'RESCHEDULED');
      await this.scheduleReminder(trx, row.id, startsAt);
    });
    return this.view(
      await this.deps.db.selectFrom('appointments').selectAll().where('id', '=', String(id)).executeTakeFirstOrThrow(),
    );
  }

  async cancel(account: AccountRow, id: string): Promise<AppointmentView> {
    this.deps.identity.requireLevel(account, 2);
    await this.deps.db.transaction().execute(async (trx) => {
      const row = await this.lockOwn(trx, account, id);
      await this.release(trx, row.slot_id);
      await trx.updateTable('appointments').set({ status: 'CANCELLED' }).where('id', '=', row.id).execute();
      await this.notify(trx, row, 'CANCELLED');
    });
    return this.view(
      await this.deps.db.selectFrom('appointments').selectAll().where('id', '=', String(id)).executeTakeFirstOrThrow(),
    );
  }

  async mine(account: AccountRow): Promise<AppointmentView[]> {
    if (!account.citizen_id) return [];
    const rows = await this.deps.db
      .selectFrom('appointments')
      .selectAll()
      .where('citizen_id', '=', account.citizen_id)
      .orderBy('starts_at')
      .execute();
    const now = this.deps.now().toISOString();
    const upcoming = rows.filter((r) => r.status === 'BOOKED' && r.starts_at > now);
    const rest = rows.filter((r) => !upcoming.includes(r)).reverse();
    return this.views([...upcoming, ...rest]);
  }

  private async view(row: AppointmentTable): Promise<AppointmentView> {
    return (await this.views([row]))[0]!;
  }

  /** Rows as views: their halls and service names read once for all of them. */
  private async views(rows: readonly AppointmentTable[]): Promise<AppointmentView[]> {
    if (rows.length === 0) return [];
    const halls = new Map(
      (
        await this.deps.db
          .selectFrom('service_halls')
          .selectAll()
          .where('id', 'in', [...new Set(rows.map((r) => r.hall_id))])
          .execute()
      ).map((h) => [h.id, h]),
    );
    const titles = new Map(
      await Promise.all(
        [...new Set(rows.map((r) => r.service_id))].map(async (id) => [id, await this.serviceTitle(id)] as const),
      ),
    );
    const now = this.deps.now().toISOString();
    return rows.map((row) => ({
      ...row,
      hall: halls.get(row.hall_id)!,
      service: titles.get(row.service_id)!,
      changeable: row.status === 'BOOKED' && row.starts_at > now,
    }));
  }

  /** The reminder is held until a day before (or now, when booked for within a day). */
  private async scheduleReminder(trx: Transaction<Database>, appointmentId: string, startsAt: string): Promise<void> {
    await this.deps.outbox.enqueue(
      trx,
      APPOINTMENT_REMINDER,
      { appointmentId, startsAt },
      { notBefore: new Date(Date.parse(startsAt) - 24 * 3600_000) },
    );
  }

  /** Sends the reminder if the appointment still stands at that time (a moved one has its own). */
  private async remind({ appointmentId, startsAt }: { appointmentId: string; startsAt: string }): Promise<void> {
    const row = await this.deps.db
      .selectFrom('appointments')
      .selectAll()
      .where('id', '=', appointmentId)
      .executeTakeFirst();
    if (!row || row.status !== 'BOOKED' || row.starts_at !== startsAt) return;
    await this.deps.db.transaction().execute((trx) => this.notify(trx, row, 'REMINDER'));
  }

  private async notify(
    trx: Transaction<Database>,
    row: Pick<AppointmentTable, 'id' | 'citizen_id' | 'hall_id' | 'service_id' | 'starts_at'>,
    event: 'BOOKED' | 'RESCHEDULED' | 'CANCELLED' | 'REMINDER',
  ): Promise<void> {
    const hall = await trx
      .selectFrom('service_halls')
      .select(['name', 'name_en'])
      .where('id', '=', row.hall_id)
      .executeTakeFirstOrThrow();
    const service = await this.serviceTitle(row.service_id, trx);
    const when = chinaCalendar(new Date(row.starts_at));
    const words = {
      BOOKED: { zh: '预约成功', en: 'Appointment booked' },
      RESCHEDULED: { zh: '预约已改期', en: 'Appointment moved' },
      CANCELLED: { zh: '预约已取消', en: 'Appointment cancelled' },
      REMINDER: { zh: '预约提醒', en: 'Appointment reminder' },
    }[event];
    await this.deps.messages.post(trx, {
      citizenId: row.citizen_id,
      kind: 'APPOINTMENT',
      eventKey: `appointment:${row.id}:${event}:${row.starts_at}`,
      topic: 'APPOINTMENT_REMINDER',
      title: `${words.zh}：${service.title}`,
      titleEn: `${words.en}: ${service.titleEn}`,
      body: `${when.day} ${when.time}，${hall.name}${event === 'REMINDER' ? '。请携带身份证件按时到达。' : event === 'CANCELLED' ? '，已为您取消。' : '。'}`,
      bodyEn: `${when.day} ${when.time}, ${hall.name_en}${event === 'REMINDER' ? '. Please bring your ID and arrive on time.' : event === 'CANCELLED' ? ': cancelled.' : '.'}`,
      link: '/pages/appointments/index',
      params: { service: service.title, time: `${when.day} ${when.time}`, hall: hall.name },
    });
  }
}
