import { Text, View } from '@tarojs/components';
import './identity.scss';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', '0', '⌫'] as const;

/**
 * The ID-number keyboard: digits and X only, so nobody has to find X on a full
 * keyboard or fight auto-correct. Types at most 18 characters.
 */
export function IdKeyboard({ value, onChange, onDone }: { value: string; onChange: (next: string) => void; onDone: () => void }) {
  const press = (key: (typeof KEYS)[number]) => {
    if (key === '⌫') onChange(value.slice(0, -1));
    else if (value.length < 18) onChange(value + key);
  };
  return (
    <View className='id-keyboard' role='group' aria-label='身份证号键盘'>
      <View className='id-keyboard__keys'>
        {KEYS.map((key) => (
          <View key={key} className='id-keyboard__key' role='button' aria-label={key === '⌫' ? '删除' : key} data-key={key} onClick={() => press(key)}>
            <Text>{key}</Text>
          </View>
        ))}
      </View>
      <View className='id-keyboard__done' role='button' aria-label='完成输入' onClick={onDone}>
        <Text>完成</Text>
      </View>
    </View>
  );
}
