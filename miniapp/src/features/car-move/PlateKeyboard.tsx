import { Text, View } from '@tarojs/components';
import { PLATE_LETTERS, PLATE_PROVINCES, type PlateColour } from '@citizen/shared';
import { t } from '../../preferences';
import { pressable } from '../../components/pressable';
import './car-move.scss';

const ALNUM = [...'1234567890', ...PLATE_LETTERS];

/**
 * The plate keyboard people know from parking apps: the first key picks a province,
 * then letters and digits (no I or O, which plates never use). It always takes an 8th
 * character: a new-energy plate is simply typed to the end, with no switch to find
 * first (a 7-character start of a new-energy plate otherwise found nothing).
 */
export const PLATE_MAX = 8;

export function PlateKeyboard({
  value,
  onChange,
  onDone,
}: {
  value: string;
  onChange: (update: (current: string) => string) => void;
  onDone: () => void;
}) {
  const length = PLATE_MAX;
  const keys = value.length === 0 ? [...PLATE_PROVINCES] : ALNUM;
  // Updates from the current value, not this render's: fast taps arrive before a re-render.
  const press = (key: string) => onChange((current) => (current.length < length ? current + key : current));
  return (
    <View
      className='plate-keyboard'
      role='group'
      aria-label={
        value.length === 0 ? t('选择省份', 'Choose the province') : t('输入字母或数字', 'Type letters or digits')
      }
    >
      <View className={`plate-keyboard__keys${value.length === 0 ? ' plate-keyboard__keys--provinces' : ''}`}>
        {keys.map((key) => (
          <View key={key} className='plate-keyboard__key' {...pressable(() => press(key))} data-key={key}>
            <Text>{key}</Text>
          </View>
        ))}
      </View>
      <View className='plate-keyboard__bar'>
        <View className='plate-keyboard__action' {...pressable(() => onChange((current) => current.slice(0, -1)))}>
          <Text>{t('删除', 'Delete')}</Text>
        </View>
        <View className='plate-keyboard__action plate-keyboard__action--done' {...pressable(onDone)}>
          <Text>{t('完成', 'Done')}</Text>
        </View>
      </View>
    </View>
  );
}

/**
 * The plate as boxes, one per character: seven, and an eighth marked 新能源 that is
 * filled only for a new-energy plate. The button's name starts with its visible label.
 */
export function PlateBoxes({
  value,
  onTap,
  label = t('车牌号', 'Plate number'),
  colour,
}: {
  value: string;
  onTap: () => void;
  label?: string;
  colour?: PlateColour;
}) {
  // The boxes take the colour of the plate type chosen, so a blue plate typed on a yellow choice looks wrong at once.
  return (
    <View
      className={`plate-boxes${colour ? ` plate-boxes--${colour}` : ''}`}
      {...pressable(onTap)}
      aria-label={t(
        `${label}${value ? `：${value}` : '，点击输入'}`,
        `${label}${value ? `: ${value}` : ', tap to type'}`,
      )}
    >
      {Array.from({ length: PLATE_MAX }, (_, i) => (
        // The empty 8th box's 新能源 mark is drawn by CSS (data-mark), so the button's name stays its label and plate.
        <View
          key={i}
          className={`plate-boxes__box${i === 7 ? ' plate-boxes__box--ne' : ''}${i === value.length ? ' plate-boxes__box--cursor' : ''}`}
          data-box={i}
          data-mark={i === 7 && !value[7] ? t('新能源', 'NEV') : undefined}
        >
          <Text>{value[i] ?? ''}</Text>
        </View>
      ))}
    </View>
  );
}
