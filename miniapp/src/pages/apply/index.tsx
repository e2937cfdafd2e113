import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { cachedMe } from '../../features/identity/session';
import { LEVEL_NAMES, stepUpUrl } from '../../features/identity/levels';
import { useApplicationForm, type SaveState } from '../../features/applications/useApplicationForm';
import { FormRenderer } from '../../features/applications/FormRenderer';
import { ReviewSummary } from '../../features/applications/ReviewSummary';
import { chinaDateTime } from '../../features/applications/labels';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { ErrorState, Loading } from '../../components/StateView';
import { goBack } from '../../components/navigation';
import '../../components/form.scss';
import '../../features/applications/applications.scss';

const SAVE_WORDS: Record<SaveState, string> = { idle: '', saving: '保存中…', saved: '已自动保存', failed: '自动保存失败，继续填写时会再试' };

/**
 * Applying for a service: 1 the form (prefilled fields locked, the rest typed, saved
 * as a draft as it is typed), 2 a read-only review, then one submission.
 */
export default function ApplyPage() {
  const { params } = useRouter();
  const serviceId = decodeURIComponent(params.serviceId ?? '');
  const apply = useApplicationForm(serviceId);
  const here = `/pages/apply/index?serviceId=${encodeURIComponent(serviceId)}`;

  if (!apply.form) {
    if (!apply.loadError) return <Loading label='正在准备表单…' />;
    if (apply.loadError.code === 'ASSURANCE_LEVEL_TOO_LOW') {
      const required = typeof apply.loadError.details?.requiredLevel === 'number' ? apply.loadError.details.requiredLevel : 2;
      const url = stepUpUrl(required, cachedMe(), here);
      return (
        <View className='form apply'>
          <Notice kind='error'>{`办理此服务需要${LEVEL_NAMES[required] ?? '身份认证'}。认证完成后将回到这里。`}</Notice>
          {url ? <ActionButton className='primary-button' label='去认证' onClick={() => void Taro.navigateTo({ url })} /> : null}
          <ActionButton className='secondary-button' label='返回' onClick={() => goBack('/pages/services/index')} />
        </View>
      );
    }
    return (
      <View className='apply'>
        <ErrorState error={apply.loadError} onRetry={() => void apply.reload()} />
        <View className='form'>
          <ActionButton className='secondary-button' label='返回' onClick={() => goBack('/pages/services/index')} />
        </View>
      </View>
    );
  }

  const { form, step } = apply;
  return (
    <View className='form apply'>
      <Text className='apply__title'>{form.service.title}</Text>
      <View className='apply__steps' aria-label={step === 'form' ? '第 1 步，共 2 步：填写信息' : '第 2 步，共 2 步：核对并提交'}>
        <Text className={step === 'form' ? 'apply__step--current' : ''}>① 填写信息</Text>
        <Text>　→　</Text>
        <Text className={step === 'review' ? 'apply__step--current' : ''}>② 核对提交</Text>
      </View>

      {apply.unavailableSources.length > 0 ? (
        <View className='apply__unfilled' role='alert'>
          <Text>部分信息暂时无法从{apply.unavailableSources.join('、')}获取：您可以手动填写，或稍后重试</Text>
          <ActionButton className='secondary-button apply__retry' label='重试' onClick={() => void apply.retryPrefill()} loading={apply.reloading} disabled={apply.reloading} />
        </View>
      ) : null}
      {apply.loadError ? <Notice kind='error'>{apply.loadError.message}</Notice> : null}
      {apply.notice ? <Notice kind={apply.notice.kind}>{apply.notice.text}</Notice> : null}

      {step === 'form' ? (
        <View>
          <Text className='apply__saved' aria-live='polite'>
            {SAVE_WORDS[apply.saveState] || (apply.restoredAt ? `已恢复您 ${chinaDateTime(apply.restoredAt)} 填写的内容` : '')}
          </Text>
          <FormRenderer
            schema={form.schema}
            answers={apply.answers}
            prefilled={form.prefilled}
            unfilled={form.unfilled}
            licences={form.licences}
            today={form.today}
            errorFor={apply.errorFor}
            onChange={apply.setAnswer}
            onTouch={apply.touch}
            onUploading={apply.setFieldUploading}
          />
          <ActionButton className='primary-button apply__review' label='下一步：核对信息' onClick={apply.toReview} disabled={apply.uploading} />
          <ActionButton className='secondary-button apply__back' label='返回' onClick={() => goBack('/pages/services/index')} />
        </View>
      ) : (
        <View>
          <Text className='form__intro'>
            请核对以下信息。提交后由{form.service.departments.map((d) => d.name).join('、')}办理{form.service.bundle ? '（多部门并联审批）' : ''}，承诺 {form.service.promisedDays} 个工作日内办结。
          </Text>
          <ReviewSummary schema={form.schema} answers={apply.answers} prefilled={form.prefilled} licences={form.licences} />
          <ActionButton className='primary-button apply__submit' label={apply.submitting ? '正在提交…' : '确认提交'} onClick={() => void apply.submit()} disabled={apply.submitting} />
          <ActionButton className='secondary-button apply__edit' label='返回修改' onClick={apply.backToForm} disabled={apply.submitting} />
        </View>
      )}
    </View>
  );
}
