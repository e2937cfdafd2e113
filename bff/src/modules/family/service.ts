import { maskName, validateIdNumber } from '@citizen/shared';
import type { Db } from '../../db';
import { AppError } from '../../errors';
import type { UpstreamClient } from '../../upstream/client';
import type { Deadline } from '../../upstream/deadline';
import { AgencyUnavailableError } from '../../upstream/errors';
import { chinaCalendar } from '../../time/chinaTime';
import type { PersonalDataVault } from '../identity/vault';
import type { IdentityService } from '../identity/service';
import type { AccountRow } from '../identity/store';
import type { ActingLookup } from '../identity/auth';
import type { Acting } from './guard';
import type { CaseKind } from './scopes';
import type { Messages } from '../messages/service';
import { Authorisations, dayAfter } from './authorisations';
import { auditActor, writeAudit } from '../audit/writer';
import type { CitizenDirectory } from '../identity/citizens';

/** A relation as the population register answers it: what the other person is to the one asked about. */
interface RegisterRelation {
  relation: 'PARENT' | 'CHILD' | 'SPOUSE' | 'GUARDIAN' | 'WARD';
  idNumber: string;
  name: string;
  birthDate: string;
  since: string;
}

/** Whole years on `day` (China date) for someone born on `birthDate`, as birthdays count them. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

/** The 18th birthday (a 29 February birthday comes of age on 1 March in a common year). */
export function eighteenthBirthday(birthDate: string): string {
  const year = Number(birthDate.slice(0, 4)) + 18;
  const date = new Date(Date.UTC(year, Number(birthDate.slice(5, 7)) - 1, Number(birthDate.slice(8, 10))));
  return date.toISOString().slice(0, 10);
}

/**
 * Acting for family (issue 17). Relations come live from the population register; a
 * parent or legal guardian acts for a child under 18 with no grant, until the child's
 * 18th birthday (China time). The session's choice is kept in acting_sessions and the
 * right is checked again on every request, so it ends on the birthday itself and not
 * when the helper next opens the switch.
 */
export class Family implements ActingLookup {
  /** Authorisations between adults: grant, accept, revoke, list (authorisations.ts). */
  readonly authorisations: Authorisations;

  constructor(
    private readonly deps: {
      db: Db;
      vault: PersonalDataVault;
      citizens: CitizenDirectory;
      identity: IdentityService;
      upstream: UpstreamClient;
      messages: Messages;
      /** A published service's category, or null when there is no such service (the applications module's definitions). */
      serviceCategory: (serviceId: string) => Promise<string | null>;
      /** The service of a citizen's application, payment or document, or null when it is not theirs (the applications, payments, results modules). */
      serviceOf: (of: CaseKind, id: string, citizenId: string) => Promise<string | null>;
      categoryExists: (categoryId: string) => Promise<boolean>;
      now: () => Date;
    },
  ) {
    this.authorisations = new Authorisations({
      db: deps.db,
      vault: deps.vault,
      citizens: deps.citizens,
      identity: deps.identity,
      messages: deps.messages,
      serviceCategory: deps.serviceCategory,
      categoryExists: deps.categoryExists,
      now: deps.now,
      relationsOf: async (citizenId, deadline) =>
        this.registerRelations((await this.person(citizenId)).idNumber, deadline),
    });
  }

  private today(): string {
    return chinaCalendar(this.deps.now()).day;
  }

  private async person(citizenId: string): Promise<{ idNumber: string; name: string }> {
    const { idNumber, name } = await this.deps.citizens.person(citizenId);
    return { idNumber, name };
  }

  /** @throws AGENCY_UNAVAILABLE / AGENCY_TIMEOUT when the register does not answer. */
  private async registerRelations(idNumber: string, deadline: Deadline | null): Promise<RegisterRelation[]> {
    const { status, body } = await this.deps.upstream.request<{ relations: RegisterRelation[] }>('population', {
      path: `/v1/relations/${encodeURIComponent(idNumber)}`,
      deadline,
    });
    if (status === 404) return [];
    if (status !== 200) throw new AgencyUnavailableError('population');
    return body.relations;
  }

  /** Whether the actor may act for this relation with no grant, and until when. */
  private guardianship(relation: RegisterRelation): { endsOn: string } | null {
    if (relation.relation !== 'CHILD' && relation.relation !== 'WARD') return null;
    const endsOn = eighteenthBirthday(relation.birthDate);
    return this.today() < endsOn ? { endsOn } : null;
  }

  /** The signed-in citizen's relations from the register, masked, each with whether they may act for them. @throws ASSURANCE_LEVEL_TOO_LOW below level 2. */
  async relations(actor: AccountRow, deadline: Deadline | null) {
    this.deps.identity.requireLevel(actor, 2);
    const me = await this.person(actor.citizen_id!);
    const today = this.today();
    const [relations, held] = await Promise.all([
      this.registerRelations(me.idNumber, deadline),
      this.authorisations.heldBy(actor.citizen_id!),
    ]);
    // An adult relation who authorised the citizen can be acted for too (on the longest-lasting grant).
    const grantFrom = new Map<string, { until: string }>();
    for (const grant of held) if (!grantFrom.has(grant.grantorIdNumber)) grantFrom.set(grant.grantorIdNumber, grant);
    return relations.map((r) => {
      const right = this.guardianship(r);
      const grant = right ? undefined : grantFrom.get(r.idNumber);
      return {
        // Opaque and unforgeable: the ID number sealed with the data key, handed back to actAs.
        ref: this.deps.vault.encrypt(r.idNumber),
        relation: r.relation,
        maskedName: maskName(r.name),
        birthYear: Number(r.birthDate.slice(0, 4)),
        age: ageOn(r.birthDate, today),
        canActFor: Boolean(right || grant),
        actsUntil: right?.endsOn ?? (grant ? dayAfter(grant.until) : null),
        basis: right ? 'GUARDIAN' : grant ? 'AUTHORISATION' : null,
      };
    });
  }

  /**
   * Starts acting for the relation `ref` names in this session. The principal becomes a
   * citizen of their own (records, applications) if they never signed in.
   * A relation who is an adult is acted for on the authorisation they gave, if one holds.
   * @throws ACTING_NO_RIGHT when the register holds no such relation, it gives no right and no authorisation of theirs holds.
   */
  async actAs(actor: AccountRow, sessionId: string, ref: string, deadline: Deadline | null) {
    this.deps.identity.requireLevel(actor, 2);
    let idNumber: string;
    try {
      idNumber = this.deps.vault.decrypt(ref);
    } catch {
      throw new AppError('ACTING_NO_RIGHT');
    }
    const authorisationId = Authorisations.authorisationIdOf(idNumber);
    if (authorisationId) return this.actOnAuthorisation(actor, sessionId, authorisationId);
    const me = await this.person(actor.citizen_id!);
    const relation = (await this.registerRelations(me.idNumber, deadline)).find((r) => r.idNumber === idNumber);
    if (!relation) throw new AppError('ACTING_NO_RIGHT');
    const right = this.guardianship(relation);
    if (!right) {
      // An adult relation acts on the authorisation they gave the citizen, if one holds today.
      const grant = (await this.authorisations.heldBy(actor.citizen_id!)).find((g) => g.grantorIdNumber === idNumber);
      if (grant) return this.actOnAuthorisation(actor, sessionId, grant.id);
      throw new AppError('ACTING_NO_RIGHT');
    }
    if (!validateIdNumber(idNumber, this.deps.now()).ok) throw new AppError('ACTING_NO_RIGHT');
    const principalCitizenId = await this.deps.identity.citizenOfPerson(idNumber, relation.name);
    const now = this.deps.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('acting_sessions').where('session_id', '=', sessionId).execute();
      await trx
        .insertInto('acting_sessions')
        .values({
          session_id: sessionId,
          actor_citizen_id: actor.citizen_id!,
          principal_citizen_id: principalCitizenId,
          basis: 'GUARDIAN',
          relation: relation.relation,
          ends_on: right.endsOn,
          authorisation_id: null,
          started_at: now,
        })
        .execute();
      await writeAudit(trx, {
        at: now,
        actor: auditActor.citizen(actor.citizen_id!),
        action: 'acting.start',
        subject: `citizen:${principalCitizenId}`,
        detail: { basis: 'GUARDIAN', relation: relation.relation },
      });
    });
    // No instance may go on treating the session as acting for no one.
    await this.deps.identity.sessionChanged(sessionId);
    return this.view({ relation: relation.relation, name: relation.name, endsOn: right.endsOn, basis: 'GUARDIAN' });
  }

  /** Starts acting on an accepted authorisation the actor holds. @throws ACTING_NO_RIGHT when it is not theirs, not accepted, revoked or expired. */
  private async actOnAuthorisation(actor: AccountRow, sessionId: string, authorisationId: string) {
    const held = await this.authorisations.holding(authorisationId, actor.citizen_id!);
    if (!held) throw new AppError('ACTING_NO_RIGHT');
    const endsOn = dayAfter(held.until);
    const now = this.deps.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('acting_sessions').where('session_id', '=', sessionId).execute();
      await trx
        .insertInto('acting_sessions')
        .values({
          session_id: sessionId,
          actor_citizen_id: actor.citizen_id!,
          principal_citizen_id: held.grantorCitizenId,
          basis: 'AUTHORISATION',
          relation: held.relation,
          ends_on: endsOn,
          authorisation_id: authorisationId,
          started_at: now,
        })
        .execute();
      await writeAudit(trx, {
        at: now,
        actor: auditActor.citizen(actor.citizen_id!),
        action: 'acting.start',
        subject: `citizen:${held.grantorCitizenId}`,
        detail: { basis: 'AUTHORISATION', relation: held.relation, authorisationId },
      });
    });
    await this.deps.identity.sessionChanged(sessionId);
    const principal = await this.person(held.grantorCitizenId);
    return this.view({ relation: held.relation, name: principal.name, endsOn, basis: 'AUTHORISATION' });
  }

  /** Back to acting for oneself. */
  async stopActing(actor: AccountRow, sessionId: string): Promise<boolean> {
    const row = await this.deps.db
      .selectFrom('acting_sessions')
      .select('principal_citizen_id')
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    if (!row) return false;
    await this.end(sessionId, actor.citizen_id!, row.principal_citizen_id, 'stopped');
    return true;
  }

  private async end(sessionId: string, actorCitizenId: string, principalCitizenId: string, reason: string) {
    await this.deps.db.transaction().execute(async (trx) => {
      const gone = await trx.deleteFrom('acting_sessions').where('session_id', '=', sessionId).executeTakeFirst();
      if (Number(gone.numDeletedRows) === 0) return;
      await writeAudit(trx, {
        at: this.deps.now().toISOString(),
        actor: auditActor.citizen(actorCitizenId),
        action: 'acting.end',
        subject: `citizen:${principalCitizenId}`,
        detail: { reason },
      });
    });
  }

  /** Who this session acts for, for the banner; null when for oneself. */
  async current(actor: AccountRow, sessionId: string) {
    const acting = await this.forSession(actor, sessionId);
    if (!acting) return null;
    const principal = await this.person(acting.principalCitizenId);
    return this.view({ relation: acting.relation, name: principal.name, endsOn: acting.endsOn, basis: acting.basis });
  }

  private view(v: { relation: string; name: string; endsOn: string; basis: string }) {
    return { maskedName: maskName(v.name), relation: v.relation, basis: v.basis, until: v.endsOn };
  }

  /** ActingLookup: the session's acting, the right checked again today. @throws ACTING_RIGHT_ENDED (and ends it) when it no longer holds. */
  async forSession(actor: AccountRow, sessionId: string): Promise<Acting | null> {
    const row = await this.deps.db
      .selectFrom('acting_sessions')
      .selectAll()
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    if (!row || row.actor_citizen_id !== actor.citizen_id) return null;
    if (this.today() >= row.ends_on) {
      await this.end(sessionId, row.actor_citizen_id, row.principal_citizen_id, 'right-ended');
      throw new AppError('ACTING_RIGHT_ENDED');
    }
    // An authorisation is read again on every request: revoked, expired or no longer the actor's ends acting now.
    let scopes: string[] = [];
    if (row.basis === 'AUTHORISATION') {
      const held = row.authorisation_id
        ? await this.authorisations.holding(row.authorisation_id, row.actor_citizen_id)
        : null;
      if (!held || held.grantorCitizenId !== row.principal_citizen_id) {
        await this.end(sessionId, row.actor_citizen_id, row.principal_citizen_id, 'authorisation-ended');
        throw new AppError('ACTING_RIGHT_ENDED');
      }
      scopes = held.scopes;
    }
    return {
      actorCitizenId: row.actor_citizen_id,
      actorAccountId: actor.id,
      principalCitizenId: row.principal_citizen_id,
      basis: row.basis as Acting['basis'],
      relation: row.relation,
      endsOn: row.ends_on,
      grant: {
        basis: row.basis as Acting['basis'],
        scopes,
        categoryOf: this.deps.serviceCategory,
        serviceOf: (of, id) => this.deps.serviceOf(of, id, row.principal_citizen_id),
      },
    };
  }
}
