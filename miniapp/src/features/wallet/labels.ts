import { t } from '../../preferences';
import { formatDay } from '../../preferences/format';

/**
 * Licence kinds in English: a clerk's check (LicenceCheck) carries the Chinese title
 * only; the same words as the BFF's LICENCE_TITLES.
 */
const KIND_TITLES_EN: Record<string, string> = {
  ID_CARD: 'Resident ID card',
  DRIVING_LICENCE: 'Driving licence',
  VEHICLE_LICENCE: 'Vehicle licence',
  SOCIAL_SECURITY_CARD: 'Social security card',
  BUSINESS_LICENCE: 'Business licence',
};

export function kindTitle(kind: string, title: string): string {
  return t(title, KIND_TITLES_EN[kind] ?? title);
}

/** "有效期至 2030-05-01", or "长期有效" for a licence without an end (an ID card of a person over 46). */
export function validity(validUntil: string | null): string {
  return validUntil
    ? t(`有效期至 ${validUntil}`, `Valid until ${formatDay(validUntil)}`)
    : t('长期有效', 'No expiry date');
}

/** What the list and the detail say about an expired licence: in words, never colour alone. */
export function expiredMark(): string {
  return t('已过期', 'Expired');
}
