import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { accessibleNames } from '../../../test/accessibleNames';
import Taro from '@tarojs/taro';
import { calls, routerParams, setRequestHandler } from '../../../test/stand-ins/taro';
import HomePage from '../../pages/home/index';
import MePage from '../../pages/me/index';
import ServicePage from '../../pages/service/index';
import CarMovePage from '../../pages/car-move/index';
import { giveSceneEvidence } from '../../features/car-move/__tests__/scene';
import { ME, bff, resetStandIns, service, signedIn } from '../../features/applications/__tests__/harness';
import { preferences, setPreferences } from '..';
import { DEFAULT_PREFERENCES, HOME, choose } from './fixtures';

beforeEach(() => {
  resetStandIns();
  setPreferences(DEFAULT_PREFERENCES);
});
afterEach(() => setPreferences(DEFAULT_PREFERENCES));

const root = (container: HTMLElement) => container.querySelector('.screen') as HTMLElement;
const noPopUps = () => expect([calls.modals, calls.toasts]).toEqual([[], []]);

describe('elder mode', () => {
  it('is switched on from the top of the home screen, kept on the device, and read back at the next start', async () => {
    setRequestHandler(async () => ({ statusCode: 200, data: { data: HOME } }));
    const { container } = render(<HomePage />);
    await screen.findByRole('button', { name: /^公积金余额查询/ });
    const toggle = screen.getByRole('switch', { name: '长辈模式' });
    // A small entry at the end of the header's first row (issue 13: it was the largest thing on screen), its state in words.
    expect(container.querySelector('.home__top')?.lastElementChild).toBe(toggle);
    expect([toggle.getAttribute('aria-checked'), toggle.textContent]).toEqual(['false', '长辈模式未开启']);
    expect(root(container).className).not.toContain('screen--elder');

    fireEvent.click(toggle);
    expect(Taro.getStorageSync('citizen.preferences')).toEqual({ locale: 'zh', elder: true, textSize: 'large' });
    expect(root(container).className).toContain('screen--elder');
    expect(root(container).getAttribute('data-elder')).toBe('on');
    expect(screen.getByRole('switch', { name: '长辈模式' }).textContent).toContain('已开启');

    // The next start reads what was kept: a fresh module registry, the same storage.
    const kept = Taro.getStorageSync('citizen.preferences');
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the fresh registry's copy, which import cannot give
      require('@tarojs/taro').default.setStorageSync('citizen.preferences', kept);
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- likewise
      expect(require('..').preferences()).toEqual({ locale: 'zh', elder: true, textSize: 'large' });
    });
  });

  it('shows a short list of the most used services instead of the grid, with a way to all of them', async () => {
    setPreferences({ elder: true });
    setRequestHandler(async () => ({ statusCode: 200, data: { data: HOME } }));
    const { container } = render(<HomePage />);
    await screen.findByRole('button', { name: /^公积金余额查询/ });
    const list = screen.getByRole('group', { name: '常用服务' });
    expect(accessibleNames(within(list), 'button')).toEqual([
      '社保缴费记录',
      '公积金余额查询',
      '一键挪车 维护中',
      '我的办件',
      '消息',
    ]);
    expect(container.querySelector('.tile-grid')).toBeNull();
    expect(container.querySelector('.four-lines')).toBeNull();
    expect(screen.getAllByText(/常用服务已放大显示|需要其他服务/)).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: '全部服务' }));
    expect(calls.switchTab).toEqual(['/pages/services/index']);
    fireEvent.click(within(list).getByRole('button', { name: '我的办件' }));
    expect(calls.navigateTo).toEqual(['/pages/applications/index']);

    choose({ elder: false });
    expect(container.querySelector('.tile-grid')).toBeTruthy();
    expect(container.querySelector('.elder-home')).toBeNull();
  });

  it('offers the larger text size on Me only in elder mode, and applies it', async () => {
    signedIn(3);
    bff({ Me: () => ({ data: { me: ME } }) });
    const { container } = render(<MePage />);
    await screen.findByText('张*');
    expect(screen.queryByRole('radiogroup', { name: '文字大小' })).toBeNull();
    fireEvent.click(screen.getByRole('switch', { name: '长辈模式' }));
    expect(root(container).className).toBe('screen screen--elder me');
    fireEvent.click(within(screen.getByRole('radiogroup', { name: '文字大小' })).getByRole('radio', { name: '特大' }));
    expect(root(container).className).toBe('screen screen--elder screen--larger me');
    expect(preferences()).toEqual({ locale: 'zh', elder: true, textSize: 'larger' });
  });

  it('asks inline instead of a modal when a tile needs sign-in, and tells inline when a department is down', async () => {
    setPreferences({ elder: true });
    setRequestHandler(async () => ({ statusCode: 200, data: { data: HOME } }));
    render(<HomePage />);
    fireEvent.click(await screen.findByRole('button', { name: /^公积金余额查询/ }));
    const question = await screen.findByRole('alertdialog', { name: '需要登录' });
    expect(within(question).getByText('“公积金余额查询”需要登录后使用。')).toBeTruthy();
    fireEvent.click(within(question).getByRole('button', { name: '取消' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(calls.navigateTo).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: '一键挪车 维护中' }));
    expect(await screen.findByText('该部门系统维护中，请稍后再试')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '知道了' }));
    expect(screen.queryByText('该部门系统维护中，请稍后再试')).toBeNull();
    noPopUps();
  });

  it('confirms account deletion inline, and says it is done on the page', async () => {
    setPreferences({ elder: true });
    signedIn(3);
    const sent = bff({
      Me: () => ({ data: { me: ME } }),
      Dashboard: () => ({ data: { dashboard: { todos: [], summaries: [] } } }),
      DeleteMyAccount: () => ({ data: { deleteMyAccount: true } }),
    });
    render(<MePage />);
    fireEvent.click(await screen.findByRole('button', { name: '注销账号' }));
    const question = await screen.findByRole('alertdialog', { name: '注销账号' });
    expect(question.className).toContain('inline-confirm--danger');
    fireEvent.click(within(question).getByRole('button', { name: '注销' }));
    expect(await screen.findByText('已注销')).toBeTruthy();
    // The Me page also reads the dashboard for a verified citizen; deleting sends one request.
    expect(sent.map((s) => s.operation).filter((o) => o !== 'Dashboard')).toEqual(['Me', 'DeleteMyAccount']);
    expect(screen.getByText('未登录')).toBeTruthy();
    noPopUps();
  });

  it('asks inline before sending a citizen below the level to verify', async () => {
    setPreferences({ elder: true });
    signedIn(2);
    routerParams.id = 'svc-1';
    bff({ Service: () => ({ data: { service: service({ fields: [] }, { requiredLevel: 3 }) } }) });
    render(<ServicePage />);
    fireEvent.click(await screen.findByRole('button', { name: '开始办理' }));
    const question = await screen.findByRole('alertdialog', { name: '需要身份认证' });
    fireEvent.click(within(question).getByRole('button', { name: '去认证' }));
    await waitFor(() => expect(calls.navigateTo).toHaveLength(1));
    expect(calls.navigateTo[0]).toMatch(/^\/pages\/face\/index\?returnTo=/);
    noPopUps();
  });

  it('asks inline before telling a car owner, then sends once', async () => {
    setPreferences({ elder: true });
    signedIn(2);
    const sent = bff({
      MyCarMoveRequests: () => ({ data: { myCarMoveRequests: [] } }),
      RequestCarMove: () => ({ data: { requestCarMove: { id: 'cm-1' } } }),
    });
    render(<CarMovePage />);
    for (const key of '粤B12345') fireEvent.click(screen.getByRole('button', { name: key }));
    await giveSceneEvidence();
    fireEvent.click(screen.getByRole('button', { name: '通知车主挪车' }));
    const question = await screen.findByRole('alertdialog', { name: '确认通知车主' });
    expect(within(question).getByText(/将以短信通知 粤B12345 的车主挪车/)).toBeTruthy();
    expect(sent.filter((s) => s.operation === 'RequestCarMove')).toEqual([]);
    fireEvent.click(within(question).getByRole('button', { name: '发送' }));
    await waitFor(() => expect(calls.navigateTo).toEqual(['/pages/car-move-status/index?id=cm-1']));
    expect(sent.filter((s) => s.operation === 'RequestCarMove').map((s) => s.variables.input)).toEqual([
      expect.objectContaining({
        plate: '粤B12345',
        latitude: 23.1291,
        longitude: 113.2644,
        photoIds: ['upload-scene-1'],
      }),
    ]);
    noPopUps();
  });

  it('keeps the platform modal outside elder mode', async () => {
    signedIn(3);
    bff({ Me: () => ({ data: { me: ME } }) });
    render(<MePage />);
    fireEvent.click(await screen.findByRole('button', { name: '注销账号' }));
    await waitFor(() => expect(calls.modals).toEqual(['注销账号']));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});
