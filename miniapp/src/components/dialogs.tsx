import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { preferences, t, usePreferences } from '../preferences';
import { ActionButton } from './ActionButton';
import { Notice } from './Notice';
import './form.scss';

/**
 * Confirmations and short notices. Normally the platform's own modal and toast; in
 * elder mode there are no pop-ups (MIIT 2021): the question is asked inline, in the
 * page, in large type with two large buttons, and a notice stays on the page until
 * the citizen taps "知道了" (a toast vanishes before some can read it).
 */
export interface ConfirmOptions {
  title: string;
  content: string;
  confirmText: string;
  cancelText?: string;
  /** Deleting or reporting: the confirm button is red, and its words say what it does. */
  danger?: boolean;
}

export interface NotifyOptions {
  /** 'ok' by default; an error is announced as an alert. */
  kind?: 'ok' | 'error';
  /** The toast's icon outside elder mode (WeChat's success tick takes 7 characters at most). */
  icon?: 'success' | 'none';
}

/** What flows outside a page's render (opening a tile) need: ask, and tell. */
export interface Dialogs {
  confirm(options: ConfirmOptions): Promise<boolean>;
  notify(text: string, options?: NotifyOptions): void;
}

const DANGER = '#c0262d';

/** The platform's modal and toast, for screens outside elder mode and code with no page to draw in. */
export const platformDialogs: Dialogs = {
  async confirm({ title, content, confirmText, cancelText, danger }) {
    const { confirm } = await Taro.showModal({
      title,
      content,
      confirmText,
      cancelText: cancelText ?? t('取消', 'Cancel'),
      ...(danger ? { confirmColor: DANGER } : {}),
    });
    return confirm;
  },
  notify(text, options = {}) {
    void Taro.showToast({ title: text, icon: options.icon ?? 'none', duration: 2500 });
  },
};

/** Brings the inline question into view: it appears where the page placed it, which may be above the tap. */
function scrollInto(selector: string): void {
  setTimeout(() => {
    try {
      void Taro.pageScrollTo({ selector, duration: 200 })?.catch?.(() => undefined);
    } catch {
      // a platform without pageScrollTo: the question is still on the page
    }
  }, 50);
}

/**
 * A page's dialogs: `confirm` and `notify` behave as the platform's modal and toast
 * outside elder mode; in elder mode they fill `view`, which the page renders where
 * the question belongs (near the button that asked, or at the top).
 */
export function useDialogs(): Dialogs & { view: JSX.Element | null } {
  const { elder } = usePreferences();
  const [question, setQuestion] = useState<{ options: ConfirmOptions; resolve: (yes: boolean) => void } | null>(null);
  const [message, setMessage] = useState<{ text: string; kind: 'ok' | 'error' } | null>(null);
  const latest = useRef(question);
  // eslint-disable-next-line react-hooks/refs -- the open question, for the elder-mode effect below without re-running it on every question
  latest.current = question;

  // Leaving elder mode with a question open: it counts as "no", as closing a modal would.
  useEffect(() => {
    if (!elder && latest.current) {
      latest.current.resolve(false);
      setQuestion(null);
    }
  }, [elder]);

  const confirm = useCallback((options: ConfirmOptions): Promise<boolean> => {
    // Read at the tap, not at the last render: the switch may have just been turned.
    if (!preferences().elder) return platformDialogs.confirm(options);
    return new Promise<boolean>((resolve) => {
      latest.current?.resolve(false);
      setMessage(null);
      setQuestion({ options, resolve });
      scrollInto('.inline-confirm');
    });
  }, []);

  const notify = useCallback((text: string, options: NotifyOptions = {}) => {
    if (!preferences().elder) return platformDialogs.notify(text, options);
    setMessage({ text, kind: options.kind ?? 'ok' });
    scrollInto('.inline-message');
  }, []);

  const answer = (yes: boolean) => {
    const open = latest.current;
    setQuestion(null);
    open?.resolve(yes);
  };

  let view: JSX.Element | null = null;
  if (question) {
    const { title, content, confirmText, cancelText, danger } = question.options;
    view = (
      <View
        className={`inline-confirm${danger ? ' inline-confirm--danger' : ''}`}
        role='alertdialog'
        aria-label={title}
      >
        <Text className='inline-confirm__title'>{title}</Text>
        <Text className='inline-confirm__text'>{content}</Text>
        <ActionButton className='primary-button inline-confirm__yes' label={confirmText} onClick={() => answer(true)} />
        <ActionButton
          className='secondary-button inline-confirm__no'
          label={cancelText ?? t('取消', 'Cancel')}
          onClick={() => answer(false)}
        />
      </View>
    );
  } else if (message) {
    view = (
      <View className='inline-message'>
        <Notice kind={message.kind}>{message.text}</Notice>
        <ActionButton
          className='secondary-button inline-message__close'
          label={t('知道了', 'OK')}
          onClick={() => setMessage(null)}
        />
      </View>
    );
  }
  return { confirm, notify, view };
}
