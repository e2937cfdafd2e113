import { Text, View } from '@tarojs/components';
import { t } from '../../preferences';
import './identity.scss';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', '0', '⌫'] as const;

/**
 * The ID-number keyboard: digits and X only, so nobody has to find X on a full
 * keyboard or fight auto-correct. Types at most 18 characters.
 */
export function IdKeyboard({
  onChange,
  onDone,
}: {
  onChange: (update: (current: string) => string) => void;
  onDone: () => void;
}) {
  // Updates from the current value, not this render's: fast taps arrive before a re-render.
  const press = (key: (typeof KEYS)[number]) =>
    onChange((current) => (key === '⌫' ? current.slice(0, -1) : current.length < 18 ? current + key : current));
  return (
    <View className='id-keyboard' role='group' aria-label={t('身份证号键盘', 'ID number keyboard')}>
      <View className='id-keyboard__keys'>
        {KEYS.map((key) => (
          <View
            key={key}
            className='id-keyboard__key'
            role='button'
            aria-label={key === '⌫' ? t('删除', 'Delete') : key}
            data-key={key}
            onClick={() => press(key)}
          >
            <Text>{key}</Text>
          </View>
        ))}
      </View>
      <View className='id-keyboard__done' role='button' aria-label={t('完成输入', 'Done typing')} onClick={onDone}>
        <Text>{t('完成', 'Done')}</Text>
      </View>
    </View>
  );
}
