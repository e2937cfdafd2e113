import { Button } from '@tarojs/components';
import type { PlatformPhoneButtonProps } from './PlatformPhoneButton';

/**
 * WeChat: <button open-type="getPhoneNumber">, tapped by the citizen, answers a one-time
 * `code` the BFF exchanges with phonenumber.getPhoneNumber (the encryptedData of older
 * base libraries is not used). WeChat asks for the privacy guide itself on this button
 * (referrer button.getPhoneNumber) before its own phone sheet.
 */
export function PlatformPhoneButton({ label, onProof, onRefused, disabled }: PlatformPhoneButtonProps) {
  return (
    <Button
      className='primary-button platform-phone'
      openType='getPhoneNumber'
      disabled={disabled || undefined}
      aria-label={label}
      onGetPhoneNumber={(event) => {
        const { code } = event.detail as { code?: string; errMsg?: string };
        if (code) onProof(code);
        else onRefused();
      }}
    >
      {label}
    </Button>
  );
}
