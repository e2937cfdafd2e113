import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../../db';
import { compiledOnce } from '../../db/compiledOnce';
import type { Database } from '../../db/schema';
import type { PersonalDataVault } from './vault';

/** Who a citizen is, decrypted for the one request or job that needs it. */
export interface CitizenPerson {
  id: string;
  idNumber: string;
  name: string;
  /** The ID number's blind index: what other tables (an authorisation's grantee) match on. */
  idNumberHash: string;
}

/** A platform account linked to a citizen (the identifiers a subscription message goes to). */
export interface PlatformAccount {
  id: string;
  platform: string;
  platformUserId: string;
}

type Executor = Kysely<Database> | Transaction<Database>;

// The reads behind every citizen read (prefill, licences, the dashboard): compiled once (db/compiledOnce.ts).
const personRow = compiledOnce((db: Kysely<Database>, v: { citizenId: string }) =>
  db
    .selectFrom('citizens')
    .select(['id', 'id_number_enc', 'name_enc', 'id_number_hash', 'phone_enc'])
    .where('id', '=', v.citizenId),
);
const idNumberRow = compiledOnce((db: Kysely<Database>, v: { citizenId: string }) =>
  db.selectFrom('citizens').select('id_number_enc').where('id', '=', v.citizenId),
);

/**
 * What other modules may know of a citizen: the identity module's facade. The
 * citizens and accounts tables, their encrypted columns and blind indexes belong to
 * identity; a feature asks here for the one fact it needs (an ID number to key an
 * agency's records by, a name for a slip, a phone to text) and gets it decrypted,
 * instead of reading the table and holding the vault itself. Each method decrypts only
 * what it returns. `executor` lets a caller read inside its own transaction.
 */
export class CitizenDirectory {
  constructor(private readonly deps: { db: Db; vault: PersonalDataVault }) {}

  /** ID number and name. @throws when there is no such citizen (a session's citizen always exists). */
  async person(citizenId: string): Promise<CitizenPerson> {
    const person = await this.find(citizenId);
    if (!person) throw new Error(`no citizen ${citizenId}`);
    return person;
  }

  /** ID number and name, or null when the citizen is gone (deleted since a job was queued). */
  async find(citizenId: string): Promise<CitizenPerson | null> {
    const [row] = await personRow(this.deps.db, { citizenId });
    return row
      ? {
          id: row.id,
          idNumber: this.deps.vault.decrypt(row.id_number_enc),
          name: this.deps.vault.decrypt(row.name_enc),
          idNumberHash: row.id_number_hash,
        }
      : null;
  }

  /** ID number, name and phone (null when none was given): what fills an application's applicant fields. @throws when there is no such citizen. */
  async personWithPhone(citizenId: string): Promise<CitizenPerson & { phone: string | null }> {
    const [row] = await personRow(this.deps.db, { citizenId });
    if (!row) throw new Error(`no citizen ${citizenId}`);
    return {
      id: row.id,
      idNumber: this.deps.vault.decrypt(row.id_number_enc),
      name: this.deps.vault.decrypt(row.name_enc),
      idNumberHash: row.id_number_hash,
      phone: row.phone_enc ? this.deps.vault.decrypt(row.phone_enc) : null,
    };
  }

  /** The ID number the agencies key their records by. @throws when there is no such citizen. */
  async idNumberOf(citizenId: string): Promise<string> {
    const [row] = await idNumberRow(this.deps.db, { citizenId });
    if (!row) throw new Error(`no citizen ${citizenId}`);
    return this.deps.vault.decrypt(row.id_number_enc);
  }

  /** The name (a payment slip's payer). @throws when there is no such citizen. */
  async nameOf(citizenId: string): Promise<string> {
    const row = await this.deps.db
      .selectFrom('citizens')
      .select('name_enc')
      .where('id', '=', citizenId)
      .executeTakeFirstOrThrow();
    return this.deps.vault.decrypt(row.name_enc);
  }

  /** The verified phone, or null when the citizen gave none (or is gone). */
  async phoneOf(citizenId: string, executor: Executor = this.deps.db): Promise<string | null> {
    const row = await executor
      .selectFrom('citizens')
      .select('phone_enc')
      .where('id', '=', citizenId)
      .executeTakeFirst();
    return row?.phone_enc ? this.deps.vault.decrypt(row.phone_enc) : null;
  }

  /** Whether a text can reach the citizen, without decrypting the number. */
  async hasPhone(citizenId: string, executor: Executor = this.deps.db): Promise<boolean> {
    const row = await executor
      .selectFrom('citizens')
      .select('phone_enc')
      .where('id', '=', citizenId)
      .executeTakeFirst();
    return !!row?.phone_enc;
  }

  /** The citizen with this ID number (by its blind index), if they ever signed in or were linked here. */
  async idOf(idNumber: string): Promise<string | null> {
    return this.idOfHash(this.deps.vault.hash('id', idNumber));
  }

  /** The same, by an ID number's blind index a feature already keeps (an authorisation's grantee). */
  async idOfHash(idNumberHash: string): Promise<string | null> {
    return (
      (
        await this.deps.db
          .selectFrom('citizens')
          .select('id')
          .where('id_number_hash', '=', idNumberHash)
          .executeTakeFirst()
      )?.id ?? null
    );
  }

  /** The platform accounts linked to the citizen. */
  async accountsOf(citizenId: string, executor: Executor = this.deps.db): Promise<PlatformAccount[]> {
    const rows = await executor
      .selectFrom('accounts')
      .select(['id', 'platform', 'platform_user_id'])
      .where('citizen_id', '=', citizenId)
      .execute();
    return rows.map((r) => ({ id: r.id, platform: r.platform, platformUserId: r.platform_user_id }));
  }

  /**
   * Every citizen's ID number, a page at a time in id order (a daily job that asks an
   * agency about everyone). Pages are read as the caller goes, so a long walk holds no
   * transaction and sees citizens who signed up meanwhile.
   */
  async *idNumbersByPage(pageSize: number): AsyncGenerator<Array<{ id: string; idNumber: string }>> {
    let after = '';
    for (;;) {
      const page = await this.deps.db
        .selectFrom('citizens')
        .select(['id', 'id_number_enc'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(pageSize)
        .execute();
      if (page.length === 0) return;
      after = page[page.length - 1]!.id;
      yield page.map((c) => ({ id: c.id, idNumber: this.deps.vault.decrypt(c.id_number_enc) }));
      if (page.length < pageSize) return;
    }
  }
}
