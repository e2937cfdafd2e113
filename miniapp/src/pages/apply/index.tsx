import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { cachedMe } from '../../features/identity/session';
import { levelName, stepUpUrl } from '../../features/identity/levels';
import { useApplicationForm, type SaveState } from '../../features/applications/useApplicationForm';
import { FormRenderer } from '../../features/applications/FormRenderer';
import { ReviewSummary } from '../../features/applications/ReviewSummary';
import { lockedView } from '../../features/applications/formModel';
import { chinaDateTime } from '../../features/applications/labels';
import { useT } from '../../preferences';
import { localized } from '../../preferences/format';
import { SubscribeButton } from '../../features/messages/SubscribeButton';
import { ActionButton } from '../../components/ActionButton';
import { Screen } from '../../components/Screen';
import { Notice } from '../../components/Notice';
import { ErrorState, Loading } from '../../components/StateView';
import { goBack } from '../../components/navigation';
import '../../components/form.scss';
import '../../features/applications/applications.scss';

const SAVE_WORDS: Record<SaveState, readonly [string, string]> = {
  idle: ['', ''],
  saving: ['保存中…', 'Saving…'],
  saved: ['已自动保存', 'Saved'],
  failed: ['自动保存失败，继续填写时会再试', 'Could not save; will try again as you type'],
};
const TITLE = ['在线申请', 'Apply online'] as const;

/**
 * Applying for a service: 1 the form (prefilled fields locked, the rest typed, saved
 * as a draft as it is typed), 2 a read-only review, then one submission.
 */
export default function ApplyPage() {
  const t = useT();
  const { params } = useRouter();
  const serviceId = decodeURIComponent(params.serviceId ?? '');
  const apply = useApplicationForm(serviceId);
  const here = `/pages/apply/index?serviceId=${encodeURIComponent(serviceId)}`;

  if (!apply.form) {
    if (!apply.loadError) {
      return (
        <Screen title={TITLE}>
          <Loading label={t('正在准备表单…', 'Preparing the form…')} />
        </Screen>
      );
    }
    if (apply.loadError.code === 'ASSURANCE_LEVEL_TOO_LOW') {
      const required =
        typeof apply.loadError.details?.requiredLevel === 'number' ? apply.loadError.details.requiredLevel : 2;
      const url = stepUpUrl(required, cachedMe(), here);
      return (
        <Screen title={TITLE} className='form apply'>
          <Notice kind='error'>
            {t(
              `办理此服务需要${levelName(required)}。认证完成后将回到这里。`,
              `This service is for ${levelName(required).toLowerCase()} accounts. You will come back here afterwards.`,
            )}
          </Notice>
          {url ? (
            <ActionButton
              className='primary-button'
              label={t('去认证', 'Verify')}
              onClick={() => void Taro.navigateTo({ url })}
            />
          ) : null}
          <ActionButton
            className='secondary-button'
            label={t('返回', 'Back')}
            onClick={() => goBack('/pages/services/index')}
          />
        </Screen>
      );
    }
    return (
      <Screen title={TITLE} className='apply'>
        <ErrorState error={apply.loadError} onRetry={() => void apply.reload()} />
        <View className='form'>
          <ActionButton
            className='secondary-button'
            label={t('返回', 'Back')}
            onClick={() => goBack('/pages/services/index')}
          />
        </View>
      </Screen>
    );
  }

  const { form, step } = apply;
  const departments = form.service.departments.map((d) => localized(d.name, d.nameEn)).join(t('、', ', '));
  return (
    <Screen title={TITLE} className='form apply'>
      <Text className='apply__title'>{localized(form.service.title, form.service.titleEn)}</Text>
      <View
        className='apply__steps'
        aria-label={
          step === 'form'
            ? t('第 1 步，共 2 步：填写信息', 'Step 1 of 2: fill in')
            : t('第 2 步，共 2 步：核对并提交', 'Step 2 of 2: check and send')
        }
      >
        <Text className={step === 'form' ? 'apply__step--current' : ''}>
          {step === 'form' ? '▶ ' : ''}
          {t('① 填写信息', '① Fill in')}
        </Text>
        <Text>　→　</Text>
        <Text className={step === 'review' ? 'apply__step--current' : ''}>
          {step === 'review' ? '▶ ' : ''}
          {t('② 核对提交', '② Check and send')}
        </Text>
      </View>

      {apply.unavailableSources.length > 0 ? (
        <View className='apply__unfilled' role='alert'>
          <Text>
            {t(
              `部分信息暂时无法从${apply.unavailableSources.join('、')}获取：您可以手动填写，或稍后重试`,
              `Some details could not be fetched from ${apply.unavailableSources.join(', ')} just now: fill them in yourself, or try again later.`,
            )}
          </Text>
          <ActionButton
            className='secondary-button apply__retry'
            label={t('重试', 'Try again')}
            onClick={() => void apply.retryPrefill()}
            loading={apply.reloading}
            disabled={apply.reloading}
          />
        </View>
      ) : null}
      {apply.loadError ? <Notice kind='error'>{apply.loadError.message}</Notice> : null}
      {apply.notice ? <Notice kind={apply.notice.kind}>{apply.notice.text}</Notice> : null}
      {apply.changedSinceDraft && step === 'form' ? (
        // The department changed the form since the draft was saved: say what it means for the citizen.
        <Notice kind='ok'>
          {t(
            `此事项的表单已更新。${apply.changedSinceDraft.removed > 0 ? `已不再需要的 ${apply.changedSinceDraft.removed} 项已从草稿中去掉。` : ''}${apply.changedSinceDraft.added.length > 0 ? `请补充：${apply.changedSinceDraft.added.join('、')}。` : ''}`,
            `This service's form has changed. ${apply.changedSinceDraft.removed > 0 ? `${apply.changedSinceDraft.removed} answer(s) no longer needed were removed from your draft. ` : ''}${apply.changedSinceDraft.added.length > 0 ? `Please also fill in: ${apply.changedSinceDraft.added.join(', ')}.` : ''}`,
          )}
        </Notice>
      ) : null}

      {step === 'form' ? (
        <View>
          <Text className='apply__saved' aria-live='polite'>
            {t(...SAVE_WORDS[apply.saveState]) ||
              (apply.restoredAt
                ? t(
                    `已恢复您 ${chinaDateTime(apply.restoredAt)} 填写的内容`,
                    `Restored what you entered on ${chinaDateTime(apply.restoredAt)}`,
                  )
                : '')}
          </Text>
          <FormRenderer
            schema={form.schema}
            answers={apply.answers}
            prefilled={form.prefilled}
            unfilled={form.unfilled}
            licences={form.licences}
            choices={form.choices}
            today={form.today}
            errorFor={apply.errorFor}
            onChange={apply.setAnswer}
            onTouch={apply.touch}
            onUploading={apply.setFieldUploading}
          />
          <ActionButton
            className='primary-button apply__review'
            label={t('下一步：核对信息', 'Next: check your answers')}
            onClick={apply.toReview}
            disabled={apply.uploading}
          />
          <ActionButton
            className='secondary-button apply__back'
            label={t('返回', 'Back')}
            onClick={() => goBack('/pages/services/index')}
          />
        </View>
      ) : (
        <View>
          <Text className='form__intro'>
            {t(
              `请核对以下信息。提交后由${departments}办理${form.service.bundle ? '（多部门并联审批）' : ''}，承诺 ${form.service.promisedDays} 个工作日内办结。`,
              `Please check your answers. Once sent, ${departments} will handle it${form.service.bundle ? ' (several departments at once)' : ''}, within ${form.service.promisedDays} working day${form.service.promisedDays === 1 ? '' : 's'}.`,
            )}
          </Text>
          {/* The records chosen, and what they fill, read back locked as the prefilled ones are. */}
          <ReviewSummary
            schema={form.schema}
            answers={apply.answers}
            prefilled={lockedView(form.schema, form.prefilled, form.choices, apply.answers)}
            licences={form.licences}
          />
          {/* Progress by platform message rather than SMS, if the citizen agrees: asked on this tap (WeChat's rule; Baidu's form). */}
          <SubscribeButton
            topic='APPLICATION_PROGRESS'
            className='primary-button apply__submit'
            label={apply.submitting ? t('正在提交…', 'Sending…') : t('确认提交', 'Send application')}
            onClick={() => void apply.submit()}
            disabled={apply.submitting}
          />
          <ActionButton
            className='secondary-button apply__edit'
            label={t('返回修改', 'Back to edit')}
            onClick={apply.backToForm}
            disabled={apply.submitting}
          />
        </View>
      )}
    </Screen>
  );
}
