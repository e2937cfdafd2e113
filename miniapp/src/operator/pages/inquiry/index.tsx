import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import {
  ConsoleInquiryCardsDocument,
  DescribedFieldsDocument,
  InquiryCardEditorDocument,
  PreviewInquiryCardDocument,
  PublishInquiryCardDocument,
  SaveInquiryCardDraftDocument,
  UnpublishInquiryCardDocument,
  type ConsoleInquiryCardsQuery,
  type InquiryCardInput,
  type InquiryFormat,
  type InquiryMask,
  type PreviewInquiryCardMutation,
} from '@citizen/shared';
import { asOperator, operatorSession, stateName } from '../../lib/session';
import { ConsoleShell } from '../../lib/ConsoleShell';
import { platformDialogs } from '../../../components/dialogs';
import { useT } from '../../../preferences';
import { Btn, Chips, TextIn } from '../../services/inputs';
import { errorText, outcome, type Message } from '../../services/messages';
import '../../services/services.scss';

const SOURCES: Array<[string, readonly [string, string]]> = [
  ['population', ['户籍人口', 'Population register']],
  ['social-insurance', ['社会保险', 'Social insurance']],
  ['provident-fund', ['住房公积金', 'Provident fund']],
];
const MASKS: Array<[InquiryMask, readonly [string, string]]> = [
  ['NONE', ['不遮蔽', 'As read']],
  ['NAME', ['姓名', 'Name']],
  ['ID_NUMBER', ['证件号', 'ID number']],
  ['PHONE', ['手机号', 'Phone']],
  ['ACCOUNT', ['账号', 'Account']],
  ['ADDRESS', ['地址', 'Address']],
  ['PARTIAL', ['首尾保留', 'First and last kept']],
];
const FORMATS: Array<[InquiryFormat, readonly [string, string]]> = [
  ['TEXT', ['文本', 'Text']],
  ['DATE', ['日期', 'Date']],
  ['YUAN_FROM_FEN', ['分→元', 'Fen to yuan']],
  ['INTEGER', ['整数', 'Integer']],
];
const EMPTY: InquiryCardInput = {
  id: '',
  title: '',
  titleEn: '',
  source: 'provident-fund',
  requiredLevel: 2,
  fields: [],
};

/**
 * 查 cards without code: a card reads one described record of the signed-in citizen
 * and shows the chosen fields with labels, masks and formats. A revision is previewed
 * with the BFF's test person before a publisher may publish it; which fields may be
 * shown unmasked is the BFF's allow-list, not this page's.
 */
export default function InquiryCardsPage() {
  const t = useT();
  const role = operatorSession()?.operator.role;
  const canPublish = role === 'PUBLISHER' || role === 'ADMIN';
  const [cards, setCards] = useState<ConsoleInquiryCardsQuery['consoleInquiryCards']>([]);
  const [card, setCard] = useState<InquiryCardInput | null>(null);
  const [existing, setExisting] = useState(false);
  const [revision, setRevision] = useState(0);
  const [previewed, setPreviewed] = useState(false);
  const [preview, setPreview] = useState<PreviewInquiryCardMutation['previewInquiryCard'] | null>(null);
  const [described, setDescribed] = useState<Array<{ name: string; type: string }>>([]);
  const [message, setMessage] = useState<Message>(null);

  const list = () =>
    void asOperator(ConsoleInquiryCardsDocument, {}).then((r) =>
      r.data ? setCards(r.data.consoleInquiryCards) : setMessage({ kind: 'error', text: errorText(r.errors[0]) }),
    );
  useEffect(list, []);
  useEffect(() => {
    if (!card?.source) return;
    void asOperator(DescribedFieldsDocument, { source: card.source }).then((r) =>
      setDescribed(r.data ? r.data.describedFields.filter((f) => f.type !== 'object' && f.type !== 'array') : []),
    );
  }, [card?.source]);

  async function open(id: string) {
    const result = await asOperator(InquiryCardEditorDocument, { id });
    const draft = result.data?.inquiryCardDraft;
    if (!draft) return setMessage(outcome(result, ''));
    setCard({ ...draft.card, fields: draft.card.fields.map((f) => ({ ...f })) });
    setRevision(draft.revision);
    setPreviewed(draft.previewed);
    setExisting(true);
    setPreview(null);
  }
  const set = (change: Partial<InquiryCardInput>) => {
    setCard((c) => c && { ...c, ...change });
    setPreviewed(false);
  };
  const setField = (i: number, change: Partial<InquiryCardInput['fields'][number]>) =>
    card && set({ fields: card.fields.map((f, j) => (j === i ? { ...f, ...change } : f)) });

  async function save() {
    if (!card) return;
    const result = await asOperator(SaveInquiryCardDraftDocument, { card, expectedRevision: revision });
    const draft = result.data?.saveInquiryCardDraft;
    if (draft) {
      setRevision(draft.revision);
      setPreviewed(draft.previewed);
      setExisting(true);
      list();
    }
    setMessage(
      outcome(result, t(`草稿已保存（第 ${draft?.revision} 稿）`, `Draft saved (revision ${draft?.revision})`)),
    );
  }
  async function runPreview() {
    if (!card) return;
    const result = await asOperator(PreviewInquiryCardDocument, { id: card.id, revision });
    setPreview(result.data?.previewInquiryCard ?? null);
    if (result.data) setPreviewed(true);
    setMessage(outcome(result, t('已用测试人员数据预览', 'Previewed with the test person’s data')));
  }
  async function publish() {
    if (!card) return;
    const confirmed = await platformDialogs.confirm({
      title: t('发布查询卡片', 'Publish card'),
      content: t(
        `市民将看到“${card.title}”中本人的记录。确定发布？`,
        `Citizens will see their own record in “${card.titleEn}”. Publish?`,
      ),
      confirmText: t('发布', 'Publish'),
    });
    if (!confirmed) return;
    const result = await asOperator(PublishInquiryCardDocument, { id: card.id, expectedRevision: revision });
    setMessage(outcome(result, t('已发布', 'Published')));
    if (result.data) list();
  }
  async function unpublish() {
    if (!card) return;
    const confirmed = await platformDialogs.confirm({
      title: t('下线查询卡片', 'Take card off line'),
      content: t(
        `市民将不再看到“${card.title}”。草稿保留，可再次发布。确定下线？`,
        `Citizens will no longer see “${card.titleEn}”. The draft stays and can be published again. Take it off line?`,
      ),
      confirmText: t('下线', 'Take off line'),
    });
    if (!confirmed) return;
    const result = await asOperator(UnpublishInquiryCardDocument, { id: card.id });
    setMessage(outcome(result, t('已下线', 'Off line')));
    if (result.data) list();
  }
  const live = cards.find((c) => c.id === card?.id)?.state === 'PUBLISHED';

  // Said where the operator acted: under the editor's buttons while a card is open (a long
  // card puts the top of the page out of sight), at the top otherwise.
  const said = message ? (
    <View className={`message message--${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
      <Text>{message.text}</Text>
    </View>
  ) : null;
  return (
    <ConsoleShell title={['查询卡片', 'Inquiry cards']}>
      {card ? null : said}
      <View className='panel'>
        {cards.map((c) => (
          <View key={c.id} className='row console-card' role='link' onClick={() => void open(c.id)}>
            <Text style={{ minWidth: '200PX', fontWeight: 600 }}>{c.title}</Text>
            <Text style={{ minWidth: '200PX', color: '#4a5361' }}>{c.id}</Text>
            <Text className={`state state--${c.state}`}>{stateName(c.state)}</Text>
            <Text style={{ color: '#4a5361' }}>
              {c.liveVersion ? `v${c.liveVersion}` : ''} {c.previewed ? t('已预览', 'previewed') : ''}
            </Text>
          </View>
        ))}
        <Btn
          label={t('新建查询卡片', 'New inquiry card')}
          onClick={() => {
            setCard({ ...EMPTY });
            setExisting(false);
            setRevision(0);
            setPreview(null);
          }}
        />
      </View>
      {card ? (
        <View className='panel inquiry-editor'>
          <TextIn
            label={t('卡片编号（小写字母、数字、连字符）', 'Id (lower-case letters, digits, hyphens)')}
            name='card-id'
            value={card.id}
            disabled={existing}
            onChange={(id) => set({ id })}
          />
          <View className='svc-pair'>
            <TextIn
              label={t('中文标题', 'Chinese title')}
              name='card-title'
              value={card.title}
              onChange={(title) => set({ title })}
            />
            <TextIn
              label={t('英文标题', 'English title')}
              name='card-title-en'
              value={card.titleEn}
              onChange={(titleEn) => set({ titleEn })}
            />
          </View>
          <Text className='label'>
            {t('数据来源（部门记录，按本人身份读取）', 'Record (read by the citizen’s own identity)')}
          </Text>
          <Chips
            group={t('数据来源', 'Record')}
            options={SOURCES.map(([v, both]) => [v, t(...both)] as [string, string])}
            selected={(v) => card.source === v}
            onToggle={(source) => set({ source, fields: [] })}
          />
          <Text className='label'>{t('所需认证等级', 'Identity level needed')}</Text>
          <Chips
            group={t('等级', 'Level')}
            options={[
              [2, t('实名', 'Real name')],
              [3, t('人脸', 'Face')],
            ]}
            selected={(v) => card.requiredLevel === v}
            onToggle={(requiredLevel) => set({ requiredLevel })}
          />
          <Text className='label'>
            {t('添加字段（部门数据说明中的字段）', 'Add a field (as the department describes its record)')}
          </Text>
          <Chips
            group={t('添加字段', 'Add field')}
            options={described
              .filter((d) => !card.fields.some((f) => f.path === d.name))
              .map((d) => [d.name, `${d.name} (${d.type})`] as [string, string])}
            selected={() => false}
            onToggle={(path) =>
              set({ fields: [...card.fields, { path, label: path, labelEn: path, mask: 'PARTIAL', format: 'TEXT' }] })
            }
          />
          {card.fields.map((f, i) => (
            <View key={f.path} className='fb-editor'>
              <Text className='fb-field__label'>{f.path}</Text>
              <View className='svc-pair'>
                <TextIn
                  label={t(`${f.path} 中文标签`, `${f.path} Chinese label`)}
                  name='card-field-label'
                  value={f.label}
                  onChange={(label) => setField(i, { label })}
                />
                <TextIn
                  label={t(`${f.path} 英文标签`, `${f.path} English label`)}
                  name='card-field-label-en'
                  value={f.labelEn}
                  onChange={(labelEn) => setField(i, { labelEn })}
                />
                <Btn
                  kind='danger'
                  label={t(`删除 ${f.path}`, `Remove ${f.path}`)}
                  onClick={() => set({ fields: card.fields.filter((_, j) => j !== i) })}
                />
              </View>
              <Chips
                group={t(`${f.path} 遮蔽`, `${f.path} mask`)}
                options={MASKS.map(([v, both]) => [v, t(...both)] as [InquiryMask, string])}
                selected={(v) => f.mask === v}
                onToggle={(mask) => setField(i, { mask })}
              />
              <Chips
                group={t(`${f.path} 格式`, `${f.path} format`)}
                options={FORMATS.map(([v, both]) => [v, t(...both)] as [InquiryFormat, string])}
                selected={(v) => f.format === v}
                onToggle={(format) => setField(i, { format })}
              />
            </View>
          ))}
          <View className='row'>
            <Btn label={t('保存草稿', 'Save draft')} onClick={() => void save()} />
            {revision > 0 ? (
              <Btn
                kind='ghost'
                label={t('用测试人员预览', 'Preview with the test person')}
                onClick={() => void runPreview()}
              />
            ) : null}
            {canPublish && previewed ? <Btn label={t('发布', 'Publish')} onClick={() => void publish()} /> : null}
            {canPublish && live ? (
              <Btn kind='danger' label={t('下线', 'Take off line')} onClick={() => void unpublish()} />
            ) : null}
            <Text className='svc-state'>
              {revision ? t(`第 ${revision} 稿`, `Revision ${revision}`) : t('未保存', 'Not saved')}
              {previewed ? t(' · 已预览', ' · previewed') : ''}
            </Text>
          </View>
          {said}
          {preview ? (
            <View className='preview-phone inquiry-preview' aria-label={t('卡片预览', 'Card preview')}>
              <View className='preview-phone__bar'>
                <Text>{t(preview.title, preview.titleEn)}</Text>
              </View>
              {preview.rows.map((row) => (
                <View key={row.label} className='row' style={{ padding: '8PX 12PX', background: '#fff' }}>
                  <Text style={{ minWidth: '120PX', color: '#4a5361' }}>{t(row.label, row.labelEn)}</Text>
                  <Text>{row.value}</Text>
                </View>
              ))}
            </View>
          ) : null}
        </View>
      ) : null}
    </ConsoleShell>
  );
}
