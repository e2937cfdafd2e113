/** The mini-program platforms a build targets, as Taro names them (process.env.TARO_ENV). */
export type TaroEnv = 'weapp' | 'alipay' | 'swan' | 'h5';

/** The same platforms as the GraphQL `Platform` enum names them. */
export type PlatformName = 'WECHAT' | 'ALIPAY' | 'BAIDU' | 'H5';

export const PLATFORM_BY_TARO_ENV: Readonly<Record<TaroEnv, PlatformName>> = {
  weapp: 'WECHAT',
  alipay: 'ALIPAY',
  swan: 'BAIDU',
  h5: 'H5',
};

/** Identity assurance levels: 0 anonymous, 1 logged in, 2 real name, 3 face verified. */
export type AssuranceLevel = 0 | 1 | 2 | 3;

/** Agencies the BFF reaches; each is a path prefix on the agency host. */
export const AGENCIES = ['population', 'vehicle', 'social-insurance', 'provident-fund', 'licences', 'sms', 'wechat', 'alipay', 'baidu'] as const;
export type AgencyName = (typeof AGENCIES)[number];

/** The built-in tile icon set (the app draws each as a character on a coloured disc). */
export const TILE_ICONS = ['shield', 'medical', 'fund', 'car', 'bus', 'warning', 'passport', 'certificate', 'card', 'school', 'house', 'rings', 'shop', 'water', 'bolt', 'flame', 'hospital', 'scale', 'phone', 'chat'] as const;

/** Pages of the app a tile may open (target kind PAGE). */
export const TILE_PAGE_TARGETS = ['/pages/car-move/index', '/pages/services/index', '/pages/messages/index', '/pages/me/index'] as const;
