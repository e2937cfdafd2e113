/** Agencies the BFF reaches; each is a path prefix on the agency host. */
export const AGENCIES = ['population', 'vehicle', 'social-insurance', 'provident-fund', 'licences', 'education', 'tax', 'housing', 'market-regulation', 'exit-entry', 'talent', 'sms', 'wechat', 'alipay', 'baidu'] as const;
export type AgencyName = (typeof AGENCIES)[number];

/** The built-in tile icon set (the app draws each as a character on a coloured disc). */
export const TILE_ICONS = ['shield', 'medical', 'fund', 'car', 'bus', 'warning', 'passport', 'certificate', 'card', 'school', 'house', 'rings', 'shop', 'water', 'bolt', 'flame', 'hospital', 'scale', 'phone', 'chat'] as const;

/** Pages of the app a tile may open (target kind PAGE). */
export const TILE_PAGE_TARGETS = ['/pages/car-move/index', '/pages/services/index', '/pages/messages/index', '/pages/me/index', '/pages/licences/index', '/pages/appointments/index'] as const;
