import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import {
  DecideCarMoveReportDocument,
  PendingCarMoveReportsDocument,
  type CarMoveReportDecision,
  type PendingCarMoveReportsQuery,
} from '@citizen/shared';
import { asOperator } from '../../lib/session';
import { ConsoleShell } from '../../lib/ConsoleShell';
import { ActionButton } from '../../../components/ActionButton';
import { useDialogs } from '../../../components/dialogs';
import { reasonLabel } from '../../../features/car-move/labels';
import { useT } from '../../../preferences';

type Report = PendingCarMoveReportsQuery['pendingCarMoveReports'][number];

/** China date and time, for when a request was made and reported. */
const when = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * Owners' reports of car-moving requests, waiting for a decision (publishers and
 * admins; the BFF refuses anyone else). Only a confirmed report counts toward
 * suspending the requester; each decision is written to the audit log.
 */
export default function CarMoveReportsPage() {
  const t = useT();
  const dialogs = useDialogs();
  const [reports, setReports] = useState<Report[] | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = async () => {
    const result = await asOperator(PendingCarMoveReportsDocument, {});
    if (result.data) setReports(result.data.pendingCarMoveReports);
    else setMessage({ kind: 'error', text: result.errors[0].message });
  };
  useEffect(() => void load(), []);

  async function decide(report: Report, decision: CarMoveReportDecision) {
    if (decision === 'CONFIRM') {
      const confirmed = await dialogs.confirm({
        title: t('确认举报属实？', 'Uphold this report?'),
        content: t(
          `属实的举报计入对方的暂停次数（已核实 ${report.confirmedReports} 次）。`,
          `An upheld report counts toward suspending the requester (${report.confirmedReports} upheld so far).`,
        ),
        confirmText: t('举报属实', 'Uphold'),
        cancelText: t('再看看', 'Not yet'),
        danger: true,
      });
      if (!confirmed) return;
    }
    setBusy(report.requestId);
    const result = await asOperator(DecideCarMoveReportDocument, { requestId: report.requestId, decision });
    setBusy(null);
    if (!result.data) {
      setMessage({ kind: 'error', text: result.errors[0].message });
      return;
    }
    const { status, suspendedUntil } = result.data.decideCarMoveReport;
    setMessage({
      kind: 'ok',
      text:
        status === 'CONFIRMED'
          ? suspendedUntil
            ? t(
                `已确认 ${report.maskedPlate} 的举报；对方挪车功能已暂停至 ${when(suspendedUntil)}`,
                `Upheld the report on ${report.maskedPlate}; the requester is suspended until ${when(suspendedUntil)}`,
              )
            : t(`已确认 ${report.maskedPlate} 的举报`, `Upheld the report on ${report.maskedPlate}`)
          : t(`已驳回 ${report.maskedPlate} 的举报`, `Dismissed the report on ${report.maskedPlate}`),
    });
    await load();
  }

  return (
    <ConsoleShell title={['挪车举报审核', 'Car-moving reports']}>
      {message ? (
        <Text className={`message message--${message.kind}`} aria-live='polite'>
          {message.text}
        </Text>
      ) : null}
      <View className='panel'>
        {reports === null ? <Text>{t('正在加载…', 'Loading…')}</Text> : null}
        {reports?.length === 0 ? <Text>{t('没有待审核的举报', 'No reports are waiting')}</Text> : null}
        {(reports ?? []).map((r) => (
          <View
            key={r.requestId}
            className='row car-move-report'
            role='group'
            aria-label={t(`车牌 ${r.maskedPlate} 的举报`, `Report on ${r.maskedPlate}`)}
          >
            <Text style={{ minWidth: '120PX' }}>{r.maskedPlate}</Text>
            <Text style={{ minWidth: '140PX' }}>{reasonLabel(r.reason)}</Text>
            {/* Sent through a 挪车码 (issue 21): the requester is an unsigned scanner, so an upheld report suspends no one; the owner can pause or regenerate the code. */}
            {r.viaCode ? (
              <Text className='car-move-report__via-code' style={{ color: '#8a4b00' }}>
                {t('扫码通知', 'Via code')}
              </Text>
            ) : null}
            <Text style={{ color: '#5b6472' }}>
              {t(
                `请求 ${when(r.requestedAt)} · 举报 ${when(r.reportedAt)}`,
                `Requested ${when(r.requestedAt)} · reported ${when(r.reportedAt)}`,
              )}
            </Text>
            <Text style={{ flex: 1 }}>
              {r.note ? t(`车主说明：${r.note}`, `Owner's note: ${r.note}`) : t('（无说明）', '(no note)')}
            </Text>
            <Text style={{ color: '#5b6472' }}>
              {t(`已核实 ${r.confirmedReports} 次`, `${r.confirmedReports} upheld`)}
            </Text>
            <ActionButton
              className='btn btn--danger'
              label={t('举报属实', 'Uphold')}
              disabled={busy !== null}
              onClick={() => void decide(r, 'CONFIRM')}
            />
            <ActionButton
              className='btn btn--ghost'
              label={t('驳回', 'Dismiss')}
              disabled={busy !== null}
              onClick={() => void decide(r, 'DISMISS')}
            />
          </View>
        ))}
      </View>
      {dialogs.view}
    </ConsoleShell>
  );
}
