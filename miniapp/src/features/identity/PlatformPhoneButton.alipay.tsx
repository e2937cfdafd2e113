import { Button } from '@tarojs/components';
import type { PlatformPhoneButtonProps } from './PlatformPhoneButton';

/**
 * Alipay: the citizen authorises on <button open-type="getAuthorize" scope="phoneNumber">,
 * then my.getPhoneNumber answers `response`, the number encrypted with the app's AES key;
 * the BFF decrypts it (the client has no key and never sees the number in clear).
 */
export function PlatformPhoneButton({ label, onProof, onRefused, disabled }: PlatformPhoneButtonProps) {
  const read = () => {
    my.getPhoneNumber({
      success: ({ response }: { response: string }) => (response ? onProof(response) : onRefused()),
      fail: () => onRefused(),
    });
  };
  // ButtonProps does not declare Alipay's scope / onGetAuthorize / onError.
  const alipay = { scope: 'phoneNumber', onGetAuthorize: read, onError: () => onRefused() } as Record<string, unknown>;
  return (
    <Button
      className='primary-button platform-phone'
      openType={'getAuthorize' as never}
      disabled={disabled || undefined}
      aria-label={label}
      {...alipay}
    >
      {label}
    </Button>
  );
}
