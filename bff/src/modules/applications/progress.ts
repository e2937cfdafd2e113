import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db';
import { AppError, BadUserInputError } from '../../errors';
import type { AttemptLimiter } from '../../limits/attempts';
import { chinaCalendar } from '../../time/chinaTime';
import type { PersonalDataVault } from '../identity/vault';
import { DEPARTMENTS, definitionFromRow, isDepartment } from './definitions';

/** No 0/O, 1/I/L: a code read out over the phone or copied from paper by an elderly relative. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const QUERY_CODE_LENGTH = 6;
const CODE = new RegExp(`^[${ALPHABET}]{${QUERY_CODE_LENGTH}}$`);
const NUMBER = /^SQ\d{16}$/;

export function newQueryCode(): string {
  let code = '';
  for (let i = 0; i < QUERY_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** Bound to the number, so a code is worth nothing with another application's number. */
export const queryCodeHash = (vault: PersonalDataVault, number: string, code: string) =>
  vault.hash('query-code', `${number}:${code}`);

/** What anyone with the number and code may see: no name, no answers, nothing personal. */
export interface ApplicationProgressView {
  number: string;
  service: { id: string; title: string; titleEn: string };
  status: string;
  departments: Array<{ name: string; nameEn: string; status: string; updatedAt: string }>;
  submittedAt: string;
  updatedAt: string;
}

/**
 * Progress by application number and query code, without signing in (family members,
 * hall staff). Each lookup takes an attempt per number and per client *before* it is
 * evaluated (atomic, AttemptLimiter), so parallel guesses get exactly the limit; a right
 * code gives both back. Wrong code and unknown number take the same path and the same
 * answer, and the comparison is constant-time.
 */
export class ProgressLookup {
  constructor(
    private readonly deps: {
      db: Db;
      vault: PersonalDataVault;
      attempts: AttemptLimiter;
      maxPerNumber: number;
      maxPerClient: number;
      now: () => Date;
    },
  ) {}

  /** @throws PROGRESS_NOT_FOUND (wrong code or unknown number, alike), PROGRESS_TOO_MANY_TRIES, BAD_USER_INPUT for a malformed number or code. */
  async lookup(numberInput: string, codeInput: string, client: string): Promise<ApplicationProgressView> {
    const number = String(numberInput ?? '')
      .trim()
      .toUpperCase();
    const code = String(codeInput ?? '')
      .trim()
      .toUpperCase();
    if (!NUMBER.test(number)) throw new BadUserInputError('BAD_USER_INPUT', { field: 'number' });
    if (!CODE.test(code)) throw new BadUserInputError('BAD_USER_INPUT', { field: 'queryCode' });

    // Step 1: attempts taken before anything is read: per number (a day), per client (an hour).
    const calendar = chinaCalendar(this.deps.now());
    const byNumber = { scope: `progress:number:${number}`, window: calendar.day };
    const byClient = { scope: `progress:client:${client}`, window: calendar.hour };
    const clientTaken = await this.deps.attempts.take(byClient.scope, byClient.window, this.deps.maxPerClient, 3600);
    if (clientTaken === null) throw new AppError('PROGRESS_TOO_MANY_TRIES');
    const numberTaken = await this.deps.attempts.take(byNumber.scope, byNumber.window, this.deps.maxPerNumber, 86_400);
    if (numberTaken === null) {
      await this.deps.attempts.giveBack(byClient.scope, byClient.window);
      throw new AppError('PROGRESS_TOO_MANY_TRIES');
    }

    // Step 2: evaluate. An unknown number is compared against a hash of nothing, so both paths do the same work.
    const row = await this.deps.db
      .selectFrom('applications')
      .select(['service_id', 'status', 'created_at', 'updated_at', 'query_code_hash', 'id'])
      .where('number', '=', number)
      .executeTakeFirst();
    const expected = Buffer.from(row?.query_code_hash ?? '0'.repeat(64), 'hex');
    const given = Buffer.from(queryCodeHash(this.deps.vault, number, code), 'hex');
    const right = timingSafeEqual(expected, given) && Boolean(row?.query_code_hash);
    if (!row || !right) throw new AppError('PROGRESS_NOT_FOUND', undefined, { field: 'queryCode' });

    // Step 3: a right code does not count against the number or the client (a family checking daily).
    await Promise.all([
      this.deps.attempts.giveBack(byNumber.scope, byNumber.window),
      this.deps.attempts.giveBack(byClient.scope, byClient.window),
    ]);
    const [definition, parts] = await Promise.all([
      this.deps.db.selectFrom('service_definitions').selectAll().where('id', '=', row.service_id).executeTakeFirst(),
      this.deps.db
        .selectFrom('application_departments')
        .select(['department', 'status', 'updated_at'])
        .where('application_id', '=', row.id)
        .execute(),
    ]);
    const service = definition ? definitionFromRow(definition) : null;
    return {
      number,
      service: {
        id: row.service_id,
        title: service?.title ?? row.service_id,
        titleEn: service?.titleEn ?? row.service_id,
      },
      status: row.status,
      departments: parts.map((p) => {
        const info = isDepartment(p.department)
          ? DEPARTMENTS[p.department]
          : { name: p.department, nameEn: p.department };
        return { name: info.name, nameEn: info.nameEn, status: p.status, updatedAt: p.updated_at };
      }),
      submittedAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}
