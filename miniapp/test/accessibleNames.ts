import type { ByRoleMatcher, ByRoleOptions } from '@testing-library/react';

/**
 * The accessible names of every element with `role` in `scope`, in document order, as
 * Testing Library computes them (dom-accessibility-api): what a screen reader would say,
 * which for a control without aria-label is its visible words.
 */
export function accessibleNames(
  scope: { queryAllByRole(role: ByRoleMatcher, options?: ByRoleOptions): HTMLElement[] },
  role: string,
): string[] {
  const names: string[] = [];
  scope.queryAllByRole(role, { name: (name: string) => (names.push(name), true) });
  return names;
}
