import { Text } from '@tarojs/components';
import './design.scss';

export type BadgeTone = 'progress' | 'action' | 'done' | 'failed' | 'neutral';
const SYMBOLS: Record<BadgeTone, string> = { progress: '…', action: '!', done: '✓', failed: '✕', neutral: '·' };

/**
 * A state in words with a symbol; the colour only repeats what the words say. The
 * accessible name is the visible words (the symbol is read as nothing), so voice
 * control and screen readers agree with the screen.
 */
export function StatusBadge({
  tone,
  label,
  className = '',
  ...data
}: { tone: BadgeTone; label: string; className?: string } & Record<`data-${string}`, string>) {
  return (
    <Text className={`status-badge status-badge--${tone} ${className}`} {...data}>
      <Text aria-hidden='true'>{SYMBOLS[tone]} </Text>
      {label}
    </Text>
  );
}
