import type { RecordsWorld, Violation } from '../data/records';
import type { Slip } from './finance';

/** The non-tax revenue item a traffic fine is paid under (罚没收入, 公安交通管理罚款). */
export const TRAFFIC_FINE_ITEM = '103050101';

/**
 * The traffic police hear of a fine paid from the finance bureau (the slip's reference
 * is the violation number): the violation is handled when the bureau received the whole
 * fine, whatever the payer's app says. Its drivers feed shows it from then on.
 */
export function handleFinePaid(records: RecordsWorld, slip: Slip): void {
  for (const driver of records.drivers.values()) {
    const violation: Violation | undefined = driver.violations.find((v) => v.violationId === slip.reference);
    if (!violation) continue;
    if (!violation.handled && slip.amountFen === violation.fineCents) violation.handled = true;
    return;
  }
}
