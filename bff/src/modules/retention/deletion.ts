import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { Outbox } from '../../outbox/outbox';
import { forgetOutboxRows } from '../../outbox/retention';
import { forgetApplications } from '../applications/forget';
import { forgetAppointments } from '../appointments/forget';
import { forgetCarMove } from '../car-move/forget';
import { forgetAuthorisations } from '../family/forget';
import type { PersonToForget } from '../identity/store';
import type { PersonalDataVault } from '../identity/vault';
import { forgetMessages } from '../messages/forget';
import { forgetSubscriptions } from '../notifications/forget';
import { forgetUploads } from '../uploads/forget';
import { forgetLicenceCodes } from '../wallet/forget';

/**
 * What deleteMyAccount removes besides identity's own rows, in its one transaction
 * (PIPL art. 47: the person's data deleted once they close their account). Each module
 * forgets its own tables; this only orders them and collects what names the person, so
 * that the outbox rows and audit records naming them go too. Nothing here calls an
 * agency: what must reach one (withdrawals, a relay release) is put in the outbox in
 * this same transaction.
 * @returns counts for the anonymous 'person.delete' audit record (no ids).
 */
export async function forgetPerson(
  trx: Transaction<Database>,
  deps: { outbox: Outbox; vault: PersonalDataVault },
  person: PersonToForget,
  now: Date,
): Promise<Record<string, number>> {
  const needles: string[] = [...person.accountIds, ...person.platformUserIds];
  const counts: Record<string, number> = {};
  const citizen = person.citizen;
  if (citizen) {
    // Car moving before uploads: a request's photo reference goes before the photo.
    const applications = await forgetApplications(trx, deps.outbox, citizen.id);
    const appointments = await forgetAppointments(trx, citizen.id, now);
    const messages = await forgetMessages(trx, citizen.id);
    const carMove = await forgetCarMove(trx, deps, citizen.id, now);
    const uploads = await forgetUploads(trx, citizen.id);
    const licences = await forgetLicenceCodes(trx, citizen.id);
    const authorisations = await forgetAuthorisations(trx, citizen);
    Object.assign(counts, {
      applicationsWithdrawn: applications.withdrawn,
      applicationsArchived: applications.archived,
      drafts: applications.drafts,
      appointmentsFreed: appointments.freed,
      messages: messages.length,
      carMoveRequests: carMove.requested.length,
      uploads,
      licenceCodes: licences.length,
      authorisations,
    });
    needles.push(
      citizen.id,
      citizen.id_number_hash,
      deps.vault.decrypt(citizen.id_number_enc),
      ...applications.ids,
      ...appointments.ids,
      ...messages,
      ...carMove.requested,
    );
    if (citizen.phone_enc) needles.push(citizen.phone_hash!, deps.vault.decrypt(citizen.phone_enc));
    // What this deletion itself just queued (withdrawals name an application id) must leave.
    counts.outbox = await forgetOutboxRows(
      trx,
      deps.vault,
      needles,
      new Set([...applications.queued, ...carMove.queued]),
    );
    await forgetInAuditLog(trx, {
      actors: [`citizen:${citizen.id}`],
      subjects: [
        `citizen:${citizen.id}`,
        ...person.accountIds.map((id) => `account:${id}`),
        ...licences.map((id) => `licence:${id}`),
      ],
    });
  } else {
    counts.outbox = await forgetOutboxRows(trx, deps.vault, needles);
  }
  counts.subscriptions = await forgetSubscriptions(trx, person.accountIds);
  return counts;
}

/**
 * The audit log keeps what operators did, not whom to: the person's own acts (e.g.
 * 'licence.view-full') are deleted, and operators' records about them keep the action
 * with the subject anonymised. The one record left naming the deletion is the
 * anonymous 'person.delete' that deletePerson writes.
 */
async function forgetInAuditLog(
  trx: Transaction<Database>,
  who: { actors: string[]; subjects: string[] },
): Promise<void> {
  await trx.deleteFrom('audit_log').where('actor', 'in', who.actors).execute();
  await trx.updateTable('audit_log').set({ subject: 'anonymised' }).where('subject', 'in', who.subjects).execute();
}
