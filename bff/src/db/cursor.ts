import { BadUserInputError } from '../errors';

/**
 * Keyset cursors for newest-first lists: the (created_at, id) of the last row seen.
 * Opaque to clients; a page never costs more than its own rows, however deep.
 */
export function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

/** @throws BAD_USER_INPUT naming `field` when the cursor was not made by encodeCursor. */
export function decodeCursor(cursor: string, field: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && at.length <= 32 && id.length <= 36) return { at, id };
  } catch {
    // fall through: a cursor that is not ours
  }
  throw new BadUserInputError('BAD_USER_INPUT', { field });
}
