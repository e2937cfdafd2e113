import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { maskName, validateIdNumber } from '@citizen/shared';
import type { Db } from '../../db';
import type { AuthorisationTable, Database } from '../../db/schema';
import { AppError, BadUserInputError } from '../../errors';
import { chinaCalendar } from '../../time/chinaTime';
import { FaceStaleError } from '../identity/errors';
import type { IdentityService } from '../identity/service';
import type { AccountRow } from '../identity/store';
import type { PersonalDataVault } from '../identity/vault';
import type { Messages } from '../messages/service';
import type { Deadline } from '../../upstream/deadline';
import { auditActor, writeAudit } from '../audit/writer';
import type { CitizenDirectory } from '../identity/citizens';

/** Minutes a grantor's face pass stays fresh for granting: giving someone else power over one's affairs is the most sensitive act there is. */
export const GRANT_FACE_FRESH_MIN = 5;
/** Live (pending or active, not expired) authorisations one grantor may hold at once, as 粤省事 allows eight family members. */
export const MAX_LIVE_AUTHORISATIONS = 8;
/** Scopes one authorisation may name. */
const MAX_SCOPES = 20;

/** What the grantee is to the grantor, and so what the grantor is to the grantee. */
const INVERSE: Record<string, string> = {
  PARENT: 'CHILD',
  CHILD: 'PARENT',
  SPOUSE: 'SPOUSE',
  GUARDIAN: 'WARD',
  WARD: 'GUARDIAN',
  NAMED: 'NAMED',
};

/** Who gets the authorisation: a relation from the register (its ref from myFamily) or an adult named by ID number and name. */
export interface GranteeInput {
  ref?: string | null;
  idNumber?: string | null;
  name?: string | null;
}

interface RegisterRelationLike {
  relation: string;
  idNumber: string;
  name: string;
}

export interface AuthorisationsDeps {
  db: Db;
  vault: PersonalDataVault;
  citizens: CitizenDirectory;
  identity: IdentityService;
  messages: Messages;
  /** Whether a service may be applied for, and its category (the applications module's published definitions). */
  serviceCategory: (serviceId: string) => Promise<string | null>;
  categoryExists: (categoryId: string) => Promise<boolean>;
  /** The register's relations of a citizen (population register, live), within the request's deadline. */
  relationsOf: (citizenId: string, deadline: Deadline | null) => Promise<RegisterRelationLike[]>;
  now: () => Date;
}

/** The first China day after `day`. */
export function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * Authorisations between adults (issue 17): a grantor lets another adult act for them
 * within scopes (a service, a category, the wallet's masked view, appointments) until a
 * China date at most a year ahead. Granting needs the grantor's fresh face pass (the
 * server's record of it, never the client's word) and is never a helper's: a session
 * acting for someone cannot grant (ACTING_RULES: NEVER), so nobody passes on what they
 * were given. Either side revokes at once; a session acting on a revoked one ends on its
 * next request (Family.forSession reads the row every time).
 */
export class Authorisations {
  constructor(private readonly deps: AuthorisationsDeps) {}

  private today(): string {
    return chinaCalendar(this.deps.now()).day;
  }

  private async citizen(citizenId: string): Promise<{ id: string; idNumber: string; name: string; idHash: string }> {
    const person = await this.deps.citizens.person(citizenId);
    return { id: person.id, idNumber: person.idNumber, name: person.name, idHash: person.idNumberHash };
  }

  /** @throws AUTHORISATION_SCOPES_EMPTY, AUTHORISATION_SCOPE_UNKNOWN (with the scope). */
  private async checkScopes(input: readonly string[]): Promise<string[]> {
    const scopes = [...new Set((input ?? []).map((s) => String(s).trim()).filter(Boolean))];
    if (scopes.length === 0) throw new BadUserInputError('AUTHORISATION_SCOPES_EMPTY', { field: 'scopes' });
    if (scopes.length > MAX_SCOPES)
      throw new BadUserInputError('AUTHORISATION_SCOPE_UNKNOWN', { field: 'scopes', max: MAX_SCOPES });
    for (const scope of scopes) {
      const [kind, id] = scope.includes(':')
        ? [scope.slice(0, scope.indexOf(':')), scope.slice(scope.indexOf(':') + 1)]
        : [scope, ''];
      const known =
        scope === 'wallet' ||
        scope === 'appointments' ||
        (kind === 'service' && id.length > 0 && (await this.deps.serviceCategory(id)) !== null) ||
        (kind === 'category' && id.length > 0 && (await this.deps.categoryExists(id)));
      if (!known) throw new BadUserInputError('AUTHORISATION_SCOPE_UNKNOWN', { field: 'scopes', scope });
    }
    return scopes;
  }

  /** @returns the date, checked. @throws BAD_USER_INPUT (not a date), AUTHORISATION_UNTIL_PAST, AUTHORISATION_UNTIL_TOO_FAR. */
  private checkUntil(until: string): string {
    const value = String(until ?? '');
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
    if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value)
      throw new BadUserInputError('BAD_USER_INPUT', { field: 'until' });
    const today = this.today();
    if (value < today) throw new BadUserInputError('AUTHORISATION_UNTIL_PAST', { field: 'until', today });
    // One year: through the same day next year (a 29 February start runs to 1 March).
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    const latest = new Date(Date.UTC(y + 1, m - 1, d)).toISOString().slice(0, 10);
    if (value > latest) throw new BadUserInputError('AUTHORISATION_UNTIL_TOO_FAR', { field: 'until', latest });
    return value;
  }

  /**
   * Who the authorisation is for.
   * @throws AUTHORISATION_GRANTEE_INVALID (no such relation, a bad ID number or name), AUTHORISATION_SELF, AUTHORISATION_GRANTEE_MINOR.
   */
  private async grantee(
    grantor: { id: string; idNumber: string },
    to: GranteeInput,
    deadline: Deadline | null,
  ): Promise<{ idNumber: string; name: string; relation: string }> {
    let found: { idNumber: string; name: string; relation: string };
    if (to?.ref) {
      let idNumber: string;
      try {
        idNumber = this.deps.vault.decrypt(String(to.ref));
      } catch {
        throw new BadUserInputError('AUTHORISATION_GRANTEE_INVALID', { field: 'to.ref' });
      }
      const relation = (await this.deps.relationsOf(grantor.id, deadline)).find((r) => r.idNumber === idNumber);
      if (!relation) throw new BadUserInputError('AUTHORISATION_GRANTEE_INVALID', { field: 'to.ref' });
      found = { idNumber, name: relation.name, relation: relation.relation };
    } else {
      const checked = validateIdNumber(String(to?.idNumber ?? ''), this.deps.now());
      if (!checked.ok)
        throw new BadUserInputError('AUTHORISATION_GRANTEE_INVALID', {
          field: 'to.idNumber',
          problem: checked.problem,
        });
      const name = String(to?.name ?? '').trim();
      if (!/^[\u3400-\u9fff·•A-Za-z\s]{2,30}$/.test(name))
        throw new BadUserInputError('AUTHORISATION_GRANTEE_INVALID', { field: 'to.name' });
      found = { idNumber: checked.facts.value, name, relation: 'NAMED' };
    }
    if (found.idNumber === grantor.idNumber) throw new BadUserInputError('AUTHORISATION_SELF', { field: 'to' });
    const birth = `${found.idNumber.slice(6, 10)}-${found.idNumber.slice(10, 12)}-${found.idNumber.slice(12, 14)}`;
    const today = this.today();
    const age = Number(today.slice(0, 4)) - Number(birth.slice(0, 4)) - (today.slice(5) < birth.slice(5) ? 1 : 0);
    if (age < 18) throw new BadUserInputError('AUTHORISATION_GRANTEE_MINOR', { field: 'to' });
    return found;
  }

  /** The grantor's own face pass, as the server recorded it, no older than GRANT_FACE_FRESH_MIN. @throws ASSURANCE_LEVEL_TOO_LOW (never passed), FACE_STALE. */
  private requireFreshFace(account: AccountRow): void {
    this.deps.identity.requireLevel(account, 3);
    if (Date.parse(account.face_verified_at!) < this.deps.now().getTime() - GRANT_FACE_FRESH_MIN * 60_000)
      throw new FaceStaleError(GRANT_FACE_FRESH_MIN);
  }

  /**
   * Grants `to` the right to act for the signed-in citizen within `scopes` through `until`.
   * A relation from the register holds it at once: the register, not what was typed, says
   * who they are, so a slip of the finger cannot hand it to a stranger. A person named by
   * ID number and name holds it only once they accept, signed in as that very person
   * (their verified ID number and name), which is the proof the grantor meant them.
   * @throws the input's codes (see checkScopes, checkUntil, grantee), ASSURANCE_LEVEL_TOO_LOW / FACE_STALE,
   * AUTHORISATION_LIMIT past MAX_LIVE_AUTHORISATIONS.
   */
  async grant(
    account: AccountRow,
    to: GranteeInput,
    scopesInput: readonly string[],
    untilInput: string,
    deadline: Deadline | null,
  ) {
    this.deps.identity.requireLevel(account, 2);
    // Step 1: what was asked, checked before the face is (a typo should not cost a face pass).
    const scopes = await this.checkScopes(scopesInput);
    const until = this.checkUntil(untilInput);
    const grantor = await this.citizen(account.citizen_id!);
    const grantee = await this.grantee(grantor, to, deadline);
    // Step 2: the grantor's fresh face pass.
    this.requireFreshFace(account);
    // Step 3: a relation's citizen exists before the transaction (SQLite has one connection).
    const active = grantee.relation !== 'NAMED';
    const granteeCitizenId = active ? await this.deps.identity.citizenOfPerson(grantee.idNumber, grantee.name) : null;
    const granteeHash = this.deps.vault.hash('id', grantee.idNumber);
    // A named person already known here hears of it now; one who never signed in sees it when they do.
    const notify = granteeCitizenId ?? (await this.knownCitizen(granteeHash));
    const id = randomUUID();
    const now = this.deps.now().toISOString();
    const today = this.today();
    // Step 4: the grantor's lock row first, then count and insert: one grantor's grants run one at a time.
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('authorisation_grantor_locks')
        .values({ grantor_citizen_id: grantor.id, touched_at: now })
        .onConflict((oc) => oc.column('grantor_citizen_id').doUpdateSet({ touched_at: now }))
        .execute();
      const live = await trx
        .selectFrom('authorisations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('grantor_citizen_id', '=', grantor.id)
        .where('status', 'in', ['PENDING', 'ACTIVE'])
        .where('until', '>=', today)
        .executeTakeFirst();
      if (Number(live?.n ?? 0) >= MAX_LIVE_AUTHORISATIONS)
        throw new AppError('AUTHORISATION_LIMIT', undefined, { max: MAX_LIVE_AUTHORISATIONS });
      await trx
        .insertInto('authorisations')
        .values({
          id,
          grantor_citizen_id: grantor.id,
          grantee_id_hash: granteeHash,
          grantee_id_number_enc: this.deps.vault.encrypt(grantee.idNumber),
          grantee_name_enc: this.deps.vault.encrypt(grantee.name),
          grantee_citizen_id: granteeCitizenId,
          grantee_relation: grantee.relation,
          scopes: JSON.stringify(scopes),
          until,
          status: active ? 'ACTIVE' : 'PENDING',
          created_at: now,
          accepted_at: active ? now : null,
          revoked_at: null,
          revoked_by: null,
        })
        .execute();
      await this.audit(
        trx,
        grantor.id,
        'authorisation.grant',
        granteeCitizenId ? `citizen:${granteeCitizenId}` : `authorisation:${id}`,
        { authorisationId: id, scopes, until, relation: grantee.relation },
      );
      if (notify) {
        await this.message(
          trx,
          notify,
          id,
          'granted',
          active
            ? {
                zh: `${maskName(grantor.name)}授权您代为办理`,
                en: `${maskName(grantor.name)} authorised you to act for them`,
                bodyZh: `授权至${until}，可在“家人代办”中切换为其办理。`,
                bodyEn: `Until ${until}. Switch to them under Family.`,
              }
            : {
                zh: `${maskName(grantor.name)}请您代为办理`,
                en: `${maskName(grantor.name)} asks you to act for them`,
                bodyZh: `授权至${until}，请在“家人代办”中确认接受。`,
                bodyEn: `Until ${until}. Accept it under Family.`,
              },
        );
      }
    });
    return this.view(await this.row(id), account.citizen_id!);
  }

  /**
   * The named person accepts: it becomes active for them. A second accept by them answers
   * the same. @throws AUTHORISATION_NOT_FOUND (not theirs to accept), AUTHORISATION_ENDED (revoked or past its date).
   */
  async accept(account: AccountRow, id: string) {
    this.deps.identity.requireLevel(account, 2);
    const me = await this.citizen(account.citizen_id!);
    const row = await this.mine(me, String(id ?? ''));
    if (!row || (row.grantee_citizen_id !== me.id && row.grantor_citizen_id === me.id))
      throw new AppError('AUTHORISATION_NOT_FOUND', undefined, { field: 'id' });
    if (row.status === 'REVOKED' || row.until < this.today())
      throw new AppError('AUTHORISATION_ENDED', undefined, { field: 'id' });
    const now = this.deps.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      // The conditional update is the step: of accepts and revocations at once, each moves it only from where it is.
      const moved = await trx
        .updateTable('authorisations')
        .set({ status: 'ACTIVE', grantee_citizen_id: me.id, accepted_at: now })
        .where('id', '=', row.id)
        .where('status', '=', 'PENDING')
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return;
      await this.audit(trx, me.id, 'authorisation.accept', `citizen:${row.grantor_citizen_id}`, {
        authorisationId: row.id,
      });
      await this.message(trx, row.grantor_citizen_id, row.id, 'accepted', {
        zh: `${maskName(me.name)}已接受您的授权`,
        en: `${maskName(me.name)} accepted your authorisation`,
        bodyZh: `授权至${row.until}。您可随时在“家人代办”中撤销。`,
        bodyEn: `Until ${row.until}. You can revoke it at any time under Family.`,
      });
    });
    const after = await this.row(row.id);
    if (after.status !== 'ACTIVE') throw new AppError('AUTHORISATION_ENDED', undefined, { field: 'id' });
    return this.view(after, me.id);
  }

  /**
   * Either side ends it at once (the grantee declining a pending one too). Revoking one
   * already revoked answers it as it is. @throws AUTHORISATION_NOT_FOUND.
   */
  async revoke(account: AccountRow, id: string) {
    this.deps.identity.requireLevel(account, 2);
    const me = await this.citizen(account.citizen_id!);
    const row = await this.mine(me, String(id ?? ''));
    if (!row) throw new AppError('AUTHORISATION_NOT_FOUND', undefined, { field: 'id' });
    const by = row.grantor_citizen_id === me.id ? 'GRANTOR' : 'GRANTEE';
    // The other side: the grantor, or the grantee (a named one not yet accepted, when they are known here: they were told of the offer).
    const other =
      by === 'GRANTEE'
        ? row.grantor_citizen_id
        : (row.grantee_citizen_id ?? (await this.knownCitizen(row.grantee_id_hash)));
    const now = this.deps.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const moved = await trx
        .updateTable('authorisations')
        .set({ status: 'REVOKED', revoked_at: now, revoked_by: by })
        .where('id', '=', row.id)
        .where('status', 'in', ['PENDING', 'ACTIVE'])
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return;
      await this.audit(trx, me.id, 'authorisation.revoke', other ? `citizen:${other}` : `authorisation:${row.id}`, {
        authorisationId: row.id,
        by,
      });
      // The other side hears of it.
      if (other) {
        await this.message(
          trx,
          other,
          row.id,
          'revoked',
          by === 'GRANTEE'
            ? {
                zh: `${maskName(me.name)}已${row.status === 'PENDING' ? '拒绝' : '撤销'}您的授权`,
                en: `${maskName(me.name)} ${row.status === 'PENDING' ? 'declined' : 'ended'} your authorisation`,
                bodyZh: '对方不能再为您办理。',
                bodyEn: 'They can no longer act for you.',
              }
            : {
                zh: `${maskName(me.name)}已撤销对您的授权`,
                en: `${maskName(me.name)} revoked your authorisation`,
                bodyZh: '您不能再为其办理。',
                bodyEn: 'You can no longer act for them.',
              },
        );
      }
    });
    return this.view(await this.row(row.id), me.id);
  }

  /** Authorisations the citizen gave and received, newest first; names masked. Pending offers show only to the person they name. */
  async list(account: AccountRow) {
    this.deps.identity.requireLevel(account, 2);
    const me = await this.citizen(account.citizen_id!);
    const rows = await this.deps.db
      .selectFrom('authorisations')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('grantor_citizen_id', '=', me.id),
          eb('grantee_citizen_id', '=', me.id),
          eb.and([eb('grantee_citizen_id', 'is', null), eb('grantee_id_hash', '=', me.idHash)]),
        ]),
      )
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    const visible = rows.filter(
      (r) =>
        r.grantor_citizen_id === me.id ||
        r.grantee_citizen_id === me.id ||
        this.deps.vault.decrypt(r.grantee_name_enc) === me.name,
    );
    return Promise.all(visible.map((r) => this.view(r, me.id)));
  }

  /** A row the citizen is a side of (a pending offer: named by their verified ID number and name), or undefined. */
  private async mine(
    me: { id: string; name: string; idHash: string },
    id: string,
  ): Promise<AuthorisationTable | undefined> {
    const row = await this.deps.db.selectFrom('authorisations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    if (row.grantor_citizen_id === me.id || row.grantee_citizen_id === me.id) return row;
    if (
      !row.grantee_citizen_id &&
      row.grantee_id_hash === me.idHash &&
      this.deps.vault.decrypt(row.grantee_name_enc) === me.name
    )
      return row;
    return undefined;
  }

  /** The citizen with this ID number (blind index), if they ever signed in or were linked here. */
  private async knownCitizen(idHash: string): Promise<string | null> {
    return this.deps.citizens.idOfHash(idHash);
  }

  private row(id: string): Promise<AuthorisationTable> {
    return this.deps.db.selectFrom('authorisations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  /**
   * The authorisation a session acts on, if it still holds for `actorCitizenId` today.
   * @returns its scopes and last day, or null (revoked, expired, not accepted, not theirs).
   */
  async holding(
    id: string,
    actorCitizenId: string,
  ): Promise<{ scopes: string[]; until: string; grantorCitizenId: string; relation: string } | null> {
    const row = await this.deps.db.selectFrom('authorisations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.status !== 'ACTIVE' || row.grantee_citizen_id !== actorCitizenId || row.until < this.today())
      return null;
    return {
      scopes: JSON.parse(row.scopes) as string[],
      until: row.until,
      grantorCitizenId: row.grantor_citizen_id,
      relation: INVERSE[row.grantee_relation] ?? 'NAMED',
    };
  }

  /**
   * The authorisations `actorCitizenId` may act on today, each with the ID number of the
   * person who gave it: myFamily shows a relation who authorised the citizen as one they
   * can act for, and actAs on that relation's ref acts on the authorisation.
   */
  async heldBy(actorCitizenId: string): Promise<Array<{ id: string; until: string; grantorIdNumber: string }>> {
    const rows = await this.deps.db
      .selectFrom('authorisations')
      .select(['id', 'until', 'grantor_citizen_id'])
      .where('grantee_citizen_id', '=', actorCitizenId)
      .where('status', '=', 'ACTIVE')
      .where('until', '>=', this.today())
      .orderBy('until', 'desc')
      .execute();
    return Promise.all(
      rows.map(async (row) => ({
        id: row.id,
        until: row.until,
        grantorIdNumber: (await this.citizen(row.grantor_citizen_id)).idNumber,
      })),
    );
  }

  /** The ref actAs takes for an authorisation: sealed like a register ref, so it cannot be made up. */
  actAsRef(id: string): string {
    return this.deps.vault.encrypt(`authorisation:${id}`);
  }

  /** What a sealed ref names: an authorisation id, or null for a register ref. */
  static authorisationIdOf(opened: string): string | null {
    return opened.startsWith('authorisation:') ? opened.slice('authorisation:'.length) : null;
  }

  private async view(row: AuthorisationTable, meCitizenId: string) {
    const given = row.grantor_citizen_id === meCitizenId;
    const otherName = given
      ? this.deps.vault.decrypt(row.grantee_name_enc)
      : (await this.citizen(row.grantor_citizen_id)).name;
    const expired = row.status !== 'REVOKED' && row.until < this.today();
    const status = expired ? 'EXPIRED' : row.status;
    return {
      id: row.id,
      direction: given ? 'GIVEN' : 'RECEIVED',
      maskedName: maskName(otherName),
      // What the other person is to the one asking.
      relation: given ? row.grantee_relation : (INVERSE[row.grantee_relation] ?? 'NAMED'),
      scopes: JSON.parse(row.scopes) as string[],
      until: row.until,
      status,
      createdAt: row.created_at,
      acceptedAt: row.accepted_at,
      revokedAt: row.revoked_at,
      revokedBy: row.revoked_by,
      actAsRef: !given && status === 'ACTIVE' ? this.actAsRef(row.id) : null,
    };
  }

  private async audit(
    trx: Transaction<Database>,
    actorCitizenId: string,
    action: string,
    subject: string,
    detail: Record<string, unknown>,
  ) {
    await writeAudit(trx, {
      at: this.deps.now().toISOString(),
      actor: auditActor.citizen(actorCitizenId),
      action,
      subject,
      detail: detail,
    });
  }

  private async message(
    trx: Transaction<Database>,
    citizenId: string,
    authorisationId: string,
    event: string,
    words: { zh: string; en: string; bodyZh: string; bodyEn: string },
  ) {
    await this.deps.messages.post(trx, {
      citizenId,
      kind: 'SECURITY',
      eventKey: `authorisation:${authorisationId}:${event}`,
      topic: 'ACCOUNT_SECURITY',
      title: words.zh,
      titleEn: words.en,
      body: words.bodyZh,
      bodyEn: words.bodyEn, // No family page in the app yet: the message stands on its own.
      link: null,
      params: { event },
    });
  }
}
