import type { ErrorCode, HomeScreenQuery } from '@citizen/shared';
import type { ApiError } from '../../api/client';
import { localized } from '../../preferences/format';
import { t } from '../../preferences';
import type { FamilyMember } from './labels';

/**
 * 授权他人代办 (issue 17): what the grant screen keeps, offers and says. The BFF checks
 * everything again; this only saves a round trip and puts each refusal by its field.
 */

/** Whom: a relation from the register (its sealed ref) or an adult named by ID number and name. */
export type Grantee = { kind: 'relation'; ref: string } | { kind: 'named'; name: string; idNumber: string };

export interface GrantDraft {
  grantee: Grantee | null;
  scopes: string[];
  until: string;
}

/** Where a refusal is shown: by whom, by what, by until, or above the button. */
export type GrantField = 'grantee' | 'name' | 'idNumber' | 'scopes' | 'until' | 'form';

/** A scope the citizen can tick, in words. */
export interface ScopeOption {
  scope: string;
  label: string;
}

/** The BFF's fields (to.ref, to.idNumber, to.name, to, scopes, until) as the screen's. */
export function fieldOf(error: Pick<ApiError, 'code' | 'field'>): GrantField {
  const byCode: Partial<Record<ErrorCode, GrantField>> = {
    AUTHORISATION_SCOPES_EMPTY: 'scopes',
    AUTHORISATION_SCOPE_UNKNOWN: 'scopes',
    AUTHORISATION_UNTIL_PAST: 'until',
    AUTHORISATION_UNTIL_TOO_FAR: 'until',
    AUTHORISATION_SELF: 'grantee',
    AUTHORISATION_GRANTEE_MINOR: 'grantee',
  };
  const coded = byCode[error.code];
  if (coded) return coded;
  if (error.field === 'to.idNumber') return 'idNumber';
  if (error.field === 'to.name') return 'name';
  if (error.field === 'to' || error.field === 'to.ref') return 'grantee';
  if (error.field === 'scopes' || error.field === 'until') return error.field;
  return 'form';
}

/** Relations who may be authorised: adults (a minor is refused by the BFF, so not offered). */
export function adultRelations(members: readonly FamilyMember[]): FamilyMember[] {
  return members.filter((m) => m.age >= 18);
}

/** The two kinds of scope that are not a service or a category. */
export function fixedScopes(): ScopeOption[] {
  return [
    { scope: 'appointments', label: t('预约办事', 'Booking visits (appointments)') },
    { scope: 'wallet', label: t('证照（仅脱敏查看）', 'Licences (masked view only)') },
  ];
}

/**
 * Categories and services from the catalogue the app lists (HomeScreen): each category,
 * and each service a tile opens (by its service id, once).
 */
export function catalogueScopes(home: HomeScreenQuery | null | undefined): {
  categories: ScopeOption[];
  services: ScopeOption[];
} {
  if (!home) return { categories: [], services: [] };
  const categories = [...home.serviceCategories]
    .sort((a, b) => a.order - b.order)
    .map((c) => ({ scope: `category:${c.id}`, label: localized(c.name, c.nameEn) }));
  const seen = new Set<string>();
  const services: ScopeOption[] = [];
  for (const tile of home.serviceTiles) {
    if (tile.target.kind !== 'SERVICE' || seen.has(tile.target.value)) continue;
    seen.add(tile.target.value);
    services.push({ scope: `service:${tile.target.value}`, label: localized(tile.title, tile.titleEn) });
  }
  return { categories, services };
}

/** The grantee as the mutation takes it. */
export function granteeInput(grantee: Grantee): { ref?: string; idNumber?: string; name?: string } {
  return grantee.kind === 'relation' ? { ref: grantee.ref } : { idNumber: grantee.idNumber, name: grantee.name.trim() };
}

// ---------------------------------------------------------------------------
// Kept across the face step. The face page comes back by opening this screen afresh,
// so what was filled in waits here, in memory only: an ID number never goes to storage.

let waiting: GrantDraft | null = null;
let granted: { maskedName: string; pending: boolean } | null = null;

/** Keeps the form while the citizen passes face verification; the screen sends it again on return. */
export function holdForFace(draft: GrantDraft): void {
  waiting = { ...draft, scopes: [...draft.scopes] };
}

/** The form kept for the face step, once (null when there is none). */
export function takeHeld(): GrantDraft | null {
  const draft = waiting;
  waiting = null;
  return draft;
}

/** What the 家人代办 page says once back: whom, and whether they still have to accept. */
export function noteGranted(maskedName: string, pending: boolean): void {
  granted = { maskedName, pending };
}

export function takeGranted(): { maskedName: string; pending: boolean } | null {
  const note = granted;
  granted = null;
  return note;
}

/** The confirmation in words. */
export function grantedText(note: { maskedName: string; pending: boolean }): string {
  return note.pending
    ? t(
        `已授权 ${note.maskedName}，待对方在“家人代办”中接受后生效`,
        `Authorisation sent to ${note.maskedName}. It starts once they accept it under Family.`,
      )
    : t(`已授权 ${note.maskedName} 为您代办，即时生效`, `${note.maskedName} may now act for you.`);
}

/** A service or category scope by the catalogue's title, as the grant screen offered it; anything else as `fallback` says it. */
export function scopeLabel(
  scope: string,
  home: HomeScreenQuery | null | undefined,
  fallback: (scope: string) => string,
): string {
  const { categories, services } = catalogueScopes(home);
  return [...categories, ...services].find((o) => o.scope === scope)?.label ?? fallback(scope);
}
