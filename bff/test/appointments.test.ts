import {
  Citizens,
  chinaWeekday,
  startBff,
  startMockData,
  startsAt,
  testDatabases,
  type MockData,
  type RunningBff,
  type SignedIn,
} from './helpers';

const SLOTS = `query($h: ID!, $s: ID!, $d: String!) { appointmentSlots(hallId: $h, serviceId: $s, date: $d) { startsAt time capacity available past } }`;
const BOOK = `mutation($h: ID!, $s: ID!, $t: String!) { bookAppointment(hallId: $h, serviceId: $s, startsAt: $t) { id status startsAt changeable hall { id name } serviceTitle } }`;
const MOVE = `mutation($id: ID!, $t: String!) { rescheduleAppointment(id: $id, startsAt: $t) { id status startsAt } }`;
const CANCEL = `mutation($id: ID!) { cancelAppointment(id: $id) { id status changeable } }`;

let mock: MockData;
beforeAll(async () => {
  mock = await startMockData();
});
afterAll(() => mock.stop());

describe.each(testDatabases())('appointments on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;
  let shiftMs = 0;
  const errorOf = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => body.errors?.[0]?.extensions;
  const day = chinaWeekday(3);
  const available = async (hall: string, service: string, time: string) =>
    (await bff.gql(SLOTS, { h: hall, s: service, d: day })).body.data.appointmentSlots.find(
      (s: { time: string }) => s.time === time,
    ).available as number;

  beforeAll(async () => {
    bff = await startBff(
      { ...(await database.env()), AGENCY_BASE_URL: mock.url, OUTBOX_POLL_MS: '100' },
      { now: () => new Date(Date.now() + shiftMs) },
    );
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 1400 : 1500);
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });
  afterEach(() => {
    shiftMs = 0;
  });

  it('lists halls for a service and a day’s slots with the places left', async () => {
    const halls = (
      await bff.gql(
        'query { serviceHalls(serviceId: "marriage-appointment") { id name hours services { serviceId title capacity } } }',
      )
    ).body.data.serviceHalls;
    expect(halls).toEqual([
      expect.objectContaining({
        id: 'citizen-centre',
        services: expect.arrayContaining([{ serviceId: 'marriage-appointment', title: '婚姻登记预约', capacity: 4 }]),
      }),
    ]);
    const slots = (await bff.gql(SLOTS, { h: 'citizen-centre', s: 'marriage-appointment', d: day })).body.data
      .appointmentSlots;
    expect(slots[0]).toEqual({
      startsAt: startsAt(day, '09:00'),
      time: '09:00',
      capacity: 4,
      available: 4,
      past: false,
    });
    expect(slots.map((s: { time: string }) => s.time)).toContain('17:00');
    expect(errorOf((await bff.gql(SLOTS, { h: 'nanshan-hall', s: 'marriage-appointment', d: day })).body)?.code).toBe(
      'HALL_NOT_FOUND',
    );
    expect(
      errorOf((await bff.gql(SLOTS, { h: 'citizen-centre', s: 'marriage-appointment', d: 'tomorrow' })).body),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'date' });
  });

  it('books, refuses a second for the same service, moves and cancels, freeing each place; one message per change', async () => {
    const session = await citizens.verified();
    const nine = startsAt(day, '09:30');
    const booked = (await bff.gql(BOOK, { h: 'citizen-centre', s: 'si-card', t: nine }, session.accessToken)).body.data
      .bookAppointment;
    expect(booked).toMatchObject({
      status: 'BOOKED',
      startsAt: nine,
      changeable: true,
      hall: { id: 'citizen-centre' },
      serviceTitle: '社保卡服务',
    });
    expect(await available('citizen-centre', 'si-card', '09:30')).toBe(7);
    // The same booking again (a retry) is the same appointment; another slot is refused.
    expect(
      (await bff.gql(BOOK, { h: 'citizen-centre', s: 'si-card', t: nine }, session.accessToken)).body.data
        .bookAppointment.id,
    ).toBe(booked.id);
    expect(
      errorOf(
        (await bff.gql(BOOK, { h: 'citizen-centre', s: 'si-card', t: startsAt(day, '10:00') }, session.accessToken))
          .body,
      ),
    ).toMatchObject({ code: 'APPOINTMENT_EXISTS', appointmentId: booked.id });

    const moved = (await bff.gql(MOVE, { id: booked.id, t: startsAt(day, '14:00') }, session.accessToken)).body.data
      .rescheduleAppointment;
    expect(moved.startsAt).toBe(startsAt(day, '14:00'));
    expect(await available('citizen-centre', 'si-card', '09:30')).toBe(8);
    expect(await available('citizen-centre', 'si-card', '14:00')).toBe(7);

    // Another citizen cannot touch it.
    const stranger = await citizens.verified();
    expect(errorOf((await bff.gql(CANCEL, { id: booked.id }, stranger.accessToken)).body)?.code).toBe(
      'APPOINTMENT_NOT_FOUND',
    );
    expect(errorOf((await bff.gql(MOVE, { id: booked.id, t: nine }, stranger.accessToken)).body)?.code).toBe(
      'APPOINTMENT_NOT_FOUND',
    );

    expect((await bff.gql(CANCEL, { id: booked.id }, session.accessToken)).body.data.cancelAppointment).toMatchObject({
      status: 'CANCELLED',
      changeable: false,
    });
    expect(await available('citizen-centre', 'si-card', '14:00')).toBe(8);
    expect(errorOf((await bff.gql(CANCEL, { id: booked.id }, session.accessToken)).body)?.code).toBe(
      'APPOINTMENT_CLOSED',
    );
    // Cancelled, the service can be booked again.
    expect(
      (await bff.gql(BOOK, { h: 'citizen-centre', s: 'si-card', t: nine }, session.accessToken)).body.data
        .bookAppointment.status,
    ).toBe('BOOKED');

    const titles = (
      await bff.gql('query { myMessages { items { kind title } } }', {}, session.accessToken)
    ).body.data.myMessages.items
      .filter((m: { kind: string }) => m.kind === 'APPOINTMENT')
      .map((m: { title: string }) => m.title.split('：')[0])
      .sort();
    expect(titles).toEqual(['预约已取消', '预约已改期', '预约成功', '预约成功'].sort());
    const mine = (await bff.gql('query { myAppointments { id status } }', {}, session.accessToken)).body.data
      .myAppointments;
    expect(mine.map((a: { status: string }) => a.status)).toEqual(['BOOKED', 'CANCELLED']);
  });

  it('refuses a full slot, a slot in the past, a time the hall does not open, and a hall that does not offer the service', async () => {
    const time = '16:30';
    for (let i = 0; i < 4; i++) {
      const { body } = await bff.gql(
        BOOK,
        { h: 'citizen-centre', s: 'marriage-appointment', t: startsAt(day, time) },
        (await citizens.verified()).accessToken,
      );
      expect(body.errors).toBeUndefined();
    }
    const late = await citizens.verified();
    expect(
      errorOf(
        (
          await bff.gql(
            BOOK,
            { h: 'citizen-centre', s: 'marriage-appointment', t: startsAt(day, time) },
            late.accessToken,
          )
        ).body,
      ),
    ).toMatchObject({ code: 'SLOT_FULL', field: 'startsAt' });
    expect(await available('citizen-centre', 'marriage-appointment', time)).toBe(0);
    const yesterday = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
    expect(
      errorOf(
        (
          await bff.gql(
            BOOK,
            { h: 'citizen-centre', s: 'marriage-appointment', t: startsAt(yesterday, '09:00') },
            late.accessToken,
          )
        ).body,
      )?.code,
    ).toBe('SLOT_IN_PAST');
    expect(
      errorOf(
        (
          await bff.gql(
            BOOK,
            { h: 'citizen-centre', s: 'marriage-appointment', t: startsAt(day, '08:00') },
            late.accessToken,
          )
        ).body,
      )?.code,
    ).toBe('SLOT_NOT_FOUND');
    expect(
      errorOf(
        (
          await bff.gql(
            BOOK,
            { h: 'citizen-centre', s: 'marriage-appointment', t: startsAt(chinaWeekday(30), '09:00') },
            late.accessToken,
          )
        ).body,
      )?.code,
    ).toBe('SLOT_NOT_FOUND');
    expect(
      errorOf(
        (
          await bff.gql(
            BOOK,
            { h: 'nanshan-hall', s: 'marriage-appointment', t: startsAt(day, '09:00') },
            late.accessToken,
          )
        ).body,
      )?.code,
    ).toBe('HALL_NOT_FOUND');
    expect(
      errorOf(
        (await bff.gql(BOOK, { h: 'citizen-centre', s: 'marriage-appointment', t: 'soon' }, late.accessToken)).body,
      )?.code,
    ).toBe('SLOT_NOT_FOUND');
    expect(
      errorOf(
        (
          await bff.gql(
            BOOK,
            { h: 'citizen-centre', s: 'marriage-appointment', t: startsAt(day, '09:00') },
            (await citizens.signIn()).accessToken,
          )
        ).body,
      )?.code,
    ).toBe('ASSURANCE_LEVEL_TOO_LOW');
  });

  it('reminds the day before: once, and not for a moved or cancelled appointment', async () => {
    const session: SignedIn = await citizens.verified();
    const booked = (
      await bff.gql(
        BOOK,
        { h: 'exit-entry-hall', s: 'endorsement-appointment', t: startsAt(day, '11:00') },
        session.accessToken,
      )
    ).body.data.bookAppointment;
    const other = (
      await bff.gql(
        BOOK,
        { h: 'citizen-centre', s: 'marriage-appointment', t: startsAt(day, '10:00') },
        session.accessToken,
      )
    ).body.data.bookAppointment;
    await bff.gql(CANCEL, { id: other.id }, session.accessToken);
    const reminders = async () =>
      (
        await bff.gql('query { myMessages { items { title body } } }', {}, session.accessToken)
      ).body.data.myMessages.items.filter((m: { title: string }) => m.title.startsWith('预约提醒'));
    expect(await reminders()).toHaveLength(0);
    // The clock moves to 23 hours before the appointment: the held reminder is due.
    shiftMs = Date.parse(startsAt(day, '11:00')) - 23 * 3600_000 - Date.now();
    await bff.built.outbox.drain();
    const [reminder, ...more] = await reminders();
    expect(more).toHaveLength(0);
    expect(reminder.body).toContain('11:00');
    expect(reminder.body).toContain('出入境证件办理大厅');
    await bff.built.outbox.drain();
    expect(await reminders()).toHaveLength(1);
    expect(booked.status).toBe('BOOKED');
  });
});
