import type { ApiError } from '../../api/client';
import { t } from '../../preferences';

/** An error as the console shows it: the code's words, where it is, and the shared validator's problems for a form. */
export function errorText(error: ApiError): string {
  const where = error.field ? t(`（${error.field}）`, ` (${error.field})`) : '';
  const problems = Array.isArray(error.details?.problems)
    ? `: ${(error.details!.problems as string[]).join('; ')}`
    : '';
  const department = typeof error.details?.department === 'string' ? ` ${error.details.department}` : '';
  const path = typeof error.details?.path === 'string' ? ` ${String(error.details.source)}.${error.details.path}` : '';
  // Which tiles stand in the way (INQUIRY_CARD_IN_USE): the operator's next step.
  const tiles = Array.isArray(error.details?.tiles)
    ? t(`：${(error.details!.tiles as string[]).join('、')}`, `: ${(error.details!.tiles as string[]).join(', ')}`)
    : '';
  return `${error.message}${where}${department}${path}${problems}${tiles}`;
}

export type Message = { kind: 'ok' | 'error'; text: string } | null;

/** The outcome of a console call as a message: its first error, or the words for success. */
export const outcome = (result: { errors: ApiError[] }, ok: string): Message =>
  result.errors.length ? { kind: 'error', text: errorText(result.errors[0]) } : { kind: 'ok', text: ok };
