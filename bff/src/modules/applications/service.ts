import { createHash, randomInt, randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Logger } from 'pino';
import {
  maskAccountNumber,
  maskIdNumber,
  maskPhone,
  validateAnswers,
  type Answers,
  type FormField,
} from '@citizen/shared';
import type { Db } from '../../db';
import type { ApplicationTable, Database } from '../../db/schema';
import { newestFirst } from '../../db/cursor';
import { compiledOnce } from '../../db/compiledOnce';
import { AppError, BadUserInputError } from '../../errors';
import type { Outbox } from '../../outbox/outbox';
import { chinaCalendar } from '../../time/chinaTime';
import type { AssuranceLevel, IdentityService } from '../identity/service';
import type { AccountRow } from '../identity/store';
import type { EffectiveAccount } from '../identity/auth';
import { grantedServices } from '../family/scopes';
import type { PersonalDataVault } from '../identity/vault';
import type { Messages } from '../messages/service';
import { heldLicences, licenceTitle, maskLicenceNumber, type HeldLicence } from '../agency-records/licences';
import type { AgencyRecordLoaders } from '../agency-records/loaders';
import { deepFreeze, type PublishedCache } from '../../publishedCache';
import {
  DEPARTMENTS,
  definitionFromRow,
  definitionFromSnapshot,
  type DepartmentCode,
  type ServiceDefinition,
} from './definitions';
import { asksForChild, displayOf, readPrefill, type CitizenFacts } from './prefill';
import { STATUS_WORDS, overallStatus, type ApplicationStatus } from './status';
import { newQueryCode, queryCodeHash } from './progress';
import { feeFor, openApplicationPayment } from '../payments/fees';
import { auditActor, writeAudit } from '../audit/writer';
import type { CitizenDirectory } from '../identity/citizens';

export const DELIVER_APPLICATION = 'applications.deliver';
export const DELIVER_SUPPLEMENT = 'applications.supplement';

const KEY = /^[A-Za-z0-9_-]{8,64}$/;
/** A draft or an application's answers: at most this much JSON. */
const MAX_ANSWERS_BYTES = 32 * 1024;

export interface Attachment {
  fieldId: string;
  /** record: an agency's record chosen by its key (a property certificate, a permit), by reference like a licence. */
  kind: 'licence' | 'upload' | 'record';
  ref: string;
}

/** What is stored, encrypted, of an application: the answers and where each came from. */
interface StoredAnswers {
  answers: Answers;
  prefilled: string[];
}

export interface ApplicationView {
  row: ApplicationTable;
  definition: ServiceDefinition;
  stored: StoredAnswers;
  unverified: string[];
}

/**
 * Service applications: the form with what the government holds filled in, drafts
 * kept per citizen (any platform), submission written with its hand-offs in one
 * transaction, and the view of an application with its departments and timeline.
 * Department hand-off and progress live in departments.ts.
 */
/**
 * Whose uploads an applicant's application may carry: their own, and while someone acts
 * for them (issue 17) the helper's, who took the photos for them. Nobody else's: the
 * applicant on their own cannot attach what a helper uploaded, nor can a third person.
 */
function uploadersFor(account: AccountRow, applicantCitizenId: string | null): string[] {
  const acting = (account as EffectiveAccount).acting;
  return [applicantCitizenId, acting?.actorCitizenId].filter((id): id is string => Boolean(id));
}

/**
 * Uploads attached to a citizen's case become that citizen's, in the transaction that
 * attaches them. A helper's photos then stay with the principal's case when the helper
 * deletes their own account, and the 24-hour purge (uploads/purge.ts, which asks by the
 * upload's citizen) sees them attached. A photo its uploader deleted after the check
 * fails the whole step with UPLOAD_NOT_FOUND: nothing is half-attached.
 */
async function adoptUploads(
  trx: Transaction<Database>,
  uploadIds: readonly string[],
  applicantCitizenId: string,
  uploaders: string[],
  field: string,
): Promise<void> {
  const ids = [...new Set(uploadIds)];
  if (!ids.length) return;
  const adopted = await trx
    .updateTable('uploads')
    .set({ citizen_id: applicantCitizenId })
    .where('id', 'in', ids)
    .where('citizen_id', 'in', uploaders)
    .executeTakeFirst();
  if (Number(adopted.numUpdatedRows) !== ids.length) throw new BadUserInputError('UPLOAD_NOT_FOUND', { field });
}

/**
 * A citizen's applications of the services a grant covers (by id or by category), as a
 * subquery: the lists a helper sees (applications, receipts, documents) narrow by it.
 */
export function applicationsInScope(db: Db, citizenId: string, granted: { services: string[]; categories: string[] }) {
  return db
    .selectFrom('applications')
    .select('id')
    .where('citizen_id', '=', citizenId)
    .where((eb) =>
      eb.or([
        eb('service_id', 'in', [...granted.services, '']),
        eb(
          'service_id',
          'in',
          eb
            .selectFrom('service_definitions')
            .select('id')
            .where('category_id', 'in', [...granted.categories, '']),
        ),
      ]),
    );
}

/** A definition as the cache keeps it: whether it is live now, and what it is. */
export interface StoredDefinition {
  definition: ServiceDefinition;
  published: boolean;
}

/** Pinned versions kept per instance (each a parsed form, a few KB). */
const PINNED_VERSIONS_KEPT = 500;

/** The citizen's draft of a service, read with every form (db/compiledOnce.ts). */
const draftOf = compiledOnce((db: Kysely<Database>, v: { citizenId: string; serviceId: string }) =>
  db
    .selectFrom('application_drafts')
    .selectAll()
    .where('citizen_id', '=', v.citizenId)
    .where('service_id', '=', v.serviceId),
);

export class ApplicationService {
  constructor(
    private readonly deps: {
      db: Db;
      vault: PersonalDataVault;
      citizens: CitizenDirectory;
      outbox: Outbox;
      identity: IdentityService;
      messages: Messages;
      logger: Logger;
      now: () => Date;
      /** How long an application with a fee waits for its payment (PAYMENT_EXPIRE_MIN). */
      paymentExpireMinutes?: number;
      /**
       * Definitions as read, per instance for a few seconds, cleared by every publish
       * (services-admin): every form, list and submission reads one, and parsing its
       * JSON columns each time was a visible share of a form's CPU (issue 12).
       */
      definitions: PublishedCache<StoredDefinition | null>;
    },
  ) {}

  /** A published definition, or null. The object is shared: do not change it. */
  async definition(id: string): Promise<ServiceDefinition | null> {
    const stored = await this.stored(id);
    return stored?.published ? stored.definition : null;
  }

  /** A definition whatever its status (an application keeps showing its unpublished service), or null. */
  private async anyDefinition(id: string): Promise<ServiceDefinition | null> {
    return (await this.stored(id))?.definition ?? null;
  }

  private stored(id: string): Promise<StoredDefinition | null> {
    return this.deps.definitions.get(id, async () => {
      const row = await this.deps.db
        .selectFrom('service_definitions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? { definition: definitionFromRow(row), published: row.status === 'published' } : null;
    });
  }

  /** A version an application was submitted under: versions never change, so each is read once per instance. */
  private pinnedDefinition(serviceId: string, version: number): Promise<ServiceDefinition | null> {
    const key = `${serviceId}@${version}`;
    let pinned = this.pinnedVersions.get(key);
    if (!pinned) {
      pinned = this.deps.db
        .selectFrom('service_versions')
        .selectAll()
        .where('service_id', '=', serviceId)
        .where('version', '=', version)
        .executeTakeFirst()
        .then((v) => (v ? deepFreeze(definitionFromSnapshot(v.data, v.version)) : null));
      pinned.catch(() => this.pinnedVersions.delete(key));
      this.pinnedVersions.set(key, pinned);
      if (this.pinnedVersions.size > PINNED_VERSIONS_KEPT)
        this.pinnedVersions.delete(this.pinnedVersions.keys().next().value!);
    }
    return pinned;
  }

  private readonly pinnedVersions = new Map<string, Promise<ServiceDefinition | null>>();

  /** @throws SERVICE_NOT_FOUND (field serviceId) or ASSURANCE_LEVEL_TOO_LOW. */
  private async definitionFor(account: AccountRow, serviceId: string): Promise<ServiceDefinition> {
    const definition = await this.definition(String(serviceId));
    if (!definition) throw new BadUserInputError('SERVICE_NOT_FOUND', { field: 'serviceId' });
    this.deps.identity.requireLevel(account, Math.max(1, definition.requiredLevel) as AssuranceLevel);
    return definition;
  }

  private async citizen(account: AccountRow): Promise<CitizenFacts & { id: string }> {
    return this.citizenById(account.citizen_id!);
  }

  private async citizenById(citizenId: string): Promise<CitizenFacts & { id: string }> {
    const { id, idNumber, name, phone } = await this.deps.citizens.personWithPhone(citizenId);
    return { id, idNumber, name, phone };
  }

  /**
   * Whose facts fill the form. Normally the applicant's. But a form about one's child
   * (school enrolment: 监护人 fields, then 入学儿童 chosen from the household) filled by a
   * parent acting for that child is the parent's to fill (issue 17): the guardian fields
   * read the parent's records, the child choice is the child acted for, and the
   * application is still the child's (its id), submitted by the parent.
   */
  private async formFacts(account: AccountRow, definition: ServiceDefinition): Promise<CitizenFacts & { id: string }> {
    const applicant = await this.citizen(account);
    const acting = (account as EffectiveAccount).acting;
    if (!acting || acting.basis !== 'GUARDIAN' || !asksForChild(definition.form.fields)) return applicant;
    const guardian = await this.citizenById(acting.actorCitizenId);
    return { ...guardian, id: applicant.id, forChild: applicant.idNumber };
  }

  private today(): string {
    return chinaCalendar(this.deps.now()).day;
  }

  /** The form screen: definition, prefill (or why not), the citizen's licences for licence fields, the saved draft. */
  async form(account: AccountRow, serviceId: string, loaders: AgencyRecordLoaders) {
    const definition = await this.definitionFor(account, serviceId);
    const citizen = await this.formFacts(account, definition);
    const licenceFields = definition.form.fields.filter((f) => f.type === 'licence');
    const [prefill, licences, draft] = await Promise.all([
      readPrefill(definition.form.fields, citizen, loaders, this.today()),
      licenceFields.length ? heldLicences(citizen, loaders).catch(() => null) : Promise.resolve([] as HeldLicence[]),
      draftOf(this.deps.db, { citizenId: citizen.id, serviceId: definition.id }).then(([row]) => row),
    ]);
    const kinds = new Set(licenceFields.map((f) => f.licenceKind));
    const unfilled = [...prefill.unfilled];
    // The licence library down: its fields wait (a licence cannot be typed in).
    if (licences === null)
      for (const f of licenceFields) unfilled.push({ fieldId: f.id, source: 'licences', code: 'AGENCY_UNAVAILABLE' });
    return {
      definition,
      prefilled: Object.entries(prefill.displays).map(([fieldId, display]) => ({
        fieldId,
        display,
        source: definition.form.fields.find((f) => f.id === fieldId)!.prefill!.source,
      })),
      unfilled,
      choices: prefill.choices,
      licences: (licences ?? [])
        .filter((l) => kinds.has(l.kind as FormField['licenceKind']))
        .map((l) => ({
          id: l.licenceId,
          kind: l.kind,
          title: licenceTitle(l.kind).zh,
          maskedNumber: maskLicenceNumber(l.kind, l.number),
          issuer: l.issuer,
          validUntil: l.validUntil,
        })),
      draft: draft ? await this.draftUnder(definition, draft) : null,
      today: this.today(),
    };
  }

  /**
   * A saved draft as the current version of the service reads it: answers to fields the
   * service no longer asks for are dropped, and what changed since the draft's version is said.
   */
  private async draftUnder(
    definition: ServiceDefinition,
    draft: { answers_enc: string; version: number; updated_at: string; definition_version?: number | null },
  ) {
    const answers = JSON.parse(this.deps.vault.decrypt(draft.answers_enc)) as Record<string, string>;
    const base = {
      version: draft.version,
      updatedAt: draft.updated_at,
      definitionVersion: draft.definition_version ?? null,
      removedFields: [] as string[],
      addedFields: [] as string[],
    };
    if (!draft.definition_version || !definition.version || draft.definition_version === definition.version)
      return { ...base, answers };
    const typed = new Set(definition.form.fields.filter((f) => !f.prefill).map((f) => f.id));
    const old = await this.pinned(definition.id, draft.definition_version);
    const before = new Set((old ?? definition).form.fields.map((f) => f.id));
    return {
      ...base,
      answers: Object.fromEntries(Object.entries(answers).filter(([id]) => typed.has(id))),
      removedFields: Object.keys(answers).filter((id) => !typed.has(id)),
      addedFields: definition.form.fields.filter((f) => !before.has(f.id)).map((f) => f.id),
    };
  }

  /** The definition as it was published at `version` (service_versions), or null. */
  private async pinned(
    serviceId: string,
    version: number,
    db: Db | Transaction<Database> = this.deps.db,
  ): Promise<ServiceDefinition | null> {
    const row = await db
      .selectFrom('service_versions')
      .select('data')
      .where('service_id', '=', serviceId)
      .where('version', '=', version)
      .executeTakeFirst();
    return row ? definitionFromSnapshot(row.data, version) : null;
  }

  /**
   * Checks an answers argument (the JSONObject scalar has made sure it is an object): no
   * bigger than a stored one may be. @throws FORM_ANSWERS_INVALID.
   */
  private checkAnswers(answers: Record<string, unknown>): Record<string, unknown> {
    if (Buffer.byteLength(JSON.stringify(answers)) > MAX_ANSWERS_BYTES)
      throw new BadUserInputError('FORM_ANSWERS_INVALID', { field: 'answers' });
    return answers;
  }

  /**
   * Saves what has been typed so far; not validated (it is unfinished), but only the
   * form's own fields, as strings, are kept. @throws DRAFT_CONFLICT when `version` is older than the saved one.
   */
  async saveDraft(
    account: AccountRow,
    serviceId: string,
    answers: Record<string, unknown>,
    version?: number | null,
  ): Promise<{ version: number; updatedAt: string }> {
    const definition = await this.definitionFor(account, serviceId);
    const parsed = this.checkAnswers(answers);
    // A record chosen among several is the citizen's answer too.
    const ids = new Set(definition.form.fields.filter((f) => !f.prefill || f.type === 'record').map((f) => f.id));
    const kept = Object.fromEntries(
      Object.entries(parsed).filter(([k, v]) => ids.has(k) && typeof v === 'string' && v.length <= 1000),
    );
    const citizenId = account.citizen_id!;
    const now = this.deps.now().toISOString();
    return this.deps.db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('application_drafts')
        .select('version')
        .where('citizen_id', '=', citizenId)
        .where('service_id', '=', definition.id)
        .executeTakeFirst();
      if (version !== null && version !== undefined && current && current.version !== version) {
        throw new AppError('DRAFT_CONFLICT', undefined, { field: 'version', currentVersion: current.version });
      }
      const next = (current?.version ?? 0) + 1;
      const answers_enc = this.deps.vault.encrypt(JSON.stringify(kept));
      const definition_version = definition.version ?? null;
      await trx
        .insertInto('application_drafts')
        .values({
          citizen_id: citizenId,
          service_id: definition.id,
          answers_enc,
          version: next,
          updated_at: now,
          definition_version,
        })
        .onConflict((oc) =>
          oc
            .columns(['citizen_id', 'service_id'])
            .doUpdateSet({ answers_enc, version: next, updated_at: now, definition_version }),
        )
        .execute();
      // A helper's photos named in the principal's draft go with the draft (see adoptUploads);
      // unchecked, as the draft is: what is not the helper's upload is left as it is.
      const actor = (account as EffectiveAccount).acting?.actorCitizenId;
      const named = definition.form.fields
        .filter((f) => f.type === 'file' && kept[f.id])
        .map((f) => kept[f.id] as string);
      if (actor && named.length)
        await trx
          .updateTable('uploads')
          .set({ citizen_id: citizenId })
          .where('id', 'in', named)
          .where('citizen_id', '=', actor)
          .execute();
      return { version: next, updatedAt: now };
    });
  }

  async discardDraft(account: AccountRow, serviceId: string): Promise<boolean> {
    if (!account.citizen_id) return false;
    const result = await this.deps.db
      .deleteFrom('application_drafts')
      .where('citizen_id', '=', account.citizen_id)
      .where('service_id', '=', String(serviceId))
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /**
   * Checks a submission against the form and the records, and writes it with its
   * hand-off to every department in one transaction.
   * @throws SERVICE_NOT_FOUND, ASSURANCE_LEVEL_TOO_LOW, FORM_* (with the field), FORM_FIELD_LOCKED
   * for a changed prefilled value, LICENCE_NOT_YOURS, UPLOAD_NOT_FOUND / UPLOAD_TYPE / UPLOAD_TOO_LARGE.
   * The same idempotency key returns the first application and writes nothing.
   */
  async submit(
    account: AccountRow,
    serviceId: string,
    answersInput: Record<string, unknown>,
    idempotencyKey: string,
    loaders: AgencyRecordLoaders,
  ): Promise<ApplicationView> {
    const definition = await this.definitionFor(account, serviceId);
    if (!KEY.test(idempotencyKey ?? '')) throw new BadUserInputError('BAD_USER_INPUT', { field: 'idempotencyKey' });
    const citizen = await this.formFacts(account, definition);

    // Step 1: a retry of a submission already made is answered with it.
    const existing = await this.byKey(citizen.id, idempotencyKey);
    if (existing) return existing;
    // A level-3 service is a sensitive act: the face pass must be fresh when submitting (not when filling in).
    if (definition.requiredLevel >= 3) this.deps.identity.requireFreshFace(account);

    // Step 2: the records are read again; what they hold is used, whatever was sent.
    const raw = this.checkAnswers(answersInput);
    const prefill = await readPrefill(definition.form.fields, citizen, loaders, this.today(), raw);
    // A record field answered with something that is not one of the citizen's own records.
    if (prefill.notOwn.length) throw new BadUserInputError('FORM_RECORD_NOT_OWN', { field: prefill.notOwn[0] });
    const locked = Object.keys(prefill.values);
    for (const fieldId of locked) {
      const sent = raw[fieldId];
      // The app sends nothing for a locked field; the masked value it showed is tolerated.
      if (sent !== undefined && sent !== '' && sent !== prefill.displays[fieldId] && sent !== prefill.values[fieldId]) {
        throw new BadUserInputError('FORM_FIELD_LOCKED', { field: fieldId });
      }
      delete raw[fieldId];
    }

    // A choice among the citizen's records still open: asked for before the fields it fills.
    const open = prefill.choices.find(
      (c) =>
        prefill.values[c.fieldId] === undefined && definition.form.fields.find((f) => f.id === c.fieldId)?.required,
    );
    if (open) throw new BadUserInputError('FORM_FIELD_REQUIRED', { field: open.fieldId });

    // Step 3: the one schema validator the app also runs. Prefilled values decide visibility
    // too; record fields are the BFF's (a choice still open is required below).
    const recordFields = definition.form.fields.filter((f) => f.type === 'record').map((f) => f.id);
    for (const fieldId of recordFields) delete raw[fieldId];
    const checked = validateAnswers(
      definition.form,
      { ...raw, ...prefill.values },
      { today: this.today(), skipFields: [...new Set([...locked, ...recordFields])] },
    );
    if (!checked.ok) {
      const [first] = checked.errors;
      throw new BadUserInputError(first!.code as never, { field: first!.field, errors: checked.errors });
    }
    const answers: Answers = { ...checked.answers, ...prefill.values };

    // Step 4: attachments are the citizen's own: licences from the library, uploads from POST /uploads.
    const attachments = await this.checkAttachments(
      definition,
      answers,
      citizen,
      loaders,
      uploadersFor(account, citizen.id),
    );

    // Step 5: written together: the application, its departments, its first event, its hand-offs, its message.
    const now = this.deps.now().toISOString();
    const id = randomUUID();
    const unverified = prefill.unfilled.map((u) => u.fieldId).filter((f) => answers[f] !== undefined);
    const stored: StoredAnswers = { answers, prefilled: locked };
    // The fee from the definition and the answers, never from the client.
    const fee = feeFor(definition.feeRule, answers);
    const submitter = (account as EffectiveAccount).acting?.actorCitizenId ?? null;
    try {
      await this.deps.db.transaction().execute(async (trx) => {
        const number = await this.newNumber(trx);
        // The code family members use to follow it without signing in: kept hashed, and encrypted for its owner.
        const queryCode = newQueryCode();
        await trx
          .insertInto('applications')
          .values({
            query_code_hash: queryCodeHash(this.deps.vault, number, queryCode),
            query_code_enc: this.deps.vault.encrypt(queryCode),
            id,
            number,
            citizen_id: citizen.id,
            account_id: account.id,
            service_id: definition.id,
            status: fee ? 'AWAITING_PAYMENT' : 'SUBMITTED',
            status_reason: null,
            answers_enc: this.deps.vault.encrypt(JSON.stringify(stored)),
            attachments: JSON.stringify(attachments),
            unverified_fields: JSON.stringify(unverified),
            idempotency_key: idempotencyKey,
            created_at: now,
            updated_at: now,
            definition_version: definition.version ?? null,
            // A parent, guardian or helper acting for the applicant (issue 17): the 代办人.
            submitted_by_citizen_id: submitter,
          })
          .execute();
        const uploaded = attachments.filter((a) => a.kind === 'upload');
        await adoptUploads(
          trx,
          uploaded.map((a) => a.ref),
          citizen.id,
          uploadersFor(account, citizen.id),
          uploaded[0]?.fieldId ?? 'answers',
        );
        if (submitter)
          await writeAudit(trx, {
            at: now,
            actor: auditActor.citizen(submitter),
            action: 'application.submit',
            subject: `citizen:${citizen.id}`,
            detail: { applicationId: id, service: definition.id, for: `citizen:${citizen.id}` },
          });
        await trx
          .insertInto('application_departments')
          .values(
            definition.departments.map((department) => ({
              application_id: id,
              department,
              status: 'SUBMITTED',
              reason: null,
              receipt_no: null,
              updated_at: now,
            })),
          )
          .execute();
        await trx
          .insertInto('application_events')
          .values({
            id: randomUUID(),
            application_id: id,
            department: null,
            status: fee ? 'AWAITING_PAYMENT' : 'SUBMITTED',
            note: null,
            at: now,
          })
          .execute();
        // With a fee it waits for the payment (payments/ hands it off once paid); otherwise a
        // bundle goes to its departments in parallel: one hand-off each, retried on its own.
        if (fee)
          await openApplicationPayment(trx, this.deps.outbox, {
            citizenId: citizen.id,
            applicationId: id,
            fee,
            now: new Date(now),
            expireMinutes: this.deps.paymentExpireMinutes ?? 1440,
          });
        else
          for (const department of definition.departments)
            await this.deps.outbox.enqueue(trx, DELIVER_APPLICATION, { applicationId: id, department });
        await trx
          .deleteFrom('application_drafts')
          .where('citizen_id', '=', citizen.id)
          .where('service_id', '=', definition.id)
          .execute();
        await this.postMessage(
          trx,
          { id, citizen_id: citizen.id, number },
          definition,
          fee ? 'AWAITING_PAYMENT' : 'SUBMITTED',
          null,
          `application:${id}:submitted`,
          queryCode,
        );
      });
    } catch (error) {
      // Two submissions with one key at once: the second loses the unique index and answers with the first.
      const raced = await this.byKey(citizen.id, idempotencyKey);
      if (raced) return raced;
      throw error;
    }
    return (await this.byKey(citizen.id, idempotencyKey))!;
  }

  /** SQ + China date + 8 random digits, drawn again while taken (the unique index still guards a race between two instances). */
  private async newNumber(trx: Transaction<Database>): Promise<string> {
    for (;;) {
      const number = `SQ${this.today().replace(/-/g, '')}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
      const taken = await trx.selectFrom('applications').select('id').where('number', '=', number).executeTakeFirst();
      if (!taken) return number;
    }
  }

  /** @param uploaders whose uploads may be attached: the applicant's, and the helper's while acting for them. */
  private async checkAttachments(
    definition: ServiceDefinition,
    answers: Answers,
    citizen: CitizenFacts & { id: string },
    loaders: AgencyRecordLoaders,
    uploaders: string[],
  ): Promise<Attachment[]> {
    // Chosen records were checked to be the citizen's own when read (readPrefill): attached by their key.
    const attachments: Attachment[] = definition.form.fields
      .filter((f) => f.type === 'record' && answers[f.id])
      .map((f) => ({ fieldId: f.id, kind: 'record' as const, ref: answers[f.id]! }));
    const licenceFields = definition.form.fields.filter((f) => f.type === 'licence' && answers[f.id]);
    if (licenceFields.length) {
      const held = await heldLicences(citizen, loaders);
      for (const field of licenceFields) {
        const licence = held.find((l) => l.licenceId === answers[field.id]);
        if (!licence || licence.kind !== field.licenceKind)
          throw new BadUserInputError('LICENCE_NOT_YOURS', { field: field.id });
        attachments.push({ fieldId: field.id, kind: 'licence', ref: licence.licenceId });
      }
    }
    const fileFields = definition.form.fields.filter((f) => f.type === 'file' && answers[f.id]);
    if (fileFields.length) {
      const ids = fileFields.map((f) => answers[f.id]!);
      const uploads = await this.deps.db
        .selectFrom('uploads')
        .select(['id', 'citizen_id', 'type', 'size'])
        .where('id', 'in', ids)
        .execute();
      for (const field of fileFields) {
        const upload = uploads.find((u) => u.id === answers[field.id]);
        if (!upload || !uploaders.includes(upload.citizen_id))
          throw new BadUserInputError('UPLOAD_NOT_FOUND', { field: field.id });
        if (field.accept && !field.accept.includes(upload.type))
          throw new BadUserInputError('UPLOAD_TYPE', { field: field.id });
        if (field.maxBytes && upload.size > field.maxBytes)
          throw new BadUserInputError('UPLOAD_TOO_LARGE', { field: field.id });
        attachments.push({ fieldId: field.id, kind: 'upload', ref: upload.id });
      }
    }
    return attachments;
  }

  /**
   * Answers a department's request for more information: the note (and photos) go to
   * each department that asked, through the outbox. A retry with the same key changes nothing.
   * @throws NOT_FOUND, APPLICATION_WRONG_STATE when nothing was asked, UPLOAD_NOT_FOUND.
   */
  async answerInformationRequest(
    account: AccountRow,
    applicationId: string,
    note: string,
    uploadIds: readonly string[],
    idempotencyKey: string,
  ): Promise<ApplicationView> {
    const view = await this.get(account, applicationId);
    if (!KEY.test(idempotencyKey ?? '')) throw new BadUserInputError('BAD_USER_INPUT', { field: 'idempotencyKey' });
    const text = String(note ?? '').trim();
    if (text.length < 1 || text.length > 500) throw new BadUserInputError('BAD_USER_INPUT', { field: 'note' });
    if (uploadIds.length > 9) throw new BadUserInputError('BAD_USER_INPUT', { field: 'uploadIds' });
    // The event id is made from the key: a retry finds its own first answer.
    const eventId = `sup-${createHash('sha256').update(`${view.row.id}:${idempotencyKey}`).digest('hex').slice(0, 32)}`;
    const answered = await this.deps.db
      .selectFrom('application_events')
      .select('id')
      .where('id', '=', eventId)
      .executeTakeFirst();
    if (answered) return this.get(account, applicationId);
    if (view.row.status !== 'MORE_INFO_REQUESTED')
      throw new AppError('APPLICATION_WRONG_STATE', undefined, { field: 'applicationId', status: view.row.status });
    if (uploadIds.length) {
      const owned = await this.deps.db
        .selectFrom('uploads')
        .select('id')
        .where('id', 'in', [...uploadIds])
        .where('citizen_id', 'in', uploadersFor(account, view.row.citizen_id))
        .execute();
      if (owned.length !== new Set(uploadIds).size)
        throw new BadUserInputError('UPLOAD_NOT_FOUND', { field: 'uploadIds' });
    }
    const now = this.deps.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      await this.lock(trx, view.row.id, now);
      // Read again under the lock: two different answers at once, only one gets through.
      const current = await trx
        .selectFrom('applications')
        .select('status')
        .where('id', '=', view.row.id)
        .executeTakeFirstOrThrow();
      if (current.status !== 'MORE_INFO_REQUESTED')
        throw new AppError('APPLICATION_WRONG_STATE', undefined, { field: 'applicationId', status: current.status });
      const asking = await trx
        .selectFrom('application_departments')
        .select('department')
        .where('application_id', '=', view.row.id)
        .where('status', '=', 'MORE_INFO_REQUESTED')
        .execute();
      await adoptUploads(trx, uploadIds, view.row.citizen_id!, uploadersFor(account, view.row.citizen_id), 'uploadIds');
      await trx
        .insertInto('application_events')
        .values({
          id: eventId,
          application_id: view.row.id,
          department: null,
          status: 'IN_REVIEW',
          note: '已补充材料',
          at: now,
        })
        .execute();
      for (const { department } of asking) {
        await trx
          .updateTable('application_departments')
          .set({ status: 'IN_REVIEW', reason: null, updated_at: now })
          .where('application_id', '=', view.row.id)
          .where('department', '=', department)
          .execute();
        await this.deps.outbox.enqueue(trx, DELIVER_SUPPLEMENT, {
          applicationId: view.row.id,
          department,
          note: text,
          uploadIds: [...uploadIds],
          key: eventId,
        });
      }
      await this.refreshStatus(trx, view.row.id, now);
    });
    return this.get(account, applicationId);
  }

  /**
   * Takes the application's row lock for the rest of `trx`. Departments report at the
   * same moment from separate transactions; without it each would compute the overall
   * state without the others' changes (PostgreSQL, read committed) and none would move it.
   */
  async lock(trx: Transaction<Database>, applicationId: string, now: string): Promise<void> {
    await trx.updateTable('applications').set({ updated_at: now }).where('id', '=', applicationId).execute();
  }

  /**
   * Its fee is paid (the finance bureau's receipt is in): AWAITING_PAYMENT becomes
   * SUBMITTED and the hand-offs are queued, in the caller's transaction. Exactly once:
   * the conditional update is the lock, and a second call finds nothing to move.
   * @returns whether it moved.
   */
  async handOffPaid(trx: Transaction<Database>, applicationId: string, now: string): Promise<boolean> {
    return this.leaveAwaitingPayment(trx, applicationId, now, 'SUBMITTED', '已缴费', async (definition) => {
      for (const department of definition.departments)
        await this.deps.outbox.enqueue(trx, DELIVER_APPLICATION, { applicationId, department });
    });
  }

  /** Unpaid at the deadline: AWAITING_PAYMENT becomes EXPIRED and the citizen is told. @returns whether it moved. */
  async expireUnpaid(trx: Transaction<Database>, applicationId: string, now: string): Promise<boolean> {
    return this.leaveAwaitingPayment(
      trx,
      applicationId,
      now,
      'EXPIRED',
      '未在缴费期限内缴费，申请已失效，如需办理请重新申请',
    );
  }

  private async leaveAwaitingPayment(
    trx: Transaction<Database>,
    applicationId: string,
    now: string,
    to: 'SUBMITTED' | 'EXPIRED',
    note: string,
    then?: (definition: ServiceDefinition) => Promise<void>,
  ): Promise<boolean> {
    const moved = await trx
      .updateTable('applications')
      .set({ status: to, status_reason: to === 'EXPIRED' ? note : null, updated_at: now })
      .where('id', '=', applicationId)
      .where('status', '=', 'AWAITING_PAYMENT')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) return false;
    const app = await trx
      .selectFrom('applications')
      .select(['id', 'citizen_id', 'number', 'service_id', 'definition_version'])
      .where('id', '=', applicationId)
      .executeTakeFirstOrThrow();
    // The departments of the version it was submitted under, whatever is live now.
    const definition =
      (app.definition_version ? await this.pinned(app.service_id, app.definition_version, trx) : null) ??
      definitionFromRow(
        await trx
          .selectFrom('service_definitions')
          .selectAll()
          .where('id', '=', app.service_id)
          .executeTakeFirstOrThrow(),
      );
    await trx
      .insertInto('application_events')
      .values({ id: randomUUID(), application_id: applicationId, department: null, status: to, note, at: now })
      .execute();
    await then?.(definition);
    if (app.citizen_id)
      await this.postMessage(
        trx,
        { id: app.id, citizen_id: app.citizen_id, number: app.number },
        definition,
        to,
        to === 'EXPIRED' ? note : null,
        `application:${app.id}:${to === 'EXPIRED' ? 'expired' : 'paid'}`,
      );
    return true;
  }

  /** Recomputes the application's state from its departments'. Call after lock(). @returns the change, if any. */
  async refreshStatus(
    trx: Transaction<Database>,
    applicationId: string,
    now: string,
  ): Promise<{ from: string; to: ApplicationStatus; reason: string | null } | null> {
    const app = await trx
      .selectFrom('applications')
      .select(['status'])
      .where('id', '=', applicationId)
      .executeTakeFirstOrThrow();
    const parts = await trx
      .selectFrom('application_departments')
      .select(['status', 'reason'])
      .where('application_id', '=', applicationId)
      .execute();
    const to = overallStatus(parts.map((p) => p.status as ApplicationStatus));
    if (to === app.status) return null;
    const reason =
      to === 'REJECTED' || to === 'MORE_INFO_REQUESTED'
        ? parts
            .filter((p) => p.status === to)
            .map((p) => p.reason)
            .filter(Boolean)
            .join('；') || null
        : null;
    await trx
      .updateTable('applications')
      .set({ status: to, status_reason: reason, updated_at: now })
      .where('id', '=', applicationId)
      .execute();
    return { from: app.status, to, reason };
  }

  /** The citizen's message for a change of state (one per event key). */
  async postMessage(
    trx: Transaction<Database>,
    app: { id: string; citizen_id: string; number: string },
    definition: Pick<ServiceDefinition, 'title' | 'titleEn'>,
    status: ApplicationStatus,
    reason: string | null,
    eventKey: string,
    queryCode?: string,
  ): Promise<void> {
    const words = STATUS_WORDS[status];
    await this.deps.messages.post(trx, {
      citizenId: app.citizen_id,
      kind: 'APPLICATION',
      eventKey,
      topic: 'APPLICATION_PROGRESS',
      title: `${definition.title}${words.zh}`,
      titleEn: `${definition.titleEn}: ${words.en}`,
      body: `您的申请（编号 ${app.number}）${words.zh}${reason ? `：${reason}` : '。'}${queryCode ? `查询码 ${queryCode}，家人可凭编号和查询码在“办件进度查询”查看进度。` : ''}`,
      bodyEn: `Your application ${app.number} is ${words.en}${reason ? `: ${reason}` : '.'}${queryCode ? ` Query code ${queryCode}: with the number, anyone you tell can follow it under Progress lookup.` : ''}`,
      link: `/pages/application/index?id=${app.id}`,
      params: { service: definition.title, number: app.number, status: words.zh },
    });
    // Messages about a case submitted for someone else go to the one who submitted it too (issue 17).
    const submitter = (
      await trx.selectFrom('applications').select('submitted_by_citizen_id').where('id', '=', app.id).executeTakeFirst()
    )?.submitted_by_citizen_id;
    if (submitter) {
      await this.deps.messages.post(trx, {
        citizenId: submitter,
        kind: 'APPLICATION',
        eventKey: `${eventKey}:submitter`,
        topic: 'APPLICATION_PROGRESS',
        title: `${definition.title}${words.zh}（代办）`,
        titleEn: `${definition.titleEn}: ${words.en} (for a family member)`,
        body: `您代为提交的申请（编号 ${app.number}）${words.zh}${reason ? `：${reason}` : '。'}`,
        bodyEn: `The application ${app.number} you submitted for a family member is ${words.en}${reason ? `: ${reason}` : '.'}`,
        link: `/pages/application/index?id=${app.id}`,
        params: { service: definition.title, number: app.number, status: words.zh },
      });
    }
  }

  private async byKey(citizenId: string, key: string): Promise<ApplicationView | null> {
    const row = await this.deps.db
      .selectFrom('applications')
      .selectAll()
      .where('citizen_id', '=', citizenId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    return row ? this.view(row) : null;
  }

  private async view(row: ApplicationTable): Promise<ApplicationView> {
    return (await this.views([row]))[0]!;
  }

  /** Rows as views, their definitions read in one query however many rows. */
  private async views(rows: readonly ApplicationTable[]): Promise<ApplicationView[]> {
    // Each application keeps the form and departments of the version it was submitted under.
    // Both reads are kept per instance, so the rows of one service share one.
    const definitions = await Promise.all(
      rows.map(
        async (row) =>
          (row.definition_version ? await this.pinnedDefinition(row.service_id, row.definition_version) : null) ??
          (await this.anyDefinition(row.service_id))!,
      ),
    );
    const vault = this.deps.vault;
    return rows.map((row, i) => {
      let stored: StoredAnswers | undefined;
      return {
        row,
        definition: definitions[i]!,
        unverified: JSON.parse(row.unverified_fields) as string[],
        // Decrypted only when the answers are asked for: a list never needs them.
        get stored() {
          return (stored ??= JSON.parse(vault.decrypt(row.answers_enc)) as StoredAnswers);
        },
      };
    });
  }

  /** One application as background work sees it (delivering its result), whoever's it is; null when gone. */
  async byId(id: string): Promise<ApplicationView | null> {
    const row = await this.deps.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.view(row) : null;
  }

  /** One of the citizen's applications. @throws NOT_FOUND for another citizen's, the same as for none. */
  async get(account: AccountRow, id: string): Promise<ApplicationView> {
    const row = account.citizen_id
      ? await this.deps.db
          .selectFrom('applications')
          .selectAll()
          .where('id', '=', String(id))
          .where('citizen_id', '=', account.citizen_id)
          .executeTakeFirst()
      : undefined;
    if (!row) throw new AppError('NOT_FOUND', undefined, { field: 'id' });
    return this.view(row);
  }

  /** The service of a citizen's application, or null when it is not theirs (acting scopes, issue 17). */
  async serviceOf(applicationId: string, citizenId: string): Promise<string | null> {
    const row = await this.deps.db
      .selectFrom('applications')
      .select('service_id')
      .where('id', '=', String(applicationId))
      .where('citizen_id', '=', citizenId)
      .executeTakeFirst();
    return row?.service_id ?? null;
  }

  /**
   * Newest first by (created_at, id): the index answers every page in the same time, however deep.
   * A helper acting on an authorisation sees only the services it covers (issue 17).
   */
  /** The citizen's applications, only those in the acting grant's scope while acting for them. */
  private mine(account: AccountRow) {
    const query = this.deps.db
      .selectFrom('applications')
      .selectAll()
      .where('citizen_id', '=', account.citizen_id ?? '');
    const acting = (account as EffectiveAccount).acting;
    const granted = acting ? grantedServices(acting.grant) : null;
    return granted
      ? query.where('id', 'in', applicationsInScope(this.deps.db, account.citizen_id ?? '', granted))
      : query;
  }

  async list(
    account: AccountRow,
    first: number,
    after: string | null | undefined,
  ): Promise<{ items: ApplicationView[]; nextCursor: string | null }> {
    const { rows, nextCursor } = await newestFirst(this.mine(account), first, after);
    return { items: await this.views(rows), nextCursor };
  }

  /** The citizen's applications waiting for them to add information, newest first (the dashboard's todos), at most 50. */
  async needingInformation(account: AccountRow): Promise<ApplicationView[]> {
    // The status written into the SQL: compared as a parameter with the partial index's
    // condition (migration 0035), SQLite would prepare the statement again on every run.
    const { rows } = await newestFirst(
      this.mine(account).where('status', '=', sql.lit('MORE_INFO_REQUESTED')),
      50,
      null,
    );
    return this.views(rows);
  }

  departments(applicationId: string) {
    return this.deps.db
      .selectFrom('application_departments')
      .selectAll()
      .where('application_id', '=', applicationId)
      .execute();
  }

  /**
   * The application's steps, oldest first. With one department its steps are the
   * application's: the whole-application entries that repeat them are left out (the
   * first, the submission, and the citizen's own answers stay).
   */
  async timeline(view: ApplicationView) {
    const rows = await this.deps.db
      .selectFrom('application_events')
      .selectAll()
      .where('application_id', '=', view.row.id)
      .orderBy('at')
      .execute();
    const single = view.definition.departments.length === 1;
    const shown = single
      ? rows.filter((e, i) => e.department !== null || e.status === 'SUBMITTED' || e.id.startsWith('sup-') || i === 0)
      : rows;
    // Within one instant a department's event comes before the whole application's.
    return shown.sort(
      (a, b) => a.at.localeCompare(b.at) || (a.department === null ? 1 : 0) - (b.department === null ? 1 : 0),
    );
  }

  /** The query code for progress lookup, shown only on its owner's pages; null for applications made before codes. */
  queryCodeOf(view: ApplicationView): string | null {
    return view.row.query_code_enc ? this.deps.vault.decrypt(view.row.query_code_enc) : null;
  }

  /** The answers as shown back: identifiers masked, choices in words, attachments named. */
  answersOf(view: ApplicationView) {
    const { answers, prefilled } = view.stored;
    return view.definition.form.fields
      .filter((f) => answers[f.id] !== undefined)
      .map((field) => ({
        fieldId: field.id,
        label: field.label,
        labelEn: field.labelEn,
        // Record fields are shown as the form showed them (masked), even when typed because the agency was down.
        display: field.prefill ? displayOf(field, answers[field.id]!) : shownAnswer(field, answers[field.id]!),
        prefilled: prefilled.includes(field.id),
      }));
  }
}

function shownAnswer(field: FormField, value: string): string {
  switch (field.type) {
    case 'idNumber':
      return maskIdNumber(value);
    case 'phone':
      return maskPhone(value);
    case 'select':
      return field.options?.find((o) => o.value === value)?.label ?? value;
    case 'licence':
      return '已关联电子证照';
    case 'file':
      return '已上传';
    // A bank card number keeps its ends, like an account number.
    case 'text':
      return field.pattern === '\\d{16,19}' ? maskAccountNumber(value) : value;
    default:
      return value;
  }
}

export const departmentInfo = (code: string) => ({
  code,
  ...(DEPARTMENTS[code as DepartmentCode] ?? { name: code, nameEn: code }),
});
