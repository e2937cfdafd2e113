import type { Browser, Page } from 'playwright-core';
import { maskPlate } from '@citizen/shared';
import { startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import { launchBrowser, phonePage, screenshot, seriousViolations } from './browser';
import { withGpsExif } from '../../../test-support/images';
import { VERIFY_REAL_NAME } from '../../../test-support/policies';

jest.setTimeout(300_000);

/** A JPEG the browser itself encoded (so it surely decodes), with a GPS position in its EXIF as a phone's photo has. */
async function jpegFrom(page: Page, colour: string): Promise<Buffer> {
  const base64 = await page.evaluate((fill) => {
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 48;
    const g = canvas.getContext('2d')!;
    g.fillStyle = fill;
    g.fillRect(0, 0, 64, 48);
    return canvas.toDataURL('image/jpeg').split(',')[1];
  }, colour);
  return withGpsExif(Buffer.from(base64, 'base64'));
}

const PREFS = (p: { locale?: 'zh' | 'en'; elder?: boolean }) =>
  JSON.stringify({ data: { locale: p.locale ?? 'zh', elder: p.elder ?? false, textSize: 'large' } });

/**
 * Requester and owner in two browser contexts: the requester types a plate on the
 * plate keyboard, gives the scene evidence (the browser's location, two photos) and
 * sends; the owner opens the link from the SMS and answers; the requester's screen
 * follows each step.
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
    const response = await fetch(`${bff.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: unknown };
  };

  beforeAll(async () => {
    mock = await startMockData();
    bff = await startBffProcess({ AGENCY_BASE_URL: mock.url, OUTBOX_POLL_MS: '200' });
    // The browser's simulated platform user, verified beforehand (the identity tests cover doing it on screen).
    const { code } = await mock.json('/wechat/dev/login-code', { method: 'POST', body: JSON.stringify({ user }) });
    const session = (await gql('mutation($c: String!) { login(platform: H5, code: $c) { accessToken } }', { c: code }))
      .data.login;
    const [person] = (await mock.json('/population/dev/people?count=1&offset=90')).people;
    await gql(VERIFY_REAL_NAME, { n: person.name, i: person.idNumber }, session.accessToken);
    plate = (await mock.json('/vehicle/dev/vehicles?count=1&offset=42')).vehicles[0].plate;

    browser = await launchBrowser();
    ({ page: requester } = await phonePage(browser));
    // The phone's position (WGS-84, as a browser gives it; the adapter converts it to GCJ-02): Tianhe, Guangzhou.
    await requester.context().grantPermissions(['geolocation'], { origin: bff.url });
    await requester.context().setGeolocation({ latitude: 23.1276, longitude: 113.3548 });
    await requester.addInitScript(
      ([url, name]) => {
        localStorage.setItem('citizen.simulatorUrl', url);
        localStorage.setItem('citizen.simulatedUser', name);
      },
      [mock.url, user],
    );
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
    // Eight boxes always: a new-energy plate is typed straight in, no switch first.
    for (const key of plate) await requester.locator(`.plate-keyboard__key[data-key="${key}"]`).click();
    expect((await requester.locator('.plate-boxes__box').allTextContents()).join('')).toBe(plate);
    await requester.locator('.plate-keyboard__action--done').click();
    await requester.getByRole('radio', { name: '占用消防通道' }).click();
    await requester.locator('.place-input input').fill('学府路小区 3 栋消防通道');
    // Without location and photos the form says what is missing and sends nothing.
    await requester.getByRole('button', { name: '通知车主挪车' }).click();
    await requester.getByText('请定位或在地图上选择车辆所在位置').waitFor();
    await requester.getByRole('button', { name: '定位', exact: true }).click();
    await requester.getByText('已定位到您当前的位置').waitFor();
    await requester.getByRole('button', { name: '通知车主挪车' }).click();
    await requester.getByText('请拍摄1至3张现场照片').waitFor();
    // Two photos, each uploaded when chosen (and shown with its remove button once the BFF has it).
    for (const [i, colour] of ['#3a7', '#a73'].entries()) {
      const button =
        i === 0
          ? requester.getByRole('button', { name: '添加照片' })
          : requester.getByRole('button', { name: '再添加一张（1/3）' });
      const [chooser] = await Promise.all([requester.waitForEvent('filechooser'), button.click()]);
      await chooser.setFiles({
        name: `scene-${i}.jpg`,
        mimeType: 'image/jpeg',
        buffer: await jpegFrom(requester, colour),
      });
      await requester.getByRole('button', { name: `删除照片${i + 1}` }).waitFor();
    }
    await requester.getByRole('button', { name: '再添加一张（2/3）' }).waitFor();
    expect(await seriousViolations(requester)).toEqual([]);
    await screenshot(requester, 'h5-car-move-form');
    await requester.getByRole('button', { name: '通知车主挪车' }).click();
    await requester.getByText('发送', { exact: true }).click();
    await requester.locator('.status-card__status', { hasText: '已短信通知车主' }).waitFor({ timeout: 15_000 });
    expect(await requester.locator('.status-card').textContent()).toContain(maskPlate(plate));
    await screenshot(requester, 'h5-car-move-notified');
  });

  it('lets the owner answer from the SMS link, and the requester sees each answer', async () => {
    const { messages } = await mock.json('/sms/dev/outbox');
    const sms = messages.find(
      (m: { templateId: string; params: Record<string, string> }) =>
        m.templateId === 'CAR_MOVE' && m.params.plate === maskPlate(plate),
    );
    expect(sms.params.place).toBe('学府路小区 3 栋消防通道');
    // A fire lane is not urgent, the owner set no quiet hours: texted at once, and both photos came along.
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

  it('shows the form with its location and photos in elder mode and in English, with no serious axe finding', async () => {
    for (const [tag, prefs, words] of [
      [
        'elder',
        { elder: true },
        { locate: '定位', located: '已定位到您当前的位置', add: '添加照片', remove: '删除照片1' },
      ],
      [
        'en',
        { locale: 'en' as const },
        { locate: 'Locate me', located: 'Your current location is set', add: 'Add a photo', remove: 'Remove photo 1' },
      ],
    ] as const) {
      await requester.goto(`${bff.url}/#/pages/car-move/index`);
      await requester.evaluate((p) => localStorage.setItem('citizen.preferences', p), PREFS(prefs));
      await requester.reload();
      await requester.locator('.plate-keyboard__action--done').click();
      await requester.getByRole('button', { name: words.locate, exact: true }).click();
      await requester.getByText(words.located).waitFor();
      const [chooser] = await Promise.all([
        requester.waitForEvent('filechooser'),
        requester.getByRole('button', { name: words.add }).click(),
      ]);
      await chooser.setFiles({ name: 'scene.jpg', mimeType: 'image/jpeg', buffer: await jpegFrom(requester, '#37a') });
      await requester.getByRole('button', { name: words.remove }).waitFor();
      await requester.locator('.scene-photos').scrollIntoViewIfNeeded();
      await screenshot(requester, `h5-car-move-form-${tag}`);
      expect(await seriousViolations(requester)).toEqual([]);
    }
    await requester.evaluate((p) => localStorage.setItem('citizen.preferences', p), PREFS({}));
  });
});
