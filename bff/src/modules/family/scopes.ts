/**
 * What a session acting for someone else may do: one row per citizen operation (a root
 * Query or Mutation field that reads the signed-in citizen). The table is the whole
 * rule: an operation missing from it is refused while acting (deny by default), so a
 * new citizen operation is closed to helpers until someone decides its row here.
 *
 * - SELF: about the person holding the phone (their Me page, messages, session, this
 *   switch itself): runs as the actor, never as the principal.
 * - NEVER: proving who someone is or changing their account (face, phone, real name,
 *   platform links, deletion), full licence views and licence codes, new authorisations.
 * - a scope: a service (or its category), applications in general, the wallet (masked
 *   only), appointments, records. A guardian of a minor holds every scope; an adult's
 *   helper only those granted.
 */
export type Scope =
  | { kind: 'service'; serviceId: string }
  | { kind: 'case'; of: CaseKind; id: string }
  | { kind: 'applications' }
  | { kind: 'wallet' }
  | { kind: 'appointments' }
  | { kind: 'records' }
  | { kind: 'guardian-only' };

/** What a per-case operation names: an application, its payment, or a document issued on it. */
export type CaseKind = 'application' | 'payment' | 'document';

export type ActingRule = 'SELF' | 'NEVER' | ((args: Record<string, unknown>) => Scope | 'NEVER');

const service = (args: Record<string, unknown>): Scope => ({
  kind: 'service',
  serviceId: String(args.serviceId ?? ''),
});
const applications = (): Scope => ({ kind: 'applications' });
/** One case (an application, its payment, a document issued on it): in scope when its service is (a helper for school enrolment does not read the principal's housing case). */
const aCase =
  (of: CaseKind, key: string) =>
  (args: Record<string, unknown>): Scope => ({ kind: 'case', of, id: String(args[key] ?? '') });
const wallet = (): Scope => ({ kind: 'wallet' });
const appointments = (): Scope => ({ kind: 'appointments' });
const records = (): Scope => ({ kind: 'records' });
const guardianOnly = (): Scope => ({ kind: 'guardian-only' });

export const ACTING_RULES: Record<string, ActingRule> = {
  // The actor's own account and this switch.
  me: 'SELF',
  logout: 'SELF',
  policyStatus: 'SELF',
  acceptPolicies: 'SELF',
  recordMessageSubscription: 'SELF',
  myMessages: 'SELF',
  unreadMessageCount: 'SELF',
  markMessageRead: 'SELF',
  markAllMessagesRead: 'SELF',
  myFamily: 'SELF',
  actingFor: 'SELF',
  actAs: 'SELF',
  stopActing: 'SELF',
  // Authorisations the actor gave or received are theirs to see, accept and revoke, whoever they act for now
  // (the switch lists what they hold); granting stays NEVER below: a helper passes nothing on.
  myAuthorisations: 'SELF',
  acceptAuthorisation: 'SELF',
  revokeAuthorisation: 'SELF',
  // Never to a helper, whatever was granted.
  verifyRealName: 'NEVER',
  sendLinkCode: 'NEVER',
  proveLinkWithCode: 'NEVER',
  unlinkPlatform: 'NEVER',
  sendPhoneCode: 'NEVER',
  bindPhone: 'NEVER',
  bindPhoneFromPlatform: 'NEVER',
  startFaceVerification: 'NEVER',
  completeFaceVerification: 'NEVER',
  deleteMyAccount: 'NEVER',
  licenceCode: 'NEVER',
  grantAuthorisation: 'NEVER',
  // Applying for a service: that service's scope (or its category's).
  applicationForm: service,
  saveDraft: service,
  discardDraft: service,
  submitApplication: service,
  // The lists show only the services in scope (they read grantedServices); each case is checked by its service.
  myApplications: applications,
  application: aCase('application', 'id'),
  answerInformationRequest: aCase('application', 'applicationId'),
  withdrawApplication: aCase('application', 'applicationId'),
  payment: aCase('payment', 'id'),
  startPayment: aCase('payment', 'paymentId'),
  myReceipts: applications,
  myDocuments: applications,
  issuedDocument: aCase('document', 'id'),
  // The wallet: the masked view only.
  myLicences: wallet,
  licence: (args) => (args.full === true ? 'NEVER' : wallet()),
  myAppointments: appointments,
  bookAppointment: appointments,
  rescheduleAppointment: appointments,
  cancelAppointment: appointments,
  myRecords: records,
  dashboard: records,
  medicalVoucher: records,
  // A minor's other business: their guardian only.
  myCaseRating: guardianOnly,
  rateCase: guardianOnly,
  myConsultations: guardianOnly,
  consultation: guardianOnly,
  askQuestion: guardianOnly,
  rateConsultation: guardianOnly,
};

/** What a session acting for someone may do: every scope (a guardian), or those granted. */
export interface ActingGrant {
  basis: 'GUARDIAN' | 'AUTHORISATION';
  /** Granted scopes (AUTHORISATION): service ids, category ids, 'wallet', 'appointments'. */
  scopes: string[];
  /** The category of each service, for category scopes. */
  categoryOf?: (serviceId: string) => Promise<string | null>;
  /** The service of one of the principal's cases (null: not theirs, or no application's), for per-case scopes. */
  serviceOf?: (of: CaseKind, id: string) => Promise<string | null>;
}

/** The services and categories a grant limits applications to; null for a guardian (every one). */
export function grantedServices(grant: ActingGrant): { services: string[]; categories: string[] } | null {
  if (grant.basis === 'GUARDIAN') return null;
  const after = (prefix: string) => grant.scopes.filter((s) => s.startsWith(prefix)).map((s) => s.slice(prefix.length));
  return { services: after('service:'), categories: after('category:') };
}

/** @returns whether `grant` covers `scope`. */
export async function covers(grant: ActingGrant, scope: Scope): Promise<boolean> {
  if (grant.basis === 'GUARDIAN') return true;
  switch (scope.kind) {
    case 'wallet':
      return grant.scopes.includes('wallet');
    case 'appointments':
      return grant.scopes.includes('appointments');
    case 'applications':
      return grant.scopes.some((s) => s.startsWith('service:') || s.startsWith('category:'));
    case 'case': {
      const serviceId = await grant.serviceOf?.(scope.of, scope.id);
      return Boolean(serviceId) && covers(grant, { kind: 'service', serviceId: serviceId! });
    }
    case 'service': {
      if (grant.scopes.includes(`service:${scope.serviceId}`)) return true;
      const category = await grant.categoryOf?.(scope.serviceId);
      return Boolean(category && grant.scopes.includes(`category:${category}`));
    }
    default:
      return false;
  }
}
