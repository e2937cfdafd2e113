import { maskAccountNumber, maskIdNumber, maskPlate } from '@citizen/shared';

// Licence titles live in shared (one copy for the BFF and the app).
export { LICENCE_TITLES, licenceTitle } from '@citizen/shared';

/** A licence's number as shown masked: ID numbers and plates as everywhere else, other numbers keep their ends. */
export const maskLicenceNumber = (kind: string, number: string) =>
  kind === 'ID_CARD' || kind === 'DRIVING_LICENCE' ? maskIdNumber(number) : kind === 'VEHICLE_LICENCE' ? maskPlate(number) : maskAccountNumber(number);
