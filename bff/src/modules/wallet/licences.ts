import { maskAccountNumber, maskIdNumber, maskPlate } from '@citizen/shared';

/** The licence kinds of the licence library, in words. */
export const LICENCE_TITLES: Record<string, { zh: string; en: string }> = {
  ID_CARD: { zh: '居民身份证', en: 'Resident ID card' },
  DRIVING_LICENCE: { zh: '机动车驾驶证', en: 'Driving licence' },
  VEHICLE_LICENCE: { zh: '机动车行驶证', en: 'Vehicle licence' },
  SOCIAL_SECURITY_CARD: { zh: '社会保障卡', en: 'Social security card' },
  BUSINESS_LICENCE: { zh: '营业执照', en: 'Business licence' },
};

export const licenceTitle = (kind: string) => LICENCE_TITLES[kind] ?? { zh: kind, en: kind };

/** A licence's number as shown masked: ID numbers and plates as everywhere else, other numbers keep their ends. */
export const maskLicenceNumber = (kind: string, number: string) =>
  kind === 'ID_CARD' || kind === 'DRIVING_LICENCE' ? maskIdNumber(number) : kind === 'VEHICLE_LICENCE' ? maskPlate(number) : maskAccountNumber(number);
