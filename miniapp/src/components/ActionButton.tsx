import { Button } from '@tarojs/components';

/**
 * A button with an accessible name on every platform. On H5, Taro renders Button as a
 * <taro-button-core> custom element with no implicit role, so screen readers (and
 * tests that find buttons by role) need it said; ButtonProps does not declare `role`.
 */
export function ActionButton({ label, className, onClick }: { label: string; className?: string; onClick: () => void }) {
  const accessibility = { role: 'button', 'aria-label': label };
  return (
    <Button className={className} onClick={onClick} {...accessibility}>
      {label}
    </Button>
  );
}
