import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { AppointmentFieldsFragment, AppointmentSlotsQuery, HallFieldsFragment } from '@citizen/shared';
import { calls, modalAnswers, routerParams } from '../../../../test/stand-ins/taro';
import { bff, gqlError, resetStandIns, signedIn } from '../../applications/__tests__/harness';
import { setPreferences } from '../../../preferences';
import BookPage from '../../../pages/book/index';
import AppointmentsPage from '../../../pages/appointments/index';
import ServicePage from '../../../pages/service/index';
import { BOOKING_DAYS, bookingDays } from '../labels';

const SERVICE = 'endorsement-appointment';
const hall = (id: string, name: string, nameEn: string): HallFieldsFragment => ({
  id,
  name,
  nameEn,
  address: `${name}地址`,
  addressEn: `${nameEn} address`,
  hours: '周一至周五 9:00-12:00',
  hoursEn: 'Mon–Fri 9:00–12:00',
  services: [
    { serviceId: SERVICE, title: '港澳通行证签注预约', titleEn: 'Hong Kong and Macao endorsement', capacity: 6 },
  ],
});
const CENTRE = hall('citizen-centre', '市民中心政务服务大厅', 'Citizen Centre Service Hall');
const NANSHAN = hall('nanshan-hall', '南山区行政服务大厅', 'Nanshan District Service Hall');

/** A slot on `date` at `time` China time. */
function slot(date: string, time: string, extra: Partial<AppointmentSlotsQuery['appointmentSlots'][number]> = {}) {
  return {
    startsAt: new Date(Date.parse(`${date}T${time}:00+08:00`)).toISOString(),
    time,
    capacity: 6,
    available: 3,
    past: false,
    ...extra,
  };
}
const DAYS = () => bookingDays();
const daySlots = (date: string) => [
  slot(date, '09:00', { past: true }),
  slot(date, '09:30', { available: 0 }),
  slot(date, '10:00', { available: 2 }),
];

function appointment(extra: Partial<AppointmentFieldsFragment> = {}): AppointmentFieldsFragment {
  const day = DAYS()[3].date;
  return {
    id: 'ap-1',
    hall: CENTRE,
    serviceId: SERVICE,
    serviceTitle: '港澳通行证签注预约',
    serviceTitleEn: 'Hong Kong and Macao endorsement',
    startsAt: slot(day, '10:00').startsAt,
    status: 'BOOKED',
    changeable: true,
    createdAt: '2026-11-20T02:00:00Z',
    ...extra,
  };
}

beforeEach(() => resetStandIns());
afterEach(() => setPreferences({ locale: 'zh', elder: false }));

describe('booking a visit', () => {
  beforeEach(() => {
    signedIn(2);
    routerParams.serviceId = SERVICE;
  });

  it('offers the next 14 days, disables past and full slots with the reason in words, and books the chosen one', async () => {
    const sent = bff({
      ServiceHalls: () => ({ data: { serviceHalls: [CENTRE] } }),
      AppointmentSlots: ({ date }) => ({ data: { appointmentSlots: daySlots(date) } }),
      BookAppointment: (v) => ({ data: { bookAppointment: appointment({ startsAt: v.startsAt }) } }),
    });
    const { container } = render(<BookPage />);
    // One hall: chosen already.
    expect(await screen.findByText('市民中心政务服务大厅')).toBeTruthy();
    const dates = container.querySelectorAll('.book__date');
    expect(dates).toHaveLength(BOOKING_DAYS);
    expect(dates[0].textContent).toContain('今天');
    expect(dates[1].textContent).toContain('明天');

    fireEvent.click(dates[2]);
    await waitFor(() =>
      expect(sent.filter((s) => s.operation === 'AppointmentSlots').map((s) => s.variables.date)).toEqual([
        DAYS()[0].date,
        DAYS()[2].date,
      ]),
    );
    expect(sent.find((s) => s.operation === 'AppointmentSlots')!.variables).toEqual({
      hallId: 'citizen-centre',
      serviceId: SERVICE,
      date: DAYS()[0].date,
    });
    await screen.findByRole('button', { name: '10:00 余 2 个' });
    const slots = container.querySelectorAll('.book__slot');
    expect(Array.from(slots).map((s) => [s.textContent, s.getAttribute('aria-disabled')])).toEqual([
      ['09:00已过时间', 'true'],
      ['09:30已约满', 'true'],
      ['10:00余 2 个', 'false'],
    ]);

    const confirm = container.querySelector('.book__confirm') as HTMLElement;
    expect(confirm.getAttribute('aria-disabled')).toBe('true');
    // Tapping a full slot does nothing.
    fireEvent.click(slots[1]);
    expect(confirm.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(slots[2]);
    expect(slots[2].getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText(`已选：${DAYS()[2].spoken} 10:00`)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '确认预约' }));
    // A second tap while the first is on its way books nothing more.
    fireEvent.click(container.querySelector('.book__confirm') as HTMLElement);
    expect(await screen.findByText('✓ 预约成功')).toBeTruthy();
    expect(sent.filter((s) => s.operation === 'BookAppointment').map((s) => s.variables)).toEqual([
      { hallId: 'citizen-centre', serviceId: SERVICE, startsAt: slot(DAYS()[2].date, '10:00').startsAt },
    ]);
    fireEvent.click(screen.getByRole('button', { name: '查看我的预约' }));
    expect(calls.redirectTo).toEqual(['/pages/appointments/index']);
  });

  it('lets the citizen choose among halls, and choose again', async () => {
    const sent = bff({
      ServiceHalls: () => ({ data: { serviceHalls: [CENTRE, NANSHAN] } }),
      AppointmentSlots: ({ date }) => ({ data: { appointmentSlots: daySlots(date) } }),
    });
    render(<BookPage />);
    expect(await screen.findByText('2 个办事大厅可预约，请选择一个：')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: `南山区行政服务大厅，南山区行政服务大厅地址` }));
    await screen.findByRole('button', { name: '10:00 余 2 个' });
    expect(sent.filter((s) => s.operation === 'AppointmentSlots')[0].variables.hallId).toBe('nanshan-hall');
    fireEvent.click(screen.getByRole('button', { name: '换一个大厅' }));
    expect(await screen.findByText('2 个办事大厅可预约，请选择一个：')).toBeTruthy();
  });

  it('says the citizen already has an appointment for the service, and offers to open it', async () => {
    bff({
      ServiceHalls: () => ({ data: { serviceHalls: [CENTRE] } }),
      AppointmentSlots: ({ date }) => ({ data: { appointmentSlots: daySlots(date) } }),
      BookAppointment: () => gqlError('APPOINTMENT_EXISTS', { field: 'serviceId', appointmentId: 'ap-0' }),
    });
    render(<BookPage />);
    fireEvent.click(await screen.findByRole('button', { name: '10:00 余 2 个' }));
    fireEvent.click(screen.getByRole('button', { name: '确认预约' }));
    expect(await screen.findByText('您已有该业务的预约，可在“我的预约”中改约或取消')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '查看我的预约' }));
    expect(calls.navigateTo).toEqual(['/pages/appointments/index']);
  });

  it('reads the day again when the slot was taken meanwhile', async () => {
    let reads = 0;
    bff({
      ServiceHalls: () => ({ data: { serviceHalls: [CENTRE] } }),
      AppointmentSlots: ({ date }) => ({
        data: { appointmentSlots: ++reads === 1 ? daySlots(date) : [slot(date, '10:00', { available: 0 })] },
      }),
      BookAppointment: () => gqlError('SLOT_FULL', { field: 'startsAt' }),
    });
    render(<BookPage />);
    fireEvent.click(await screen.findByRole('button', { name: '10:00 余 2 个' }));
    fireEvent.click(screen.getByRole('button', { name: '确认预约' }));
    expect(await screen.findByText('该时段已约满，请选择其他时段')).toBeTruthy();
    expect(await screen.findByRole('button', { name: '10:00 已约满' })).toBeTruthy();
    expect(reads).toBe(2);
  });

  it('asks a citizen without real name to verify before booking', async () => {
    signedIn(1);
    modalAnswers.push(true);
    bff({
      ServiceHalls: () => ({ data: { serviceHalls: [CENTRE] } }),
      AppointmentSlots: ({ date }) => ({ data: { appointmentSlots: daySlots(date) } }),
      BookAppointment: () => gqlError('ASSURANCE_LEVEL_TOO_LOW', { requiredLevel: 2, currentLevel: 1 }),
    });
    render(<BookPage />);
    fireEvent.click(await screen.findByRole('button', { name: '10:00 余 2 个' }));
    fireEvent.click(screen.getByRole('button', { name: '确认预约' }));
    await waitFor(() => expect(calls.navigateTo).toHaveLength(1));
    expect(calls.modals).toEqual(['需要身份认证']);
    expect(calls.navigateTo[0]).toBe(
      `/pages/realname/index?required=2&returnTo=${encodeURIComponent(`/pages/book/index?serviceId=${SERVICE}`)}`,
    );
  });

  it('shows an error with a retry when the halls cannot be read', async () => {
    let attempts = 0;
    bff({
      ServiceHalls: () => (++attempts === 1 ? gqlError('INTERNAL_SERVER_ERROR') : { data: { serviceHalls: [CENTRE] } }),
      AppointmentSlots: ({ date }) => ({ data: { appointmentSlots: daySlots(date) } }),
    });
    render(<BookPage />);
    fireEvent.click(await screen.findByRole('button', { name: '重试' }));
    expect(await screen.findByText('市民中心政务服务大厅')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '返回' }));
    expect(calls.switchTab).toEqual(['/pages/services/index']);
  });
});

describe('my appointments', () => {
  beforeEach(() => signedIn(2));
  const UPCOMING = appointment();
  const CANCELLED = appointment({
    id: 'ap-2',
    hall: NANSHAN,
    status: 'CANCELLED',
    changeable: false,
    startsAt: slot(DAYS()[1].date, '09:00').startsAt,
  });

  it('lists upcoming first with hall, address, China time and status; cancelled ones greyed without actions', async () => {
    bff({ MyAppointments: () => ({ data: { myAppointments: [CANCELLED, UPCOMING] } }) });
    const { container } = render(<AppointmentsPage />);
    await screen.findAllByText('港澳通行证签注预约');
    const rows = container.querySelectorAll('.appointments__row');
    expect(Array.from(rows).map((r) => r.getAttribute('data-appointment-id'))).toEqual(['ap-1', 'ap-2']);
    const day = DAYS()[3];
    expect(rows[0].textContent).toContain(
      `${day.date} ${['周日', '周一', '周二', '周三', '周四', '周五', '周六'][new Date(`${day.date}T00:00:00Z`).getUTCDay()]} 10:00`,
    );
    expect(rows[0].textContent).toContain('市民中心政务服务大厅地址');
    expect(rows[0].textContent).toContain('已预约');
    expect(rows[1].className).toContain('appointments__row--cancelled');
    expect(rows[1].textContent).toContain('已取消');
    expect(rows[1].querySelector('.appointments__cancel')).toBeNull();
    expect(rows[0].querySelector('.appointments__cancel')).toBeTruthy();
  });

  it('cancels only after the citizen confirms', async () => {
    const sent = bff({
      MyAppointments: () => ({ data: { myAppointments: [UPCOMING] } }),
      CancelAppointment: ({ id }) => ({
        data: { cancelAppointment: { ...UPCOMING, id, status: 'CANCELLED', changeable: false } },
      }),
    });
    const { container } = render(<AppointmentsPage />);
    const cancel = await waitFor(() => {
      const found = container.querySelector('.appointments__cancel');
      if (!found) throw new Error('no row yet');
      return found as HTMLElement;
    });
    modalAnswers.push(false);
    fireEvent.click(cancel);
    await waitFor(() => expect(calls.modals).toEqual(['取消预约']));
    expect(sent.filter((s) => s.operation === 'CancelAppointment')).toHaveLength(0);

    modalAnswers.push(true);
    fireEvent.click(cancel);
    await waitFor(() => expect(container.querySelector('.appointments__row--cancelled')).toBeTruthy());
    expect(sent.filter((s) => s.operation === 'CancelAppointment').map((s) => s.variables)).toEqual([{ id: 'ap-1' }]);
    expect(calls.toasts).toEqual(['已取消预约']);
    expect(container.querySelector('.appointments__cancel')).toBeNull();
  });

  it('says so when the appointment had already ended, and reads the list again', async () => {
    let reads = 0;
    bff({
      MyAppointments: () => ({
        data: {
          myAppointments: ++reads === 1 ? [UPCOMING] : [{ ...UPCOMING, status: 'CANCELLED', changeable: false }],
        },
      }),
      CancelAppointment: () => gqlError('APPOINTMENT_CLOSED', { field: 'id', status: 'CANCELLED' }),
    });
    render(<AppointmentsPage />);
    modalAnswers.push(true);
    fireEvent.click(await screen.findByRole('button', { name: '取消预约' }));
    expect(await screen.findByText('该预约已取消或已过期，不能再修改')).toBeTruthy();
    await waitFor(() => expect(reads).toBe(2));
    expect(await screen.findByText('已取消')).toBeTruthy();
  });

  it('moves an appointment to another slot at the same hall', async () => {
    const day = DAYS()[3].date;
    const sent = bff({
      MyAppointments: () => ({ data: { myAppointments: [UPCOMING] } }),
      AppointmentSlots: ({ date }) => ({
        data: { appointmentSlots: [slot(date, '10:00', { available: 2 }), slot(date, '10:30')] },
      }),
      RescheduleAppointment: ({ id, startsAt }) => ({ data: { rescheduleAppointment: { ...UPCOMING, id, startsAt } } }),
    });
    const { container } = render(<AppointmentsPage />);
    fireEvent.click(await screen.findByRole('button', { name: '改约' }));
    // The day of the current appointment, at its hall, for its service; its own slot is not offered again.
    expect(await screen.findByRole('button', { name: '10:00 当前预约' })).toBeTruthy();
    expect(sent.filter((s) => s.operation === 'AppointmentSlots').map((s) => s.variables)).toEqual([
      { hallId: 'citizen-centre', serviceId: SERVICE, date: day },
    ]);
    fireEvent.click(screen.getByRole('button', { name: '10:30 余 3 个' }));
    fireEvent.click(screen.getByRole('button', { name: '确认改约' }));
    await waitFor(() => expect(container.querySelector('.appointments__row')).toBeTruthy());
    expect(sent.filter((s) => s.operation === 'RescheduleAppointment').map((s) => s.variables)).toEqual([
      { id: 'ap-1', startsAt: slot(day, '10:30').startsAt, hallId: null },
    ]);
    expect(container.querySelector('.appointments__row')!.textContent).toContain('10:30');
    expect(calls.toasts).toEqual(['已改约']);
  });

  it('says when there are none, with a way to the services', async () => {
    bff({ MyAppointments: () => ({ data: { myAppointments: [] } }) });
    render(<AppointmentsPage />);
    expect(await screen.findByText('您还没有预约。在「办事」中选择可预约的服务即可在线预约。')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '去办事' }));
    expect(calls.switchTab).toEqual(['/pages/services/index']);
  });

  it('speaks English', async () => {
    setPreferences({ locale: 'en' });
    bff({
      MyAppointments: () => ({
        data: { myAppointments: [UPCOMING, { ...UPCOMING, id: 'ap-2', status: 'CANCELLED', changeable: false }] },
      }),
    });
    const { container } = render(<AppointmentsPage />);
    const row = await waitFor(() => {
      const found = container.querySelector('.appointments__row');
      if (!found) throw new Error('no row yet');
      return found as HTMLElement;
    });
    expect(within(row).getByText('Hong Kong and Macao endorsement')).toBeTruthy();
    expect(within(row).getByText('Citizen Centre Service Hall')).toBeTruthy();
    expect(within(row).getByText('Booked')).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Change time' })).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Cancel' })).toBeTruthy();
    expect(screen.getByText('Cancelled')).toBeTruthy();
  });
});

describe('service page entry', () => {
  it('offers booking for a service that is not applied for online but halls book', async () => {
    routerParams.id = SERVICE;
    routerParams.title = encodeURIComponent('港澳通行证签注预约');
    const sent = bff({
      Service: () => ({ data: { service: null } }),
      ServiceHalls: () => ({ data: { serviceHalls: [CENTRE, NANSHAN] } }),
    });
    render(<ServicePage />);
    expect(await screen.findByText('可预约到 2 个办事大厅现场办理，免排队。')).toBeTruthy();
    expect(sent.find((s) => s.operation === 'ServiceHalls')!.variables).toEqual({ serviceId: SERVICE });
    fireEvent.click(screen.getByRole('button', { name: '预约办理' }));
    expect(calls.navigateTo).toEqual([`/pages/book/index?serviceId=${SERVICE}`]);
  });
});
