import { Button } from '@tarojs/components';
import { pressable } from './pressable';

/**
 * A button with an accessible name on every platform. On H5, Taro renders Button as a
 * <taro-button-core> custom element with no implicit role, so screen readers (and
 * tests that find buttons by role) need it said; ButtonProps does not declare `role`.
 * Give it `loading` only with a label that stays the same: on H5, new text in the same
 * render as the spinner appearing breaks the button's re-render (a Stencil
 * insertBefore error); a changing label ("正在提交…") with `disabled` says as much.
 * <taro-button-core> is no native button either: it takes no keyboard focus and ignores
 * Enter, so it gets a tab stop and Enter/Space (pressable), and the focus ring (app.scss).
 */
export function ActionButton({
  label,
  className,
  onClick,
  disabled,
  loading,
}: {
  label: string;
  className?: string;
  onClick: () => void;
  disabled?: boolean;
  loading?: boolean;
}) {
  const inactive = disabled || loading;
  const { tabIndex, onKeyDown } = pressable(inactive ? undefined : onClick, inactive);
  // ButtonProps declares none of these; mini-programs ignore them.
  const accessibility = {
    role: 'button',
    'aria-label': label,
    'aria-disabled': inactive ? 'true' : 'false',
    tabIndex,
    onKeyDown,
  };
  return (
    // Attributes only when true: H5 renders disabled="false", which weui's [disabled] style greys out.
    <Button
      className={`${className ?? ''}${disabled ? ' button--disabled' : ''}`}
      onClick={disabled || loading ? undefined : onClick}
      disabled={disabled || undefined}
      loading={loading || undefined}
      {...accessibility}
    >
      {label}
    </Button>
  );
}
