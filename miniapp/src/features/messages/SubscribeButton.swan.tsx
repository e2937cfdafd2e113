import { Button, Form } from '@tarojs/components';
import { ActionButton } from '../../components/ActionButton';
import { consentFromBaiduForm, type BaiduFormSubmitDetail } from './baiduForm';
import { recordSubscriptionAnswer, templateFor } from './subscribe';
import type { SubscribeButtonProps } from './SubscribeButton';

/**
 * Baidu: subscription messages have no prompt API. The documented way is a
 * <form report-submit report-type="subscribe" template-id subscribe-id> whose submit
 * button the citizen taps; Baidu shows its authorisation panel and the submit event
 * carries a formId only if they agreed. Only that answer is recorded as consent. The
 * subscribe-id is the topic's name, which the BFF sends with
 * (template/message/subscribe/send); one message per consent.
 */
export function SubscribeButton({
  topic,
  label,
  className,
  disabled,
  loading,
  onClick,
  onAnswer,
}: SubscribeButtonProps) {
  const template = templateFor(topic);
  if (!template)
    return (
      <ActionButton
        label={label}
        className={className}
        disabled={disabled}
        loading={loading}
        onClick={() => onClick?.()}
      />
    );
  const inactive = disabled || loading;
  return (
    <Form
      className='subscribe-form'
      reportSubmit
      reportType='subscribe'
      templateId={template}
      subscribeId={topic}
      onSubmit={(event) => {
        const accepted = consentFromBaiduForm(event.detail as BaiduFormSubmitDetail, template);
        void recordSubscriptionAnswer(topic, accepted).then((answer) => onAnswer?.(answer));
        onClick?.();
      }}
    >
      <Button
        className={`${className ?? ''}${disabled ? ' button--disabled' : ''}`}
        formType='submit'
        disabled={inactive || undefined}
        loading={loading || undefined}
        aria-label={label}
      >
        {label}
      </Button>
    </Form>
  );
}
