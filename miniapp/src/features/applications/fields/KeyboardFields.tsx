import { Text, View } from '@tarojs/components';
import { IdKeyboard } from '../../identity/IdKeyboard';
import { PlateBoxes, PlateKeyboard } from '../../car-move/PlateKeyboard';
import { t } from '../../../preferences';
import { fieldLabel } from '../formModel';
import { FieldShell, type FieldProps } from './FieldShell';

/** Fields typed on our own keyboards; the renderer keeps at most one keyboard open. */
interface KeyboardProps extends FieldProps {
  keyboardOpen: boolean;
  onOpenKeyboard: () => void;
  onCloseKeyboard: () => void;
  note?: string | null;
}

/** An ID number on the ID keyboard (digits and X only), as on the real-name page. */
export function IdNumberField({
  field,
  value,
  error,
  onChange,
  onTouch,
  keyboardOpen,
  onOpenKeyboard,
  onCloseKeyboard,
  note,
}: KeyboardProps) {
  const label = fieldLabel(field);
  return (
    <FieldShell field={field} error={error} note={note}>
      <View
        className={`field__keyed${keyboardOpen ? ' field__keyed--focused' : ''}`}
        role='button'
        aria-label={t(
          `${label}${value ? `：${value}` : '，点击输入'}`,
          `${label}${value ? `: ${value}` : ', tap to type'}`,
        )}
        onClick={onOpenKeyboard}
      >
        <Text className='field__value'>
          {value || (
            <Text className='field__placeholder'>{t('18位，最后一位可能是X', '18 characters; the last may be X')}</Text>
          )}
        </Text>
      </View>
      {keyboardOpen ? (
        <IdKeyboard
          onChange={onChange}
          onDone={() => {
            onCloseKeyboard();
            onTouch();
          }}
        />
      ) : null}
    </FieldShell>
  );
}

/** A plate on the plate keyboard (province first, then letters and digits), as on the car-moving page. */
export function PlateField({
  field,
  value,
  error,
  onChange,
  onTouch,
  keyboardOpen,
  onOpenKeyboard,
  onCloseKeyboard,
  note,
}: KeyboardProps) {
  const label = fieldLabel(field);
  return (
    <FieldShell field={field} error={error} note={note}>
      <PlateBoxes value={value} onTap={onOpenKeyboard} label={label} />
      {keyboardOpen ? (
        <PlateKeyboard
          value={value}
          onChange={onChange}
          onDone={() => {
            onCloseKeyboard();
            onTouch();
          }}
        />
      ) : null}
    </FieldShell>
  );
}
