import { Text } from '@tarojs/components';
import { openResult } from '../../features/results/ResultCard';
import { useDocuments } from '../../features/results/useDocuments';
import { useT } from '../../preferences';
import { formatDate, localized } from '../../preferences/format';
import { ListCell, ListGroup } from '../../components/ListCell';
import { Screen } from '../../components/Screen';
import { ErrorState, Loading } from '../../components/StateView';
import '../../features/payments/payments.scss';

const TITLE = ['我的证明', 'My documents'] as const;

/** What completed applications gave the citizen: certificates and notices (PDF), and licences (opened in the wallet). */
export default function DocumentsPage() {
  const t = useT();
  const { documents, error, reload } = useDocuments();
  if (!documents)
    return (
      <Screen title={TITLE}>{error ? <ErrorState error={error} onRetry={() => void reload()} /> : <Loading />}</Screen>
    );
  return (
    <Screen title={TITLE} className='documents'>
      {documents.length === 0 ? (
        <Text className='receipts__empty'>
          {t(
            '办结的事项出具的证明、决定书和证照会出现在这里',
            'Certificates, notices and licences from completed applications appear here',
          )}
        </Text>
      ) : null}
      <ListGroup>
        {documents.map((d) => (
          <ListCell
            key={d.id}
            className='documents__row'
            icon={d.kind === 'LICENCE' ? 'licence' : 'certificate'}
            title={localized(d.title, d.titleEn)}
            description={`${d.issuer} · ${formatDate(d.issuedAt)}`}
            value={d.kind === 'LICENCE' ? t('电子证照', 'Licence') : 'PDF'}
            onPress={() => openResult(d)}
          />
        ))}
      </ListGroup>
    </Screen>
  );
}
