import { Text } from '@tarojs/components';
import type { ApplicationStatus } from '@citizen/shared';
import { t } from '../../preferences';
import { STATUS_TONES, statusLabel } from './labels';
import './applications.scss';

const SYMBOLS = { progress: '…', action: '!', done: '✓', failed: '✕' } as const;

/** A status in words with a symbol; the colour only repeats what they say. `subject` names whose status it is (a department). */
export function StatusBadge({
  status,
  className = '',
  subject = '',
}: {
  status: ApplicationStatus;
  className?: string;
  subject?: string;
}) {
  const tone = STATUS_TONES[status];
  return (
    <Text
      className={`${className} status-badge status-badge--${tone}`}
      data-status={status}
      aria-label={t(
        `${subject}办理状态：${statusLabel(status)}`,
        `${subject ? `${subject}: ` : ''}status ${statusLabel(status)}`,
      )}
    >
      {SYMBOLS[tone]} {statusLabel(status)}
    </Text>
  );
}
