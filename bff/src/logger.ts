import pino, { type Logger } from 'pino';
import { maskIdNumber, maskPhone } from '@citizen/shared';

/**
 * Personal data never reaches a log line. Two layers: known field names are
 * redacted by pino, and every string in a log record is scrubbed of anything shaped
 * like an ID number or a mobile number, wherever it hides (messages, errors, URLs).
 */
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

export function scrub(value: string): string {
  return value.replace(ID_NUMBER, (m) => maskIdNumber(m)).replace(PHONE, (m) => maskPhone(m));
}

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error)
    return {
      type: value.name,
      message: scrub(value.message),
      stack: value.stack && scrub(value.stack),
      code: (value as { code?: unknown }).code,
    };
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, depth + 1)]));
}

export const REDACTED_PATHS = [
  'idNumber',
  '*.idNumber',
  'phone',
  '*.phone',
  'name',
  '*.name',
  'variables',
  '*.variables',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'body',
  '*.body',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: { log: (record) => scrubDeep(record) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => scrubDeep(arg)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
