/**
 * What makes a View a control on every platform: on H5 Taro renders View as a custom
 * element that takes no keyboard focus and ignores Enter, so a tappable row or tile
 * was reachable only by touch or mouse. These props give it the button role, a tab
 * stop and Enter/Space, like a native button. Mini-programs ignore the extra props.
 */
export interface PressableProps {
  role: 'button';
  tabIndex: number;
  'aria-disabled'?: 'true';
  onClick?: () => void;
  onKeyDown?: (event: { key?: string; preventDefault?: () => void }) => void;
}

export function pressable(onPress: (() => void) | undefined, disabled = false): PressableProps {
  if (disabled || !onPress)
    return { role: 'button', tabIndex: disabled ? -1 : 0, ...(disabled ? { 'aria-disabled': 'true' as const } : {}) };
  return {
    role: 'button',
    tabIndex: 0,
    onClick: onPress,
    onKeyDown: (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      // Space would scroll the page; Enter on a focused row should not also submit a form.
      event.preventDefault?.();
      onPress();
    },
  };
}
