/**
 * H5 only: every control reachable and operable from the keyboard, whoever wrote the
 * page. Taro renders View and Button as custom elements that take no focus and ignore
 * Enter, so a `role='button'` row, a radio, a tile was mouse-and-touch only. This gives
 * each element with a control role a tab stop (unless it set its own tabindex) and
 * presses it on Enter (and Space, except in a text box), as a native button would.
 * Controls built with `pressable` handle their keys themselves and mark the event
 * handled (defaultPrevented), so nothing is pressed twice.
 */
const CONTROLS =
  '[role="button"],[role="radio"],[role="checkbox"],[role="switch"],[role="tab"],[role="link"],[role="menuitem"],taro-button-core';

function focusable(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>(CONTROLS).forEach((element) => {
    if (element.hasAttribute('tabindex')) return;
    const disabled = element.getAttribute('aria-disabled') === 'true' || element.hasAttribute('disabled');
    element.setAttribute('tabindex', disabled ? '-1' : '0');
  });
}

export function enableKeyboardControls(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
  focusable(document);
  new MutationObserver(() => focusable(document)).observe(document.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['role', 'aria-disabled', 'disabled'],
  });
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || (event.key !== 'Enter' && event.key !== ' ')) return;
    const target = event.target as HTMLElement | null;
    if (!target || !target.matches?.(CONTROLS)) return;
    if (target.getAttribute('aria-disabled') === 'true') return;
    event.preventDefault();
    target.click();
  });
}
