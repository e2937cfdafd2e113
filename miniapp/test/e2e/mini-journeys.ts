import path from 'node:path';
import { maskName } from '@citizen/shared';
import { startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import { answer, loadMiniPage, type MiniPage, type MiniPlatform, type Overrides } from './miniprogram';
import { getJson, postJson } from './weapp';
import { VERIFY_REAL_NAME } from '../../../test-support/policies';
import { jpegWithGps } from '../../../test-support/images';

/**
 * The citizen's journeys on the real Alipay or Baidu build, run by the mini-program
 * harness against a real BFF and the simulated agencies: real name typed on the ID
 * keyboard, car moving with the plate keyboard, a prefilled form checked and sent, the
 * licence wallet's code, Messages. Each platform's test file calls this with its own
 * login API answering as the platform documents it.
 */
export function describeJourneys(platform: MiniPlatform): void {
  // ALIPAY_DIST / SWAN_DIST: a build elsewhere than miniapp/dist/<platform> (helpers build into their own folder).
  const DIST =
    (platform === 'alipay' ? process.env.ALIPAY_DIST : process.env.SWAN_DIST) ??
    path.resolve(__dirname, `../../dist/${platform}`);
  const PLATFORM = platform === 'alipay' ? 'ALIPAY' : 'BAIDU';
  const simulator = platform === 'alipay' ? 'alipay' : 'baidu';
  let mock: MockData;
  let bff: BffProcess;

  /** The platform's login API answering for a given simulated user (my.getAuthCode / swan.getLoginCode). */
  const loginAs = (user: string): Overrides => {
    const code = () => postJson(`${mock.url}/${simulator}/dev/login-code`, { user }).then((r) => r.code as string);
    return platform === 'alipay'
      ? {
          getAuthCode: (o: any) =>
            void code().then(
              (authCode) => answer(o, true, { authCode, authSuccessScopes: [o.scopes], authErrorScopes: {} }),
              (e) => answer(o, false, { error: 12, errorMessage: String(e) }),
            ),
        }
      : {
          getLoginCode: (o: any) =>
            void code().then(
              (c) => answer(o, true, { code: c }),
              (e) => answer(o, false, { errCode: 1001, errMsg: String(e) }),
            ),
        };
  };
  /** The citizen says yes to the platform's modal (Alipay: my.confirm; Baidu: swan.showModal). */
  const confirmYes: Overrides =
    platform === 'alipay'
      ? { confirm: (o: any) => answer(o, true, { confirm: true }) }
      : { showModal: (o: any) => answer(o, true, { confirm: true, cancel: false }) };

  /**
   * The camera takes a scene photo (a JPEG with a GPS position, as a phone's) and the
   * platform's uploadFile sends it to the BFF for real: the request names an upload the
   * citizen owns, as car moving requires.
   */
  const scenePhoto: Overrides = {
    chooseImage: (o: any) =>
      answer(o, true, {
        tempFilePaths: ['tmp://scene.jpg'],
        apFilePaths: ['tmp://scene.jpg'],
        tempFiles: [{ path: 'tmp://scene.jpg', size: 600 }],
      }),
    // The build names its own BFF address; the harness's BFF is elsewhere (as the harness's request does).
    uploadFile: (o: any) =>
      void fetch(String(o.url).replace(/^https?:\/\/[^/]+/, bff.url), {
        method: 'POST',
        headers: { ...o.header, 'content-type': 'image/jpeg' },
        body: new Uint8Array(jpegWithGps()),
      }).then(
        async (r) => answer(o, true, { statusCode: r.status, status: r.status, data: await r.text() }),
        (e) => answer(o, false, { errMsg: String(e) }),
      ),
  };

  /** A citizen who verified their real name on this platform earlier (level 2). */
  async function verified(offset: number, has = 'social-insurance') {
    const user = `${platform}-journey-${offset}-${Date.now()}`;
    const [person] = (await getJson(`${mock.url}/population/dev/people?count=1&offset=${offset}&has=${has}`)).people;
    const { code } = await postJson(`${mock.url}/${simulator}/dev/login-code`, { user });
    const session = await postJson(`${bff.url}/graphql`, {
      query: `mutation($c: String!) { login(platform: ${PLATFORM}, code: $c) { accessToken } }`,
      variables: { c: code },
    });
    const token = session.data.login.accessToken as string;
    const realName = await postJson(
      `${bff.url}/graphql`,
      { query: VERIFY_REAL_NAME, variables: { n: person.name, i: person.idNumber } },
      { authorization: `Bearer ${token}` },
    );
    expect(realName.data.verifyRealName.level).toBe(2);
    return { user, person: person as { idNumber: string; name: string }, token };
  }

  // Requests are the app's, across pages: count from before the step under test.
  const operations = (page: MiniPage) =>
    page.requests.map((r) => /(?:query|mutation) (\w+)/.exec(JSON.parse(r.body || '{}').query ?? '')?.[1]);
  const submits = (page: MiniPage) => operations(page).filter((o) => o === 'SubmitApplication').length;

  /** Types on a page's key grid one character at a time, as the citizen taps (the grid changes after the first). */
  async function typeOn(page: MiniPage, keySelector: string, text: string) {
    for (const char of text) {
      const keys = await page.waitFor(
        () => page.textOf(keySelector),
        (k) => k.includes(char),
      );
      page.tap(keySelector, keys.indexOf(char));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The payment-record form's three choices the register cannot know, tapped as the citizen would, then on to the review step. */
  async function fillAndReview(page: MiniPage) {
    await page.waitFor(
      () => page.textOf('.field--locked'),
      (fields) => fields.length >= 3,
    );
    for (const choice of ['近12个月', '购房', '电子证明'])
      page.tap(
        '.choices__item',
        page.textOf('.choices__item').findIndex((text) => text.includes(choice)),
      );
    await page.waitFor(
      () => page.all('.choices__item--selected').length,
      (n) => n === 3,
    );
    page.tap('.apply__review');
    await page.waitFor(
      () => page.all('.apply__submit').length,
      (n) => n === 1,
    );
  }

  beforeAll(async () => {
    mock = await startMockData({ MOCK_DEPARTMENT_PACE_MS: '0' });
    bff = await startBffProcess({ AGENCY_BASE_URL: mock.url, SERVE_H5: 'false' });
  }, 60_000);
  afterAll(async () => {
    await bff?.stop();
    await mock?.stop();
  });

  it('verifies the real name: name typed, ID number tapped on the ID keyboard, back to Me at level 2', async () => {
    const [person] = (await getJson(`${mock.url}/population/dev/people?count=1&offset=150`)).people as Array<{
      name: string;
      idNumber: string;
    }>;
    const page = loadMiniPage(platform, DIST, 'pages/realname/index', bff.url, {
      overrides: loginAs(`${platform}-realname-${Date.now()}`),
    });
    try {
      await page.waitFor(
        () => page.all('.name-input').length,
        (n) => n === 1,
      );
      page.fire('.name-input', 'input', { value: person.name });
      page.tap('.field', 1); // the ID number field opens the keyboard
      await typeOn(page, '.id-keyboard__key', person.idNumber);
      expect(
        await page.waitFor(
          () => page.textOf('.id-value').join(''),
          (v) => v === person.idNumber,
        ),
      ).toBe(person.idNumber);
      page.tap('.id-keyboard__done');
      // The privacy policy and user agreement, where the page asks for them first.
      if (page.all('.policy-consent').length) {
        page.tap('.policy-consent');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      page.tap('.primary-button');
      await page.waitFor(
        () => page.calls.filter((c) => c.api === 'switchTab'),
        (c) => c.length > 0,
      );
      expect(page.calls.find((c) => c.api === 'switchTab')!.options).toMatchObject({ url: '/pages/me/index' });
      const sent = page.requests.find((r) => r.body.includes('verifyRealName'))!;
      expect(JSON.parse(sent.body).variables).toEqual({ name: person.name, idNumber: person.idNumber });
    } finally {
      page.unload();
    }
  });

  it('sends a car-moving request: plate typed on the plate keyboard, confirmed in the platform’s modal', async () => {
    await verified(151);
    const { vehicles } = await getJson(`${mock.url}/vehicle/dev/vehicles?count=40`);
    const plate = (vehicles as Array<{ plate: string }>)
      .map((v) => v.plate)
      .find((p) => p.length === 7 && !/[IO]/.test(p.slice(1)))!;
    const citizen = await verified(152);
    const page = loadMiniPage(platform, DIST, 'pages/car-move/index', bff.url, {
      overrides: { ...loginAs(citizen.user), ...confirmYes, ...scenePhoto },
    });
    try {
      await page.waitFor(
        () => page.textOf('.plate-keyboard__key'),
        (keys) => keys.length > 30,
      );
      await typeOn(page, '.plate-keyboard__key', plate);
      // One box per character (an empty eighth box may say 新能源).
      expect(
        await page.waitFor(
          () => page.textOf('.plate-boxes__box').slice(0, plate.length).join(''),
          (b) => b === plate,
        ),
      ).toBe(plate);
      page.tap('.reasons__item', 0);
      // 定位: the platform's location through the adapter (GCJ-02), sent as coordinates.
      page.tap('.secondary-button', page.textOf('.secondary-button').indexOf('定位'));
      await page.waitFor(
        () => page.textOf('.scene-location'),
        (text) => text.includes('已定位到您当前的位置'),
      );
      // One scene photo, uploaded when chosen.
      page.tap('.secondary-button', page.textOf('.secondary-button').indexOf('添加照片'));
      await page.waitFor(
        () => page.textOf('.secondary-button'),
        (labels) => labels.includes('删除照片1'),
      );
      page.tap('.primary-button');
      await page.waitFor(
        () => page.calls.filter((c) => c.api === 'navigateTo'),
        (c) => c.some((n) => String((n.options as { url: string }).url).startsWith('/pages/car-move-status/index?id=')),
      );
      const sent = JSON.parse(page.requests.find((r) => r.body.includes('mutation RequestCarMove'))!.body);
      expect(sent.variables.input).toMatchObject({
        plate,
        latitude: 31.2304,
        longitude: 121.4737,
        photoIds: [expect.any(String)],
      });
      expect(page.calls.find((c) => c.api === 'getLocation')!.options).toMatchObject({ type: 'gcj02' });
      expect(page.calls.some((c) => c.api === (platform === 'alipay' ? 'confirm' : 'showModal'))).toBe(true);
    } finally {
      page.unload();
    }
  });

  it('submits a prefilled form: locked fields masked, three choices tapped, checked on the review step, sent once', async () => {
    const citizen = await verified(153);
    const page = loadMiniPage(platform, DIST, 'pages/apply/index', bff.url, {
      overrides: loginAs(citizen.user),
      query: { serviceId: 'si-payment-record' },
    });
    try {
      const locked = await page.waitFor(
        () => page.textOf('.field--locked'),
        (fields) => fields.length >= 3,
      );
      expect(locked.join(' ')).toContain(maskName(citizen.person.name));
      expect(locked.join(' ')).not.toContain(citizen.person.idNumber);
      await fillAndReview(page);
      const before = submits(page);
      page.tap('.apply__submit');
      await page.waitFor(
        () => submits(page),
        (n) => n === before + 1,
      );
      await page.waitFor(
        () => page.calls.filter((c) => c.api === 'redirectTo' || c.api === 'navigateTo'),
        (c) => c.length > 0,
      );
      const mine = await postJson(
        `${bff.url}/graphql`,
        { query: '{ myApplications { items { number service { id } } } }' },
        { authorization: `Bearer ${citizen.token}` },
      );
      expect(
        mine.data.myApplications.items.filter((a: { service: { id: string } }) => a.service.id === 'si-payment-record'),
      ).toHaveLength(1);
    } finally {
      page.unload();
    }
  });

  it('shows the licence wallet masked, and a licence’s code as a QR code', async () => {
    const citizen = await verified(154);
    const list = loadMiniPage(platform, DIST, 'pages/licences/index', bff.url, { overrides: loginAs(citizen.user) });
    let id = '';
    try {
      const rows = await list.waitFor(
        () => list.textOf('.licences__row'),
        (r) => r.length >= 1,
      );
      expect(rows.join(' ')).toContain('居民身份证');
      expect(rows.join(' ')).not.toContain(citizen.person.idNumber);
      list.tap(
        '.licences__row',
        rows.findIndex((r) => r.includes('居民身份证')),
      );
      // Calls are the app's, across pages: the licence page's url is the one.
      const opened = await list.waitFor(
        () =>
          list.calls
            .map((c) => String((c.options as { url?: string }).url ?? ''))
            .filter((url) => url.startsWith('/pages/licence/index?')),
        (urls) => urls.length > 0,
      );
      id = new URLSearchParams(opened[0].split('?')[1]).get('id')!;
    } finally {
      list.unload();
    }
    const page = loadMiniPage(platform, DIST, 'pages/licence/index', bff.url, {
      overrides: loginAs(citizen.user),
      keepStorage: true,
      query: { id: encodeURIComponent(id) },
    });
    try {
      await page.waitFor(
        () => page.all('.licence__show-code').length,
        (n) => n === 1,
      );
      page.tap('.licence__show-code');
      const rows = await page.waitFor(
        () => page.all('.licence__qr .qr__row').length,
        (n) => n >= 21,
      );
      expect(rows).toBeGreaterThanOrEqual(21);
      expect(operations(page)).toContain('LicenceCode');
      expect(
        page.calls
          .filter((c) => c.api === 'setKeepScreenOn')
          .map((c) => (c.options as { keepScreenOn: boolean }).keepScreenOn),
      ).toContain(true);
    } finally {
      page.unload();
    }
  });

  it('lists the citizen’s messages in the Messages tab, unread marked', async () => {
    const citizen = await verified(155);
    const submitted = await postJson(
      `${bff.url}/graphql`,
      {
        query:
          'mutation($a: JSONObject!, $k: String!) { submitApplication(serviceId: "si-payment-record", answers: $a, idempotencyKey: $k) { number } }',
        variables: { a: { months: '12', purpose: 'home', delivery: 'electronic' }, k: `${platform}-${Date.now()}` },
      },
      { authorization: `Bearer ${citizen.token}` },
    );
    const number = submitted.data.submitApplication.number as string;
    const page = loadMiniPage(platform, DIST, 'pages/messages/index', bff.url, { overrides: loginAs(citizen.user) });
    try {
      const rows = await page.waitFor(
        () => page.textOf('.messages__row'),
        (r) => r.length >= 1,
      );
      expect(rows[0]).toContain('社保缴费证明已提交');
      expect(rows[0]).toContain(number);
      expect(page.all('.messages__row--unread').length).toBeGreaterThanOrEqual(1);
    } finally {
      page.unload();
    }
  });

  if (platform === 'alipay') {
    it('chooses a date with my.datePicker (not <picker mode="date">) and keeps it as YYYY-MM-DD though Alipay answered 2026/10/11', async () => {
      const citizen = await verified(160, 'tax');
      // Some Alipay clients answer the picked day with slashes.
      const datePicker = (o: any) => answer(o, true, { date: String(o.currentDate).replace(/-/g, '/') });
      const page = loadMiniPage(platform, DIST, 'pages/apply/index', bff.url, {
        overrides: { ...loginAs(citizen.user), datePicker },
        query: { serviceId: 'deed-tax-subsidy' },
      });
      try {
        await page.waitFor(
          () => page.all('.field--paidOn .field__picker').length,
          (n) => n === 1,
        );
        page.tap('.field--paidOn .field__picker');
        const [asked] = await page.waitFor(
          () => page.calls.filter((c) => c.api === 'datePicker'),
          (c) => c.length === 1,
        );
        const options = asked.options as { format: string; currentDate: string; startDate: string; endDate: string };
        expect(options).toMatchObject({
          format: 'yyyy-MM-dd',
          currentDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        });
        // The field's bounds (a year back, up to today) go to the picker.
        expect(options.startDate < options.endDate && options.currentDate <= options.endDate).toBe(true);
        const shown = await page.waitFor(
          () => page.textOf('.field--paidOn .field__value').join(''),
          (v) => /\d{4}-\d{2}-\d{2}/.test(v),
        );
        expect(shown).toBe(options.currentDate);
        // The draft keeps the day as the BFF takes it.
        const saved = await page.waitFor(
          () => page.requests.map((r) => r.body).filter((b) => b.includes('paidOn')),
          (b) => b.length > 0,
          5_000,
        );
        expect(saved.at(-1)!.replace(/\\/g, '')).toContain(`"paidOn":"${options.currentDate}"`);
        expect(page.calls.filter((c) => c.api === 'datePicker')).toHaveLength(1);
      } finally {
        page.unload();
      }
    });
  }

  if (platform === 'alipay') {
    it('binds the phone Alipay holds: authorised on the getAuthorize button, my.getPhoneNumber’s encrypted answer decrypted by the BFF', async () => {
      const citizen = await verified(161);
      const phone = `159${String(Date.now()).slice(-8)}`;
      const { response } = await postJson(`${mock.url}/alipay/dev/phone-number`, { phone });
      const getPhoneNumber = (o: any) => answer(o, true, { response });
      const page = loadMiniPage(platform, DIST, 'pages/phone/index', bff.url, {
        overrides: { ...loginAs(citizen.user), getPhoneNumber },
        query: { returnTo: encodeURIComponent('/pages/me/index') },
      });
      try {
        await page.waitFor(
          () => page.all('.platform-phone').length,
          (n) => n === 1,
        );
        expect(page.all('.platform-phone')[0].attrs).toMatchObject({
          'open-type': 'getAuthorize',
          scope: 'phoneNumber',
        });
        // Alipay's authorisation sheet, agreed: the button's getAuthorize event.
        page.fire('.platform-phone', 'getauthorize', {});
        await page.waitFor(
          () => page.calls.filter((c) => c.api === 'switchTab'),
          (c) => c.length > 0,
        );
        const sent = JSON.parse(page.requests.find((r) => r.body.includes('mutation BindPhoneFromPlatform'))!.body);
        expect(sent.variables).toEqual({ proof: response });
        const me = await postJson(
          `${bff.url}/graphql`,
          { query: '{ me { maskedPhone } }' },
          { authorization: `Bearer ${citizen.token}` },
        );
        expect(me.data.me.maskedPhone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
      } finally {
        page.unload();
      }
    });
  }

  if (platform !== 'swan') return;

  /** Baidu's panel answered by a simulated citizen: the submit detail Baidu would give (formId only when they agree). */
  const panel =
    (user: string, answer: 'accept' | 'reject') =>
    async ({ templateId, subscribeId }: { templateId: unknown; subscribeId: unknown }) =>
      postJson(`${mock.url}/baidu/dev/subscribe`, { user, template_id: templateId, subscribe_id: subscribeId, answer });
  const recorded = (page: MiniPage) =>
    page.requests
      .filter((r) => r.body.includes('mutation RecordMessageSubscription'))
      .map((r) => JSON.parse(r.body).variables);

  it('asks for progress messages through the tapped <form report-type="subscribe">; the BFF sends on its subscribe-id', async () => {
    const citizen = await verified(156);
    const page = loadMiniPage(platform, DIST, 'pages/apply/index', bff.url, {
      overrides: loginAs(citizen.user),
      query: { serviceId: 'si-payment-record' },
      subscribePanel: panel(citizen.user, 'accept'),
    });
    try {
      await fillAndReview(page);
      const before = recorded(page).length;
      const submitted = submits(page);
      page.tap('.apply__submit');
      await page.waitFor(
        () => recorded(page).slice(before),
        (r) => r.length === 1,
      );
      expect(recorded(page).slice(before)).toEqual([{ topic: 'APPLICATION_PROGRESS', accepted: true }]);
      expect(page.calls.filter((c) => c.api === 'subscribePanel').at(-1)!.options).toEqual({
        templateId: 'bd-tmpl-application',
        subscribeId: 'APPLICATION_PROGRESS',
      });
      // No API call stands in for the form: swan.subscribeService only queries or cancels.
      expect(page.calls.filter((c) => c.api === 'subscribeService')).toHaveLength(0);
      await page.waitFor(
        () => submits(page),
        (n) => n === submitted + 1,
      );
      // The BFF's send through Baidu's subscribe/send, which the simulator answers only on the consent the tap gave.
      let sent: unknown[] = [];
      for (let i = 0; i < 100 && sent.length === 0; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        sent = ((await getJson(`${mock.url}/baidu/dev/messages`)).messages as Array<{ templateId: string }>).filter(
          (m) => m.templateId === 'bd-tmpl-application',
        );
      }
      expect(sent).toHaveLength(1);
    } finally {
      page.unload();
    }
  });

  it('records no consent when the citizen refuses Baidu’s panel, and still submits', async () => {
    const citizen = await verified(157);
    const page = loadMiniPage(platform, DIST, 'pages/apply/index', bff.url, {
      overrides: loginAs(citizen.user),
      query: { serviceId: 'si-payment-record' },
      subscribePanel: panel(citizen.user, 'reject'),
    });
    try {
      await fillAndReview(page);
      const before = recorded(page).length;
      const submitted = submits(page);
      page.tap('.apply__submit');
      await page.waitFor(
        () => recorded(page).slice(before),
        (r) => r.length === 1,
      );
      expect(recorded(page).slice(before)).toEqual([{ topic: 'APPLICATION_PROGRESS', accepted: false }]);
      await page.waitFor(
        () => submits(page),
        (n) => n === submitted + 1,
      );
    } finally {
      page.unload();
    }
  });

  /** Baidu's camera (swan.chooseImage) taking a photo of `idNumber`'s face (or a stranger's), readable with the file system manager. */
  const camera = async (idNumber?: string): Promise<{ overrides: Overrides; image: string }> => {
    const { image } = await postJson(`${mock.url}/baidu/dev/camera`, { person: idNumber });
    const path = `bdfile://tmp/face-${Date.now()}.jpg`;
    return {
      image,
      overrides: {
        chooseImage: (o: any) => answer(o, true, { tempFilePaths: [path], tempFiles: [{ path, size: 48 }] }),
        getFileSystemManager: () => ({
          readFile: (o: any) =>
            answer(
              o,
              o.filePath === path && o.encoding === 'base64',
              o.filePath === path ? { data: image } : { errMsg: 'readFile:fail no such file' },
            ),
        }),
      },
    };
  };
  const FACE_PAGE = { returnTo: encodeURIComponent('/pages/me/index') };

  it('verifies the face with a camera photo the BFF checks with Baidu itself (no facePersonVerify, no ID number on the client)', async () => {
    const citizen = await verified(158);
    const { image, overrides } = await camera(citizen.person.idNumber);
    const page = loadMiniPage(platform, DIST, 'pages/face/index', bff.url, {
      overrides: { ...loginAs(citizen.user), ...overrides },
      query: FACE_PAGE,
    });
    try {
      await page.waitFor(
        () => page.all('checkbox').length,
        (n) => n === 1,
      );
      page.tap('checkbox');
      await page.waitFor(
        () => page.all('checkbox')[0].attrs.checked,
        (checked) => checked === true,
      );
      page.tap('.primary-button');
      await page.waitFor(
        () =>
          page.calls.filter((c) => c.api === 'switchTab' && (c.options as { url: string }).url === '/pages/me/index'),
        (c) => c.length > 0,
      );
      const completed = JSON.parse(
        page.requests.filter((r) => r.body.includes('mutation CompleteFaceVerification')).at(-1)!.body,
      ).variables;
      expect(completed).toEqual({ verifyId: expect.any(String), faceImage: image });
      expect(page.calls.filter((c) => c.api === 'chooseImage').at(-1)!.options).toMatchObject({
        sourceType: ['camera'],
      });
      expect(page.calls.some((c) => c.api.startsWith('ai.'))).toBe(false);
      const me = await postJson(
        `${bff.url}/graphql`,
        { query: '{ me { level } }' },
        { authorization: `Bearer ${citizen.token}` },
      );
      expect(me.data.me.level).toBe(3);
    } finally {
      page.unload();
    }
  });

  it('tells the citizen when Baidu finds the photo is not them, and stays at level 2', async () => {
    const citizen = await verified(159);
    const { overrides } = await camera(); // someone else in front of the camera
    const page = loadMiniPage(platform, DIST, 'pages/face/index', bff.url, {
      overrides: { ...loginAs(citizen.user), ...overrides },
      query: FACE_PAGE,
    });
    try {
      await page.waitFor(
        () => page.all('checkbox').length,
        (n) => n === 1,
      );
      page.tap('checkbox');
      await page.waitFor(
        () => page.all('checkbox')[0].attrs.checked,
        (checked) => checked === true,
      );
      page.tap('.primary-button');
      const notice = await page.waitFor(
        () => page.textOf('.notice').join(' '),
        (text) => text.includes('人脸识别未通过'),
      );
      expect(notice).toContain('人脸识别未通过');
      const me = await postJson(
        `${bff.url}/graphql`,
        { query: '{ me { level } }' },
        { authorization: `Bearer ${citizen.token}` },
      );
      expect(me.data.me.level).toBe(2);
    } finally {
      page.unload();
    }
  });
}
