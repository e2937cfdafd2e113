import type { Browser, Page } from 'playwright-core';
import { maskPlate } from '@citizen/shared';
import { startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import { launchBrowser, phonePage, screenshot } from './browser';
import { withGpsExif } from '../../../test-support/images';

jest.setTimeout(120_000);

/**
 * Requester and owner in two browser contexts: the requester types a plate on the
 * plate keyboard and sends; the owner opens the link from the SMS and answers; the
 * requester's screen follows each step.
 */
describe('one-click car moving in the H5 build', () => {
  let mock: MockData;
  let bff: BffProcess;
  let browser: Browser;
  let requester: Page;
  let owner: Page;
  let plate: string;
  const user = `car-move-${Date.now()}`;

  const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await fetch(`${bff.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as { data?: any; errors?: unknown };
  };

  beforeAll(async () => {
    mock = await startMockData();
    bff = await startBffProcess({ AGENCY_BASE_URL: mock.url, OUTBOX_POLL_MS: '200' });
    // The browser's simulated platform user, verified beforehand (the identity tests cover doing it on screen).
    const { code } = await mock.json('/wechat/dev/login-code', { method: 'POST', body: JSON.stringify({ user }) });
    const session = (await gql('mutation($c: String!) { login(platform: H5, code: $c) { accessToken } }', { c: code })).data.login;
    const [person] = (await mock.json('/population/dev/people?count=1&offset=90')).people;
    await gql('mutation($n: String!, $i: String!) { verifyRealName(name: $n, idNumber: $i) { level } }', { n: person.name, i: person.idNumber }, session.accessToken);
    plate = (await mock.json('/vehicle/dev/vehicles?count=1&offset=42')).vehicles[0].plate;

    browser = await launchBrowser();
    ({ page: requester } = await phonePage(browser));
    await requester.addInitScript(([url, name]) => {
      localStorage.setItem('citizen.simulatorUrl', url);
      localStorage.setItem('citizen.simulatedUser', name);
    }, [mock.url, user]);
    ({ page: owner } = await phonePage(browser));
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
    await mock?.stop();
  });

  it('sends a request typed on the plate keyboard and shows it notified', async () => {
    await requester.goto(`${bff.url}/#/pages/car-move/index`);
    await requester.locator('.plate-keyboard').waitFor();
    if (plate.length === 8) await requester.getByRole('switch', { name: '新能源车牌' }).click();
    for (const key of plate) await requester.locator(`.plate-keyboard__key[data-key="${key}"]`).click();
    expect((await requester.locator('.plate-boxes__box').allTextContents()).join('')).toBe(plate);
    await requester.getByRole('button', { name: '完成车牌输入' }).click();
    await requester.getByRole('radio', { name: '占用消防通道' }).click();
    await requester.locator('.place-input input').fill('学府路小区 3 栋消防通道');
    // A real photo as a phone would send it: a JPEG the browser can decode, with a GPS position in its EXIF.
    const canvasJpeg = await requester.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 48;
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#3a7';
      g.fillRect(0, 0, 64, 48);
      return canvas.toDataURL('image/jpeg').split(',')[1];
    });
    const [chooser] = await Promise.all([requester.waitForEvent('filechooser'), requester.getByRole('button', { name: '添加照片' }).click()]);
    await chooser.setFiles({ name: 'scene.jpg', mimeType: 'image/jpeg', buffer: withGpsExif(Buffer.from(canvasJpeg, 'base64')) });
    await requester.getByRole('button', { name: '重新选择照片' }).waitFor();
    await screenshot(requester, 'h5-car-move-form');
    await requester.getByRole('button', { name: '通知车主挪车' }).click();
    await requester.getByText('发送', { exact: true }).click();
    await requester.locator('.status-card__status', { hasText: '已短信通知车主' }).waitFor({ timeout: 15_000 });
    expect(await requester.locator('.status-card').textContent()).toContain(maskPlate(plate));
    await screenshot(requester, 'h5-car-move-notified');
  });

  it('lets the owner answer from the SMS link, and the requester sees each answer', async () => {
    const { messages } = await mock.json('/sms/dev/outbox');
    const sms = messages.find((m: { templateId: string; params: Record<string, string> }) => m.templateId === 'CAR_MOVE' && m.params.plate === maskPlate(plate));
    expect(sms.params.place).toBe('学府路小区 3 栋消防通道');
    const link = new URL(sms.params.link);
    await owner.goto(`${bff.url}/${link.hash}`);
    await owner.getByText(`您的车辆 ${maskPlate(plate)} 需要挪车`).waitFor();
    expect(await owner.locator('.form').textContent()).toContain('占用消防通道');
    // The photo came along, without its GPS metadata.
    const src = await owner.getByLabel('现场照片').locator('img').getAttribute('src');
    const photo = await fetch(new URL(src!, bff.url));
    expect([photo.status, photo.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    expect(Buffer.from(await photo.arrayBuffer()).includes(Buffer.from('Exif'))).toBe(false);
    await owner.getByRole('button', { name: '马上来' }).click();
    await owner.getByText('已告知对方您马上过来').waitFor();
    await screenshot(owner, 'h5-car-move-owner');
    await requester.locator('.status-card__status', { hasText: '车主已回复：马上来' }).waitFor({ timeout: 15_000 });
    await owner.getByRole('button', { name: '已挪走' }).click();
    await owner.getByText('已告知对方车辆已挪走，谢谢').waitFor();
    await requester.locator('.status-card__status', { hasText: '车主已挪车' }).waitFor({ timeout: 15_000 });
    expect(await requester.locator('.timeline__item').count()).toBe(4);
    await screenshot(requester, 'h5-car-move-moved');
    // The link has done its work.
    await owner.reload();
    await owner.locator('.owner-status', { hasText: '车主已挪车' }).waitFor();
    expect(await owner.getByRole('button', { name: '已挪走' }).count()).toBe(0);
  });
});
