import { Text, View } from '@tarojs/components';
import { PLATE_LETTERS, PLATE_PROVINCES } from '@citizen/shared';
import { t } from '../../preferences';
import './car-move.scss';

const ALNUM = [...'1234567890', ...PLATE_LETTERS];

/**
 * The plate keyboard people know from parking apps: the first key picks a province,
 * then letters and digits (no I or O, which plates never use). A toggle switches to
 * the 8-character new-energy plate.
 */
export function PlateKeyboard({ value, newEnergy, onChange, onDone }: { value: string; newEnergy: boolean; onChange: (update: (current: string) => string) => void; onDone: () => void }) {
  const length = newEnergy ? 8 : 7;
  const keys = value.length === 0 ? [...PLATE_PROVINCES] : ALNUM;
  // Updates from the current value, not this render's: fast taps arrive before a re-render.
  const press = (key: string) => onChange((current) => (current.length < length ? current + key : current));
  return (
    <View className='plate-keyboard' role='group' aria-label={value.length === 0 ? t('选择省份', 'Choose the province') : t('输入字母或数字', 'Type letters or digits')}>
      <View className={`plate-keyboard__keys${value.length === 0 ? ' plate-keyboard__keys--provinces' : ''}`}>
        {keys.map((key) => (
          <View key={key} className='plate-keyboard__key' role='button' aria-label={key} data-key={key} onClick={() => press(key)}>
            <Text>{key}</Text>
          </View>
        ))}
      </View>
      <View className='plate-keyboard__bar'>
        <View className='plate-keyboard__action' role='button' aria-label={t('删除', 'Delete')} onClick={() => onChange((current) => current.slice(0, -1))}>
          <Text>{t('删除', 'Delete')}</Text>
        </View>
        <View className='plate-keyboard__action plate-keyboard__action--done' role='button' aria-label={t('完成车牌输入', 'Done typing the plate')} onClick={onDone}>
          <Text>{t('完成', 'Done')}</Text>
        </View>
      </View>
    </View>
  );
}

/** The plate as boxes, one per character; the new-energy plate has an eighth, green box. */
export function PlateBoxes({ value, newEnergy, onTap, label = t('车牌号', 'Plate number') }: { value: string; newEnergy: boolean; onTap: () => void; label?: string }) {
  const length = newEnergy ? 8 : 7;
  return (
    <View className='plate-boxes' role='button' aria-label={t(`${label}${value ? `：${value}` : '，点击输入'}`, `${label}${value ? `: ${value}` : ', tap to type'}`)} onClick={onTap}>
      {Array.from({ length }, (_, i) => (
        <View key={i} className={`plate-boxes__box${i === 7 ? ' plate-boxes__box--ne' : ''}${i === value.length ? ' plate-boxes__box--cursor' : ''}`}>
          <Text>{value[i] ?? ''}</Text>
        </View>
      ))}
    </View>
  );
}
