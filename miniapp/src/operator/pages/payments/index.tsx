import { useEffect, useRef, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import {
  ConsolePaymentDocument,
  ConsolePaymentsDocument,
  DecidePaymentRefundDocument,
  RequestPaymentRefundDocument,
  type ConsolePaymentFieldsFragment,
  type ConsolePaymentsQuery,
  type PaymentStatus,
} from '@citizen/shared';
import { asOperator, operatorSession } from '../../lib/session';
import { ConsoleShell } from '../../lib/ConsoleShell';
import { ActionButton } from '../../../components/ActionButton';
import { paymentItemName, paymentStatusLabel } from '../../../features/payments/labels';
import { useT } from '../../../preferences';

type Report = ConsolePaymentsQuery['paymentReconciliations'][number];

const when = (iso: string | null | undefined) =>
  iso ? new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '—';
const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : (fen / 100).toFixed(2));
const FILTERS: ReadonlyArray<[PaymentStatus | null, string, string]> = [
  [null, '全部', 'All'],
  ['SETTLED', '已缴费', 'Paid'],
  ['REFUNDING', '退款中', 'Refunding'],
  ['REFUNDED', '已退款', 'Refunded'],
  ['UNPAID', '待支付', 'Unpaid'],
  ['EXPIRED', '已失效', 'Expired'],
];
const DIFFERENCES: Record<string, [string, string]> = {
  MISSING_AT_FINANCE: ['财政无此笔缴款', 'Missing at the finance bureau'],
  MISSING_HERE: ['本系统无此笔缴款', 'Missing here'],
  AMOUNT: ['金额不一致', 'Amounts differ'],
  STATUS: ['退款状态不一致', 'Refund state differs'],
  TRANSACTION: ['交易号不一致', 'Transaction differs'],
};

/**
 * 缴费管理 (publishers and admins): payments found by number (application, slip,
 * payment code, receipt) and status; one payment's trail; a refund one operator asks
 * for and another approves (the server refuses the asker's own approval); and the daily
 * reconciliation reports with each difference against the finance bureau's records.
 */
export default function PaymentsConsolePage() {
  const t = useT();
  const me = operatorSession()?.operator.username;
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<PaymentStatus | null>(null);
  const [payments, setPayments] = useState<ConsolePaymentFieldsFragment[] | null>(null);
  const [reports, setReports] = useState<Report[]>([]);
  const [selected, setSelected] = useState<ConsolePaymentFieldsFragment | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const [searching, setSearching] = useState(false);
  // Only the newest search may fill the list: a status chip tapped and then a number
  // searched could otherwise answer out of order and show the wider list last.
  const latestSearch = useRef(0);

  const search = async () => {
    const ticket = ++latestSearch.current;
    setSearching(true);
    const result = await asOperator(ConsolePaymentsDocument, { query: query.trim() || null, status });
    if (ticket !== latestSearch.current) return;
    setSearching(false);
    if (result.data) {
      setPayments(result.data.consolePayments);
      setReports(result.data.paymentReconciliations);
    } else setMessage({ kind: 'error', text: result.errors[0].message });
  };
  // A status chip searches at once; typed numbers wait for the search button.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- so search (which reads the box) is left out
  useEffect(() => void search(), [status]);

  const open = async (id: string) => {
    const result = await asOperator(ConsolePaymentDocument, { id });
    if (result.data) setSelected(result.data.consolePayment);
    else setMessage({ kind: 'error', text: result.errors[0].message });
  };

  /** Runs a refund step, then reads the payment and the list again. */
  const step = async (run: () => Promise<{ data?: unknown; errors: Array<{ message: string }> }>, done: string) => {
    if (!selected) return;
    setBusy(true);
    const result = await run();
    setBusy(false);
    if (!result.data) {
      setMessage({ kind: 'error', text: result.errors[0]!.message });
      return;
    }
    setMessage({ kind: 'ok', text: done });
    setReason('');
    await Promise.all([open(selected.id), search()]);
  };

  const pending = selected?.refundRequests.find((r) => r.status === 'PENDING') ?? null;
  const refundable = selected && (selected.status === 'SETTLED' || selected.status === 'PAID');

  return (
    <ConsoleShell title={['缴费管理', 'Payments']}>
      {message ? (
        <Text className={`message message--${message.kind}`} aria-live='polite'>
          {message.text}
        </Text>
      ) : null}
      <View className='panel'>
        <View className='row'>
          <Input
            className='input input--wide payments__query'
            value={query}
            placeholder={t('办件编号、缴款书号、缴费码或票据号', 'Application, slip, payment code or receipt number')}
            aria-label={t('按编号查找', 'Find by number')}
            onInput={(e) => setQuery(e.detail.value)}
            onConfirm={() => void search()}
          />
          <ActionButton className='btn payments__search' label={t('查找', 'Search')} onClick={() => void search()} />
        </View>
        <View className='row' role='radiogroup' aria-label={t('按状态筛选', 'Filter by status')}>
          {FILTERS.map(([value, zh, en]) => (
            <ActionButton
              key={zh}
              className={status === value ? 'btn' : 'btn btn--ghost'}
              label={t(zh, en)}
              onClick={() => setStatus(value)}
            />
          ))}
        </View>
        {searching || (payments === null && message?.kind !== 'error') ? (
          <Text className='payments__searching' aria-live='polite'>
            {t('正在查找…', 'Searching…')}
          </Text>
        ) : null}
        {payments?.length === 0 ? <Text>{t('没有符合条件的缴费', 'No payments match')}</Text> : null}
        {(payments ?? []).map((p) => (
          <View
            key={p.id}
            className='row payments__row'
            role='button'
            onClick={() => void open(p.id)}
            style={{ borderBottom: '1PX solid #e3e6eb', padding: '8PX 0', cursor: 'pointer' }}
          >
            <Text style={{ minWidth: '200PX' }}>{p.applicationNumber ?? p.id.slice(0, 12)}</Text>
            <Text style={{ minWidth: '200PX' }}>{paymentItemName(p)}</Text>
            <Text style={{ minWidth: '90PX' }}>¥{p.amount}</Text>
            <Text>{paymentStatusLabel(p.status)}</Text>
          </View>
        ))}
      </View>

      {selected ? (
        <View className='panel payments__detail' role='region' aria-label={t('缴费详情', 'Payment details')}>
          <Text className='line' style={{ fontWeight: 700 }}>
            {paymentItemName(selected)} · ¥{selected.amount} · {paymentStatusLabel(selected.status)}
          </Text>
          <Text className='line'>
            {t('办件编号', 'Application')}：{selected.applicationNumber ?? '—'}　{t('缴款书号', 'Slip')}：
            {selected.slipNo ?? '—'}　{t('缴费码', 'Payment code')}：{selected.paymentCode ?? '—'}
          </Text>
          <Text className='line'>
            {t('支付渠道', 'Channel')}：{selected.channel ?? '—'}　{t('交易号', 'Transaction')}：
            {selected.transactionId ?? '—'}　{t('支付时间', 'Paid')}：{when(selected.paidAt)}
          </Text>
          <Text className='line'>
            {t('电子票据', 'Receipt')}：{selected.receipt?.number ?? '—'}　
            {selected.refundedAt
              ? t(
                  `退款于 ${when(selected.refundedAt)}（${selected.refundReason ?? ''}）`,
                  `Refunded ${when(selected.refundedAt)} (${selected.refundReason ?? ''})`,
                )
              : ''}
          </Text>
          {selected.refundRequests.map((r) => (
            <Text key={r.id} className='line payments__request' style={{ color: '#5b6472' }}>
              {t(
                `退款申请：${r.requestedBy} 于 ${when(r.createdAt)} 申请（${r.reason}）`,
                `Refund asked by ${r.requestedBy} at ${when(r.createdAt)} (${r.reason})`,
              )}
              {r.status === 'PENDING'
                ? t('，待批准', ', waiting for approval')
                : t(
                    `，${r.decidedBy} ${r.status === 'APPROVED' ? '已批准' : '已驳回'}`,
                    `, ${r.status === 'APPROVED' ? 'approved' : 'declined'} by ${r.decidedBy}`,
                  )}
            </Text>
          ))}
          {pending && pending.requestedBy === me ? (
            <Text className='line payments__own'>
              {t('您发起的退款须由另一位操作员批准。', 'Another operator must approve the refund you asked for.')}
            </Text>
          ) : null}
          {pending && pending.requestedBy !== me ? (
            <View className='row'>
              <ActionButton
                className='btn payments__approve'
                label={t('批准退款', 'Approve the refund')}
                disabled={busy}
                onClick={() =>
                  void step(
                    () => asOperator(DecidePaymentRefundDocument, { requestId: pending.id, approve: true }),
                    t('已批准，退款将原路退回', 'Approved: the money goes back where it came from'),
                  )
                }
              />
              <ActionButton
                className='btn btn--ghost payments__decline'
                label={t('驳回', 'Decline')}
                disabled={busy}
                onClick={() =>
                  void step(
                    () => asOperator(DecidePaymentRefundDocument, { requestId: pending.id, approve: false }),
                    t('已驳回', 'Declined'),
                  )
                }
              />
            </View>
          ) : null}
          {refundable && !pending ? (
            <View className='row'>
              <Input
                className='input payments__reason'
                value={reason}
                placeholder={t('退款原因（须另一位操作员批准）', 'Why refund (another operator approves)')}
                aria-label={t('退款原因', 'Refund reason')}
                onInput={(e) => setReason(e.detail.value)}
              />
              <ActionButton
                className='btn payments__request-refund'
                label={t('申请退款', 'Ask for a refund')}
                disabled={busy}
                onClick={() =>
                  void step(
                    () => asOperator(RequestPaymentRefundDocument, { paymentId: selected.id, reason }),
                    t('已提交退款申请，等待另一位操作员批准', 'Refund asked: waiting for another operator'),
                  )
                }
              />
            </View>
          ) : null}
          <ActionButton
            className='btn btn--ghost'
            label={t('关闭详情', 'Close details')}
            onClick={() => setSelected(null)}
          />
        </View>
      ) : null}

      <View className='panel payments__reconciliation'>
        <Text style={{ fontWeight: 700 }}>
          {t('每日对账（与财政非税收入系统）', 'Daily reconciliation (with the finance bureau)')}
        </Text>
        {reports.length === 0 ? (
          <Text>
            {t(
              '还没有对账报告（每天凌晨2点后自动对前一天）',
              'No reports yet (each day after 02:00 the day before is reconciled)',
            )}
          </Text>
        ) : null}
        {reports.map((r) => (
          <View
            key={r.day}
            className='payments__report'
            style={{ borderBottom: '1PX solid #e3e6eb', padding: '8PX 0' }}
          >
            <Text style={{ color: r.differences.length ? '#b42318' : '#1a7f37', fontWeight: 700 }}>
              {t(
                `${r.day}：本系统 ${r.ours} 笔，财政 ${r.theirs} 笔，${r.differences.length ? `差异 ${r.differences.length} 笔` : '一致'}`,
                `${r.day}: ours ${r.ours}, finance ${r.theirs}, ${r.differences.length ? `${r.differences.length} differences` : 'all agree'}`,
              )}
            </Text>
            {r.differences.map((d) => (
              <Text key={`${d.kind}-${d.slipNo}`} className='payments__difference'>
                {t(...(DIFFERENCES[d.kind] ?? [d.kind, d.kind]))} · {d.slipNo} · {t('本系统', 'ours')} ¥
                {yuan(d.ourAmountFen)} / {t('财政', 'finance')} ¥{yuan(d.theirAmountFen)}
              </Text>
            ))}
          </View>
        ))}
      </View>
    </ConsoleShell>
  );
}
