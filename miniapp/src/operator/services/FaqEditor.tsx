import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { DeleteServiceFaqEntryDocument, SaveServiceFaqEntryDocument, type ServiceEditorQuery } from '@citizen/shared';
import { asOperator } from '../lib/session';
import { platformDialogs } from '../../components/dialogs';
import { useT } from '../../preferences';
import { Btn, LongIn, TextIn } from './inputs';
import { outcome, type Message } from './messages';

type Entry = ServiceEditorQuery['serviceFaqEntries'][number];
const BLANK = { question: '', questionEn: '', answer: '', answerEn: '', keywords: '' };

/** The service's FAQ entries (live at once when saved, so publishers only), edited one at a time. */
export function FaqEditor({
  serviceId,
  entries,
  canEdit,
  onSaved,
}: {
  serviceId: string;
  entries: Entry[];
  canEdit: boolean;
  onSaved: () => void;
}) {
  const t = useT();
  const [editing, setEditing] = useState<(typeof BLANK & { id?: string }) | null>(null);
  const [message, setMessage] = useState<Message>(null);

  async function save() {
    if (!editing) return;
    const result = await asOperator(SaveServiceFaqEntryDocument, { entry: { ...editing, serviceId } });
    setMessage(outcome(result, t('问答已保存', 'Entry saved')));
    if (result.data) {
      setEditing(null);
      onSaved();
    }
  }
  async function remove(entry: Entry) {
    const confirmed = await platformDialogs.confirm({
      title: t('删除问答', 'Delete entry'),
      content: entry.question,
      confirmText: t('删除', 'Delete'),
      danger: true,
    });
    if (!confirmed) return;
    setMessage(outcome(await asOperator(DeleteServiceFaqEntryDocument, { id: entry.id }), t('已删除', 'Deleted')));
    onSaved();
  }
  const set = (key: keyof typeof BLANK, value: string) => setEditing((e) => e && { ...e, [key]: value });

  return (
    <View className='panel service-faq'>
      <Text className='svc-heading'>{t('常见问题', 'FAQ')}</Text>
      {message ? (
        <View className={`message message--${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          <Text>{message.text}</Text>
        </View>
      ) : null}
      {entries.length === 0 ? <Text>{t('还没有问答。', 'No entries yet.')}</Text> : null}
      {entries.map((entry) => (
        <View key={entry.id} className='row'>
          <Text className='svc-faq__q'>{t(entry.question, entry.questionEn)}</Text>
          {canEdit ? (
            <Btn
              kind='ghost'
              label={t(`编辑问答 ${entry.question}`, `Edit entry ${entry.questionEn}`)}
              onClick={() =>
                setEditing({
                  id: entry.id,
                  question: entry.question,
                  questionEn: entry.questionEn,
                  answer: entry.answer,
                  answerEn: entry.answerEn,
                  keywords: entry.keywords,
                })
              }
            />
          ) : null}
          {canEdit ? (
            <Btn
              kind='danger'
              label={t(`删除问答 ${entry.question}`, `Delete entry ${entry.questionEn}`)}
              onClick={() => void remove(entry)}
            />
          ) : null}
        </View>
      ))}
      {canEdit && !editing ? (
        <Btn kind='ghost' label={t('添加问答', 'Add an entry')} onClick={() => setEditing({ ...BLANK })} />
      ) : null}
      {editing ? (
        <View className='svc-faq__edit'>
          <View className='svc-pair'>
            <TextIn
              label={t('问题（中文）', 'Question (Chinese)')}
              name='faq-question'
              value={editing.question}
              onChange={(v) => set('question', v)}
            />
            <TextIn
              label={t('问题（英文）', 'Question (English)')}
              name='faq-question-en'
              value={editing.questionEn}
              onChange={(v) => set('questionEn', v)}
            />
          </View>
          <View className='svc-pair'>
            <LongIn
              label={t('回答（中文）', 'Answer (Chinese)')}
              name='faq-answer'
              value={editing.answer}
              onChange={(v) => set('answer', v)}
            />
            <LongIn
              label={t('回答（英文）', 'Answer (English)')}
              name='faq-answer-en'
              value={editing.answerEn}
              onChange={(v) => set('answerEn', v)}
            />
          </View>
          <TextIn
            label={t('关键词（空格分隔）', 'Keywords (space-separated)')}
            name='faq-keywords'
            value={editing.keywords}
            onChange={(v) => set('keywords', v)}
          />
          <Btn label={t('保存问答', 'Save entry')} onClick={() => void save()} />
          <Btn kind='ghost' label={t('取消', 'Cancel')} onClick={() => setEditing(null)} />
        </View>
      ) : null}
    </View>
  );
}
