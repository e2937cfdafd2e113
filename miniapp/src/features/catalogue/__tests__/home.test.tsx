import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { accessibleNames } from '../../../../test/accessibleNames';
import Taro from '@tarojs/taro';
import type { HomeScreenQuery } from '@citizen/shared';
import { calls, setRequestHandler } from '../../../../test/stand-ins/taro';
import HomePage from '../../../pages/home/index';
import { selectTiles } from '../selectTiles';

const DATA: HomeScreenQuery = {
  homeNotices: [],
  serviceCategories: [
    { id: 'provident-fund', name: '住房公积金', nameEn: 'Housing provident fund', icon: 'fund', order: 10 },
    { id: 'transport', name: '交通出行', nameEn: 'Transport', icon: 'car', order: 20 },
    { id: 'legal', name: '法律服务', nameEn: 'Legal', icon: 'scale', order: 30 },
  ],
  serviceTiles: [
    {
      id: 'pf-balance',
      title: '公积金余额查询',
      titleEn: 'Provident fund balance',
      icon: 'fund',
      line: 'INQUIRE',
      badge: 'HOT',
      requiredLevel: 2,
      available: true,
      category: { id: 'provident-fund' },
      target: { kind: 'SERVICE', value: 'pf-balance' },
    },
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
      id: 'car-move',
      title: '一键挪车',
      titleEn: 'Move my blocked car',
      icon: 'car',
      line: 'DO',
      badge: 'HOT',
      requiredLevel: 2,
      available: false,
      category: { id: 'transport' },
      target: { kind: 'PAGE', value: '/pages/car-move/index' },
    },
    {
      id: 'hotline-12345',
      title: '12345热线',
      titleEn: '12345 hotline',
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

/** Each tile's accessible name: its visible words (title, then badge or note). */
const tileTitles = () => accessibleNames(screen, 'button').filter((l) => l !== '重试');

describe('selectTiles', () => {
  it('groups by category in order, narrows by line and keyword, and drops empty categories', () => {
    expect(selectTiles(DATA, {}).map((s) => [s.category.id, s.tiles.length])).toEqual([
      ['provident-fund', 2],
      ['transport', 1],
      ['legal', 1],
    ]);
    expect(selectTiles(DATA, { line: 'DO' }).map((s) => s.tiles.map((t) => t.id))).toEqual([
      ['pf-withdraw-rent'],
      ['car-move'],
    ]);
    expect(selectTiles(DATA, { keyword: '公积金' }).flatMap((s) => s.tiles.map((t) => t.id))).toEqual([
      'pf-balance',
      'pf-withdraw-rent',
    ]);
    expect(selectTiles(DATA, { keyword: 'HOTLINE' }).flatMap((s) => s.tiles.map((t) => t.id))).toEqual([
      'hotline-12345',
    ]);
    expect(selectTiles(DATA, { keyword: '不存在' })).toEqual([]);
  });
});

describe('home page', () => {
  beforeEach(() => {
    // 最近使用 is kept on the device: each test starts with none.
    Taro.removeStorageSync('citizen.recentTiles');
    calls.navigateTo.length = 0;
    calls.toasts.length = 0;
    calls.modals.length = 0;
  });

  it('shows a loading state, then the tiles the BFF sent for this platform', async () => {
    let answer!: (value: { statusCode: number; data: unknown }) => void;
    const sent: Array<{ url: string; data: any }> = [];
    setRequestHandler((options) => {
      sent.push(options as { url: string; data: any });
      return new Promise((resolve) => (answer = resolve));
    });
    render(<HomePage />);
    expect(screen.getByLabelText('正在加载…')).toBeTruthy();
    expect(sent[0].url).toBe('/graphql');
    expect(sent[0].data.variables).toEqual({ platform: 'H5', region: null });
    expect(sent[0].data.query).toContain('query HomeScreen');
    await act(async () => answer({ statusCode: 200, data: { data: DATA } }));
    expect(tileTitles()).toEqual(['公积金余额查询 热', '租房提取公积金', '一键挪车 维护中', '12345热线']);
    expect(screen.getByText('住房公积金')).toBeTruthy();
  });

  it('narrows tiles by one of the four lines and by search, with an empty state', async () => {
    setRequestHandler(async () => ({ statusCode: 200, data: { data: DATA } }));
    render(<HomePage />);
    await screen.findByRole('button', { name: /^公积金余额查询/ });
    fireEvent.click(screen.getByRole('tab', { name: '我要问' }));
    expect(tileTitles()).toEqual(['12345热线']);
    fireEvent.click(screen.getByRole('tab', { name: '我要问' }));
    expect(tileTitles()).toHaveLength(4);
    fireEvent.change(screen.getByLabelText('搜索服务'), { target: { value: '提取' } });
    expect(tileTitles()).toEqual(['租房提取公积金']);
    fireEvent.change(screen.getByLabelText('搜索服务'), { target: { value: '火星' } });
    expect(screen.getByText('没有找到“火星”相关的服务')).toBeTruthy();
  });

  it('opens a tile, and explains instead when its department is down', async () => {
    setRequestHandler(async () => ({ statusCode: 200, data: { data: DATA } }));
    render(<HomePage />);
    fireEvent.click(await screen.findByRole('button', { name: '12345热线' }));
    await waitFor(() =>
      expect(calls.navigateTo).toEqual([
        `/pages/service/index?id=hotline-12345&title=${encodeURIComponent('12345热线')}`,
      ]),
    );
    fireEvent.click(screen.getByRole('button', { name: '一键挪车 维护中' }));
    expect(calls.toasts).toEqual(['该部门系统维护中，请稍后再试']);
    expect(calls.navigateTo).toHaveLength(1);
  });

  it('asks a signed-out citizen to sign in before a tile that needs it, and goes nowhere when they decline', async () => {
    setRequestHandler(async () => ({ statusCode: 200, data: { data: DATA } }));
    render(<HomePage />);
    fireEvent.click(await screen.findByRole('button', { name: /^公积金余额查询/ }));
    await waitFor(() => expect(calls.modals).toEqual(['需要登录']));
    expect(calls.navigateTo).toEqual([]);
  });

  it('shows the coded message and a retry when the BFF cannot be reached, and recovers on retry', async () => {
    let up = false;
    setRequestHandler(async () => {
      if (!up) throw new Error('request:fail');
      return { statusCode: 200, data: { data: DATA } };
    });
    render(<HomePage />);
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.getByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    up = true;
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    await waitFor(() => expect(tileTitles()).toHaveLength(4));
  });

  it('turns a coded GraphQL error into its message', async () => {
    setRequestHandler(async () => ({
      statusCode: 200,
      data: { data: null, errors: [{ message: 'x', extensions: { code: 'UNKNOWN_REGION', field: 'region' } }] },
    }));
    render(<HomePage />);
    expect(await screen.findByText('地区代码无效，请输入6位行政区划代码')).toBeTruthy();
  });

  it('keeps what loaded when part of the answer failed', async () => {
    setRequestHandler(async () => ({
      statusCode: 200,
      data: {
        data: DATA,
        errors: [{ message: 'x', path: ['serviceTiles', 0, 'available'], extensions: { code: 'AGENCY_TIMEOUT' } }],
      },
    }));
    render(<HomePage />);
    expect(await screen.findByText('部分内容暂时无法显示：相关部门系统响应超时，请稍后再试')).toBeTruthy();
    expect(tileTitles()).toHaveLength(4);
  });
});
