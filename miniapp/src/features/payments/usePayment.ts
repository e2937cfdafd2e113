import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';
import {
  MyReceiptsDocument,
  PaymentDocument,
  StartPaymentDocument,
  type PaymentChannel,
  type PaymentFieldsFragment,
} from '@citizen/shared';
import { authed } from '../identity/session';
import type { ApiError } from '../../api/client';
import { platform } from '../../platform';
import { requestPayment, type PayClientOutcome } from '../../platform/pay';
import { RESTING } from './labels';

/** The platform's notification usually lands within a second or two of the sheet closing. */
export const PAYMENT_POLL_MS = 1500;

/** Where the H5 cashier sends the browser back to: this page, for this payment. */
function h5ReturnUrl(paymentId: string): string | undefined {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return undefined;
  const { origin, pathname } = window.location;
  return `${origin}${pathname}#/pages/payment/index?id=${encodeURIComponent(paymentId)}`;
}

/**
 * One payment, and paying it on this build's channel. The sheet's answer is never taken
 * for payment: after it (and after coming back from the H5 cashier) the page reads the
 * payment until the BFF, told by the platform's own notification, says PAID, then
 * SETTLED with the finance bureau's receipt.
 */
export function usePayment(id: string) {
  const [payment, setPayment] = useState<PaymentFieldsFragment | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [paying, setPaying] = useState(false);
  const [sheet, setSheet] = useState<PayClientOutcome | null>(null);
  const [reads, setReads] = useState(0);
  const visible = useRef(true);
  const alive = useRef(true);

  const load = useCallback(async () => {
    const result = await authed(PaymentDocument, { id });
    if (!alive.current) return;
    if (result.data) {
      setPayment(result.data.payment);
      setError(null);
    } else setError(result.errors[0]);
    setReads((n) => n + 1);
  }, [id]);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  useDidShow(() => {
    visible.current = true;
    void load();
  });
  useDidHide(() => {
    visible.current = false;
  });

  // Read again while something is on its way: a receipt (PAID, REFUNDING), or the notification after the sheet.
  const waiting =
    payment !== null &&
    !RESTING.includes(payment.status) &&
    (payment.status !== 'UNPAID' ||
      sheet === 'done' ||
      sheet === 'unknown' ||
      (sheet === null && payment.channel !== null));
  useEffect(() => {
    if (!waiting || reads === 0) return undefined;
    const timer = setTimeout(() => {
      if (visible.current) void load();
    }, PAYMENT_POLL_MS);
    return () => clearTimeout(timer);
  }, [waiting, reads, load]);

  const pay = useCallback(async () => {
    if (!payment || paying) return;
    setPaying(true);
    setError(null);
    const channel: PaymentChannel = platform.name;
    const started = await authed(StartPaymentDocument, {
      paymentId: payment.id,
      channel,
      returnUrl: h5ReturnUrl(payment.id),
    });
    if (!started.data) {
      setPaying(false);
      setError(started.errors[0]);
      void load();
      return;
    }
    setPayment(started.data.startPayment.payment);
    const outcome = await requestPayment(started.data.startPayment);
    if (!alive.current) return;
    setSheet(outcome);
    setPaying(false);
    void load();
  }, [payment, paying, load]);

  return { payment, error, paying, sheet, pay, reload: load };
}

/** The citizen's receipts (我的票据), read each time the page shows (a payment may have just settled). */
export function useReceipts() {
  const [receipts, setReceipts] = useState<PaymentFieldsFragment[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const latest = useRef(0);
  const load = useCallback(async () => {
    const ticket = ++latest.current;
    const result = await authed(MyReceiptsDocument, {});
    if (ticket !== latest.current) return;
    if (result.data) {
      setReceipts(result.data.myReceipts);
      setError(null);
    } else setError(result.errors[0]);
  }, []);
  useDidShow(() => void load());
  return { receipts, error, reload: load };
}
