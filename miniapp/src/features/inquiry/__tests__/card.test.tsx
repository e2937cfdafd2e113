import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { CitizenInquiryCardQuery } from '@citizen/shared';
import { calls, routerParams } from '../../../../test/stand-ins/taro';
import { bff, gqlError, resetStandIns, signedIn } from '../../applications/__tests__/harness';
import { setPreferences } from '../../../preferences';
import { openTile } from '../../catalogue/openTile';
import InquiryCardPage from '../../../inquiry/pages/card/index';

const CARD: CitizenInquiryCardQuery['inquiryCard'] = {
  id: 'pf-card',
  title: '我的公积金',
  titleEn: 'My provident fund',
  found: true,
  rows: [
    { label: '账号', labelEn: 'Account', value: '4403********7890', format: 'TEXT' },
    { label: '余额', labelEn: 'Balance', value: '1234567.80', format: 'YUAN_FROM_FEN' },
    { label: '开户日期', labelEn: 'Opened on', value: '2020-03-01', format: 'DATE' },
  ],
};

beforeEach(() => {
  resetStandIns();
  signedIn(2);
  routerParams.id = 'pf-card';
});
afterEach(() => setPreferences({ locale: 'zh', elder: false }));

describe('a published 查 card', () => {
  it('is opened by its tile and shows each field with its label, the amount grouped with 元, and a way back', async () => {
    await openTile({
      id: 't1',
      title: '我的公积金',
      requiredLevel: 2,
      available: true,
      target: { kind: 'PAGE', value: '/inquiry/pages/card/index?id=pf-card' },
    });
    expect(calls.navigateTo).toEqual(['/inquiry/pages/card/index?id=pf-card']);
    const sent = bff({ CitizenInquiryCard: () => ({ data: { inquiryCard: CARD } }) });
    const { container } = render(<InquiryCardPage />);
    expect(container.querySelector('.state--loading')).not.toBeNull();
    await screen.findByText('1,234,567.80 元');
    const rows = Array.from(container.querySelectorAll('.inquiry__row')).map((r) => r.textContent);
    expect(rows).toEqual(['账号4403********7890', '余额1,234,567.80 元', '开户日期2020-03-01']);
    expect(container.querySelector('.inquiry__title')!.textContent).toBe('我的公积金');
    expect(sent).toEqual([
      expect.objectContaining({
        operation: 'CitizenInquiryCard',
        variables: { id: 'pf-card' },
        authorization: 'Bearer access',
      }),
    ]);
    fireEvent.click(screen.getByRole('button', { name: '返回' }));
    expect(calls.navigateBack.length + calls.switchTab.length + calls.reLaunch.length).toBeGreaterThan(0);
  });

  it('reads in English and in elder mode', async () => {
    setPreferences({ locale: 'en', elder: true });
    bff({ CitizenInquiryCard: () => ({ data: { inquiryCard: CARD } }) });
    const { container } = render(<InquiryCardPage />);
    await screen.findByText('CNY 1,234,567.80');
    expect(screen.getByText('Balance')).toBeTruthy();
    expect(container.querySelector('.inquiry__title')!.textContent).toBe('My provident fund');
    expect(container.querySelector('.screen--elder')).not.toBeNull();
    expect(screen.getByRole('button', { name: 'Back' })).toBeTruthy();
  });

  it('says which department is down and retries; the second answer shows the card', async () => {
    let asked = 0;
    bff({
      CitizenInquiryCard: () =>
        ++asked === 1 ? gqlError('AGENCY_UNAVAILABLE', { agency: 'provident-fund' }) : { data: { inquiryCard: CARD } },
    });
    const { container } = render(<InquiryCardPage />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/公积金.*暂时无法访问/);
    expect(container.querySelector('.inquiry__row')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    await screen.findByText('1,234,567.80 元');
    expect(asked).toBe(2);
  });

  it('asks for real name when the card needs it, leading to verification and back here', async () => {
    signedIn(1);
    bff({ CitizenInquiryCard: () => gqlError('ASSURANCE_LEVEL_TOO_LOW', { requiredLevel: 2, currentLevel: 1 }) });
    render(<InquiryCardPage />);
    const verify = await screen.findByRole('button', { name: '去认证' });
    expect(screen.getByRole('alert').textContent).toContain('实名认证');
    fireEvent.click(verify);
    await waitFor(() => expect(calls.navigateTo).toHaveLength(1));
    expect(calls.navigateTo[0]).toContain(encodeURIComponent('/inquiry/pages/card/index?id=pf-card'));
    expect(screen.getByRole('button', { name: '返回' })).toBeTruthy();
  });

  it('says when the department holds no record', async () => {
    bff({ CitizenInquiryCard: () => ({ data: { inquiryCard: { ...CARD, found: false, rows: [] } } }) });
    render(<InquiryCardPage />);
    await screen.findByText('部门暂无您的记录。');
  });
});
