import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { WithdrawApplicationDocument, type ApplicationFieldsFragment } from '@citizen/shared';
import { authed } from '../identity/session';
import { useT } from '../../preferences';
import { ActionButton } from '../../components/ActionButton';
import type { Dialogs } from '../../components/dialogs';
import { Notice } from '../../components/Notice';

/**
 * 撤回: the citizen takes the application back before a department decides, after
 * confirming. The department settles the race with a decision, so the page says where
 * the withdrawal stands: asked for (waiting for the department), done, or too late (the
 * department decided first, and its decision stands).
 */
export function WithdrawPanel({
  application,
  dialogs,
  onChanged,
}: {
  application: ApplicationFieldsFragment;
  dialogs: Dialogs;
  onChanged: (updated: ApplicationFieldsFragment) => void;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { withdrawal } = application;

  const ask = async () => {
    setProblem(null);
    const paid = application.payment && ['PAID', 'SETTLED'].includes(application.payment.status);
    const sure = await dialogs.confirm({
      title: t('撤回申请', 'Withdraw the application'),
      content: t(
        `撤回后部门将停止办理${paid ? '，已缴费用将原路退回' : ''}。如部门在收到撤回前已作出决定，撤回不生效。确定撤回吗？`,
        `The departments will stop working on it${paid ? ' and your fee will be refunded' : ''}. If a department decides before the withdrawal reaches it, the decision stands. Withdraw it?`,
      ),
      confirmText: t('确认撤回', 'Withdraw'),
      cancelText: t('不撤回', 'Keep it'),
      danger: true,
    });
    if (!sure) return;
    setBusy(true);
    const result = await authed(WithdrawApplicationDocument, { applicationId: application.id });
    setBusy(false);
    if (result.data) {
      onChanged(result.data.withdrawApplication);
      dialogs.notify(
        result.data.withdrawApplication.status === 'WITHDRAWN'
          ? t('申请已撤回', 'Withdrawn')
          : t('已申请撤回', 'Withdrawal asked'),
      );
    } else
      setProblem(result.errors[0]?.message ?? t('撤回失败，请稍后再试', 'Could not withdraw. Please try again later.'));
  };

  if (withdrawal?.outcome === 'DECIDED_FIRST') {
    return (
      <Notice kind='error'>
        {t(
          '部门在收到撤回前已作出决定，撤回未生效，请查看办理结果。',
          'The department decided before your withdrawal reached it, so the decision stands. See the result.',
        )}
      </Notice>
    );
  }
  if (withdrawal?.outcome === 'WITHDRAWN') {
    return (
      <Notice kind='ok'>
        {t(
          `申请已撤回。${application.payment?.status === 'REFUNDING' || application.payment?.status === 'REFUNDED' ? '已缴费用原路退回。' : ''}如需办理，请重新申请。`,
          `The application is withdrawn.${application.payment?.status === 'REFUNDING' || application.payment?.status === 'REFUNDED' ? ' Your fee goes back where it came from.' : ''} Apply again whenever you need.`,
        )}
      </Notice>
    );
  }
  if (withdrawal) {
    return (
      <Notice kind='ok'>
        {t('撤回申请已提交，正在等待部门确认。', 'Withdrawal asked: waiting for the departments to confirm.')}
      </Notice>
    );
  }
  if (!application.canWithdraw) return null;
  return (
    <View className='application__section application__withdraw'>
      {problem ? <Notice kind='error'>{problem}</Notice> : null}
      <Text className='application__muted'>
        {t('部门作出决定前，您可以撤回申请。', 'Until a department decides, you can withdraw the application.')}
      </Text>
      <ActionButton
        className='secondary-button application__withdraw-button'
        label={t('撤回申请', 'Withdraw')}
        disabled={busy}
        onClick={() => void ask()}
      />
    </View>
  );
}
