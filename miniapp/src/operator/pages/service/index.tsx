import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import {
  CreateServiceTileDocument,
  PublishServiceDocument,
  RollbackServiceDocument,
  SaveServiceDraftDocument,
  ServiceEditorDocument,
  ServiceEditorLookupsDocument,
  TILE_ICONS,
  UnpublishServiceDocument,
  type Platform,
  type ServiceEditorLookupsQuery,
  type ServiceEditorQuery,
  type ServiceGuideInput,
  type ServiceLine,
} from '@citizen/shared';
import { asOperator, operatorSession } from '../../lib/session';
import { ConsoleShell } from '../../lib/ConsoleShell';
import { platformDialogs } from '../../../components/dialogs';
import { useT } from '../../../preferences';
import { localized } from '../../../preferences/format';
import { Btn, Chips, LongIn, NumberIn, TextIn } from '../../services/inputs';
import { FormBuilder } from '../../services/FormBuilder';
import { FormPreview } from '../../services/FormPreview';
import { FaqEditor } from '../../services/FaqEditor';
import { outcome, type Message } from '../../services/messages';
import { EMPTY_SERVICE, LEVEL_NAMES, LINE_NAMES, fromDraft, toInput, type EditedService } from '../../services/model';
import '../../services/services.scss';

const PLATFORMS: Array<[Platform, readonly [string, string]]> = [
  ['WECHAT', ['微信', 'WeChat']],
  ['ALIPAY', ['支付宝', 'Alipay']],
  ['BAIDU', ['百度', 'Baidu']],
  ['H5', ['网页', 'Web']],
];
/** Guide texts written in both languages, [key, 中文 label, English label]. */
const GUIDE_TEXTS: Array<[keyof ServiceGuideInput & string, string, string]> = [
  ['legalBasis', '设定依据', 'Legal basis'],
  ['eligibility', '申请条件', 'Who may apply'],
  ['feeBasis', '收费依据', 'Fee basis'],
  ['place', '办理地点', 'Place'],
  ['hours', '办理时间', 'Hours'],
  ['result', '办理结果', 'Result'],
  ['delivery', '送达方式', 'How it is delivered'],
];

/**
 * The service editor: its guide (办事指南), lines, level and departments, the form
 * builder with a preview, then save, publish with confirmation, versions with
 * rollback, its tile in one step, and its FAQ. Every check is the BFF's; this page
 * shows the code's words and where.
 */
export default function ServiceEditorPage() {
  const t = useT();
  const { params } = useRouter();
  const existing = params.id;
  const role = operatorSession()?.operator.role;
  const canPublish = role === 'PUBLISHER' || role === 'ADMIN';
  const [service, setService] = useState<EditedService>(EMPTY_SERVICE);
  const [revision, setRevision] = useState(0);
  const [liveVersion, setLiveVersion] = useState<number | null>(null);
  const [versions, setVersions] = useState<ServiceEditorQuery['serviceVersions']>([]);
  const [faq, setFaq] = useState<ServiceEditorQuery['serviceFaqEntries']>([]);
  const [lookups, setLookups] = useState<ServiceEditorLookupsQuery | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [tile, setTile] = useState<{ icon: string; platforms: Platform[] }>({
    icon: 'fund',
    platforms: ['WECHAT', 'ALIPAY', 'BAIDU', 'H5'],
  });

  async function load(id: string) {
    const result = await asOperator(ServiceEditorDocument, { id });
    if (!result.data?.serviceDraft) return setMessage(outcome(result, ''));
    setService(fromDraft(result.data.serviceDraft.service));
    setRevision(result.data.serviceDraft.revision);
    setLiveVersion(result.data.serviceVersions[0]?.version ?? null);
    setVersions(result.data.serviceVersions);
    setFaq(result.data.serviceFaqEntries);
  }
  useEffect(() => {
    void asOperator(ServiceEditorLookupsDocument, {}).then((r) => r.data && setLookups(r.data));
    if (existing) void load(existing);
  }, [existing]);

  const set = <K extends keyof EditedService>(key: K, value: EditedService[K]) =>
    setService((s) => ({ ...s, [key]: value }));
  const setGuide = <K extends keyof ServiceGuideInput>(key: K, value: ServiceGuideInput[K]) =>
    setService((s) => ({ ...s, guide: { ...s.guide, [key]: value } }));
  const toggle = <T,>(list: T[], value: T) =>
    list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

  async function save() {
    const result = await asOperator(SaveServiceDraftDocument, {
      service: toInput(service),
      expectedRevision: revision,
    });
    const saved = result.data?.saveServiceDraft.revision;
    if (saved) setRevision(saved);
    setMessage(outcome(result, t(`草稿已保存（第 ${saved} 稿）`, `Draft saved (revision ${saved})`)));
  }

  async function publish() {
    const confirmed = await platformDialogs.confirm({
      title: t('发布服务', 'Publish service'),
      content: liveVersion
        ? t(
            `发布为第 ${liveVersion + 1} 版。已提交的申请仍按原版本办理。确定发布？`,
            `It becomes version ${liveVersion + 1}. Applications already made keep their version. Publish?`,
          )
        : t('发布后市民即可申请。确定发布？', 'Citizens can apply once it is published. Publish?'),
      confirmText: t('发布', 'Publish'),
    });
    if (!confirmed) return;
    const result = await asOperator(PublishServiceDocument, { id: service.id, expectedRevision: revision });
    const live = result.data?.publishService.liveVersion;
    setMessage(outcome(result, t(`已发布为第 ${live} 版`, `Published as version ${live}`)));
    if (result.data) void load(service.id);
  }

  async function unpublish() {
    const confirmed = await platformDialogs.confirm({
      title: t('下线服务', 'Unpublish service'),
      content: t(
        '市民将不能再申请（已提交的申请照常办理）。确定下线？',
        'Citizens can no longer apply (applications made go on). Unpublish?',
      ),
      confirmText: t('下线', 'Unpublish'),
      danger: true,
    });
    if (!confirmed) return;
    setMessage(outcome(await asOperator(UnpublishServiceDocument, { id: service.id }), t('已下线', 'Unpublished')));
  }

  async function rollback(version: number) {
    const confirmed = await platformDialogs.confirm({
      title: t('回滚', 'Roll back'),
      content: t(
        `把第 ${version} 版重新发布为最新版本？草稿和已提交的申请不受影响。`,
        `Publish version ${version} again as the latest? Drafts and applications made are kept.`,
      ),
      confirmText: t('回滚', 'Roll back'),
    });
    if (!confirmed) return;
    const result = await asOperator(RollbackServiceDocument, { id: service.id, version });
    const live = result.data?.rollbackService.liveVersion;
    setMessage(outcome(result, t(`已回滚，当前为第 ${live} 版`, `Rolled back: version ${live} is live`)));
    if (result.data) void load(service.id);
  }

  async function createTile() {
    const confirmed = await platformDialogs.confirm({
      title: t('生成磁贴', 'Create the tile'),
      content: t(
        `为“${service.title}”生成并发布首页磁贴？`,
        `Create and publish a home tile for “${service.titleEn}”?`,
      ),
      confirmText: t('生成', 'Create'),
    });
    if (!confirmed) return;
    const result = await asOperator(CreateServiceTileDocument, {
      serviceId: service.id,
      tile: { icon: tile.icon, platforms: tile.platforms },
    });
    setMessage(outcome(result, t('磁贴已生成并发布', 'The tile is created and published')));
  }

  const categories = (lookups?.serviceCategories ?? []).map(
    (c) => [c.id, localized(c.name, c.nameEn)] as [string, string],
  );
  const departments = (lookups?.knownDepartments ?? []).map(
    (d) => [d.code, localized(d.name, d.nameEn)] as [string, string],
  );
  const g = service.guide;

  return (
    <ConsoleShell
      title={
        existing
          ? [`编辑服务：${service.title}`, `Edit service: ${service.titleEn || service.title}`]
          : ['新建服务', 'New service']
      }
    >
      {message ? (
        <View className={`message message--${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          <Text>{message.text}</Text>
        </View>
      ) : null}
      <View className='panel service-basics'>
        <Text className='svc-heading'>{t('基本信息', 'Basics')}</Text>
        <TextIn
          label={t('服务编号（小写字母、数字、连字符）', 'Id (lower-case letters, digits, hyphens)')}
          name='svc-id'
          value={service.id}
          disabled={!!existing}
          onChange={(v) => set('id', v)}
        />
        <View className='svc-pair'>
          <TextIn
            label={t('中文名称', 'Chinese title')}
            name='svc-title'
            value={service.title}
            onChange={(v) => set('title', v)}
          />
          <TextIn
            label={t('英文名称', 'English title')}
            name='svc-title-en'
            value={service.titleEn}
            onChange={(v) => set('titleEn', v)}
          />
        </View>
        <View className='svc-pair'>
          <LongIn
            label={t('中文简介', 'Chinese description')}
            name='svc-description'
            value={service.description}
            onChange={(v) => set('description', v)}
          />
          <LongIn
            label={t('英文简介', 'English description')}
            name='svc-description-en'
            value={service.descriptionEn}
            onChange={(v) => set('descriptionEn', v)}
          />
        </View>
        <Text className='label'>{t('分类', 'Category')}</Text>
        <Chips
          group={t('分类', 'Category')}
          options={categories}
          selected={(v) => service.categoryId === v}
          onToggle={(v) => set('categoryId', v)}
        />
        <Text className='label'>{t('办事类型（可多选）', 'Lines (one or more)')}</Text>
        <Chips
          group={t('类型', 'Line')}
          options={LINE_NAMES.map(([v, both]) => [v, t(...both)] as [ServiceLine, string])}
          selected={(v) => service.lines.includes(v)}
          onToggle={(v) => set('lines', toggle(service.lines, v))}
        />
        <Text className='label'>{t('所需认证等级', 'Identity level needed')}</Text>
        <Chips
          group={t('等级', 'Level')}
          options={LEVEL_NAMES.map(([v, both]) => [v, t(...both)] as [number, string])}
          selected={(v) => service.requiredLevel === v}
          onToggle={(v) => set('requiredLevel', v)}
        />
        <Text className='label'>
          {t('实施部门（可多选；多个部门并联审批）', 'Departments (several decide in parallel)')}
        </Text>
        <Chips
          group={t('部门', 'Department')}
          options={departments}
          selected={(v) => service.departments.includes(v)}
          onToggle={(v) => set('departments', toggle(service.departments, v))}
        />
        <View className='svc-pair'>
          <NumberIn
            label={t('承诺时限（工作日）', 'Promised (working days)')}
            name='svc-promised-days'
            value={service.promisedDays}
            onChange={(v) => set('promisedDays', v ?? 0)}
          />
          <TextIn
            label={t('收费（中文）', 'Fees (Chinese)')}
            name='svc-fees'
            value={service.fees}
            onChange={(v) => set('fees', v)}
          />
          <TextIn
            label={t('收费（英文）', 'Fees (English)')}
            name='svc-fees-en'
            value={service.feesEn}
            onChange={(v) => set('feesEn', v)}
          />
        </View>
        <MaterialsEditor service={service} onChange={(materials) => set('materials', materials)} />
      </View>

      <View className='panel service-guide'>
        <Text className='svc-heading'>{t('办事指南', 'Service guide')}</Text>
        <View className='svc-pair'>
          <TextIn
            label={t('事项编码', 'Item code')}
            name='guide-item-code'
            value={g.itemCode}
            onChange={(v) => setGuide('itemCode', v)}
          />
          <NumberIn
            label={t('法定时限（工作日）', 'Statutory (working days)')}
            name='guide-statutory-days'
            value={g.statutoryDays}
            onChange={(v) => setGuide('statutoryDays', v ?? 0)}
          />
          <NumberIn
            label={t('到现场次数', 'Visits in person')}
            name='guide-visits'
            value={g.visits}
            onChange={(v) => setGuide('visits', v ?? 0)}
          />
        </View>
        <View className='svc-pair'>
          <TextIn
            label={t('咨询电话', 'Enquiry number')}
            name='guide-enquiry-phone'
            value={g.enquiryPhone}
            onChange={(v) => setGuide('enquiryPhone', v)}
          />
          <TextIn
            label={t('投诉电话', 'Complaint number')}
            name='guide-complaint-phone'
            value={g.complaintPhone}
            onChange={(v) => setGuide('complaintPhone', v)}
          />
        </View>
        {GUIDE_TEXTS.map(([key, zh, en]) => (
          <View key={key} className='svc-pair'>
            <LongIn
              label={t(`${zh}（中文）`, `${en} (Chinese)`)}
              name={`guide-${key}`}
              value={String(g[key])}
              onChange={(v) => setGuide(key, v as never)}
            />
            <LongIn
              label={t(`${zh}（英文）`, `${en} (English)`)}
              name={`guide-${key}-en`}
              value={String(g[`${key}En` as keyof ServiceGuideInput])}
              onChange={(v) => setGuide(`${key}En` as keyof ServiceGuideInput, v as never)}
            />
          </View>
        ))}
      </View>

      <FormBuilder fields={service.fields} onChange={(fields) => set('fields', fields)} />
      <FormPreview title={service.title} titleEn={service.titleEn} fields={service.fields} />

      <View className='panel service-actions'>
        <Btn label={t('保存草稿', 'Save draft')} onClick={() => void save()} />
        {canPublish && revision > 0 ? <Btn label={t('发布', 'Publish')} onClick={() => void publish()} /> : null}
        {canPublish && liveVersion ? (
          <Btn kind='danger' label={t('下线', 'Unpublish')} onClick={() => void unpublish()} />
        ) : null}
        <Text className='svc-state'>
          {revision ? t(`第 ${revision} 稿`, `Revision ${revision}`) : t('未保存', 'Not saved')}
          {liveVersion ? t(` · 线上第 ${liveVersion} 版`, ` · version ${liveVersion} live`) : ''}
        </Text>
      </View>

      {canPublish && liveVersion ? (
        <View className='panel service-tile'>
          <Text className='svc-heading'>{t('生成首页磁贴', 'Create the home tile')}</Text>
          <Text className='label'>{t('图标', 'Icon')}</Text>
          <Chips
            group={t('图标', 'Icon')}
            options={TILE_ICONS.map((i) => [i, i] as [string, string])}
            selected={(v) => tile.icon === v}
            onToggle={(icon) => setTile((x) => ({ ...x, icon }))}
          />
          <Text className='label'>{t('平台', 'Platforms')}</Text>
          <Chips
            group={t('平台', 'Platform')}
            options={PLATFORMS.map(([p, both]) => [p, t(...both)] as [Platform, string])}
            selected={(v) => tile.platforms.includes(v)}
            onToggle={(p) => setTile((x) => ({ ...x, platforms: toggle(x.platforms, p) }))}
          />
          <Btn label={t('生成磁贴', 'Create the tile')} onClick={() => void createTile()} />
        </View>
      ) : null}

      {versions.length ? (
        <View className='panel service-versions'>
          <Text className='svc-heading'>{t('版本', 'Versions')}</Text>
          {versions.map((v) => (
            <View key={v.version} className='row'>
              <Text>
                {t(`第 ${v.version} 版`, `Version ${v.version}`)} · {v.action} · {v.publishedBy} ·{' '}
                {v.publishedAt.slice(0, 16).replace('T', ' ')}
              </Text>
              {canPublish && v.version !== liveVersion ? (
                <Btn
                  kind='ghost'
                  label={t(`回滚到第 ${v.version} 版`, `Roll back to version ${v.version}`)}
                  onClick={() => void rollback(v.version)}
                />
              ) : null}
            </View>
          ))}
        </View>
      ) : null}

      {existing ? (
        <FaqEditor serviceId={existing} entries={faq} canEdit={canPublish} onSaved={() => void load(existing)} />
      ) : null}
    </ConsoleShell>
  );
}

/** Materials: what the service needs; a licence kind stands in for a paper copy, a field is where it is attached. */
function MaterialsEditor({
  service,
  onChange,
}: {
  service: EditedService;
  onChange: (materials: EditedService['materials']) => void;
}) {
  const t = useT();
  const set = (i: number, change: Partial<EditedService['materials'][number]>) =>
    onChange(service.materials.map((m, j) => (j === i ? { ...m, ...change } : m)));
  return (
    <View className='svc-materials'>
      <Text className='label'>{t('申请材料', 'Materials')}</Text>
      {service.materials.map((m, i) => (
        <View key={i} className='svc-pair'>
          <TextIn
            label={t(`材料${i + 1} 编号`, `Material ${i + 1} id`)}
            name='material-id'
            value={m.id}
            onChange={(id) => set(i, { id })}
          />
          <TextIn
            label={t(`材料${i + 1} 中文名`, `Material ${i + 1} Chinese`)}
            name='material-name'
            value={m.name}
            onChange={(name) => set(i, { name })}
          />
          <TextIn
            label={t(`材料${i + 1} 英文名`, `Material ${i + 1} English`)}
            name='material-name-en'
            value={m.nameEn}
            onChange={(nameEn) => set(i, { nameEn })}
          />
          <TextIn
            label={t('附在字段（编号，可空）', 'Attached in field (id, optional)')}
            name='material-field'
            value={m.fieldId ?? ''}
            onChange={(fieldId) => set(i, { fieldId: fieldId || null })}
          />
          <TextIn
            label={t('可用证照（如 BUSINESS_LICENCE，可空）', 'Licence instead (e.g. BUSINESS_LICENCE, optional)')}
            name='material-licence'
            value={m.licenceKind ?? ''}
            onChange={(licenceKind) => set(i, { licenceKind: licenceKind || null })}
          />
          <Chips
            group={t(`材料${i + 1}`, `Material ${i + 1}`)}
            options={[[1, t('必需', 'Required')]]}
            selected={() => m.required}
            onToggle={() => set(i, { required: !m.required })}
          />
          <Btn
            kind='danger'
            label={t(`删除材料${i + 1}`, `Remove material ${i + 1}`)}
            onClick={() => onChange(service.materials.filter((_, j) => j !== i))}
          />
        </View>
      ))}
      <Btn
        kind='ghost'
        label={t('添加材料', 'Add a material')}
        onClick={() =>
          onChange([
            ...service.materials,
            { id: `m${service.materials.length + 1}`, name: '', nameEn: '', required: true },
          ])
        }
      />
    </View>
  );
}
