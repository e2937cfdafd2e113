import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { calls, modalAnswers, routerParams } from '../../../../test/stand-ins/taro';
import { bff, gqlError, resetStandIns, service, signedIn } from '../../applications/__tests__/harness';
import { setPreferences } from '../../../preferences';
import ServicePage from '../../../pages/service/index';
import RecordsPage from '../../../pages/records/index';
import { openTile, type OpenableTile } from '../openTile';

/**
 * "Level prompts come after the citizen sees what the service is": a tile whose
 * service needs real name or face opens the service page, which says the level and
 * why, and asks to verify only when the citizen starts.
 */
const tile = (extra: Partial<OpenableTile>): OpenableTile => ({
  id: 'svc-1',
  title: '测试服务',
  requiredLevel: 2,
  available: true,
  target: { kind: 'SERVICE', value: 'svc-1' },
  ...extra,
});
const SERVICE_URL = `/pages/service/index?id=svc-1&title=${encodeURIComponent('测试服务')}`;

beforeEach(() => resetStandIns());
afterEach(() => setPreferences({ locale: 'zh', elder: false }));

describe('opening a tile that needs a level the citizen lacks', () => {
  it('opens the service page without asking to verify first; the page says the level and why, and asks on 开始办理', async () => {
    signedIn(1);
    await openTile(tile({ requiredLevel: 3 }));
    expect(calls.modals).toEqual([]);
    expect(calls.navigateTo).toEqual([SERVICE_URL]);

    routerParams.id = 'svc-1';
    routerParams.title = encodeURIComponent('测试服务');
    bff({ Service: () => ({ data: { service: service({ fields: [] }, { requiredLevel: 3 }) } }) });
    render(<ServicePage />);
    expect(await screen.findByText('用于测试的服务。')).toBeTruthy();
    expect(screen.getByText('已实名 + 人脸认证（开始办理时引导您完成）')).toBeTruthy();
    expect(screen.getByText('涉及您的证照、资金等重要事项，需人脸识别确认是您本人操作。')).toBeTruthy();

    modalAnswers.push(true);
    fireEvent.click(screen.getByRole('button', { name: '开始办理' }));
    await waitFor(() => expect(calls.navigateTo).toHaveLength(2));
    expect(calls.modals).toEqual(['需要身份认证']);
    expect(calls.navigateTo[1]).toBe(`/pages/realname/index?required=3&returnTo=${encodeURIComponent(SERVICE_URL)}`);
  });

  it('says why in English too, and that a verified citizen already has the level', async () => {
    setPreferences({ locale: 'en' });
    signedIn(2);
    routerParams.id = 'svc-1';
    bff({ Service: () => ({ data: { service: service({ fields: [] }, { requiredLevel: 2 }) } }) });
    render(<ServicePage />);
    expect(await screen.findByText('Real-name verified (you have it)')).toBeTruthy();
    expect(
      screen.getByText(
        'The result is about you, so your real identity is checked to stop anyone applying in your name.',
      ),
    ).toBeTruthy();
  });

  it('opens a 查 tile’s records page, which explains and offers verification in place', async () => {
    signedIn(1);
    const pf = tile({
      id: 'pf-balance',
      title: '公积金余额查询',
      target: { kind: 'PAGE', value: '/pages/records/index?type=providentFund' },
    });
    await openTile(pf);
    expect(calls.modals).toEqual([]);
    expect(calls.navigateTo).toEqual(['/pages/records/index?type=providentFund']);

    routerParams.type = 'providentFund';
    bff({ ProvidentFundRecord: () => gqlError('ASSURANCE_LEVEL_TOO_LOW', { requiredLevel: 2, currentLevel: 1 }) });
    render(<RecordsPage />);
    expect(await screen.findByText('查看您的记录需要先完成实名认证，以确认是您本人。')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '去认证' }));
    expect(calls.navigateTo[1]).toBe(
      `/pages/realname/index?required=2&returnTo=${encodeURIComponent('/pages/records/index?type=providentFund')}`,
    );
  });

  it('still asks a visitor who is not signed in to sign in (an account is needed to know any level)', async () => {
    modalAnswers.push(false);
    await openTile(tile({ requiredLevel: 2 }));
    expect(calls.modals).toEqual(['需要登录']);
    expect(calls.navigateTo).toEqual([]);
  });
});
