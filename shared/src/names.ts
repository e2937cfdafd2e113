/**
 * Names the BFF and the app both show for things the government owns: the departments
 * that take applications and the kinds of the licence library. One copy, so a
 * department is called the same in a form, a progress page and a PDF, in both languages.
 */

/** Departments that take applications, by their agency code (each a system of its own, reached over HTTP). */
export const DEPARTMENTS = {
  'provident-fund': { name: '住房公积金管理中心', nameEn: 'Housing Provident Fund Centre' },
  'social-insurance': { name: '社会保险事业局', nameEn: 'Social Insurance Bureau' },
  education: { name: '教育局', nameEn: 'Education Bureau' },
  tax: { name: '税务局', nameEn: 'Tax Bureau' },
  housing: { name: '住房和城乡建设局', nameEn: 'Housing and Construction Bureau' },
  'market-regulation': { name: '市场监督管理局', nameEn: 'Market Regulation Administration' },
  'exit-entry': { name: '出入境管理局', nameEn: 'Exit and Entry Administration' },
  talent: { name: '人才工作局', nameEn: 'Talent Bureau' },
} as const;
export type DepartmentCode = keyof typeof DEPARTMENTS;
export const isDepartment = (code: string): code is DepartmentCode => code in DEPARTMENTS;

/** The licence kinds of the licence library, in words. */
export const LICENCE_TITLES: Record<string, { zh: string; en: string }> = {
  ID_CARD: { zh: '居民身份证', en: 'Resident ID card' },
  DRIVING_LICENCE: { zh: '机动车驾驶证', en: 'Driving licence' },
  VEHICLE_LICENCE: { zh: '机动车行驶证', en: 'Vehicle licence' },
  SOCIAL_SECURITY_CARD: { zh: '社会保障卡', en: 'Social security card' },
  BUSINESS_LICENCE: { zh: '营业执照', en: 'Business licence' },
  HK_MACAO_ENDORSEMENT: { zh: '往来港澳通行证签注', en: 'HK and Macao permit endorsement' },
};

/** A licence kind in words; an unknown kind (a new one in the library) shows its code rather than nothing. */
export const licenceTitle = (kind: string) => LICENCE_TITLES[kind] ?? { zh: kind, en: kind };
