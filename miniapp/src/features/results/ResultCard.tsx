import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { IssuedDocumentFieldsFragment } from '@citizen/shared';
import { useT } from '../../preferences';
import { formatDateTime, localized } from '../../preferences/format';
import { ActionButton } from '../../components/ActionButton';

/** Where a result is opened: a licence in the wallet, a document on its own page. */
export function openResult(result: IssuedDocumentFieldsFragment): void {
  const url =
    result.kind === 'LICENCE' && result.licenceId
      ? `/pages/licence/index?id=${encodeURIComponent(result.licenceId)}`
      : `/pages/document/index?id=${encodeURIComponent(result.id)}`;
  void Taro.navigateTo({ url });
}

/** The result on a completed application's page: what was issued, by whom, when, and the way to it. */
export function ResultCard({ result }: { result: IssuedDocumentFieldsFragment }) {
  const t = useT();
  return (
    <View className='application__section application__result'>
      <Text className='application__section-title'>{t('办理结果', 'Result')}</Text>
      <View className='application__row'>
        <Text className='application__result-title'>{localized(result.title, result.titleEn)}</Text>
        <Text className='application__muted'>
          {result.issuer}　{formatDateTime(result.issuedAt)}
        </Text>
        <Text className='application__muted'>
          {result.kind === 'LICENCE'
            ? t('已存入“我的电子证照”', 'In My licences')
            : t('已存入“我的证明”，可下载 PDF', 'In My documents, to download as a PDF')}
        </Text>
      </View>
      <ActionButton
        className='primary-button application__open-result'
        label={
          result.kind === 'LICENCE' ? t('查看电子证照', 'Open the licence') : t('查看证明文件', 'Open the document')
        }
        onClick={() => openResult(result)}
      />
    </View>
  );
}
