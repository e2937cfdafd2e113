import { Text } from '@tarojs/components';
import type { ApplicationStatus } from '@citizen/shared';
import { STATUS_LABELS, STATUS_TONES } from './labels';
import './applications.scss';

const SYMBOLS = { progress: '…', action: '!', done: '✓', failed: '✕' } as const;

/** A status in words with a symbol; the colour only repeats what they say. `subject` names whose status it is (a department). */
export function StatusBadge({ status, className = '', subject = '' }: { status: ApplicationStatus; className?: string; subject?: string }) {
  const tone = STATUS_TONES[status];
  return (
    <Text className={`${className} status-badge status-badge--${tone}`} data-status={status} aria-label={`${subject}办理状态：${STATUS_LABELS[status]}`}>
      {SYMBOLS[tone]} {STATUS_LABELS[status]}
    </Text>
  );
}
