import type { ConsultationCategory, ConsultationStatus } from '@citizen/shared';
import { t } from '../../preferences';

/** Words for a consultation's category and status, in the current language. */
export function categoryLabel(category: ConsultationCategory): string {
  switch (category) {
    case 'COMPLAINT':
      return t('投诉', 'Complaint');
    case 'LEGAL_AID':
      return t('法律援助咨询', 'Legal aid question');
    default:
      return t('咨询', 'Question');
  }
}

export function consultationStatusLabel(status: ConsultationStatus): string {
  switch (status) {
    case 'SUBMITTED':
      return t('已提交', 'Sent');
    case 'RECEIVED':
      return t('12345已受理', 'Received by 12345');
    case 'ASSIGNED':
      return t('部门办理中', 'Being handled');
    case 'REPLIED':
      return t('已答复', 'Answered');
    case 'REOPENED':
      return t('已重新办理', 'Reopened');
    case 'SOLVED':
      return t('已解决', 'Solved');
    case 'UNSOLVED':
      return t('未解决，已办结', 'Closed, not solved');
    default:
      return status;
  }
}

/** A key for one form's submission: kept while the form is open, so a retried tap opens one ticket. */
export const newAskKey = () => `ask-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
