import { Text, View } from '@tarojs/components';
import { Icon } from '../../components/Icon';

/** Green of the "read from government records" mark (#146c3a, 6.6:1 on the field's #f7f9fc). */
const LOCK_GREEN = '#146c3a';

/**
 * The mark under a value read from government records: a lock drawn from the app's icon
 * set and the words saying where it came from. Not the 🔒 emoji: phones and desktops
 * without an emoji font (Debian's Chromium among them) draw that as an empty box.
 */
export function LockNote({ text, className }: { text: string; className: string }) {
  return (
    <View className={`lock-note ${className}`}>
      <Icon name='lock' color={LOCK_GREEN} size={26} className='lock-note__icon' />
      <Text className='lock-note__text'>{text}</Text>
    </View>
  );
}
