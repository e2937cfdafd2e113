import { calls } from '../../../test/stand-ins/taro';

/**
 * The platform files' own calls, against each platform's global as its documentation
 * describes it (the Alipay and Baidu builds also run whole in miniapp/test/e2e).
 */
type Options = { success?: (r?: unknown) => void; fail?: (e?: unknown) => void; [key: string]: unknown };
const g = globalThis as Record<string, any>;

afterEach(() => {
  delete g.wx;
  delete g.my;
  delete g.swan;
  calls.modals.length = 0;
});

describe('Baidu (adapter.swan)', () => {
  it('opens another smart program with swan.navigateToSmartProgram and its app key', async () => {
    const opened: Options[] = [];
    g.swan = {
      navigateToSmartProgram: (o: Options) => {
        opened.push(o);
        o.success?.();
      },
    };
    const { adapter } = await import('../adapter.swan');
    await expect(adapter.openMiniProgram('4fecoAqgCIUtzIyA4FAPgoyrc4oUc25c')).resolves.toBe(true);
    expect(opened[0]).toMatchObject({ appKey: '4fecoAqgCIUtzIyA4FAPgoyrc4oUc25c' });
  });

  it('reports a failed jump, so the tile falls back to its service page', async () => {
    g.swan = { navigateToSmartProgram: (o: Options) => o.fail?.({ errCode: 1001 }) };
    const { adapter } = await import('../adapter.swan');
    await expect(adapter.openMiniProgram('missing')).resolves.toBe(false);
  });

  it('never takes swan.subscribeService’s success for a consent to template messages', async () => {
    const subscribeService = jest.fn((o: Options) => o.success?.({}));
    g.swan = { subscribeService };
    const { adapter } = await import('../adapter.swan');
    await expect(adapter.requestSubscription('bd-tmpl-car-move')).resolves.toBe(false);
    expect(subscribeService).not.toHaveBeenCalled();
  });
});

describe('Alipay (adapter.alipay)', () => {
  it('opens another mini-program with my.navigateToMiniProgram', async () => {
    const opened: Options[] = [];
    g.my = {
      navigateToMiniProgram: (o: Options) => {
        opened.push(o);
        o.success?.();
      },
    };
    const { adapter } = await import('../adapter.alipay');
    await expect(adapter.openMiniProgram('2021000000000000')).resolves.toBe(true);
    expect(opened[0]).toMatchObject({ appId: '2021000000000000' });
  });
});

describe('WeChat (adapter.weapp)', () => {
  it('asks the citizen to upgrade WeChat when the base library has no requestFacialVerify, instead of waiting forever', async () => {
    g.wx = { canIUse: () => false };
    const { adapter } = await import('../adapter.weapp');
    await expect(adapter.verifyFace({ verifyId: 'v1', certifyUrl: null })).resolves.toBe('unsupported');
    expect(calls.modals).toEqual(['请升级微信']);
  });

  it('runs wx.requestFacialVerify where the client has it', async () => {
    const verified: Options[] = [];
    g.wx = {
      canIUse: (api: string) => api === 'requestFacialVerify',
      requestFacialVerify: (o: Options) => {
        verified.push(o);
        o.success?.();
      },
    };
    const { adapter } = await import('../adapter.weapp');
    await expect(adapter.verifyFace({ verifyId: 'v2', certifyUrl: null })).resolves.toBe('done');
    expect(verified[0]).toMatchObject({ verifyId: 'v2' });
  });
});

describe('WeChat privacy guide (adapter.weapp)', () => {
  /** wx as a client of base library 2.32.3 or later answers: requirePrivacyAuthorize shows WeChat's popup, the citizen agrees or not. */
  const wechat = (agrees: boolean) => {
    const asked: string[] = [];
    g.wx = {
      canIUse: (api: string) => api === 'requirePrivacyAuthorize',
      requirePrivacyAuthorize: (o: Options) => {
        asked.push('requirePrivacyAuthorize');
        (agrees ? o.success : o.fail)?.({
          errMsg: agrees
            ? 'requirePrivacyAuthorize:ok'
            : 'requirePrivacyAuthorize:fail privacy permission is not authorized',
        });
      },
      getLocation: (o: Options) => {
        asked.push(`getLocation ${String(o.type)}`);
        o.success?.({ latitude: 23.1291, longitude: 113.2644 });
      },
    };
    return asked;
  };

  it('asks for the privacy guide before the location, then reads it in GCJ-02', async () => {
    const asked = wechat(true);
    const { adapter } = await import('../adapter.weapp');
    await expect(adapter.getLocation()).resolves.toEqual({ latitude: 23.1291, longitude: 113.2644 });
    expect(asked).toEqual(['requirePrivacyAuthorize', 'getLocation gcj02']);
  });

  it('does not touch the location when the citizen refuses, and says what still works', async () => {
    const asked = wechat(false);
    const { adapter } = await import('../adapter.weapp');
    await expect(adapter.getLocation()).resolves.toBeNull();
    expect(asked).toEqual(['requirePrivacyAuthorize']);
    expect(calls.modals).toEqual(['需要您同意隐私保护指引']);
  });

  it('guards photos and the phone number the same way; other platforms have no such step', async () => {
    wechat(false);
    const { adapter } = await import('../adapter.weapp');
    await expect(adapter.allowPersonalData('photo')).resolves.toBe(false);
    wechat(true);
    await expect(adapter.allowPersonalData('phone')).resolves.toBe(true);
    const { adapter: alipay } = await import('../adapter.alipay');
    await expect(alipay.allowPersonalData('photo')).resolves.toBe(true);
  });
});

describe('WeChat large text (adapter.weapp)', () => {
  it.each([
    [17, null],
    [16, null],
    [20, 'large'],
    [22, 'large'],
    [26, 'larger'],
  ])('reads fontSizeSetting %i px as %s', async (px, size) => {
    g.wx = { canIUse: () => true, getAppBaseInfo: () => ({ fontSizeSetting: px, SDKVersion: '3.8.12' }) };
    const { adapter } = await import('../adapter.weapp');
    expect(adapter.largeText()).toBe(size);
  });

  it('falls back to getSystemInfoSync on base libraries without getAppBaseInfo, and to standard text when neither answers', async () => {
    g.wx = { canIUse: () => true, getSystemInfoSync: () => ({ fontSizeSetting: 24 }) };
    const { adapter } = await import('../adapter.weapp');
    expect(adapter.largeText()).toBe('larger');
    g.wx = {
      canIUse: () => true,
      getSystemInfoSync: () => {
        throw new Error('getSystemInfoSync:fail');
      },
    };
    expect(adapter.largeText()).toBeNull();
  });
});
