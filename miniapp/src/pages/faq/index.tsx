import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { FaqEntryFieldsFragment } from '@citizen/shared';
import { useFaq } from '../../features/ask/useFaq';
import { useT } from '../../preferences';
import { localized } from '../../preferences/format';
import { ActionButton } from '../../components/ActionButton';
import { Screen } from '../../components/Screen';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { goBack } from '../../components/navigation';
import '../../components/form.scss';
import '../../features/ask/ask.scss';

const TITLE = ['常见问题', 'Common questions'] as const;

/**
 * A service's common questions (?serviceId=), or the policy Q&A (政策问答) without one;
 * searchable by words, pinyin and everyday words (违章, 领证 …). Anyone may read it.
 */
export default function FaqPage() {
  const t = useT();
  const { params } = useRouter();
  const serviceId = params.serviceId ? decodeURIComponent(params.serviceId) : null;
  const serviceTitle = params.title ? decodeURIComponent(params.title) : null;
  const [keyword, setKeyword] = useState('');
  const { list, found, searching, reload, retrySearch } = useFaq(serviceId, keyword);

  const ask = () =>
    void Taro.navigateTo({ url: `/pages/ask/index${serviceId ? `?serviceId=${encodeURIComponent(serviceId)}` : ''}` });
  const entries = searching ? found.entries : list.entries;
  const error = searching ? found.error : list.error;

  return (
    <Screen title={TITLE} className='list faq'>
      <Text className='list__title'>
        {serviceTitle
          ? t(`${serviceTitle} · 常见问题`, `${serviceTitle}: common questions`)
          : t('政策问答', 'Policy questions')}
      </Text>
      <Input
        className='field__input faq__search'
        aria-label={t('搜索问题', 'Search the questions')}
        placeholder={t('输入关键词，如：违章、领证、gjj', 'Type a word, e.g. passport, marriage, gjj')}
        value={keyword}
        onInput={(e) => setKeyword(e.detail.value)}
      />
      {error ? (
        <ErrorState error={error} onRetry={() => (searching ? retrySearch() : void reload())} />
      ) : entries === null || (searching && found.searching) ? (
        <Loading label={searching ? t('正在搜索…', 'Searching…') : undefined} />
      ) : entries.length === 0 ? (
        <Empty
          label={
            searching
              ? t('没有找到相关问题，可以直接向12345提问', 'No question matches. You can ask 12345 directly.')
              : t('暂无常见问题', 'No common questions yet')
          }
        />
      ) : (
        entries.map((entry: FaqEntryFieldsFragment) => (
          <View key={entry.id} className='faq__item' data-faq-id={entry.id}>
            <Text className='faq__question'>{localized(entry.question, entry.questionEn)}</Text>
            <Text className='faq__answer'>{localized(entry.answer, entry.answerEn)}</Text>
          </View>
        ))
      )}
      <View style={{ height: '16px' }} />
      <ActionButton
        className='primary-button faq__ask'
        label={t('没找到答案？向12345提问', 'No answer here? Ask 12345')}
        onClick={ask}
      />
      <ActionButton
        className='secondary-button'
        label={t('返回', 'Back')}
        onClick={() => goBack('/pages/home/index')}
      />
    </Screen>
  );
}
