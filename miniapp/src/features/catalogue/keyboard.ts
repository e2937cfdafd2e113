/**
 * Props that make a View a button a keyboard can reach and press (Tab, Enter, Space):
 * on H5 a View is a custom element that takes no focus by itself. Spread onto the View
 * (Taro's ViewProps do not list tabIndex; mini-programs ignore it).
 */
export function keyboardButton(onPress: () => void) {
  return {
    role: 'button',
    tabIndex: 0,
    onClick: onPress,
    onKeyDown: (e: { key?: string; preventDefault?: () => void }) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault?.();
      onPress();
    },
  };
}
