import { useRouter } from '@tarojs/taro';
import { Screen } from '../../components/Screen';
import { ActionButton } from '../../components/ActionButton';
import { goBack } from '../../components/navigation';
import { useT } from '../../preferences';
import { RecordsView } from '../../features/records/RecordsView';
import { RECORD_TYPES, TYPE_TITLES, type RecordType } from '../../features/records/labels';
import '../../components/form.scss';
import '../../features/applications/applications.scss';
import '../../features/records/records.scss';

/** 查: one record screen per `type` (the 查 tiles and the 我的 dashboard open it). */
export default function RecordsPage() {
  const tr = useT();
  const { params } = useRouter();
  const type: RecordType = (RECORD_TYPES as readonly string[]).includes(params.type ?? '')
    ? (params.type as RecordType)
    : 'providentFund';
  return (
    <Screen title={TYPE_TITLES[type]} className={`list records records--${type}`}>
      <RecordsView type={type} />
      <ActionButton
        className='secondary-button'
        label={tr('返回', 'Back')}
        onClick={() => goBack('/pages/home/index')}
      />
    </Screen>
  );
}
