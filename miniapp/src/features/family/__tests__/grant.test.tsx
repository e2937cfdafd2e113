import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import {
  resolveDateBound,
  type HomeScreenQuery,
  type MyAuthorisationsQuery,
  type MyFamilyQuery,
} from '@citizen/shared';
import { calls, modalAnswers } from '../../../../test/stand-ins/taro';
import { bff, gqlError, resetStandIns, signedIn } from '../../applications/__tests__/harness';
import { setPreferences } from '../../../preferences';
import { takeHeld, takeGranted } from '../grant';
import GrantPage from '../../../family/pages/grant/index';
import FamilyPage from '../../../family/pages/members/index';

type Member = MyFamilyQuery['myFamily'][number];
type Authorisation = MyAuthorisationsQuery['myAuthorisations'][number];
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
const SPOUSE: Member = {
  ref: 'sealed-spouse',
  relation: 'SPOUSE',
  maskedName: '王*',
  birthYear: 1988,
  age: 38,
  canActFor: false,
  actsUntil: null,
  basis: null,
};
const HOME: HomeScreenQuery = {
  homeNotices: [],
  serviceCategories: [
    { id: 'education', name: '教育', nameEn: 'Education', icon: 'school', order: 2 },
    { id: 'social', name: '社保', nameEn: 'Social security', icon: 'shield', order: 1 },
  ],
  serviceTiles: [
    {
      id: 't1',
      title: '小学新生入学报名',
      titleEn: 'Primary school enrolment',
      icon: 'school',
      line: 'PERSONAL',
      badge: null,
      requiredLevel: 2,
      available: true,
      category: { id: 'education' },
      target: { kind: 'SERVICE', value: 'school-enrolment' },
    },
    {
      id: 't2',
      title: '入学报名（首页）',
      titleEn: 'Enrolment (home)',
      icon: 'school',
      line: 'PERSONAL',
      badge: null,
      requiredLevel: 2,
      available: true,
      category: { id: 'education' },
      target: { kind: 'SERVICE', value: 'school-enrolment' },
    },
    {
      id: 't3',
      title: '电子证照',
      titleEn: 'Licences',
      icon: 'card',
      line: 'PERSONAL',
      badge: null,
      requiredLevel: 2,
      available: true,
      category: { id: 'social' },
      target: { kind: 'PAGE', value: '/pages/wallet/index' },
    },
  ],
} as unknown as HomeScreenQuery;
const made = (over: Partial<Authorisation>): { data: { grantAuthorisation: Authorisation } } => ({
  data: {
    grantAuthorisation: {
      id: 'au-new',
      direction: 'GIVEN',
      maskedName: '糜**',
      relation: 'PARENT',
      scopes: ['appointments'],
      until: '2027-02-27',
      status: 'ACTIVE',
      createdAt: '2026-11-27T02:00:00Z',
      acceptedAt: '2026-11-27T02:00:00Z',
      revokedAt: null,
      revokedBy: null,
      actAsRef: null,
      ...over,
    },
  },
});
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const common = {
  MyFamily: () => ({ data: { myFamily: [CHILD, PARENT, SPOUSE] } }),
  HomeScreen: () => ({ data: HOME }),
};

const typeId = (digits: string) => {
  fireEvent.click(screen.getByRole('button', { name: '被授权人身份证号，点击输入' }));
  for (const key of digits) fireEvent.click(screen.getByRole('button', { name: key }));
};

beforeEach(() => {
  resetStandIns();
  takeHeld();
  takeGranted();
  signedIn(3);
});
afterEach(() => setPreferences({ locale: 'zh', elder: false }));

describe('授权他人代办 screen', () => {
  it('offers adult relations only and the catalogue in words; checks locally; grants to a relation and says so on 家人代办', async () => {
    const sent = bff({ ...common, GrantAuthorisation: () => made({}) });
    const { container, unmount } = render(<GrantPage />);
    await screen.findByRole('radio', { name: '糜**（父母 · 65岁）' });
    expect(screen.getByRole('radio', { name: '王*（配偶 · 38岁）' })).toBeTruthy();
    expect(screen.queryByRole('radio', { name: /马\*/ })).toBeNull();
    await screen.findByRole('checkbox', { name: '小学新生入学报名' });
    // Categories in their order; a service once however many tiles open it; a page tile is not a service.
    const labels = Array.from(container.querySelectorAll('.grant__scope'), (n) => n.getAttribute('aria-label'));
    expect(labels).toEqual(['预约办事', '证照（仅脱敏查看）', '社保', '教育', '小学新生入学报名']);
    // The end date starts three months ahead, and the picker stops a year ahead.
    const date = container.querySelector('input[data-picker="date"]') as HTMLInputElement;
    expect(date.value).toBe(resolveDateBound('+3m', chinaToday()));
    expect(date.max).toBe(resolveDateBound('+1y', chinaToday()));
    expect(date.min).toBe(chinaToday());

    fireEvent.click(screen.getByRole('button', { name: '确认授权' }));
    expect(await screen.findByText('请选择授权给谁')).toBeTruthy();
    expect(container.querySelector('.field--scopes')!.textContent).toContain('请至少选择一项授权范围');
    expect(sent.some((s) => s.operation === 'GrantAuthorisation')).toBe(false);

    const parent = screen.getByRole('radio', { name: '糜**（父母 · 65岁）' });
    // Keyboard: a tab stop, Enter ticks.
    expect(parent.getAttribute('tabindex')).toBe('0');
    fireEvent.keyDown(parent, { key: 'Enter' });
    expect(parent.getAttribute('aria-checked')).toBe('true');
    fireEvent.click(screen.getByRole('checkbox', { name: '预约办事' }));
    fireEvent.keyDown(screen.getByRole('checkbox', { name: '小学新生入学报名' }), { key: ' ' });
    fireEvent.change(date, { target: { value: '2027-01-15' } });
    expect(screen.queryByText('请至少选择一项授权范围')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '确认授权' }));
    await waitFor(() => expect(calls.redirectTo).toEqual(['/family/pages/members/index']));
    expect(sent.filter((s) => s.operation === 'GrantAuthorisation').map((s) => s.variables)).toEqual([
      { to: { ref: 'sealed-parent' }, scopes: ['appointments', 'service:school-enrolment'], until: '2027-01-15' },
    ]);
    unmount();

    bff({
      ...common,
      MyAuthorisations: () => ({
        data: {
          myAuthorisations: [
            made({ scopes: ['appointments', 'service:school-enrolment', 'category:education'] }).data
              .grantAuthorisation,
          ],
        },
      }),
    });
    const members = render(<FamilyPage />);
    expect(await screen.findByText('已授权 糜** 为您代办，即时生效')).toBeTruthy();
    expect(await screen.findByRole('button', { name: '撤销（糜**）' })).toBeTruthy();
    // 我的授权 says the scopes by the catalogue's titles, as they were offered.
    await waitFor(() =>
      expect(members.container.querySelector('.family__authorisations-given')!.textContent).toContain(
        '范围：预约、小学新生入学报名、教育',
      ),
    );
  });

  it('names an adult by name and ID number (the ID keyboard), and puts each refusal by its field', async () => {
    const answers = [
      gqlError('AUTHORISATION_SELF', { field: 'to' }),
      gqlError('AUTHORISATION_GRANTEE_INVALID', { field: 'to.idNumber' }),
      gqlError('AUTHORISATION_UNTIL_TOO_FAR', { field: 'until' }),
      gqlError('AUTHORISATION_SCOPE_UNKNOWN', { field: 'scopes' }),
      gqlError('AUTHORISATION_LIMIT'),
      made({ maskedName: '李*', relation: 'NAMED', status: 'PENDING', acceptedAt: null }),
    ];
    const sent = bff({ ...common, GrantAuthorisation: () => answers.shift()! });
    const { container } = render(<GrantPage />);
    fireEvent.click(await screen.findByRole('radio', { name: '其他成年人（填写姓名和身份证号，需对方接受）' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '证照（仅脱敏查看）' }));
    typeId('110105194912310021');
    fireEvent.click(screen.getByRole('button', { name: '确认授权' }));
    expect(await screen.findByText('请输入身份证上的姓名（2至30个字）')).toBeTruthy();
    expect(container.querySelector('.field--idNumber')!.textContent).toContain('身份证号校验位不正确');
    expect(sent.some((s) => s.operation === 'GrantAuthorisation')).toBe(false);

    fireEvent.input(container.querySelector('.name-input input, input.name-input, .name-input')!, {
      target: { value: '李四' },
      detail: { value: '李四' },
    });
    typeId('');
    fireEvent.click(screen.getByRole('button', { name: '删除' }));
    fireEvent.click(screen.getByRole('button', { name: 'X' }));
    const at = (field: string) => container.querySelector(`.field--${field}`)!.textContent ?? '';
    const send = async () => {
      const before = sent.filter((s) => s.operation === 'GrantAuthorisation').length;
      fireEvent.click(screen.getByRole('button', { name: '确认授权' }));
      await waitFor(() => expect(sent.filter((s) => s.operation === 'GrantAuthorisation').length).toBe(before + 1));
    };
    await send();
    await waitFor(() => expect(at('grantee')).toContain('不能授权给自己'));
    await send();
    await waitFor(() => expect(at('idNumber')).toContain('请从登记的家庭成员中选择，或填写被授权人的姓名和身份证号'));
    await send();
    await waitFor(() => expect(at('until')).toContain('授权期限最长为一年'));
    await send();
    await waitFor(() => expect(at('scopes')).toContain('授权范围中有无法识别的事项'));
    await send();
    expect(await screen.findByText('有效授权最多8项，请先撤销不再需要的授权')).toBeTruthy();
    await send();
    await waitFor(() => expect(calls.redirectTo).toEqual(['/family/pages/members/index']));
    expect(sent.filter((s) => s.operation === 'GrantAuthorisation').at(-1)!.variables).toEqual({
      to: { idNumber: '11010519491231002X', name: '李四' },
      scopes: ['wallet'],
      until: resolveDateBound('+3m', chinaToday()),
    });
    expect(takeGranted()).toEqual({ maskedName: '李*', pending: true });
  });

  it('without a fresh face pass: to face verification, and back on this screen the kept form is sent again', async () => {
    let faced = false;
    const sent = bff({
      ...common,
      GrantAuthorisation: () => (faced ? made({}) : gqlError('FACE_STALE', { minutes: 5 })),
    });
    const first = render(<GrantPage />);
    fireEvent.click(await screen.findByRole('radio', { name: '糜**（父母 · 65岁）' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '预约办事' }));
    modalAnswers.push(true);
    fireEvent.click(screen.getByRole('button', { name: '确认授权' }));
    await waitFor(() =>
      expect(calls.navigateTo).toEqual([
        `/pages/face/index?returnTo=${encodeURIComponent('/family/pages/grant/index')}`,
      ]),
    );
    expect(calls.modals).toEqual(['需要重新人脸识别']);
    expect(screen.getByText('为保护您的账户，此操作需要重新进行人脸识别')).toBeTruthy();
    first.unmount();

    // The face page passed and opened this screen afresh.
    faced = true;
    render(<GrantPage />);
    await waitFor(() => expect(calls.redirectTo).toEqual(['/family/pages/members/index']));
    const grants = sent.filter((s) => s.operation === 'GrantAuthorisation').map((s) => s.variables);
    expect(grants).toHaveLength(2);
    expect(grants[1]).toEqual(grants[0]);
    expect(grants[1]).toEqual({
      to: { ref: 'sealed-parent' },
      scopes: ['appointments'],
      until: resolveDateBound('+3m', chinaToday()),
    });
  });

  it('below face level, declining the step keeps the form here and sends nothing again later', async () => {
    signedIn(2);
    const sent = bff({
      ...common,
      GrantAuthorisation: () => gqlError('ASSURANCE_LEVEL_TOO_LOW', { requiredLevel: 3, currentLevel: 2 }),
    });
    render(<GrantPage />);
    fireEvent.click(await screen.findByRole('radio', { name: '王*（配偶 · 38岁）' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '教育' }));
    modalAnswers.push(false);
    fireEvent.click(screen.getByRole('button', { name: '确认授权' }));
    await waitFor(() => expect(calls.modals).toEqual(['需要身份认证']));
    expect(calls.navigateTo).toEqual([]);
    expect(takeHeld()).toBeNull();
    expect(screen.getByRole('radio', { name: '王*（配偶 · 38岁）' }).getAttribute('aria-checked')).toBe('true');
    expect(sent.filter((s) => s.operation === 'GrantAuthorisation')).toHaveLength(1);
  });

  it('in English and elder mode; 家人代办 opens it', async () => {
    setPreferences({ locale: 'en', elder: true });
    bff({ ...common, MyAuthorisations: () => ({ data: { myAuthorisations: [] } }) });
    const { container, unmount } = render(<GrantPage />);
    expect(await screen.findByRole('radio', { name: '糜** (Parent, 65 years old)' })).toBeTruthy();
    expect(await screen.findByRole('checkbox', { name: 'Primary school enrolment' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Licences (masked view only)' })).toBeTruthy();
    expect(container.querySelector('.screen')!.className).toContain('screen--elder');
    expect(screen.getByRole('button', { name: 'Authorise' })).toBeTruthy();
    unmount();
    render(<FamilyPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Authorise someone to act for me' }));
    expect(calls.navigateTo).toEqual(['/family/pages/grant/index']);
  });
});
