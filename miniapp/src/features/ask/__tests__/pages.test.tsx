import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ConsultationFieldsFragment, FaqEntryFieldsFragment } from '@citizen/shared';
import { calls, chosenImages, routerParams, setUploadHandler } from '../../../../test/stand-ins/taro';
import { locations } from '../../../../test/stand-ins/platform';
import FaqPage from '../../../pages/faq/index';
import AskPage from '../../../pages/ask/index';
import ConsultationsPage from '../../../pages/consultations/index';
import ProgressPage from '../../../pages/progress/index';
import { setPreferences } from '../../../preferences';
import { FAQ_SEARCH_DEBOUNCE_MS } from '../useFaq';
import { NETWORK_DOWN, bff, gqlError, resetStandIns, signedIn } from '../../applications/__tests__/harness';

beforeEach(() => {
  resetStandIns();
  locations.length = 0;
  setPreferences({ locale: 'zh', elder: false });
});
afterEach(() => jest.useRealTimers());

const entry = (
  id: string,
  question: string,
  answer: string,
  serviceId: string | null = 'pf-withdraw-rent',
): FaqEntryFieldsFragment => ({
  id,
  serviceId,
  question,
  questionEn: `${question} (en)`,
  answer,
  answerEn: `${answer} (en)`,
});
const consultation = (extra: Partial<ConsultationFieldsFragment> = {}): ConsultationFieldsFragment => ({
  id: 'c1',
  number: 'ZX2026112100000001',
  category: 'CONSULT',
  status: 'REPLIED',
  question: '租房提取多久到账？',
  serviceId: null,
  applicationNumber: null,
  hasPhoto: false,
  location: null,
  ticketNo: 'GD20260000001',
  replies: [{ body: '一般1至3个工作日。', department: '12345热线知识库', at: '2026-11-21T03:00:00Z' }],
  canRate: true,
  canReopen: true,
  createdAt: '2026-11-21T02:00:00Z',
  updatedAt: '2026-11-21T03:00:00Z',
  ...extra,
});

describe('FAQ page', () => {
  it('lists a service’s answers, searches once typing pauses, and offers to ask', async () => {
    jest.useFakeTimers();
    routerParams.serviceId = 'pf-withdraw-rent';
    routerParams.title = encodeURIComponent('租房提取公积金');
    const sent = bff({
      Faq: () => ({
        data: {
          faq: [
            entry('r1', '租房提取需要什么条件？', '无自有住房且连续缴存满3个月。'),
            entry('r2', '没有租赁合同可以提取吗？', '可以，按限额提取。'),
          ],
        },
      }),
      SearchFaq: ({ query }) => ({
        data: { searchFaq: query === '合同' ? [entry('r2', '没有租赁合同可以提取吗？', '可以，按限额提取。')] : [] },
      }),
    });
    render(<FaqPage />);
    expect(screen.getByLabelText('正在加载…')).toBeTruthy();
    await act(async () => void jest.advanceTimersByTime(0));
    expect(screen.getByText('租房提取公积金 · 常见问题')).toBeTruthy();
    expect(screen.getByText('无自有住房且连续缴存满3个月。')).toBeTruthy();

    const search = screen.getByLabelText('搜索问题');
    fireEvent.change(search, { target: { value: '合' } });
    fireEvent.change(search, { target: { value: '合同' } });
    await act(async () => void jest.advanceTimersByTime(FAQ_SEARCH_DEBOUNCE_MS + 10));
    expect(sent.filter((s) => s.operation === 'SearchFaq').map((s) => s.variables)).toEqual([
      { query: '合同', serviceId: 'pf-withdraw-rent' },
    ]);
    expect(screen.queryByText('无自有住房且连续缴存满3个月。')).toBeNull();
    expect(screen.getByText('可以，按限额提取。')).toBeTruthy();

    fireEvent.change(search, { target: { value: '火星' } });
    await act(async () => void jest.advanceTimersByTime(FAQ_SEARCH_DEBOUNCE_MS + 10));
    expect(screen.getByText('没有找到相关问题，可以直接向12345提问')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '没找到答案？向12345提问' }));
    expect(calls.navigateTo).toEqual(['/pages/ask/index?serviceId=pf-withdraw-rent']);
  });

  it('shows the policy questions in English, and an error with a retry', async () => {
    setPreferences({ locale: 'en' });
    let fail = true;
    bff({
      Faq: ({ serviceId }) =>
        fail
          ? NETWORK_DOWN
          : {
              data: { faq: serviceId === null ? [entry('p1', '护照过期了怎么换？', '到出入境窗口换发。', null)] : [] },
            },
    });
    render(<FaqPage />);
    expect(await screen.findByRole('alert')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('到出入境窗口换发。 (en)')).toBeTruthy();
    expect(screen.getByText('Policy questions')).toBeTruthy();
  });
});

describe('ask page', () => {
  it('sends a legal-aid question with a photo and the location, once per form, and opens it', async () => {
    signedIn(2);
    routerParams.category = 'LEGAL_AID';
    setUploadHandler(async () => ({ statusCode: 201, data: JSON.stringify({ id: 'upload-9' }) }));
    let attempt = 0;
    const sent = bff({
      AskQuestion: () =>
        ++attempt === 1
          ? NETWORK_DOWN
          : { data: { askQuestion: consultation({ id: 'c9', category: 'LEGAL_AID', status: 'SUBMITTED' }) } },
    });
    render(<AskPage />);
    expect(screen.getByText('法律援助中心律师将通过12345答复您的问题。')).toBeTruthy();
    // Too short is said at once, nothing sent.
    fireEvent.change(screen.getByLabelText('您的问题'), { target: { value: '欠薪' } });
    fireEvent.click(screen.getByRole('button', { name: '提交' }));
    expect(await screen.findByText('请至少写5个字，说清楚您的问题')).toBeTruthy();
    expect(sent).toEqual([]);

    fireEvent.change(screen.getByLabelText('您的问题'), { target: { value: '公司拖欠工资三个月怎么办？' } });
    chosenImages.push({ path: 'wxfile://tmp/slip.png', size: 100 * 1024 });
    fireEvent.click(screen.getByRole('button', { name: '添加照片（可选）' }));
    expect(await screen.findByRole('button', { name: '重新选择照片' })).toBeTruthy();
    locations.push({ latitude: 22.5431, longitude: 114.0579 });
    fireEvent.click(screen.getByRole('button', { name: '添加我的位置（可选）' }));
    expect(await screen.findByRole('button', { name: '✓ 已添加位置' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '提交' }));
    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '提交' }));
    await waitFor(() => expect(calls.redirectTo).toEqual(['/pages/consultations/index?id=c9']));
    const asks = sent.filter((s) => s.operation === 'AskQuestion').map((s) => s.variables.input);
    expect(asks).toHaveLength(2);
    expect(asks[0]).toMatchObject({
      category: 'LEGAL_AID',
      question: '公司拖欠工资三个月怎么办？',
      photoUploadId: 'upload-9',
      location: { latitude: 22.5431, longitude: 114.0579 },
    });
    // The retry is the same request: one key per form.
    expect(asks[1].idempotencyKey).toBe(asks[0].idempotencyKey);
  });

  it('carries the application it was asked from, and says when the location is refused', async () => {
    signedIn(2);
    routerParams.serviceId = 'si-payment-record';
    routerParams.applicationNumber = 'SQ2026112112345678';
    const sent = bff({ AskQuestion: () => gqlError('CONSULTATION_LIMIT') });
    render(<AskPage />);
    expect(screen.getByText('关于办件 SQ2026112112345678')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '投诉' }));
    fireEvent.click(screen.getByRole('button', { name: '添加我的位置（可选）' }));
    expect(await screen.findByText('未能获取位置，您可以在问题中写明地点')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('您的问题'), { target: { value: '窗口说材料不齐，但没说缺什么' } });
    fireEvent.click(screen.getByRole('button', { name: '提交' }));
    expect(await screen.findByText('今日提交的咨询已达上限，请明天再试或拨打12345')).toBeTruthy();
    expect(sent[0]!.variables.input).toMatchObject({
      category: 'COMPLAINT',
      serviceId: 'si-payment-record',
      applicationNumber: 'SQ2026112112345678',
      location: null,
      photoUploadId: null,
    });
  });
});

describe('my consultations', () => {
  it('shows replies, puts the one opened from a message first, and takes not solved', async () => {
    signedIn(2);
    routerParams.id = 'c2';
    const sent = bff({
      MyConsultations: () => ({
        data: {
          myConsultations: {
            items: [
              consultation(),
              consultation({ id: 'c2', number: 'ZX2026112100000002', question: '路灯坏了', category: 'COMPLAINT' }),
            ],
            nextCursor: null,
          },
        },
      }),
      RateConsultation: ({ id }) => ({
        data: {
          rateConsultation: consultation({
            id,
            number: 'ZX2026112100000002',
            question: '路灯坏了',
            category: 'COMPLAINT',
            status: 'REOPENED',
            canRate: false,
            canReopen: false,
          }),
        },
      }),
    });
    const { container } = render(<ConsultationsPage />);
    await screen.findByText('路灯坏了');
    expect(
      Array.from(container.querySelectorAll('.consultation')).map((c) => c.getAttribute('data-consultation-id')),
    ).toEqual(['c2', 'c1']);
    expect(screen.getAllByText('12345热线知识库：一般1至3个工作日。')).toHaveLength(2);
    fireEvent.click(screen.getAllByRole('button', { name: '未解决，请重新办理' })[0]!);
    expect(await screen.findByText('已请12345重新办理，请留意答复')).toBeTruthy();
    expect(sent.filter((s) => s.operation === 'RateConsultation').map((s) => s.variables)).toEqual([
      { id: 'c2', solved: false },
    ]);
    expect(screen.getByText('已重新办理')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: '未解决，请重新办理' })).toHaveLength(1);
  });

  it('has an empty state in elder mode', async () => {
    signedIn(1);
    setPreferences({ elder: true });
    bff({ MyConsultations: () => ({ data: { myConsultations: { items: [], nextCursor: null } } }) });
    const { container } = render(<ConsultationsPage />);
    expect(await screen.findByText('您还没有向12345提过问题')).toBeTruthy();
    expect(container.querySelector('.screen--elder')).toBeTruthy();
  });
});

describe('progress lookup', () => {
  it('checks the input, answers without signing in, and shows only the progress', async () => {
    const sent = bff({
      ApplicationProgress: ({ queryCode }) =>
        queryCode === 'K7M2QX'
          ? {
              data: {
                applicationProgress: {
                  number: 'SQ2026112112345678',
                  status: 'IN_REVIEW',
                  service: { id: 's', title: '社保缴费证明', titleEn: 'Payment record' },
                  departments: [
                    {
                      name: '社会保险事业局',
                      nameEn: 'Social Insurance Bureau',
                      status: 'IN_REVIEW',
                      updatedAt: '2026-11-21T04:00:00Z',
                    },
                  ],
                  submittedAt: '2026-11-21T02:00:00Z',
                  updatedAt: '2026-11-21T04:00:00Z',
                },
              },
            }
          : gqlError('PROGRESS_NOT_FOUND'),
    });
    render(<ProgressPage />);
    fireEvent.change(screen.getByLabelText('申请编号'), { target: { value: 'SQ123' } });
    fireEvent.click(screen.getByRole('button', { name: '查询' }));
    expect(await screen.findByText('申请编号为SQ开头的18位，如 SQ2026112112345678')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('申请编号'), { target: { value: 'sq2026112112345678' } });
    fireEvent.change(screen.getByLabelText('查询码'), { target: { value: 'AAAAAA' } });
    fireEvent.click(screen.getByRole('button', { name: '查询' }));
    expect(await screen.findByText('申请编号或查询码不正确，请核对后重试')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('查询码'), { target: { value: 'k7m2qx' } });
    fireEvent.click(screen.getByRole('button', { name: '查询' }));
    expect(await screen.findByText('社保缴费证明')).toBeTruthy();
    expect(sent.map((s) => s.variables)).toEqual([
      { number: 'SQ2026112112345678', queryCode: 'AAAAAA' },
      { number: 'SQ2026112112345678', queryCode: 'K7M2QX' },
    ]);
    // Nobody signed in: nothing was sent as anyone.
    expect(sent.every((s) => !s.authorization)).toBe(true);
  });
});
