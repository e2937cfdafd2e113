import { Screen } from '../../components/Screen';
import { PrivacyPolicy } from '../../features/policies/PolicyView';
import '../../components/form.scss';

const TITLE = ['隐私政策', 'Privacy policy'] as const;

/** The privacy policy, open to anyone (no sign-in): from the real-name step and from Me. */
export default function PrivacyPage() {
  return (
    <Screen title={TITLE} className='form'>
      <PrivacyPolicy />
    </Screen>
  );
}
