import type { Db } from '../../db';
import type { AccountTable, CitizenTable, Database } from '../../db/schema';
import type { Transaction } from 'kysely';

export type AccountRow = AccountTable;
export type CitizenRow = CitizenTable;
type Executor = Db | Transaction<Database>;

/** The identity tables. Every method takes ISO timestamps from the caller's clock. */
export class IdentityStore {
  constructor(readonly db: Db) {}

  /** The account for a platform user, created on first sight. Safe under concurrent first logins. */
  async upsertAccount(platform: string, platformUserId: string, id: string, now: string): Promise<AccountRow> {
    const existing = await this.findAccount(platform, platformUserId);
    if (existing) return existing;
    try {
      await this.db.insertInto('accounts').values({ id, platform, platform_user_id: platformUserId, citizen_id: null, linked_at: null, face_verified_at: null, created_at: now }).execute();
    } catch (error) {
      // Another request created it between our read and write: use theirs.
      const raced = await this.findAccount(platform, platformUserId);
      if (raced) return raced;
      throw error;
    }
    return (await this.findAccount(platform, platformUserId))!;
  }

  findAccount(platform: string, platformUserId: string): Promise<AccountRow | undefined> {
    return this.db.selectFrom('accounts').selectAll().where('platform', '=', platform).where('platform_user_id', '=', platformUserId).executeTakeFirst();
  }

  /** The account behind a live session; undefined when the session was revoked or never existed. */
  accountForSession(accountId: string, sessionId: string): Promise<AccountRow | undefined> {
    return this.db
      .selectFrom('accounts as a')
      .innerJoin('sessions as s', 's.account_id', 'a.id')
      .selectAll('a')
      .where('a.id', '=', accountId)
      .where('s.id', '=', sessionId)
      .where('s.revoked_at', 'is', null)
      .executeTakeFirst();
  }

  /** The account as it is now, whatever its sessions. */
  accountById(accountId: string): Promise<AccountRow | undefined> {
    return this.db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
  }

  citizen(id: string, db: Executor = this.db): Promise<CitizenRow | undefined> {
    return db.selectFrom('citizens').selectAll().where('id', '=', id).executeTakeFirst();
  }

  citizenByIdHash(hash: string, db: Executor = this.db): Promise<CitizenRow | undefined> {
    return db.selectFrom('citizens').selectAll().where('id_number_hash', '=', hash).executeTakeFirst();
  }

  linkedAccounts(citizenId: string): Promise<AccountRow[]> {
    return this.db.selectFrom('accounts').selectAll().where('citizen_id', '=', citizenId).orderBy('linked_at').orderBy('id').execute();
  }

  async createSession(sessionId: string, accountId: string, refreshHash: string, expiresAt: string, now: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('sessions').values({ id: sessionId, account_id: accountId, created_at: now, revoked_at: null, revoked_reason: null }).execute();
      await trx.insertInto('refresh_tokens').values({ token_hash: refreshHash, session_id: sessionId, expires_at: expiresAt, used_at: null, created_at: now }).execute();
    });
  }

  refreshToken(hash: string) {
    return this.db
      .selectFrom('refresh_tokens as r')
      .innerJoin('sessions as s', 's.id', 'r.session_id')
      .select(['r.token_hash', 'r.session_id', 'r.expires_at', 'r.used_at', 's.account_id', 's.revoked_at'])
      .where('r.token_hash', '=', hash)
      .executeTakeFirst();
  }

  /**
   * Marks a refresh token used and stores its successor, in one transaction. Returns
   * false when the token had already been used (by a concurrent refresh too).
   */
  async rotateRefreshToken(oldHash: string, sessionId: string, newHash: string, expiresAt: string, now: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const marked = await trx.updateTable('refresh_tokens').set({ used_at: now }).where('token_hash', '=', oldHash).where('used_at', 'is', null).executeTakeFirst();
      if (Number(marked.numUpdatedRows) !== 1) return false;
      await trx.insertInto('refresh_tokens').values({ token_hash: newHash, session_id: sessionId, expires_at: expiresAt, used_at: null, created_at: now }).execute();
      return true;
    });
  }

  async revokeSession(sessionId: string, reason: string, now: string): Promise<void> {
    await this.db.updateTable('sessions').set({ revoked_at: now, revoked_reason: reason }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
  }

  async realNameFailures(accountId: string, day: string): Promise<number> {
    const row = await this.db.selectFrom('realname_failures').select('failures').where('account_id', '=', accountId).where('day', '=', day).executeTakeFirst();
    return row?.failures ?? 0;
  }

  /** Adds one failure for the day and returns the new count (atomic upsert on both databases). */
  async addRealNameFailure(accountId: string, day: string): Promise<number> {
    await this.db
      .insertInto('realname_failures')
      .values({ account_id: accountId, day, failures: 1 })
      .onConflict((oc) => oc.columns(['account_id', 'day']).doUpdateSet((eb) => ({ failures: eb('realname_failures.failures', '+', 1) })))
      .execute();
    return this.realNameFailures(accountId, day);
  }

  /**
   * Joins an account to the citizen with this ID hash, creating the citizen first if
   * this is the first platform they verify on. One transaction; a concurrent creation
   * of the same citizen (unique hash) is retried as a join.
   */
  async linkCitizen(accountId: string, citizen: Omit<CitizenRow, 'phone_hash' | 'phone_enc'>, now: string): Promise<string> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        return await this.db.transaction().execute(async (trx) => {
          const existing = await this.citizenByIdHash(citizen.id_number_hash, trx);
          const citizenId = existing?.id ?? citizen.id;
          if (!existing) await trx.insertInto('citizens').values({ ...citizen, phone_hash: null, phone_enc: null }).execute();
          await trx.updateTable('accounts').set({ citizen_id: citizenId, linked_at: now }).where('id', '=', accountId).where('citizen_id', 'is', null).execute();
          return citizenId;
        });
      } catch (error) {
        if (attempt === 1) throw error;
      }
    }
    throw new Error('unreachable');
  }

  phoneCode(accountId: string) {
    return this.db.selectFrom('phone_codes').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  }

  async savePhoneCode(row: { account_id: string; phone_hash: string; code_hash: string; sent_at: string; expires_at: string }): Promise<void> {
    await this.db
      .insertInto('phone_codes')
      .values({ ...row, tries: 0 })
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ phone_hash: row.phone_hash, code_hash: row.code_hash, sent_at: row.sent_at, expires_at: row.expires_at, tries: 0 }))
      .execute();
  }

  async deletePhoneCode(accountId: string): Promise<void> {
    await this.db.deleteFrom('phone_codes').where('account_id', '=', accountId).execute();
  }

  /** Counts a wrong try and returns how many there have been. */
  async addPhoneCodeTry(accountId: string): Promise<number> {
    await this.db.updateTable('phone_codes').set((eb) => ({ tries: eb('tries', '+', 1) })).where('account_id', '=', accountId).execute();
    return (await this.phoneCode(accountId))?.tries ?? 0;
  }

  /** Sets the citizen's phone and spends the code, together. */
  async bindPhone(accountId: string, citizenId: string, phoneHash: string, phoneEnc: string, now: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('citizens').set({ phone_hash: phoneHash, phone_enc: phoneEnc, updated_at: now }).where('id', '=', citizenId).execute();
      await trx.deleteFrom('phone_codes').where('account_id', '=', accountId).execute();
    });
  }

  async saveFaceSession(id: string, accountId: string, platform: string, now: string): Promise<void> {
    await this.db.insertInto('face_sessions').values({ id, account_id: accountId, platform, created_at: now, outcome: null }).execute();
  }

  faceSession(id: string, accountId: string) {
    return this.db.selectFrom('face_sessions').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
  }

  /** Records a final face outcome; a pass raises the account to level 3 in the same transaction. */
  async finishFaceSession(id: string, accountId: string, outcome: string, now: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('face_sessions').set({ outcome }).where('id', '=', id).execute();
      if (outcome === 'pass') await trx.updateTable('accounts').set({ face_verified_at: now }).where('id', '=', accountId).execute();
    });
  }

  /**
   * Removes a person: the citizen row and every platform account joined to it (their
   * sessions, tokens, codes and face sessions go with them), and writes an audit
   * record that names no one. Without a citizen, only the account goes.
   */
  async deletePerson(account: AccountRow, audit: { at: string; detail: Record<string, unknown> }): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (account.citizen_id) {
        await trx.deleteFrom('accounts').where('citizen_id', '=', account.citizen_id).execute();
        await trx.deleteFrom('citizens').where('id', '=', account.citizen_id).execute();
      } else {
        await trx.deleteFrom('accounts').where('id', '=', account.id).execute();
      }
      await trx.insertInto('audit_log').values({ at: audit.at, actor: 'citizen (anonymised)', action: 'person.delete', subject: 'anonymised', detail: JSON.stringify(audit.detail) }).execute();
    });
  }
}
