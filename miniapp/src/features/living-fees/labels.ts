import type { Utility } from '@citizen/shared';
import { t } from '../../preferences';

/** Each company as the citizen names what they pay it, and the company itself. */
const UTILITY_WORDS: Record<
  Utility,
  { fee: readonly [string, string]; company: readonly [string, string]; example: string }
> = {
  WATER: { fee: ['水费', 'Water bill'], company: ['自来水公司', 'The water company'], example: '3100012010' },
  POWER: { fee: ['电费', 'Electricity bill'], company: ['供电局', 'The power company'], example: '0400000012345' },
  GAS: { fee: ['燃气费', 'Gas bill'], company: ['燃气公司', 'The gas company'], example: '6200001234' },
};

export const UTILITY_VALUES: readonly Utility[] = ['WATER', 'POWER', 'GAS'];

/** The page's `utility=water` query (the tiles' targets) as the schema's enum; water when missing or unknown. */
export function utilityFromQuery(value: string | undefined): Utility {
  const upper = (value ?? '').toUpperCase();
  return (UTILITY_VALUES as readonly string[]).includes(upper) ? (upper as Utility) : 'WATER';
}

export const feeName = (u: Utility) => t(...UTILITY_WORDS[u].fee);
/** The page title, in both languages (Screen picks one). */
export const feeTitle = (u: Utility) => UTILITY_WORDS[u].fee;
export const companyName = (u: Utility) => t(...UTILITY_WORDS[u].company);
export const accountExample = (u: Utility) => UTILITY_WORDS[u].example;

/** The company of this page could not answer: said by its name. */
export function companyDown(u: Utility, timeout: boolean): string {
  const [zh, en] = UTILITY_WORDS[u].company;
  return timeout
    ? t(`${zh}响应超时，请稍后再试`, `${en} took too long to answer. Please try again later.`)
    : t(`${zh}系统暂时无法访问，请稍后再试`, `${en} cannot be reached right now. Please try again later.`);
}

/** A bill's state, from the company's word and the citizen's own payment of it. */
export function billState(status: string, paymentStatus: string | null | undefined): string {
  if (status === 'PAID') return t('已缴清', 'Paid');
  if (paymentStatus === 'PAID' || paymentStatus === 'SETTLED')
    return t('已支付，等待销账', 'Paid; the company is recording it');
  return t('待缴费', 'Due');
}

/** The company's unit in the citizen's language (the company writes 吨, 千瓦时, 立方米). */
const UNITS_EN: Record<string, string> = { 吨: 't', 千瓦时: 'kWh', 立方米: 'm³' };
export const unitLabel = (unit: string) => t(unit, UNITS_EN[unit] ?? unit);

/** An instant as its China day (a bill's payment date). */
export const chinaDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
