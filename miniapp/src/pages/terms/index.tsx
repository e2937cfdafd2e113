import { Screen } from '../../components/Screen';
import { UserAgreement } from '../../features/policies/PolicyView';
import '../../components/form.scss';

const TITLE = ['用户协议', 'User agreement'] as const;

/** The user agreement, open to anyone: from the real-name step and from Me. */
export default function TermsPage() {
  return (
    <Screen title={TITLE} className='form'>
      <UserAgreement />
    </Screen>
  );
}
