import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { MessageFieldsFragment, SearchServicesQuery } from '@citizen/shared';
import {
  calls,
  chosenImages,
  modalAnswers,
  routerParams,
  setRequestHandler,
  setUploadHandler,
} from '../../../../test/stand-ins/taro';
import ServicesPage from '../../../pages/services/index';
import ServicePage from '../../../pages/service/index';
import ApplicationPage from '../../../pages/application/index';
import ApplicationsPage from '../../../pages/applications/index';
import MessagesPage from '../../../pages/messages/index';
import { SEARCH_DEBOUNCE_MS } from '../../catalogue/useServiceSearch';
import { POLL_MS } from '../useApplication';
import { ME, NETWORK_DOWN, application, bff, gqlError, resetStandIns, service, signedIn } from './harness';

beforeEach(() => resetStandIns());
afterEach(() => jest.useRealTimers());

const HOME = {
  serviceCategories: [
    { id: 'provident-fund', name: '住房公积金', nameEn: 'Provident fund', icon: 'fund', order: 10 },
    { id: 'legal', name: '法律服务', nameEn: 'Legal', icon: 'scale', order: 30 },
  ],
  serviceTiles: [
    {
      id: 'pf-withdraw-rent',
      title: '租房提取公积金',
      titleEn: 'Withdraw for rent',
      icon: 'fund',
      line: 'DO',
      badge: null,
      requiredLevel: 3,
      available: true,
      category: { id: 'provident-fund' },
      target: { kind: 'SERVICE', value: 'pf-withdraw-rent' },
    },
    {
      id: 'hotline',
      title: '12345热线',
      titleEn: 'Hotline',
      icon: 'phone',
      line: 'ASK',
      badge: null,
      requiredLevel: 0,
      available: null,
      category: { id: 'legal' },
      target: { kind: 'SERVICE', value: 'hotline-12345' },
    },
  ],
};
type Result = SearchServicesQuery['searchServices'][number];
const result = (id: string, title: string, extra: Partial<Result> = {}): Result => ({
  id,
  title,
  titleEn: title,
  icon: 'fund',
  line: 'DO',
  requiredLevel: 0,
  available: true,
  category: { id: 'provident-fund', name: '住房公积金', nameEn: 'Provident fund' },
  target: { kind: 'SERVICE', value: id },
  ...extra,
});

describe('services tab', () => {
  it('keeps the categories, narrows them by a line, and searches as the citizen types once typing pauses', async () => {
    jest.useFakeTimers();
    const sent = bff({
      HomeScreen: () => ({ data: HOME }),
      SearchServices: ({ query }) => ({
        data: {
          searchServices:
            query === 'gjj'
              ? [
                  result('pf-withdraw-rent', '租房提取公积金'),
                  result('pf-balance', '公积金余额查询', { line: 'INQUIRE' }),
                ]
              : [],
        },
      }),
    });
    const { container } = render(<ServicesPage />);
    await act(async () => void jest.advanceTimersByTime(0));
    expect(screen.getByText('住房公积金')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: '我要问' }));
    expect(screen.queryByText('租房提取公积金')).toBeNull();
    expect(screen.getByText('12345热线')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: '我要问' }));

    const search = screen.getByLabelText('搜索服务');
    expect(search.className).toContain('services__search');
    fireEvent.change(search, { target: { value: 'g' } });
    fireEvent.change(search, { target: { value: 'gj' } });
    fireEvent.change(search, { target: { value: 'gjj' } });
    expect(screen.getByLabelText('正在搜索…')).toBeTruthy();
    await act(async () => void jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS + 10));
    // One question for the burst of typing, with this platform.
    expect(sent.filter((s) => s.operation === 'SearchServices').map((s) => s.variables)).toEqual([
      { query: 'gjj', platform: 'H5', region: null },
    ]);
    // Each result is named by its visible title.
    const titles = () =>
      Array.from(container.querySelectorAll('.services__result .services__result-title')).map((r) => r.textContent);
    expect(titles()).toEqual(['租房提取公积金', '公积金余额查询']);
    // The line narrows the results too.
    fireEvent.click(screen.getByRole('tab', { name: '我要查' }));
    expect(titles()).toEqual(['公积金余额查询']);
    fireEvent.click(screen.getByRole('tab', { name: '我要查' }));

    fireEvent.change(search, { target: { value: '火星' } });
    await act(async () => void jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS + 10));
    expect(screen.getByText('没有找到相关服务，试试其他关键词或拼音首字母，如 gjj')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '清除搜索' }));
    expect(screen.getByText('住房公积金')).toBeTruthy();
  });

  it('opens a result the way a tile opens', async () => {
    bff({
      HomeScreen: () => ({ data: HOME }),
      SearchServices: () => ({
        data: { searchServices: [result('hotline-12345', '12345热线', { id: 'tile-hotline' })] },
      }),
    });
    render(<ServicesPage />);
    fireEvent.change(screen.getByLabelText('搜索服务'), { target: { value: '12345' } });
    fireEvent.click(await screen.findByRole('button', { name: /^12345热线/ }));
    // A service tile opens its service (the target), whatever the tile's own id.
    await waitFor(() =>
      expect(calls.navigateTo).toEqual([
        `/pages/service/index?id=hotline-12345&title=${encodeURIComponent('12345热线')}`,
      ]),
    );
  });
});

describe('service page', () => {
  const SCHEMA = { fields: [] };

  it('describes the service, marks licences that need no upload, and starts the form', async () => {
    signedIn(3);
    routerParams.id = 'svc-1';
    bff({
      Service: () => ({
        data: {
          service: service(SCHEMA, {
            bundle: true,
            requiredLevel: 3,
            departments: [
              { code: 'talent', name: '人才工作局', nameEn: 'Talent' },
              { code: 'tax', name: '税务局', nameEn: 'Tax' },
            ],
            materials: [
              {
                id: 'id-card',
                name: '居民身份证',
                nameEn: 'ID',
                licenceKind: 'ID_CARD',
                fieldId: 'idCard',
                required: true,
              },
              { id: 'photo', name: '证件照', nameEn: 'Photo', licenceKind: null, fieldId: 'photo', required: false },
            ],
          }),
        },
      }),
    });
    const { container } = render(<ServicePage />);
    expect(await screen.findByText('多部门并联审批 · 一次申请')).toBeTruthy();
    expect(screen.getByText('人才工作局、税务局')).toBeTruthy();
    expect(screen.getByText('3 个工作日')).toBeTruthy();
    expect(screen.getByText('电子证照免提交')).toBeTruthy();
    expect(screen.getByText('已实名 + 人脸认证（您已满足）')).toBeTruthy();
    const start = screen.getByRole('button', { name: '开始办理' });
    expect(start.className).toContain('service__start');
    fireEvent.click(start);
    await waitFor(() => expect(calls.navigateTo).toEqual(['/pages/apply/index?serviceId=svc-1']));
    expect(container.querySelector('.service__start')).toBeTruthy();
  });

  it('sends a citizen below the level to verify first, coming back to this page', async () => {
    signedIn(2);
    routerParams.id = 'svc-1';
    modalAnswers.push(true);
    bff({ Service: () => ({ data: { service: service(SCHEMA, { requiredLevel: 3 }) } }) });
    render(<ServicePage />);
    fireEvent.click(await screen.findByRole('button', { name: '开始办理' }));
    await waitFor(() => expect(calls.navigateTo).toHaveLength(1));
    expect(calls.modals).toEqual(['需要身份认证']);
    expect(calls.navigateTo[0]).toBe(
      `/pages/face/index?returnTo=${encodeURIComponent(`/pages/service/index?id=svc-1&title=${encodeURIComponent('测试服务')}`)}`,
    );
  });

  it('keeps the 12345 text for a service that cannot be applied for online', async () => {
    routerParams.id = 'hotline-12345';
    routerParams.title = encodeURIComponent('12345热线');
    bff({ Service: () => ({ data: { service: null } }) });
    render(<ServicePage />);
    expect(await screen.findByText('该服务正在接入，暂不能在线办理。您可以拨打 12345 咨询办理方式。')).toBeTruthy();
    expect(screen.getByText('12345热线')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '返回' }));
    expect(calls.switchTab).toEqual(['/pages/home/index']);
  });
});

describe('application page', () => {
  const MORE_INFO = application({
    status: 'MORE_INFO_REQUESTED',
    statusReason: '请补充租赁合同第2页',
    service: {
      id: 'talent-housing-subsidy',
      title: '人才住房补贴（一件事）',
      titleEn: 'Talent housing subsidy',
      bundle: true,
    },
    departments: [
      {
        status: 'APPROVED',
        reason: null,
        receiptNo: 'RC-1',
        updatedAt: '2026-11-21T03:00:00Z',
        department: { code: 'talent', name: '人才工作局', nameEn: 'Talent' },
      },
      {
        status: 'MORE_INFO_REQUESTED',
        reason: '请补充租赁合同第2页',
        receiptNo: 'RC-2',
        updatedAt: '2026-11-21T03:00:00Z',
        department: { code: 'housing', name: '住房和城乡建设局', nameEn: 'Housing' },
      },
    ],
    timeline: [
      { status: 'SUBMITTED', note: null, at: '2026-11-21T02:00:00Z', department: null },
      {
        status: 'MORE_INFO_REQUESTED',
        note: '请补充租赁合同第2页',
        at: '2026-11-21T03:00:00Z',
        department: { code: 'housing', name: '住房和城乡建设局', nameEn: 'Housing' },
      },
    ],
    answers: [
      { fieldId: 'name', label: '姓名', labelEn: 'Name', display: '张*', prefilled: true },
      { fieldId: 'degree', label: '最高学历', labelEn: 'Degree', display: '硕士', prefilled: false },
    ],
  });

  beforeEach(() => {
    signedIn();
    routerParams.id = 'app-1';
  });

  it('shows the number, the status in words, each department of a bundle, the timeline newest first and the answers', async () => {
    bff({ Application: () => ({ data: { application: MORE_INFO } }) });
    const { container } = render(<ApplicationPage />);
    const badge = await screen.findByLabelText('办理状态：需补充材料');
    expect(badge.className).toContain('application__status');
    expect(screen.getByText('SQ2026112112345678')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '复制办件编号' }));
    expect(calls.clipboard).toEqual(['SQ2026112112345678']);
    const departments = container.querySelector('.application__departments') as HTMLElement;
    expect(within(departments).getByText('人才工作局')).toBeTruthy();
    expect(within(departments).getByLabelText('人才工作局办理状态：审批通过')).toBeTruthy();
    expect(within(departments).getByText('回执号 RC-2')).toBeTruthy();
    expect(screen.getByText('办理进度（最新在上）')).toBeTruthy();
    expect(Array.from(container.querySelectorAll('.application__event')).map((e) => e.textContent)).toEqual([
      expect.stringContaining('住房和城乡建设局：需补充材料'),
      expect.stringContaining('已提交'),
    ]);
    expect(screen.getByText('姓名（来自政府部门数据）')).toBeTruthy();
    expect(screen.getByText('硕士')).toBeTruthy();
  });

  it('answers a request for more with a note and a photo, and a retry after a network error is the same answer', async () => {
    let attempts = 0;
    const sent = bff({
      Application: () => ({ data: { application: MORE_INFO } }),
      AnswerInformationRequest: () =>
        ++attempts === 1
          ? NETWORK_DOWN
          : { data: { answerInformationRequest: { ...MORE_INFO, status: 'IN_REVIEW', statusReason: null } } },
    });
    setUploadHandler(async () => ({ statusCode: 201, data: JSON.stringify({ id: 'up-1' }) }));
    render(<ApplicationPage />);
    expect(await screen.findByText('需要您补充材料')).toBeTruthy();
    expect(screen.getAllByText('请补充租赁合同第2页').length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button', { name: '提交补充材料' }));
    expect(await screen.findByText('请说明您补充的内容')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('补充说明'), { target: { value: '已补充第2页' } });
    chosenImages.push({ path: 'wxfile://tmp/page2.jpg', size: 100_000 });
    fireEvent.click(screen.getByRole('button', { name: '添加照片' }));
    expect(await screen.findByText('✓ 已上传')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '提交补充材料' }));
    expect(
      await screen.findByText('网络连接失败，请检查网络后重试。再次点击“提交补充材料”不会重复提交。'),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '提交补充材料' }));
    expect(await screen.findByLabelText('办理状态：审核中')).toBeTruthy();
    const answers = sent.filter((s) => s.operation === 'AnswerInformationRequest');
    expect(answers).toHaveLength(2);
    expect(answers[0].variables).toMatchObject({ applicationId: 'app-1', note: '已补充第2页', uploadIds: ['up-1'] });
    expect(answers[1].variables.idempotencyKey).toBe(answers[0].variables.idempotencyKey);
    expect(Taro.getStorageSync('citizen.submissionKey.more-info:app-1')).toBe('');
    expect(screen.queryByText('需要您补充材料')).toBeNull();
  });

  it('polls while the application can still move (and, once completed, until its result is issued), then stops', async () => {
    jest.useFakeTimers();
    const statuses = ['SUBMITTED', 'IN_REVIEW', 'COMPLETED', 'COMPLETED'] as const;
    const issued = {
      id: 'doc-1',
      kind: 'CERTIFICATE' as const,
      title: '社会保险参保缴费证明',
      titleEn: 'Social insurance payment certificate',
      issuer: '市社会保险基金管理中心',
      issuedAt: '2026-11-21T02:00:00Z',
      applicationId: 'app-1',
      licenceId: null,
      verifyUrl: 'http://127.0.0.1:4000/verify/x',
      downloadPath: '/documents/doc-1/pdf',
    };
    let reads = 0;
    // Completed at the third read, its result issued by the fourth: the page reads four times, then no more.
    bff({
      Application: () => {
        const read = Math.min(reads++, 3);
        return { data: { application: application({ status: statuses[read], result: read >= 3 ? issued : null }) } };
      },
    });
    render(<ApplicationPage />);
    await act(async () => void jest.advanceTimersByTime(0));
    expect(screen.getByLabelText('办理状态：已提交')).toBeTruthy();
    await act(async () => void jest.advanceTimersByTime(POLL_MS));
    expect(screen.getByLabelText('办理状态：审核中')).toBeTruthy();
    await act(async () => void jest.advanceTimersByTime(POLL_MS));
    expect(screen.getByLabelText('办理状态：已办结')).toBeTruthy();
    await act(async () => void jest.advanceTimersByTime(POLL_MS * 4));
    expect(reads).toBe(4);
    expect(screen.getByText('办理已结束')).toBeTruthy();
  });

  it('shows an error with a retry when the application cannot be read', async () => {
    let up = false;
    bff({
      Application: () => (up ? { data: { application: application() } } : gqlError('NOT_FOUND', { field: 'id' })),
    });
    render(<ApplicationPage />);
    expect(await screen.findByText('没有找到相关内容')).toBeTruthy();
    up = true;
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByLabelText('办理状态：已提交')).toBeTruthy();
  });
});

describe('my applications', () => {
  const row = (n: number) => {
    const {
      id,
      number,
      status,
      statusReason,
      createdAt,
      updatedAt,
      service: s,
    } = application({ id: `app-${n}`, number: `SQ${n}`, status: n % 2 ? 'IN_REVIEW' : 'COMPLETED' });
    return { id, number, status, statusReason, createdAt, updatedAt, service: s };
  };

  it('lists applications with their status, loads more with the cursor, and opens one', async () => {
    signedIn();
    const sent = bff({
      MyApplications: ({ after }) => ({
        data: {
          myApplications: after ? { items: [row(3)], nextCursor: null } : { items: [row(1), row(2)], nextCursor: 'c2' },
        },
      }),
    });
    const { container } = render(<ApplicationsPage />);
    await screen.findByText('SQ1', { exact: false });
    const rows = () => Array.from(container.querySelectorAll('.applications__row'));
    expect(rows()).toHaveLength(2);
    expect(within(rows()[0] as HTMLElement).getByLabelText('办理状态：审核中')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '加载更多' }));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(sent.map((s) => s.variables.after)).toEqual([null, 'c2']);
    expect(screen.queryByRole('button', { name: '加载更多' })).toBeNull();
    fireEvent.click(rows()[2]);
    expect(calls.navigateTo).toEqual(['/pages/application/index?id=app-3']);
  });

  it('has an empty state that leads to the services tab', async () => {
    signedIn();
    bff({ MyApplications: () => ({ data: { myApplications: { items: [], nextCursor: null } } }) });
    render(<ApplicationsPage />);
    expect(await screen.findByText('您还没有办件。在「办事」中选择服务即可在线申请。')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '去办事' }));
    expect(calls.switchTab).toEqual(['/pages/services/index']);
  });
});

describe('messages tab', () => {
  const message = (id: string, extra: Partial<MessageFieldsFragment> = {}): MessageFieldsFragment => ({
    id,
    kind: 'APPLICATION',
    title: '人才住房补贴需补充材料',
    titleEn: 'x',
    body: '您的申请（编号 SQ1）需补充材料：请补充租赁合同第2页',
    bodyEn: 'x',
    link: '/pages/application/index?id=app-1',
    read: false,
    channel: 'SMS',
    deliveryStatus: 'SENT',
    createdAt: '2026-11-21T03:00:00Z',
    ...extra,
  });

  it('signs a newcomer in silently, as Me does, and shows their messages', async () => {
    const sent = bff({
      Login: () => ({
        data: {
          login: {
            accessToken: 'access',
            accessTokenExpiresAt: '2099-01-01T00:00:00Z',
            refreshToken: 'refresh',
            me: ME,
          },
        },
      }),
      MyMessages: () => ({ data: { myMessages: { items: [message('m1')], nextCursor: null, unread: 1 } } }),
    });
    render(<MessagesPage />);
    expect(await screen.findByText('人才住房补贴需补充材料')).toBeTruthy();
    expect(sent.map((r) => r.operation)).toEqual(['Login', 'MyMessages']);
  });

  it('asks a citizen who signed out here to sign in on 我的, and asks the BFF nothing', async () => {
    Taro.setStorageSync('citizen.signedOut', true);
    const sent = bff({});
    render(<MessagesPage />);
    expect(
      await screen.findByText('登录后，办件进度、挪车和预约提醒会显示在这里。请在「我的」页面登录。'),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '去登录' }));
    expect(calls.switchTab).toEqual(['/pages/me/index']);
    expect(sent).toEqual([]);
    expect(calls.badges).toEqual(['2:-']);
  });

  it('marks unread messages, opens a message’s page after marking it read, and marks all read', async () => {
    signedIn();
    const sent = bff({
      MyMessages: () => ({
        data: {
          myMessages: {
            items: [
              message('m1'),
              message('m2', { title: '挪车已完成', link: null, kind: 'CAR_MOVE' }),
              message('m3', { read: true, title: '已读的消息', link: '/pages/me/index' }),
            ],
            nextCursor: null,
            unread: 2,
          },
        },
      }),
      MarkMessageRead: ({ id }) => ({ data: { markMessageRead: message(id, { read: true }) } }),
      MarkAllMessagesRead: () => ({ data: { markAllMessagesRead: 1 } }),
    });
    render(<MessagesPage />);
    expect(await screen.findByText('2 条未读')).toBeTruthy();
    expect(calls.badges).toEqual(['2:2']);
    expect(screen.getAllByText('未读')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: /人才住房补贴需补充材料.*未读/ }));
    await waitFor(() => expect(calls.navigateTo).toEqual(['/pages/application/index?id=app-1']));
    expect(sent.filter((s) => s.operation === 'MarkMessageRead').map((s) => s.variables)).toEqual([{ id: 'm1' }]);
    expect(calls.badges.at(-1)).toBe('2:1');
    // A link to a tab opens the tab.
    fireEvent.click(screen.getByRole('button', { name: /已读的消息/ }));
    expect(calls.switchTab).toEqual(['/pages/me/index']);
    fireEvent.click(screen.getByRole('button', { name: '全部已读' }));
    await waitFor(() => expect(screen.queryAllByText('未读')).toHaveLength(0));
    expect(calls.badges.at(-1)).toBe('2:-');
  });

  it('has an empty state', async () => {
    signedIn();
    bff({ MyMessages: () => ({ data: { myMessages: { items: [], nextCursor: null, unread: 0 } } }) });
    render(<MessagesPage />);
    expect(await screen.findByText('暂无消息。办件进度、挪车和预约提醒会显示在这里。')).toBeTruthy();
  });

  it('shows an error with a retry', async () => {
    signedIn();
    let up = false;
    setRequestHandler(async () => {
      if (!up) throw new Error('request:fail');
      return {
        statusCode: 200,
        data: { data: { myMessages: { items: [message('m1')], nextCursor: null, unread: 1 } } },
      };
    });
    render(<MessagesPage />);
    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    up = true;
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByText('1 条未读')).toBeTruthy();
  });
});
