import type { Db } from '../../db';
import type { AccountTable, CitizenTable, Database } from '../../db/schema';
import type { Transaction } from 'kysely';
import { auditActor, writeAudit, type AuditActor } from '../audit/writer';

export type AccountRow = AccountTable;
export type CitizenRow = CitizenTable;
type Executor = Db | Transaction<Database>;

/** Whom deleteMyAccount removes: the citizen (null for an unverified account) and every account of theirs. */
export interface PersonToForget {
  citizen: CitizenRow | null;
  accountIds: string[];
  platformUserIds: string[];
}

/** Removes the person's rows owned by other modules, in the deletion's transaction. @returns counts for the anonymous audit record. */
export type PersonForgetter = (trx: Transaction<Database>, person: PersonToForget) => Promise<Record<string, number>>;

/** The identity tables. Every method takes ISO timestamps from the caller's clock. */
export class IdentityStore {
  constructor(readonly db: Db) {}

  /** The account for a platform user, created on first sight. Safe under concurrent first logins. */
  async upsertAccount(platform: string, platformUserId: string, id: string, now: string): Promise<AccountRow> {
    const existing = await this.findAccount(platform, platformUserId);
    if (existing) return existing;
    try {
      await this.db
        .insertInto('accounts')
        .values({
          id,
          platform,
          platform_user_id: platformUserId,
          citizen_id: null,
          linked_at: null,
          face_verified_at: null,
          created_at: now,
        })
        .execute();
    } catch (error) {
      // Another request created it between our read and write: use theirs.
      const raced = await this.findAccount(platform, platformUserId);
      if (raced) return raced;
      throw error;
    }
    return (await this.findAccount(platform, platformUserId))!;
  }

  findAccount(platform: string, platformUserId: string): Promise<AccountRow | undefined> {
    return this.db
      .selectFrom('accounts')
      .selectAll()
      .where('platform', '=', platform)
      .where('platform_user_id', '=', platformUserId)
      .executeTakeFirst();
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
    return this.db
      .selectFrom('accounts')
      .selectAll()
      .where('citizen_id', '=', citizenId)
      .orderBy('linked_at')
      .orderBy('id')
      .execute();
  }

  async createSession(
    sessionId: string,
    accountId: string,
    refreshHash: string,
    expiresAt: string,
    now: string,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('sessions')
        .values({ id: sessionId, account_id: accountId, created_at: now, revoked_at: null, revoked_reason: null })
        .execute();
      await trx
        .insertInto('refresh_tokens')
        .values({
          token_hash: refreshHash,
          session_id: sessionId,
          expires_at: expiresAt,
          used_at: null,
          created_at: now,
        })
        .execute();
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
  async rotateRefreshToken(
    oldHash: string,
    sessionId: string,
    newHash: string,
    expiresAt: string,
    now: string,
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const marked = await trx
        .updateTable('refresh_tokens')
        .set({ used_at: now })
        .where('token_hash', '=', oldHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) !== 1) return false;
      await trx
        .insertInto('refresh_tokens')
        .values({ token_hash: newHash, session_id: sessionId, expires_at: expiresAt, used_at: null, created_at: now })
        .execute();
      return true;
    });
  }

  async revokeSession(sessionId: string, reason: string, now: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ revoked_at: now, revoked_reason: reason })
      .where('id', '=', sessionId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /**
   * Joins an account to the citizen with this ID hash — but only when that citizen is
   * new, or has no account left. A citizen who already has accounts is someone else's
   * until this account proves possession: then a link request is kept instead and
   * `{ pending }` returned. One transaction; a concurrent creation of the same citizen
   * (unique hash) is retried, and then finds the citizen and asks for proof too.
   */
  async linkOrRequireProof(
    accountId: string,
    citizen: Omit<CitizenRow, 'phone_hash' | 'phone_enc'>,
    now: string,
  ): Promise<{ linked: string } | { pending: CitizenRow }> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        return await this.db.transaction().execute(async (trx) => {
          const existing = await this.citizenByIdHash(citizen.id_number_hash, trx);
          if (existing) {
            const accounts = await trx
              .selectFrom('accounts')
              .select('id')
              .where('citizen_id', '=', existing.id)
              .where('id', '!=', accountId)
              .limit(1)
              .execute();
            if (accounts.length > 0) {
              await trx.deleteFrom('link_requests').where('account_id', '=', accountId).execute();
              await trx
                .insertInto('link_requests')
                .values({
                  account_id: accountId,
                  citizen_id: existing.id,
                  created_at: now,
                  code_hash: null,
                  code_sent_at: null,
                  code_expires_at: null,
                  code_tries: 0,
                })
                .execute();
              return { pending: existing };
            }
          } else {
            await trx
              .insertInto('citizens')
              .values({ ...citizen, phone_hash: null, phone_enc: null })
              .execute();
          }
          const citizenId = existing?.id ?? citizen.id;
          await trx
            .updateTable('accounts')
            .set({ citizen_id: citizenId, linked_at: now })
            .where('id', '=', accountId)
            .where('citizen_id', 'is', null)
            .execute();
          return { linked: citizenId };
        });
      } catch (error) {
        if (attempt === 1) throw error;
      }
    }
    throw new Error('unreachable');
  }

  linkRequest(accountId: string, db: Executor = this.db) {
    return db.selectFrom('link_requests').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  }

  /**
   * Keeps a new link code unless one was sent less than `resendSeconds` ago: one
   * conditional statement, so two taps at once send one code. @returns false when too soon.
   */
  async saveLinkCode(
    accountId: string,
    codeHash: string,
    now: Date,
    ttlSeconds: number,
    resendSeconds: number,
  ): Promise<boolean> {
    const cutoff = new Date(now.getTime() - resendSeconds * 1000).toISOString();
    const updated = await this.db
      .updateTable('link_requests')
      .set({
        code_hash: codeHash,
        code_sent_at: now.toISOString(),
        code_expires_at: new Date(now.getTime() + ttlSeconds * 1000).toISOString(),
        code_tries: 0,
      })
      .where('account_id', '=', accountId)
      .where((eb) => eb.or([eb('code_sent_at', 'is', null), eb('code_sent_at', '<=', cutoff)]))
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }

  async clearLinkCode(accountId: string): Promise<void> {
    await this.db
      .updateTable('link_requests')
      .set({ code_hash: null, code_sent_at: null, code_expires_at: null })
      .where('account_id', '=', accountId)
      .execute();
  }

  /** Takes one try at the link code, atomically. @returns the request as it is after the try, or null when no try is left. */
  takeLinkCodeTry(accountId: string, maxTries: number) {
    return this.db
      .updateTable('link_requests')
      .set((eb) => ({ code_tries: eb('code_tries', '+', 1) }))
      .where('account_id', '=', accountId)
      .where('code_hash', 'is not', null)
      .where('code_tries', '<', maxTries)
      .returning(['citizen_id', 'code_hash', 'code_expires_at', 'code_tries'])
      .executeTakeFirst();
  }

  /**
   * Completes a pending link in the caller's transaction: the account joins the
   * citizen (only if still unlinked and still asking for that citizen). @returns false otherwise.
   */
  async completeLink(
    trx: Transaction<Database>,
    accountId: string,
    citizenId: string,
    now: string,
    faceVerifiedAt: string | null,
  ): Promise<boolean> {
    const removed = await trx
      .deleteFrom('link_requests')
      .where('account_id', '=', accountId)
      .where('citizen_id', '=', citizenId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) !== 1) return false;
    const linked = await trx
      .updateTable('accounts')
      .set({ citizen_id: citizenId, linked_at: now, ...(faceVerifiedAt ? { face_verified_at: faceVerifiedAt } : {}) })
      .where('id', '=', accountId)
      .where('citizen_id', 'is', null)
      .executeTakeFirst();
    return Number(linked.numUpdatedRows) === 1;
  }

  /**
   * Separates another platform account from the citizen: it drops to level 1, its face
   * pass and sessions end. @returns false when that account is not the citizen's.
   */
  async unlinkAccount(
    citizenId: string,
    accountId: string,
    now: string,
    audit: { actor: AuditActor },
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const unlinked = await trx
        .updateTable('accounts')
        .set({ citizen_id: null, linked_at: null, face_verified_at: null })
        .where('id', '=', accountId)
        .where('citizen_id', '=', citizenId)
        .executeTakeFirst();
      if (Number(unlinked.numUpdatedRows) !== 1) return false;
      await trx
        .updateTable('sessions')
        .set({ revoked_at: now, revoked_reason: 'unlinked' })
        .where('account_id', '=', accountId)
        .where('revoked_at', 'is', null)
        .execute();
      await writeAudit(trx, {
        at: now,
        actor: audit.actor,
        action: 'account.unlink',
        subject: `account:${accountId}`,
        detail: {},
      });
      return true;
    });
  }

  phoneCode(accountId: string) {
    return this.db.selectFrom('phone_codes').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  }

  /**
   * Keeps a new code unless one was sent less than `resendSeconds` ago, in one
   * conditional upsert: two taps at once send one code. @returns false when too soon.
   */
  async savePhoneCode(
    row: { account_id: string; phone_hash: string; code_hash: string; sent_at: string; expires_at: string },
    resendSeconds: number,
  ): Promise<boolean> {
    const cutoff = new Date(Date.parse(row.sent_at) - resendSeconds * 1000).toISOString();
    const saved = await this.db
      .insertInto('phone_codes')
      .values({ ...row, tries: 0 })
      .onConflict((oc) =>
        oc
          .column('account_id')
          .doUpdateSet({
            phone_hash: row.phone_hash,
            code_hash: row.code_hash,
            sent_at: row.sent_at,
            expires_at: row.expires_at,
            tries: 0,
          })
          .where('phone_codes.sent_at', '<=', cutoff),
      )
      .returning('account_id')
      .executeTakeFirst();
    return saved !== undefined;
  }

  async deletePhoneCode(accountId: string): Promise<void> {
    await this.db.deleteFrom('phone_codes').where('account_id', '=', accountId).execute();
  }

  /**
   * Takes one try at the code before it is compared, atomically: 50 guesses at once get
   * exactly `maxTries` comparisons. @returns the stored code after the try, or null when no try is left.
   */
  takePhoneCodeTry(accountId: string, maxTries: number) {
    return this.db
      .updateTable('phone_codes')
      .set((eb) => ({ tries: eb('tries', '+', 1) }))
      .where('account_id', '=', accountId)
      .where('tries', '<', maxTries)
      .returning(['phone_hash', 'code_hash', 'expires_at', 'tries'])
      .executeTakeFirst();
  }

  /** Sets the citizen's phone and spends the code, together. */
  async bindPhone(
    accountId: string,
    citizenId: string,
    phoneHash: string,
    phoneEnc: string,
    now: string,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('citizens')
        .set({ phone_hash: phoneHash, phone_enc: phoneEnc, updated_at: now })
        .where('id', '=', citizenId)
        .execute();
      await trx.deleteFrom('phone_codes').where('account_id', '=', accountId).execute();
    });
  }

  async saveFaceSession(
    id: string,
    accountId: string,
    platform: string,
    citizenId: string,
    now: string,
  ): Promise<void> {
    await this.db
      .insertInto('face_sessions')
      .values({ id, account_id: accountId, platform, citizen_id: citizenId, created_at: now, outcome: null })
      .execute();
  }

  faceSession(id: string, accountId: string) {
    return this.db
      .selectFrom('face_sessions')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
  }

  /**
   * Records a final face outcome; a pass raises a linked account to level 3 in the same
   * transaction (only for the citizen the verification was started for). `then` runs in
   * that transaction too (completing a pending link).
   */
  async finishFaceSession(
    id: string,
    accountId: string,
    outcome: string,
    now: string,
    then?: (trx: Transaction<Database>) => Promise<void>,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const first = await trx
        .updateTable('face_sessions')
        .set({ outcome })
        .where('id', '=', id)
        .where('outcome', 'is', null)
        .executeTakeFirst();
      if (Number(first.numUpdatedRows) !== 1) return; // another request recorded it already
      if (outcome !== 'pass') return;
      const session = await trx
        .selectFrom('face_sessions')
        .select('citizen_id')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('accounts')
        .set({ face_verified_at: now })
        .where('id', '=', accountId)
        .where('citizen_id', '=', session.citizen_id)
        .execute();
      await then?.(trx);
    });
  }

  /**
   * Removes a person, in one transaction: `forget` first (every other module's rows of
   * the person, and the withdrawals that must leave through the outbox), then identity's
   * own traces (attempt counters, codes, face sessions, pending links naming them), every
   * platform account joined to the citizen (sessions and tokens go with them) and the
   * citizen row, and last an audit record that names no one. Without a citizen, only the
   * account goes. `forget` answers counts for that record.
   */
  async deletePerson(
    account: AccountRow,
    audit: { at: string; detail: Record<string, unknown> },
    forget?: PersonForgetter,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const citizen = account.citizen_id ? await this.citizen(account.citizen_id, trx) : undefined;
      const accounts = citizen
        ? await trx
            .selectFrom('accounts')
            .select(['id', 'platform_user_id'])
            .where('citizen_id', '=', citizen.id)
            .execute()
        : [{ id: account.id, platform_user_id: account.platform_user_id }];
      const person: PersonToForget = {
        citizen: citizen ?? null,
        accountIds: accounts.map((a) => a.id),
        platformUserIds: accounts.map((a) => a.platform_user_id),
      };
      const forgotten = forget ? await forget(trx, person) : {};
      await this.forgetTraces(trx, person);
      if (citizen) {
        await trx.deleteFrom('accounts').where('citizen_id', '=', citizen.id).execute();
        await trx.deleteFrom('citizens').where('id', '=', citizen.id).execute();
      } else {
        await trx.deleteFrom('accounts').where('id', '=', account.id).execute();
      }
      await writeAudit(trx, {
        at: audit.at,
        actor: auditActor.anonymisedCitizen,
        action: 'person.delete',
        subject: 'anonymised',
        detail: { ...audit.detail, ...forgotten },
      });
    });
  }

  /**
   * Identity's rows that name the person without hanging off their accounts: attempt
   * counters (scopes end in an account id or the ID-number hash), SMS codes another
   * account asked for their phone, face sessions and link requests started for them.
   */
  private async forgetTraces(trx: Transaction<Database>, person: PersonToForget): Promise<void> {
    const keys = [
      ...person.accountIds,
      ...(person.citizen ? [person.citizen.id, person.citizen.id_number_hash, person.citizen.phone_hash ?? ''] : []),
    ].filter(Boolean);
    for (const key of keys) await trx.deleteFrom('attempt_counters').where('scope', 'like', `%${key}%`).execute();
    if (!person.citizen) return;
    if (person.citizen.phone_hash)
      await trx.deleteFrom('phone_codes').where('phone_hash', '=', person.citizen.phone_hash).execute();
    await trx.deleteFrom('face_sessions').where('citizen_id', '=', person.citizen.id).execute();
    await trx.deleteFrom('link_requests').where('citizen_id', '=', person.citizen.id).execute();
  }
}
