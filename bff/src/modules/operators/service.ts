import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { verifyWithAny } from '../identity/tokens';
import type { Config } from '../../config';
import type { Db } from '../../db';
import type { Database, OperatorTable } from '../../db/schema';
import type { Transaction } from 'kysely';
import { AppError, BadUserInputError } from '../../errors';
import { hashPassword, strongEnough, verifyPassword } from './passwords';
import { auditActor, writeAudit } from '../audit/writer';

export const ROLES = ['clerk', 'editor', 'publisher', 'admin'] as const;
export type Role = (typeof ROLES)[number];
// A clerk only checks licence codes; every console role above may do that too.
const RANK: Record<Role, number> = { clerk: 0, editor: 1, publisher: 2, admin: 3 };

export type OperatorRow = OperatorTable;

/** A hash to compare against when the username is unknown, so both paths take as long. */
let decoyHash: Promise<string> | null = null;

/**
 * Console operators: sign-in with a password (scrypt), lockout after repeated
 * failures, and roles — editor drafts, publisher publishes, admin manages operators.
 * Every operator operation checks the role on the server (`requireRole`).
 */
export class OperatorService {
  constructor(
    private readonly deps: { db: Db; secret: Uint8Array; oldSecrets?: Uint8Array[]; config: Config; now?: () => Date },
  ) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /**
   * Adds an operator, with an audit record in the same transaction (`createdBy`: the admin's username,
   * or null from the command line, which creates the first one). @throws OPERATOR_PASSWORD_WEAK, OPERATOR_EXISTS, BAD_USER_INPUT (username or role).
   */
  async create(
    username: string,
    password: string,
    role: string,
    createdBy: string | null = null,
  ): Promise<OperatorRow> {
    const actor = createdBy === null ? auditActor.system('cli') : auditActor.operator(createdBy);
    if (!/^[a-z][a-z0-9_.-]{2,63}$/.test(username ?? ''))
      throw new BadUserInputError('BAD_USER_INPUT', { field: 'username' });
    if (!ROLES.includes(role as Role)) throw new BadUserInputError('BAD_USER_INPUT', { field: 'role' });
    if (!strongEnough(password)) throw new BadUserInputError('OPERATOR_PASSWORD_WEAK', { field: 'password' });
    const row: OperatorRow = {
      id: randomUUID(),
      username,
      password_hash: await hashPassword(password),
      role,
      failed_attempts: 0,
      locked_until: null,
      created_at: this.now().toISOString(),
    };
    try {
      await this.deps.db.transaction().execute(async (trx) => {
        await trx.insertInto('operators').values(row).execute();
        await writeAudit(trx, {
          at: row.created_at,
          actor: actor,
          action: 'operator.create',
          subject: `operator:${username}`,
          detail: { before: null, after: { username, role } },
        });
      });
    } catch {
      throw new BadUserInputError('OPERATOR_EXISTS', { field: 'username' });
    }
    return row;
  }

  /**
   * @returns a console token (JWT, `typ: operator`). @throws OPERATOR_SIGN_IN_FAILED (the
   * same for an unknown name and a wrong password) or OPERATOR_LOCKED.
   */
  async signIn(
    username: string,
    password: string,
  ): Promise<{ token: string; expiresAt: string; operator: OperatorRow }> {
    const now = this.now();
    const operator = await this.deps.db
      .selectFrom('operators')
      .selectAll()
      .where('username', '=', String(username ?? ''))
      .executeTakeFirst();
    if (!operator) {
      decoyHash ??= hashPassword('decoy-password-0');
      await verifyPassword(String(password ?? ''), await decoyHash);
      throw new AppError('OPERATOR_SIGN_IN_FAILED');
    }
    const audit = (trx: Transaction<Database>, action: string, detail: Record<string, unknown>) =>
      writeAudit(trx, {
        at: now,
        actor: auditActor.operator(operator.username),
        action,
        subject: `operator:${operator.username}`,
        detail,
      });
    const max = this.deps.config.OPERATOR_MAX_FAILURES;
    // Take an attempt before the password is checked, in one conditional statement: of 50
    // guesses at once exactly OPERATOR_MAX_FAILURES are checked, the rest refused unseen.
    const taken = await this.deps.db
      .updateTable('operators')
      .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
      .where('id', '=', operator.id)
      .where('failed_attempts', '<', max)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now.toISOString())]))
      .returning(['failed_attempts'])
      .executeTakeFirst();
    if (!taken) {
      const current = await this.deps.db
        .selectFrom('operators')
        .select('locked_until')
        .where('id', '=', operator.id)
        .executeTakeFirst();
      const until =
        current?.locked_until && current.locked_until > now.toISOString()
          ? current.locked_until
          : new Date(now.getTime() + this.deps.config.OPERATOR_LOCKOUT_MIN * 60_000).toISOString();
      throw new AppError('OPERATOR_LOCKED', undefined, { until });
    }
    if (!(await verifyPassword(String(password ?? ''), operator.password_hash))) {
      const failures = taken.failed_attempts;
      const lock = failures >= max;
      const until = new Date(now.getTime() + this.deps.config.OPERATOR_LOCKOUT_MIN * 60_000).toISOString();
      await this.deps.db.transaction().execute(async (trx) => {
        // The attempt stays counted; the last one allowed locks the account (and starts a fresh count for after it).
        if (lock)
          await trx
            .updateTable('operators')
            .set({ failed_attempts: 0, locked_until: until })
            .where('id', '=', operator.id)
            .execute();
        await audit(trx, lock ? 'operator.locked' : 'operator.sign-in-failed', {
          failures,
          ...(lock ? { until } : {}),
        });
      });
      if (lock) throw new AppError('OPERATOR_LOCKED', undefined, { until });
      throw new AppError('OPERATOR_SIGN_IN_FAILED');
    }
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('operators')
        .set({ failed_attempts: 0, locked_until: null })
        .where('id', '=', operator.id)
        .execute();
      await audit(trx, 'operator.sign-in', {});
    });
    const expiresAt = new Date(now.getTime() + this.deps.config.OPERATOR_TOKEN_TTL_S * 1000);
    const token = await new SignJWT({ typ: 'operator' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(operator.id)
      .setIssuer('citizen-bff')
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.deps.secret);
    return { token, expiresAt: expiresAt.toISOString(), operator };
  }

  /** The operator behind a console token; null when it is not one (a citizen's token, say) or no longer valid. */
  async authenticate(token: string): Promise<OperatorRow | null> {
    try {
      const { payload } = await verifyWithAny(token, [this.deps.secret, ...(this.deps.oldSecrets ?? [])]);
      if (payload.typ !== 'operator' || typeof payload.sub !== 'string') return null;
      return (
        (await this.deps.db.selectFrom('operators').selectAll().where('id', '=', payload.sub).executeTakeFirst()) ??
        null
      );
    } catch {
      return null;
    }
  }

  /** @throws UNAUTHENTICATED without an operator, OPERATOR_ROLE_REQUIRED below `role`. */
  requireRole(operator: OperatorRow | null, role: Role): OperatorRow {
    if (!operator) throw new AppError('UNAUTHENTICATED', 'Operator sign-in required');
    if (RANK[operator.role as Role] < RANK[role])
      throw new AppError('OPERATOR_ROLE_REQUIRED', undefined, { requiredRole: role, role: operator.role });
    return operator;
  }
}
