/**
 * Whose data the app is showing: the citizen's own, or while acting (issue 17) the
 * family member's they act for. When that changes, every answer already on screen
 * belongs to the other person, so the hooks that keep answers (useQuery, useRecord)
 * listen here and ask again. Kept in api/ so those hooks need not know about family.
 */
const listeners = new Set<() => void>();

/** Called after the person the session works for changed (acting started, stopped or ended). */
export function principalChanged(): void {
  for (const listener of [...listeners]) listener();
}

/** @returns a function that stops listening. */
export function onPrincipalChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
