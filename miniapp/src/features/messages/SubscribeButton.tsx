import type { MessageTopic } from '@citizen/shared';
import { ActionButton } from '../../components/ActionButton';
import { askToSubscribe, type SubscriptionAnswer } from './subscribe';

export interface SubscribeButtonProps {
  /** What the citizen may hear about by platform message after this tap. */
  topic: MessageTopic;
  label: string;
  className?: string;
  disabled?: boolean;
  loading?: boolean;
  /** The button's own action, run on the same tap after the prompt is asked for. */
  onClick?: () => void;
  /** The platform's answer, once recorded. */
  onAnswer?: (answer: SubscriptionAnswer) => void;
}

/**
 * A button whose tap also asks for the topic's platform message. WeChat and Alipay have
 * a prompt API that must run inside the tap (askToSubscribe); Baidu's consent comes
 * from a tapped form instead (SubscribeButton.swan.tsx, picked by the Baidu build).
 */
export function SubscribeButton({ topic, onClick, onAnswer, ...button }: SubscribeButtonProps) {
  return (
    <ActionButton
      {...button}
      onClick={() => {
        const asked = askToSubscribe(topic);
        if (onAnswer) void asked.then(onAnswer);
        onClick?.();
      }}
    />
  );
}
