import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { LicenceFieldsFragment } from '@citizen/shared';
import { encode } from 'uqr';
import { calls, hidePage, modalAnswers, routerParams, showPage } from '../../../../test/stand-ins/taro';
import { screenOn } from '../../../../test/stand-ins/platform';
import { bff, gqlError, resetStandIns, signedIn } from '../../applications/__tests__/harness';
import { setPreferences } from '../../../preferences';
import LicencesPage from '../../../pages/licences/index';
import LicencePage from '../../../pages/licence/index';
import { runs } from '../QrCode';
import { CODE_TTL_MS, REFRESH_BEFORE_MS } from '../useLicenceCode';

const ID_CARD: LicenceFieldsFragment = {
  id: 'lic-id',
  kind: 'ID_CARD',
  title: '居民身份证',
  titleEn: 'Resident ID card',
  holderName: '张*',
  number: '4****************2',
  issuer: '深圳市公安局福田分局',
  issuedOn: '2016-01-01',
  validUntil: '2036-01-01',
  expired: false,
  full: false,
  fields: [{ label: '住址', labelEn: 'Address', value: '广东省深圳市福田区****' }],
};
const DRIVING: LicenceFieldsFragment = {
  id: 'lic-dl',
  kind: 'DRIVING_LICENCE',
  title: '机动车驾驶证',
  titleEn: 'Driving licence',
  holderName: '张*',
  number: '4****************2',
  issuer: '深圳市公安局交通警察支队',
  issuedOn: '2014-05-01',
  validUntil: '2020-05-01',
  expired: true,
  full: false,
  fields: [{ label: '准驾车型', labelEn: 'Class', value: 'C1' }],
};
const FULL_ID: LicenceFieldsFragment = {
  ...ID_CARD,
  holderName: '张三',
  number: '440304199001011232',
  full: true,
  fields: [{ label: '住址', labelEn: 'Address', value: '广东省深圳市福田区福中三路1号' }],
};

beforeEach(() => {
  resetStandIns();
  screenOn.length = 0;
});
afterEach(() => {
  jest.useRealTimers();
  setPreferences({ locale: 'zh', elder: false });
});

describe('my licences', () => {
  it('shows a card per licence, masked, with the expired one marked in words, and opens one', async () => {
    signedIn(2);
    bff({ MyLicences: () => ({ data: { myLicences: [ID_CARD, DRIVING] } }) });
    const { container } = render(<LicencesPage />);
    expect(await screen.findByText('居民身份证')).toBeTruthy();
    const rows = container.querySelectorAll('.licences__row');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('持证人　张*');
    expect(rows[0].textContent).toContain('证号　4****************2');
    expect(rows[0].textContent).toContain('深圳市公安局福田分局');
    expect(rows[0].textContent).toContain('有效期至 2036-01-01');
    expect(rows[0].textContent).not.toContain('已过期');
    expect(rows[1].textContent).toContain('已过期');
    // Named by its visible words (no aria-label that could say something else).
    expect(rows[1].getAttribute('aria-label')).toBeNull();
    // The full number is nowhere on the list.
    expect(container.textContent).not.toContain('440304199001011232');
    fireEvent.click(rows[1]);
    expect(calls.navigateTo).toEqual(['/pages/licence/index?id=lic-dl']);
  });

  it('asks a citizen without real name to verify first, coming back to the list', async () => {
    signedIn(1);
    bff({ MyLicences: () => gqlError('ASSURANCE_LEVEL_TOO_LOW', { requiredLevel: 2, currentLevel: 1 }) });
    render(<LicencesPage />);
    expect(await screen.findByText('查看您的电子证照需要先完成实名认证，以确认是您本人。')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '去认证' }));
    expect(calls.navigateTo).toEqual([
      `/pages/realname/index?required=2&returnTo=${encodeURIComponent('/pages/licences/index')}`,
    ]);
  });

  it('shows an error with a retry that works', async () => {
    signedIn(2);
    let attempts = 0;
    bff({ MyLicences: () => (++attempts === 1 ? gqlError('AGENCY_UNAVAILABLE') : { data: { myLicences: [] } }) });
    render(<LicencesPage />);
    expect(await screen.findByText('相关部门系统暂时无法访问，请稍后再试')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByText('电子证照库中暂无您的证照。')).toBeTruthy();
  });

  it('speaks English when the citizen chose it', async () => {
    setPreferences({ locale: 'en' });
    signedIn(2);
    bff({ MyLicences: () => ({ data: { myLicences: [ID_CARD, DRIVING] } }) });
    const { container } = render(<LicencesPage />);
    expect(await screen.findByText('Resident ID card')).toBeTruthy();
    expect(screen.getByText('Driving licence')).toBeTruthy();
    expect(container.textContent).toContain('Valid until 1 Jan 2036');
    expect(container.textContent).toContain('Expired');
    expect(screen.getByRole('button', { name: 'Back' })).toBeTruthy();
    expect(container.textContent).not.toMatch(/持证人|已过期|有效期/);
  });
});

describe('the QR code', () => {
  it('draws every module of the matrix as runs of whole pixels', () => {
    const matrix = encode('hello', { ecc: 'M', border: 0 });
    for (const row of matrix.data) {
      const drawn = runs(row).flatMap((run) => Array<boolean>(run.length).fill(run.dark));
      expect(drawn).toEqual(row);
    }
  });
});

describe('licence detail', () => {
  beforeEach(() => {
    routerParams.id = 'lic-id';
  });

  it('shows a code, renews it about 50 s in, counts down, stops while the page is hidden and starts again when shown', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-21T02:00:00Z') });
    signedIn(2);
    let issued = 0;
    const sent = bff({
      Licence: () => ({ data: { licence: ID_CARD } }),
      LicenceCode: () => ({
        data: {
          licenceCode: {
            token: `token-${++issued}-${'x'.repeat(120)}`,
            expiresAt: new Date(Date.now() + CODE_TTL_MS).toISOString(),
          },
        },
      }),
    });
    const codes = () => sent.filter((s) => s.operation === 'LicenceCode');
    const { container } = render(<LicencePage />);
    await act(async () => void (await jest.advanceTimersByTimeAsync(0)));
    expect(screen.getByText('居民身份证')).toBeTruthy();
    expect(screen.getByText('广东省深圳市福田区****')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '出示亮证码' }));
    await act(async () => void (await jest.advanceTimersByTimeAsync(0)));
    expect(codes()).toHaveLength(1);
    expect(codes()[0].variables).toEqual({ licenceId: 'lic-id' });
    const qr = screen.getByRole('img', { name: '居民身份证亮证码，请窗口工作人员扫码核验' });
    expect(qr.className).toContain('licence__qr');
    const size = Number(qr.getAttribute('data-size'));
    expect(size).toBe(encode(`token-1-${'x'.repeat(120)}`, { ecc: 'M', border: 0 }).size);
    expect(qr.querySelectorAll('.qr__row')).toHaveLength(size);
    expect(screen.getByText('60 秒内有效，到期前自动刷新')).toBeTruthy();
    expect(screen.getByText('每个亮证码只能核验一次：截图或转发的亮证码在核验一次后即失效。')).toBeTruthy();
    expect(screenOn).toEqual([true]);

    // The countdown moves; nothing new before the renewal point.
    await act(async () => void (await jest.advanceTimersByTimeAsync(CODE_TTL_MS - REFRESH_BEFORE_MS - 2000)));
    expect(screen.getByText('12 秒内有效，到期前自动刷新')).toBeTruthy();
    expect(codes()).toHaveLength(1);
    // About 50 s in: a new code, and a full minute on the clock again.
    await act(async () => void (await jest.advanceTimersByTimeAsync(3000)));
    expect(codes()).toHaveLength(2);
    expect(screen.getByText('60 秒内有效，到期前自动刷新')).toBeTruthy();

    // Hidden (another app, another page): no codes are made for nobody, and the screen may sleep.
    act(() => hidePage());
    await act(async () => void (await jest.advanceTimersByTimeAsync(5 * CODE_TTL_MS)));
    expect(codes()).toHaveLength(2);
    expect(screenOn).toEqual([true, false]);

    // Back: a fresh code at once (the old one may have been checked or run out), and the timer again.
    act(() => showPage());
    await act(async () => void (await jest.advanceTimersByTimeAsync(0)));
    expect(codes()).toHaveLength(3);
    expect(screenOn).toEqual([true, false, true]);
    await act(async () => void (await jest.advanceTimersByTimeAsync(CODE_TTL_MS - REFRESH_BEFORE_MS + 1000)));
    expect(codes()).toHaveLength(4);

    // The refresh button asks for one at any time.
    const refresh = container.querySelector('.licence__refresh') as HTMLElement;
    expect(refresh.getAttribute('aria-label')).toBe('刷新亮证码');
    fireEvent.click(refresh);
    await act(async () => void (await jest.advanceTimersByTimeAsync(0)));
    expect(codes()).toHaveLength(5);

    // Put away: the screen may sleep again and nothing more is fetched.
    fireEvent.click(screen.getByRole('button', { name: '收起亮证码' }));
    await act(async () => void (await jest.advanceTimersByTimeAsync(2 * CODE_TTL_MS)));
    expect(codes()).toHaveLength(5);
    expect(screenOn[screenOn.length - 1]).toBe(false);
    expect(container.querySelector('.licence__qr')).toBeNull();
  });

  it('says when a code has run out and a renewal failed, and refreshes on request', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-21T02:00:00Z') });
    signedIn(2);
    let issued = 0;
    bff({
      Licence: () => ({ data: { licence: ID_CARD } }),
      LicenceCode: () =>
        ++issued === 2
          ? gqlError('AGENCY_UNAVAILABLE')
          : {
              data: {
                licenceCode: { token: `token-${issued}`, expiresAt: new Date(Date.now() + CODE_TTL_MS).toISOString() },
              },
            },
    });
    render(<LicencePage />);
    await act(async () => void (await jest.advanceTimersByTimeAsync(0)));
    fireEvent.click(screen.getByRole('button', { name: '出示亮证码' }));
    await act(async () => void (await jest.advanceTimersByTimeAsync(CODE_TTL_MS + 1000)));
    expect(issued).toBe(2);
    expect(screen.getByText('相关部门系统暂时无法访问，请稍后再试')).toBeTruthy();
    expect(screen.getByText('亮证码已失效，请点击刷新')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '刷新亮证码' }));
    await act(async () => void (await jest.advanceTimersByTimeAsync(0)));
    expect(issued).toBe(3);
    expect(screen.getByText('60 秒内有效，到期前自动刷新')).toBeTruthy();
  });

  it('asks for face verification before showing the full licence, and comes back to show it', async () => {
    signedIn(2);
    modalAnswers.push(true);
    const sent = bff({
      Licence: ({ full }) =>
        full
          ? gqlError('ASSURANCE_LEVEL_TOO_LOW', { requiredLevel: 3, currentLevel: 2 })
          : { data: { licence: ID_CARD } },
    });
    render(<LicencePage />);
    fireEvent.click(await screen.findByRole('button', { name: '显示完整信息' }));
    await waitFor(() => expect(calls.navigateTo).toHaveLength(1));
    expect(calls.modals).toEqual(['需要身份认证']);
    expect(calls.navigateTo[0]).toBe(
      `/pages/face/index?returnTo=${encodeURIComponent('/pages/licence/index?id=lic-id&full=1')}`,
    );
    expect(sent.filter((s) => s.operation === 'Licence').map((s) => s.variables)).toEqual([
      { id: 'lic-id', full: false },
      { id: 'lic-id', full: true },
    ]);
  });

  it('shows every detail at level 3 when opened with full=1, and hides them again', async () => {
    signedIn(3);
    routerParams.full = '1';
    bff({ Licence: ({ full }) => ({ data: { licence: full ? FULL_ID : ID_CARD } }) });
    render(<LicencePage />);
    expect(await screen.findByText('440304199001011232')).toBeTruthy();
    expect(screen.getByText('张三')).toBeTruthy();
    expect(screen.getByText('广东省深圳市福田区福中三路1号')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '隐藏完整信息' }));
    expect(screen.queryByText('440304199001011232')).toBeNull();
    expect(screen.getByText('4****************2')).toBeTruthy();
  });
});
