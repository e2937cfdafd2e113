import { maskAccountNumber, maskIdNumber, maskPlate } from '@citizen/shared';
import type { AgencyRecordLoaders } from './loaders';

// Licence titles live in shared (one copy for the BFF and the app).
export { LICENCE_TITLES, licenceTitle } from '@citizen/shared';

/** A licence's number as shown masked: ID numbers and plates as everywhere else, other numbers keep their ends. */
export const maskLicenceNumber = (kind: string, number: string) =>
  kind === 'ID_CARD' || kind === 'DRIVING_LICENCE'
    ? maskIdNumber(number)
    : kind === 'VEHICLE_LICENCE'
      ? maskPlate(number)
      : maskAccountNumber(number);

export interface HeldLicence {
  licenceId: string;
  kind: string;
  number: string;
  issuer: string;
  issuedOn: string;
  validUntil: string | null;
  /** Kind-specific details, e.g. the driving class or the business name. */
  fields: Record<string, string>;
}

/** The citizen's electronic licences from the licence library. @throws the agency's error when it is down. */
export async function heldLicences(
  citizen: { idNumber: string },
  loaders: AgencyRecordLoaders,
): Promise<HeldLicence[]> {
  const holder = await loaders.licences.load(citizen.idNumber);
  return ((holder?.licences as HeldLicence[] | undefined) ?? []).filter((l) => typeof l.licenceId === 'string');
}
