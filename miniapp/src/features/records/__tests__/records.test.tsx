import { fireEvent, render, screen } from '@testing-library/react';
import { calls, routerParams } from '../../../../test/stand-ins/taro';
import { bff, gqlError, resetStandIns, signedIn } from '../../applications/__tests__/harness';
import { setPreferences } from '../../../preferences';
import RecordsPage from '../../../pages/records/index';
import { Dashboard } from '../Dashboard';

const PF = {
  hasAccount: true,
  accountNumberMasked: '2991****8601',
  employer: '南方电网市供电局',
  status: 'active',
  balanceCents: 23180913,
  monthlyDepositCents: 571200,
  openedOn: '2019-12-14',
  loan: {
    loanNumberMasked: 'GJJ0****8601',
    principalCents: 80000000,
    remainingCents: 61234500,
    monthlyPaymentCents: 412300,
    startedOn: '2021-03-01',
    endsOn: '2041-03-01',
    status: 'repaying',
  },
  deposits: {
    total: 24,
    items: [{ month: '2026-10', amountCents: 571200, employerCents: 285600, personalCents: 285600, status: 'paid' }],
  },
};
const down = (field: string, agency: string, code = 'AGENCY_UNAVAILABLE') => ({
  data: { myRecords: { [field]: null } },
  errors: [{ message: code, path: ['myRecords', field], extensions: { code, agency } }],
});

beforeEach(() => {
  resetStandIns();
  for (const key of Object.keys(routerParams)) delete routerParams[key];
});
afterEach(() => setPreferences({ locale: 'zh', elder: false }));

describe('records screens', () => {
  it('shows the provident fund with amounts in 元 with thousands separators, and in English', async () => {
    signedIn(2);
    routerParams.type = 'providentFund';
    bff({ ProvidentFundRecord: () => ({ data: { myRecords: { providentFund: PF } } }) });
    const { container, unmount } = render(<RecordsPage />);
    expect(await screen.findByText('231,809.13 元')).toBeTruthy();
    expect(container.textContent).toContain('剩余本金　612,345.00 元');
    expect(container.textContent).toContain('账号　2991****8601');
    // Deposits: a row a month in one card (month, amount, status).
    expect(Array.from(container.querySelectorAll('.records__month'), (row) => row.textContent)).toEqual([
      '2026-105,712.00 元已缴',
    ]);
    unmount();
    setPreferences({ locale: 'en' });
    render(<RecordsPage />);
    expect(await screen.findByText('231,809.13 yuan')).toBeTruthy();
  });

  it('says which agency cannot be reached when its record is missing, and retries', async () => {
    signedIn(2);
    routerParams.type = 'socialInsurance';
    let tries = 0;
    bff({
      SocialInsuranceRecord: () =>
        ++tries === 1
          ? down('socialInsurance', 'social-insurance')
          : {
              data: { myRecords: { socialInsurance: { insured: false, types: [], card: null, contributions: null } } },
            },
    });
    render(<RecordsPage />);
    expect(await screen.findByText('社保中心暂时无法访问')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByText('未查询到您的参保记录。')).toBeTruthy();
  });

  it('lists violations with the open ones said in words; empty and timeout states', async () => {
    signedIn(2);
    routerParams.type = 'driving';
    bff({
      DrivingRecord: () => ({
        data: {
          myRecords: {
            driving: {
              licence: {
                drivingClass: 'C1',
                pointsLeft: 9,
                cycleEndsOn: '2027-03-20',
                validUntil: '2031-01-27',
                status: 'valid',
              },
              vehicles: [],
              violations: [
                {
                  id: 'WF1',
                  plateMasked: '粤AY***F',
                  at: '2026-10-01T02:30:00.000Z',
                  place: '天河路12号附近',
                  act: '驾驶中使用手机',
                  fineCents: 20000,
                  points: 3,
                  handled: false,
                },
              ],
            },
          },
        },
      }),
    });
    const { container } = render(<RecordsPage />);
    expect(await screen.findByText('驾驶中使用手机')).toBeTruthy();
    // China time: 02:30 UTC is 10:30 in the city.
    expect(container.textContent).toContain('2026-10-01 10:30');
    expect(container.textContent).toContain('罚款　200.00 元');
    expect(container.textContent).toContain('状态　未处理');
    expect(container.textContent).toContain('名下暂无机动车。');
    expect(container.querySelectorAll('.records__card--open')).toHaveLength(1);
  });

  it('asks a citizen without real name to verify first', async () => {
    signedIn(1);
    routerParams.type = 'vaccinations';
    bff({ VaccinationsRecord: () => gqlError('ASSURANCE_LEVEL_TOO_LOW', { requiredLevel: 2, currentLevel: 1 }) });
    render(<RecordsPage />);
    fireEvent.click(await screen.findByRole('button', { name: '去认证' }));
    expect(calls.navigateTo[0]).toContain('/pages/realname/index?required=2');
  });

  it('the dashboard shows todos and a line per record, one agency down in words', async () => {
    signedIn(2);
    bff({
      Dashboard: () => ({
        data: {
          dashboard: {
            todos: [
              {
                kind: 'VIOLATION_UNHANDLED',
                title: '1 条交通违法未处理',
                titleEn: '1 traffic violations to handle',
                link: '/pages/records/index?type=driving',
                dueOn: null,
              },
            ],
            incomplete: [],
            summaries: [
              {
                kind: 'providentFund',
                text: '余额 231,809.13 元',
                textEn: 'Balance 231,809.13 yuan',
                link: '/pages/records/index?type=providentFund',
              },
              null,
              ...Array.from({ length: 6 }, () => ({ kind: 'x', text: '—', textEn: '—', link: '' })),
            ],
          },
        },
        errors: [
          {
            message: 'AGENCY_UNAVAILABLE',
            path: ['dashboard', 'summaries', 1],
            extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'social-insurance' },
          },
        ],
      }),
    });
    render(<Dashboard />);
    expect(await screen.findByText('公积金：余额 231,809.13 元')).toBeTruthy();
    expect(screen.getByText('社保：社保中心暂时无法访问')).toBeTruthy();
    fireEvent.click(screen.getByText('1 条交通违法未处理'));
    expect(calls.navigateTo).toEqual(['/pages/records/index?type=driving']);
  });
});
