import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { openDocumentPdf } from '../../features/results/download';
import { useIssuedDocument } from '../../features/results/useDocuments';
import { useT } from '../../preferences';
import { formatDateTime, localized } from '../../preferences/format';
import { ActionButton } from '../../components/ActionButton';
import { Card } from '../../components/Card';
import { ListCell, ListGroup } from '../../components/ListCell';
import { Notice } from '../../components/Notice';
import { Screen } from '../../components/Screen';
import { ErrorState, Loading } from '../../components/StateView';
import { goBack } from '../../components/navigation';
import '../../components/form.scss';

const TITLE = ['证明文件', 'Document'] as const;

/**
 * One issued document: what, by whom, when; the PDF to save or send; and how anyone
 * handed it checks it (its QR code opens the public verification page).
 */
export default function DocumentPage() {
  const t = useT();
  const { params } = useRouter();
  const { document, error, reload } = useIssuedDocument(decodeURIComponent(params.id ?? ''));
  const [downloading, setDownloading] = useState(false);
  const [failed, setFailed] = useState(false);

  if (!document)
    return (
      <Screen title={TITLE}>{error ? <ErrorState error={error} onRetry={() => void reload()} /> : <Loading />}</Screen>
    );
  const download = async () => {
    if (!document.downloadPath) return;
    setDownloading(true);
    setFailed(!(await openDocumentPdf(document.downloadPath, document.title)));
    setDownloading(false);
  };
  return (
    <Screen title={TITLE} className='form document'>
      <ListGroup>
        <ListCell
          title={t('文件', 'Document')}
          value={localized(document.title, document.titleEn)}
          className='document__title'
        />
        <ListCell title={t('出具单位', 'Issued by')} value={document.issuer} />
        <ListCell title={t('出具时间', 'Issued')} value={formatDateTime(document.issuedAt)} />
      </ListGroup>
      <Card title={t('如何核验', 'How it is checked')} icon='shield'>
        <Text className='fee__muted'>
          {t(
            '文件上的二维码打开核验页面，显示文件是否真实、出具时间和持有人（已隐藏部分姓名）。核验地址：',
            'The QR code on the document opens a page that says whether it is genuine, when it was issued and for whom (name partly hidden). Address: ',
          )}
        </Text>
        <Text className='fee__muted document__verify-url' userSelect>
          {document.verifyUrl}
        </Text>
      </Card>
      {failed ? (
        <Notice kind='error'>
          {t('下载没有成功，请稍后再试。', 'The download did not work. Please try again later.')}
        </Notice>
      ) : null}
      {document.downloadPath ? (
        <ActionButton
          className='primary-button document__download'
          label={t('下载 PDF', 'Download the PDF')}
          loading={downloading}
          disabled={downloading}
          onClick={() => void download()}
        />
      ) : null}
      <View style={{ height: '24px' }} />
      <ActionButton
        className='secondary-button'
        label={t('查看办件', 'See the application')}
        onClick={() =>
          void Taro.navigateTo({ url: `/pages/application/index?id=${encodeURIComponent(document.applicationId)}` })
        }
      />
      <View style={{ height: '24px' }} />
      <ActionButton className='secondary-button' label={t('返回', 'Back')} onClick={() => goBack('/pages/me/index')} />
    </Screen>
  );
}
