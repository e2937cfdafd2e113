/** Agencies the BFF reaches; each is a path prefix on the agency host. */
export const AGENCIES = [
  'population',
  'vehicle',
  'social-insurance',
  'provident-fund',
  'licences',
  'education',
  'tax',
  'housing',
  'market-regulation',
  'exit-entry',
  'talent',
  'sms',
  'wechat',
  'alipay',
  'baidu',
  'hotline',
  'medical-insurance',
  'traffic-police',
  'real-estate',
  'health',
  'transit',
  'finance',
  'evaluation',
  'civil-affairs',
  'water',
  'power',
  'gas',
] as const;
export type AgencyName = (typeof AGENCIES)[number];

/** The built-in tile icon set (the app draws each as a character on a coloured disc). */
export const TILE_ICONS = [
  'shield',
  'medical',
  'fund',
  'car',
  'bus',
  'warning',
  'passport',
  'certificate',
  'card',
  'school',
  'house',
  'rings',
  'shop',
  'water',
  'bolt',
  'flame',
  'hospital',
  'scale',
  'phone',
  'chat',
] as const;

/**
 * Each built-in icon's square colour, dark enough for white strokes. Shared because two
 * draw it: the app (features/catalogue/icons.ts) and the BFF's server-rendered home shell
 * (bff/src/http/home-shell.ts), which must match so nothing changes colour when the app takes over.
 */
export const TILE_ICON_COLORS: Record<(typeof TILE_ICONS)[number], string> = {
  shield: '#1f6feb',
  medical: '#0f8a4c',
  fund: '#b45309',
  car: '#2563eb',
  bus: '#0e7490',
  warning: '#dc2626',
  passport: '#7c3aed',
  certificate: '#9333ea',
  card: '#0369a1',
  school: '#c2410c',
  house: '#b45309',
  rings: '#db2777',
  shop: '#4d7c0f',
  water: '#0284c7',
  bolt: '#a16207',
  flame: '#c2410c',
  hospital: '#047857',
  scale: '#475569',
  phone: '#15803d',
  chat: '#6366f1',
};
/** The colour of an icon outside the built-in set. */
export const TILE_FALLBACK_ICON_COLOR = '#64748b';

/** A published 查 card's page (issue 15): a tile opens it as a PAGE target `${INQUIRY_CARD_PAGE}?id=<card id>`. */
export const INQUIRY_CARD_PAGE = '/inquiry/pages/card/index';

/** Pages of the app a tile may open (target kind PAGE). */
export const TILE_PAGE_TARGETS = [
  '/pages/car-move/index',
  '/pages/services/index',
  '/pages/messages/index',
  '/pages/me/index',
  '/pages/licences/index',
  '/pages/appointments/index',
  '/pages/faq/index',
  '/pages/ask/index',
  '/pages/ask/index?category=LEGAL_AID',
  '/pages/consultations/index',
  '/pages/progress/index',
  '/pages/records/index?type=providentFund',
  '/pages/records/index?type=socialInsurance',
  '/pages/records/index?type=medicalInsurance',
  '/pages/records/index?type=driving',
  '/pages/records/index?type=exitEntry',
  '/pages/records/index?type=qualifications',
  '/pages/records/index?type=realEstate',
  '/pages/records/index?type=vaccinations',
  '/pages/records/index?type=business',
  '/pages/records/index?type=bus',
  '/pages/book/index?serviceId=endorsement-appointment',
  '/pages/book/index?serviceId=marriage-appointment',
  '/fees/pages/bills/index?utility=water',
  '/fees/pages/bills/index?utility=power',
  '/fees/pages/bills/index?utility=gas',
] as const;
