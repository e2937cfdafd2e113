import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { ActingForQuery, MyAuthorisationsQuery, MyFamilyQuery } from '@citizen/shared';
import { calls, modalAnswers } from '../../../../test/stand-ins/taro';
import { bff, gqlError, resetStandIns, signedIn } from '../../applications/__tests__/harness';
import { setPreferences } from '../../../preferences';
import { actingState, dismissEnded } from '../acting';
import { Dashboard } from '../../records/Dashboard';
import FamilyPage from '../../../family/pages/members/index';
import ApplicationsPage from '../../../pages/applications/index';
import MePage from '../../../pages/me/index';

type Member = MyFamilyQuery['myFamily'][number];
const CHILD: Member = {
  ref: 'sealed-child',
  relation: 'CHILD',
  maskedName: '马*',
  birthYear: 2012,
  age: 14,
  canActFor: true,
  actsUntil: '2030-05-05',
  basis: 'GUARDIAN',
};
const ADULT_CHILD: Member = {
  ref: 'sealed-adult',
  relation: 'CHILD',
  maskedName: '马**',
  birthYear: 2005,
  age: 21,
  canActFor: false,
  actsUntil: null,
  basis: null,
};
const PARENT: Member = {
  ref: 'sealed-parent',
  relation: 'PARENT',
  maskedName: '糜**',
  birthYear: 1961,
  age: 65,
  canActFor: false,
  actsUntil: null,
  basis: null,
};
const ACTING: NonNullable<ActingForQuery['actingFor']> = {
  maskedName: '马*',
  relation: 'CHILD',
  basis: 'GUARDIAN',
  until: '2030-05-05',
};
const DASHBOARD = { data: { dashboard: { todos: [], summaries: [null, null, null, null, null, null, null, null] } } };
const NO_APPLICATIONS = { data: { myApplications: { items: [], nextCursor: null } } };
const NO_AUTHORISATIONS = () => ({ data: { myAuthorisations: [] } });
type Authorisation = MyAuthorisationsQuery['myAuthorisations'][number];
const GIVEN: Authorisation = {
  id: 'au-given',
  direction: 'GIVEN',
  maskedName: '糜**',
  relation: 'PARENT',
  scopes: ['wallet', 'service:school-enrolment'],
  until: '2027-05-31',
  status: 'ACTIVE',
  createdAt: '2026-11-20T02:00:00Z',
  acceptedAt: '2026-11-20T02:00:00Z',
  revokedAt: null,
  revokedBy: null,
  actAsRef: null,
};
const PENDING: Authorisation = {
  ...GIVEN,
  id: 'au-pending',
  direction: 'RECEIVED',
  maskedName: '李*',
  relation: 'NAMED',
  scopes: ['appointments'],
  status: 'PENDING',
  acceptedAt: null,
};
const RECEIVED: Authorisation = {
  ...GIVEN,
  id: 'au-received',
  direction: 'RECEIVED',
  maskedName: '糜**',
  scopes: ['category:education'],
  actAsRef: 'sealed-grant',
};
const REVOKED: Authorisation = {
  ...GIVEN,
  id: 'au-old',
  maskedName: '王*',
  relation: 'SPOUSE',
  status: 'REVOKED',
  revokedAt: '2026-11-21T02:00:00Z',
  revokedBy: 'GRANTOR',
};

/** The banner as the citizen sees it, or null. */
const banner = (container: HTMLElement) => container.querySelector('.acting-banner');

beforeEach(() => {
  resetStandIns();
  dismissEnded();
  signedIn(2);
});
afterEach(() => setPreferences({ locale: 'zh', elder: false }));

describe('家人代办 page', () => {
  it('lists the register’s relations masked, with 为TA办理 and until when for a minor child, and why not for the others', async () => {
    const sent = bff({
      MyAuthorisations: NO_AUTHORISATIONS,
      MyFamily: () => ({ data: { myFamily: [CHILD, ADULT_CHILD, PARENT] } }),
    });
    const { container } = render(<FamilyPage />);
    await screen.findByText('马*');
    const rows = Array.from(container.querySelectorAll('.family__member'));
    expect(rows.map((r) => r.querySelector('.family__name')!.textContent)).toEqual(['马*', '马**', '糜**']);
    expect(rows[0]!.textContent).toContain('子女 · 14岁');
    // The BFF names the 18th birthday (the first day without the right); the citizen reads the day before.
    expect(rows[0]!.textContent).toContain('可代办至 2030-05-04（年满18周岁前）');
    expect(rows[0]!.querySelector('[role="button"]')!.getAttribute('aria-label')).toBe('为TA办理（马*）');
    expect(rows[1]!.textContent).toContain('已年满18周岁，需由TA本人授权后才能代办');
    expect(rows[2]!.textContent).toContain('父母 · 65岁');
    expect(rows[2]!.textContent).toContain('成年人需由本人授权后才能代办');
    for (const row of rows.slice(1)) expect(row.querySelector('[role="button"]')).toBeNull();
    expect(container.textContent).toContain('当前：为本人办理');
    expect(banner(container)).toBeNull();
    expect([...new Set(sent.map((s) => s.operation))].sort()).toEqual(['MyAuthorisations', 'MyFamily']);
    expect(sent.every((s) => s.authorization === 'Bearer access')).toBe(true);
  });

  it('offers 为TA办理 for an adult relation who authorised the citizen, until the authorisation’s last day', async () => {
    const authorising: Member = { ...PARENT, canActFor: true, actsUntil: '2027-01-13', basis: 'AUTHORISATION' };
    bff({ MyAuthorisations: NO_AUTHORISATIONS, MyFamily: () => ({ data: { myFamily: [authorising] } }) });
    const { container } = render(<FamilyPage />);
    const row = (await screen.findByText('糜**')).closest('.family__member')!;
    expect(row.textContent).toContain('可代办至 2027-01-12（TA的授权）');
    expect(row.textContent).not.toContain('成年人需由本人授权后才能代办');
    expect(row.querySelector('[role="button"]')!.getAttribute('aria-label')).toBe('为TA办理（糜**）');
    expect(container.textContent).toContain('当前：为本人办理');
  });

  it('acts for the child: ActAs with the sealed ref, the banner appears, the row says so, and kept answers are asked again', async () => {
    const sent = bff({
      MyAuthorisations: NO_AUTHORISATIONS,
      MyFamily: () => ({ data: { myFamily: [CHILD, PARENT] } }),
      ActAs: () => ({ data: { actAs: ACTING } }),
      Dashboard: () => DASHBOARD,
    });
    // A records summary already on another screen (我的), kept by useRecord.
    render(<Dashboard />);
    const { container } = render(<FamilyPage />);
    fireEvent.click(await screen.findByRole('button', { name: '为TA办理（马*）' }));
    await waitFor(() => expect(banner(container)).not.toBeNull());
    expect(banner(container)!.textContent).toContain('正在为 马* 办理（子女）');
    expect(container.textContent).toContain('当前：正在为 马* 办理');
    expect(container.querySelector('.family__member')!.textContent).toContain('✓ 正在为TA办理');
    expect(sent.find((s) => s.operation === 'ActAs')).toEqual({
      operation: 'ActAs',
      variables: { ref: 'sealed-child' },
      authorization: 'Bearer access',
    });
    // The dashboard asked once for itself, and again for the child.
    await waitFor(() => expect(sent.filter((s) => s.operation === 'Dashboard')).toHaveLength(2));
    expect(actingState().acting).toEqual(ACTING);
  });

  it('says why the switch was refused (ACTING_NO_RIGHT) and stays on oneself', async () => {
    bff({
      MyAuthorisations: NO_AUTHORISATIONS,
      MyFamily: () => ({ data: { myFamily: [CHILD] } }),
      ActAs: () => gqlError('ACTING_NO_RIGHT'),
    });
    const { container } = render(<FamilyPage />);
    fireEvent.click(await screen.findByRole('button', { name: '为TA办理（马*）' }));
    expect(await screen.findByText('登记的家庭关系中没有此人，或您不能为其办理')).toBeTruthy();
    expect(banner(container)).toBeNull();
    expect(actingState().acting).toBeNull();
  });

  it('says the register is down, in words, and retries', async () => {
    let tries = 0;
    bff({
      MyAuthorisations: NO_AUTHORISATIONS,
      MyFamily: () =>
        ++tries === 1 ? gqlError('AGENCY_UNAVAILABLE', { agency: 'population' }) : { data: { myFamily: [PARENT] } },
    });
    render(<FamilyPage />);
    expect(await screen.findByText('户籍登记系统暂时无法访问，请稍后重试')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('暂时无法加载');
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByText('糜**')).toBeTruthy();
  });

  it('says so when the register holds no relation', async () => {
    bff({ MyAuthorisations: NO_AUTHORISATIONS, MyFamily: () => ({ data: { myFamily: [] } }) });
    const { container } = render(<FamilyPage />);
    expect(await screen.findByText(/户籍登记中没有您的家庭关系/)).toBeTruthy();
    expect(container.querySelector('.family__member')).toBeNull();
  });

  it('asks for real-name verification first below level 2', async () => {
    signedIn(1);
    bff({
      MyAuthorisations: NO_AUTHORISATIONS,
      MyFamily: () => gqlError('ASSURANCE_LEVEL_TOO_LOW', { requiredLevel: 2, currentLevel: 1 }),
    });
    const { container } = render(<FamilyPage />);
    await waitFor(() => expect(container.textContent).toContain('实名认证'));
    expect(container.querySelector('.family__member')).toBeNull();
  });

  it('in English and in elder mode', async () => {
    setPreferences({ locale: 'en', elder: true });
    bff({ MyAuthorisations: NO_AUTHORISATIONS, MyFamily: () => ({ data: { myFamily: [CHILD, PARENT] } }) });
    const { container } = render(<FamilyPage />);
    await screen.findByText('Child · 14 years old');
    expect(container.querySelector('.screen')!.className).toContain('screen--elder');
    expect(container.textContent).toContain('Until 2030-05-04 (before they turn 18)');
    expect(container.textContent).toContain('An adult must authorise you before you can act for them');
    expect(screen.getByRole('button', { name: 'Act for 马*' })).toBeTruthy();
    expect(container.textContent).toContain('Now: acting for myself');
  });
});

describe('我的授权 on the family page', () => {
  it('lists given and received, masked, with scope and end date; a revoked one has no controls', async () => {
    bff({
      MyFamily: () => ({ data: { myFamily: [] } }),
      MyAuthorisations: () => ({ data: { myAuthorisations: [GIVEN, PENDING, RECEIVED, REVOKED] } }),
    });
    const { container } = render(<FamilyPage />);
    await screen.findByText('我给出的授权');
    const given = container.querySelector('.family__authorisations-given')!;
    const received = container.querySelector('.family__authorisations-received')!;
    expect(Array.from(given.querySelectorAll('.family__name'), (n) => n.textContent)).toEqual(['糜**', '王*']);
    expect(Array.from(received.querySelectorAll('.family__name'), (n) => n.textContent)).toEqual(['李*', '糜**']);
    expect(given.textContent).toContain('范围：电子证照（仅脱敏查看）、事项 school-enrolment');
    expect(given.textContent).toContain('有效至 2027-05-31');
    expect(given.textContent).toContain('父母 · 生效中');
    expect(given.textContent).toContain('配偶 · 已撤销');
    expect(container.querySelector('.family__authorisation--revoked [role="button"]')).toBeNull();
    expect(received.textContent).toContain('指定的人 · 待接受');
    expect(screen.getByRole('button', { name: '接受 李* 的授权' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '为TA办理（糜**）' })).toBeTruthy();
  });

  it('accepts a received one, and the list is read again', async () => {
    let accepted = false;
    const sent = bff({
      MyFamily: () => ({ data: { myFamily: [] } }),
      MyAuthorisations: () => ({
        data: { myAuthorisations: [accepted ? { ...PENDING, status: 'ACTIVE', actAsRef: 'sealed-li' } : PENDING] },
      }),
      AcceptAuthorisation: () => {
        accepted = true;
        return { data: { acceptAuthorisation: { ...PENDING, status: 'ACTIVE' } } };
      },
    });
    render(<FamilyPage />);
    fireEvent.click(await screen.findByRole('button', { name: '接受 李* 的授权' }));
    expect(await screen.findByRole('button', { name: '为TA办理（李*）' })).toBeTruthy();
    expect(sent.find((s) => s.operation === 'AcceptAuthorisation')!.variables).toEqual({ id: 'au-pending' });
  });

  it('revokes a given one only after the citizen confirms; a refusal is said in words', async () => {
    const sent = bff({
      MyFamily: () => ({ data: { myFamily: [] } }),
      MyAuthorisations: () => ({ data: { myAuthorisations: [GIVEN] } }),
      RevokeAuthorisation: () => gqlError('AUTHORISATION_ENDED'),
    });
    render(<FamilyPage />);
    const revoke = await screen.findByRole('button', { name: '撤销（糜**）' });
    modalAnswers.push(false);
    fireEvent.click(revoke);
    await waitFor(() => expect(calls.modals).toEqual(['撤销授权']));
    expect(sent.some((s) => s.operation === 'RevokeAuthorisation')).toBe(false);
    modalAnswers.push(true);
    fireEvent.click(revoke);
    expect(await screen.findByText('这项授权已撤销或已过期')).toBeTruthy();
    expect(sent.filter((s) => s.operation === 'RevokeAuthorisation').map((s) => s.variables)).toEqual([
      { id: 'au-given' },
    ]);
  });

  it('acts on a received one through its actAsRef: the banner names the grantor', async () => {
    const sent = bff({
      MyFamily: () => ({ data: { myFamily: [] } }),
      MyAuthorisations: () => ({ data: { myAuthorisations: [RECEIVED] } }),
      ActAs: () => ({
        data: { actAs: { maskedName: '糜**', relation: 'PARENT', basis: 'AUTHORISATION', until: '2027-06-01' } },
      }),
    });
    const { container } = render(<FamilyPage />);
    fireEvent.click(await screen.findByRole('button', { name: '为TA办理（糜**）' }));
    await waitFor(() => expect(banner(container)?.textContent).toContain('正在为 糜** 办理（父母）'));
    expect(sent.find((s) => s.operation === 'ActAs')!.variables).toEqual({ ref: 'sealed-grant' });
  });
});

describe('acting banner (every screen, through Screen)', () => {
  it('shows on another page while acting, and 切换回本人 stops acting and starts again from 我的', async () => {
    Taro.setStorageSync('citizen.acting', ACTING);
    const sent = bff({ MyApplications: () => NO_APPLICATIONS, StopActing: () => ({ data: { stopActing: true } }) });
    const { container } = render(<ApplicationsPage />);
    await screen.findByText(/还没有/);
    expect(banner(container)!.textContent).toContain('正在为 马* 办理');
    const back = screen.getByRole('button', { name: '切换回本人' });
    // A keyboard reaches and presses it: a tab stop, and Enter.
    expect(back.getAttribute('tabindex')).toBe('0');
    fireEvent.keyDown(back, { key: 'Enter' });
    await waitFor(() => expect(calls.reLaunch).toEqual(['/pages/me/index']));
    expect(sent.filter((s) => s.operation === 'StopActing')).toHaveLength(1);
    expect(banner(container)).toBeNull();
    expect(actingState().acting).toBeNull();
  });

  it('keeps the banner and says so when stopping fails (the network)', async () => {
    Taro.setStorageSync('citizen.acting', ACTING);
    bff({ MyApplications: () => NO_APPLICATIONS, StopActing: () => gqlError('NETWORK_ERROR') });
    const { container } = render(<ApplicationsPage />);
    fireEvent.click(await screen.findByRole('button', { name: '切换回本人' }));
    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    expect(banner(container)!.textContent).toContain('正在为 马* 办理');
    expect(calls.reLaunch).toEqual([]);
  });

  it('on ACTING_RIGHT_ENDED from any request: the banner says acting ended, the page says why, and a retry is for oneself', async () => {
    Taro.setStorageSync('citizen.acting', ACTING);
    let tries = 0;
    bff({ MyApplications: () => (++tries === 1 ? gqlError('ACTING_RIGHT_ENDED') : NO_APPLICATIONS) });
    const { container } = render(<ApplicationsPage />);
    await waitFor(() => expect(banner(container)?.className).toContain('acting-banner--ended'));
    expect(banner(container)!.textContent).toContain('代办关系已结束（已成年或授权已撤销），已切换回本人');
    expect(screen.queryByRole('button', { name: '切换回本人' })).toBeNull();
    expect(actingState().acting).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    await screen.findByText(/还没有/);
    fireEvent.click(screen.getByRole('button', { name: '知道了' }));
    expect(banner(container)).toBeNull();
  });

  it.each([
    ['ACTING_OUT_OF_SCOPE', '您没有获得办理此事项的授权'],
    ['ACTING_NOT_ALLOWED', '为他人办理时不能进行此操作，请由本人办理'],
  ])('a page refused with %s says so in words, with the way back to oneself above it', async (code, words) => {
    Taro.setStorageSync('citizen.acting', ACTING);
    bff({ MyApplications: () => gqlError(code) });
    const { container } = render(<ApplicationsPage />);
    expect(await screen.findByText(words)).toBeTruthy();
    expect(banner(container)!.textContent).toContain('切换回本人');
  });

  it('我的 shows whom the app acts for and opens 家人代办; English banner', async () => {
    setPreferences({ locale: 'en' });
    Taro.setStorageSync('citizen.acting', ACTING);
    bff({
      Me: () => ({
        data: {
          me: {
            accountId: 'a1',
            platform: 'H5',
            level: 2,
            maskedPhone: null,
            faceVerifiedAt: null,
            realName: { maskedName: '达*', maskedIdNumber: '6***************14', verifiedAt: '2026-11-01T00:00:00Z' },
            linkedPlatforms: [],
            pendingLink: null,
          },
        },
      }),
      Dashboard: () => DASHBOARD,
    });
    const { container } = render(<MePage />);
    await screen.findByText('达*');
    expect(banner(container)!.textContent).toContain('Acting for 马* (child)');
    expect(screen.getByRole('button', { name: 'Back to myself' })).toBeTruthy();
    const cell = container.querySelector('.me__family')!;
    expect(cell.textContent).toContain('Act for family');
    expect(cell.textContent).toContain('马*');
    fireEvent.click(cell);
    expect(calls.navigateTo).toEqual(['/family/pages/members/index']);
  });

  it('never on a page shown again after acting stopped elsewhere (storage is the one copy)', async () => {
    Taro.setStorageSync('citizen.acting', ACTING);
    bff({ MyApplications: () => NO_APPLICATIONS, StopActing: () => ({ data: { stopActing: true } }) });
    const first = render(<ApplicationsPage />);
    const second = render(<ApplicationsPage />);
    await screen.findAllByText(/还没有/);
    fireEvent.click(screen.getAllByRole('button', { name: '切换回本人' })[0]!);
    await waitFor(() => expect(banner(second.container)).toBeNull());
    expect(banner(first.container)).toBeNull();
  });
});
