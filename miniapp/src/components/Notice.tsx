import { Text, View } from '@tarojs/components';
import './form.scss';

/** A message above a form. Errors are announced (role alert); colour is never the only cue: the words say it. */
export function Notice({ kind, children }: { kind: 'error' | 'ok'; children: string }) {
  return (
    <View className={`notice notice--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <Text>{children}</Text>
    </View>
  );
}

/** An error under a field, announced when it appears. */
export function FieldError({ children }: { children: string }) {
  return (
    <View className='field__error' role='alert'>
      <Text>{children}</Text>
    </View>
  );
}
