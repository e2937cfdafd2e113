import { AppError } from '../../errors';
import { ACTING_RULES, covers, type ActingGrant } from './scopes';

/** A session acting for someone else, as checked for this request. */
export interface Acting {
  actorCitizenId: string;
  actorAccountId: string;
  principalCitizenId: string;
  basis: 'GUARDIAN' | 'AUTHORISATION';
  /** What the principal is to the actor: CHILD, WARD (guardian), or an adult's relation. */
  relation: string;
  /** The first China day the right no longer holds. */
  endsOn: string;
  grant: ActingGrant;
}

/**
 * Whether `field` (a root operation) may run for the principal, and as whom.
 * @returns 'ACTOR' (the operation is about the person holding the phone) or 'PRINCIPAL'.
 * @throws ACTING_NOT_ALLOWED (never to a helper, or no row in the table) or ACTING_OUT_OF_SCOPE.
 */
export async function checkActing(
  field: string,
  args: Record<string, unknown>,
  acting: Acting,
): Promise<'ACTOR' | 'PRINCIPAL'> {
  const rule = ACTING_RULES[field];
  if (rule === 'SELF') return 'ACTOR';
  if (!rule || rule === 'NEVER') throw new AppError('ACTING_NOT_ALLOWED', undefined, { operation: field });
  const scope = rule(args);
  if (scope === 'NEVER') throw new AppError('ACTING_NOT_ALLOWED', undefined, { operation: field });
  if (!(await covers(acting.grant, scope))) throw new AppError('ACTING_OUT_OF_SCOPE', undefined, { operation: field });
  return 'PRINCIPAL';
}
