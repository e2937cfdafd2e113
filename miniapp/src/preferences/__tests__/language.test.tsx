import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { accessibleNames } from '../../../test/accessibleNames';
import Taro from '@tarojs/taro';
import type { FormField, FormSchema } from '@citizen/shared';
import { calls, routerParams, setRequestHandler } from '../../../test/stand-ins/taro';
import HomePage from '../../pages/home/index';
import MePage from '../../pages/me/index';
import ApplyPage from '../../pages/apply/index';
import { ME, bff, formAnswer, resetStandIns, signedIn } from '../../features/applications/__tests__/harness';
import { setPreferences } from '..';
import { formatDate, formatDateTime } from '../format';
import { DEFAULT_PREFERENCES, HOME, choose } from './fixtures';

beforeEach(() => {
  resetStandIns();
  setPreferences(DEFAULT_PREFERENCES);
});
afterEach(() => setPreferences(DEFAULT_PREFERENCES));

/** Each tile's accessible name: its visible words. */
const tileLabels = () => accessibleNames(screen, 'button').filter((l) => l !== '重试' && l !== 'Try again');

describe('switching the language', () => {
  it('puts the home screen, its tiles (titleEn), the tab bar and the title in English and back, Chinese first', async () => {
    setRequestHandler(async () => ({ statusCode: 200, data: { data: HOME } }));
    const { container } = render(<HomePage />);
    await screen.findByRole('button', { name: /^公积金余额查询/ });
    // zh-CN is the default.
    expect(screen.getByText('您好，欢迎使用城市通')).toBeTruthy();
    expect(container.querySelector('.screen')?.getAttribute('lang')).toBe('zh-CN');
    expect(calls.titles.at(-1)).toBe('城市通');
    expect(calls.tabBarItems.slice(-4)).toEqual(['0:首页', '1:办事', '2:消息', '3:我的']);

    choose({ locale: 'en' });
    expect(screen.getByText('Welcome to City Services')).toBeTruthy();
    expect(tileLabels()).toEqual([
      'Social insurance payments Hot',
      'Provident fund balance',
      'Move my blocked car Maintenance',
      '12345 hotline',
    ]);
    expect(screen.getByText('Housing provident fund')).toBeTruthy();
    expect(accessibleNames(screen, 'tab')).toEqual(['Apply', 'Inquire', 'Book', 'Ask']);
    expect(screen.getByLabelText('Search services')).toBeTruthy();
    expect(screen.getByRole('switch', { name: 'Elder mode' }).textContent).toContain('Off');
    expect(container.querySelector('.screen')?.getAttribute('lang')).toBe('en');
    expect(calls.titles.at(-1)).toBe('City Services');
    expect(calls.tabBarItems.slice(-4)).toEqual(['0:Home', '1:Services', '2:Messages', '3:Me']);
    // No Chinese left anywhere (the icons are SVG images, not characters).
    const words = Array.from(container.querySelectorAll('span')).map((e) => e.textContent ?? '');
    expect(words.filter((w) => /[\u4e00-\u9fff]/.test(w))).toEqual([]);

    choose({ locale: 'zh' });
    expect(tileLabels()).toEqual(['社保缴费记录 热', '公积金余额查询', '一键挪车 维护中', '12345热线']);
    expect(calls.tabBarItems.slice(-4)).toEqual(['0:首页', '1:办事', '2:消息', '3:我的']);
  });

  it('is chosen on Me, kept on the device, and changes Me at once', async () => {
    signedIn(1);
    bff({
      Me: () => ({
        data: {
          me: {
            ...ME,
            level: 1,
            realName: null,
            maskedPhone: null,
            linkedPlatforms: [{ platform: 'WECHAT', linkedAt: '2026-11-01T00:00:00Z', current: false }],
          },
        },
      }),
    });
    render(<MePage />);
    expect(await screen.findByText('L1 已登录，未实名')).toBeTruthy();
    expect(screen.getByRole('button', { name: '去实名认证' })).toBeTruthy();
    const languages = screen.getByRole('radiogroup', { name: '语言 Language' });
    expect(within(languages).getByRole('radio', { name: '中文' }).getAttribute('aria-checked')).toBe('true');

    fireEvent.click(within(languages).getByRole('radio', { name: 'English' }));
    expect(Taro.getStorageSync('citizen.preferences')).toMatchObject({ locale: 'en' });
    expect(screen.getByText('Not yet verified')).toBeTruthy();
    expect(screen.getByText('L1 Signed in, not verified')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Verify my real name' })).toBeTruthy();
    expect(screen.getByText('Linked platforms')).toBeTruthy();
    expect(screen.getByText('WeChat')).toBeTruthy();
    expect(screen.getByText('Linked 1 Nov 2026')).toBeTruthy();
    expect(screen.getByRole('switch', { name: 'Elder mode' })).toBeTruthy();
    expect(calls.titles.at(-1)).toBe('Me');
    // The language row keeps both names, so it can be found in either language.
    expect(screen.getByRole('radiogroup', { name: '语言 Language' })).toBeTruthy();

    fireEvent.click(screen.getByRole('radio', { name: '中文' }));
    expect(Taro.getStorageSync('citizen.preferences')).toMatchObject({ locale: 'zh' });
    expect(screen.getByText('未实名用户')).toBeTruthy();
  });

  it('shows the application form in English: labelEn, hintEn, options, and the validator’s messages by code', async () => {
    const f = (id: string, type: FormField['type'], extra: Partial<FormField>): FormField => ({
      id,
      type,
      label: `${id}标签`,
      labelEn: `${id} label`,
      ...extra,
    });
    const schema: FormSchema = {
      fields: [
        f('postcode', 'text', {
          required: true,
          hint: '6位数字',
          hintEn: '6 digits',
          pattern: '\\d{6}',
          patternMessage: '请输入6位邮政编码',
          patternMessageEn: 'Enter a 6-digit postcode.',
        }),
        f('hasCar', 'select', {
          required: true,
          options: [
            { value: 'yes', label: '有', labelEn: 'Yes' },
            { value: 'no', label: '没有', labelEn: 'No' },
          ],
        }),
        f('mobile', 'phone', {}),
      ],
    };
    signedIn();
    routerParams.serviceId = 'svc-1';
    bff({ ApplicationForm: () => formAnswer(schema) });
    const { container } = render(<ApplyPage />);
    await screen.findByRole('button', { name: '下一步：核对信息' });
    fireEvent.change(screen.getByLabelText('postcode标签'), { target: { value: '12' } });
    fireEvent.blur(screen.getByLabelText('postcode标签'));
    expect(screen.getByText('请输入6位邮政编码')).toBeTruthy();
    expect(screen.getByText('测试服务')).toBeTruthy();

    choose({ locale: 'en' });
    expect(screen.getByText('Test service')).toBeTruthy();
    expect(screen.getByLabelText('postcode label')).toBeTruthy();
    expect(screen.getByText('6 digits')).toBeTruthy();
    expect(screen.getByText('Enter a 6-digit postcode.')).toBeTruthy();
    expect(screen.getAllByRole('radio').map((r) => r.getAttribute('aria-label'))).toEqual(['Yes', 'No']);
    expect(
      within(container.querySelector('.field--hasCar') as HTMLElement).getByText('(required)', { exact: false }),
    ).toBeTruthy();
    expect(screen.getByPlaceholderText('11-digit mobile number')).toBeTruthy();
    expect(calls.titles.at(-1)).toBe('Apply online');

    // On to review: the problems are counted in English, and the required choice says so in English too.
    fireEvent.click(screen.getByRole('button', { name: 'Next: check your answers' }));
    expect(screen.getByText('2 answers need changing: see the marked items.')).toBeTruthy();
    expect(
      within(container.querySelector('.field--hasCar') as HTMLElement).getByText('This is required.'),
    ).toBeTruthy();

    choose({ locale: 'zh' });
    expect(screen.getByText('请输入6位邮政编码')).toBeTruthy();
    expect(within(container.querySelector('.field--hasCar') as HTMLElement).getByText('此项为必填项')).toBeTruthy();
  });

  it('formats dates for the language, in China time', () => {
    expect([formatDate('2026-11-20T18:30:00Z'), formatDateTime('2026-11-20T18:30:00Z')]).toEqual([
      '2026-11-21',
      '2026-11-21 02:30',
    ]);
    setPreferences({ locale: 'en' });
    expect([formatDate('2026-11-20T18:30:00Z'), formatDateTime('2026-11-20T18:30:00Z')]).toEqual([
      '21 Nov 2026',
      '21 Nov 2026, 02:30',
    ]);
  });

  it('says errors from the BFF in the language chosen', async () => {
    setPreferences({ locale: 'en' });
    setRequestHandler(async () => {
      throw new Error('request:fail');
    });
    render(<HomePage />);
    expect(await screen.findByText('Could not connect. Please check your network and try again.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    await waitFor(() => expect(screen.getByText('Could not load this')).toBeTruthy());
  });
});
