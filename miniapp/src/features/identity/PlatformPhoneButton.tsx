/**
 * The phone number from the platform, the fast path before an SMS code. Props are the
 * same on every platform: `onProof` gets what the BFF exchanges or decrypts
 * (bindPhoneFromPlatform), `onRefused` runs when the citizen says no. WeChat and Alipay
 * have a file of their own (PlatformPhoneButton.weapp.tsx, .alipay.tsx); Baidu and the
 * browser offer no platform number, so nothing is shown and the SMS code is the way.
 */
export interface PlatformPhoneButtonProps {
  label: string;
  onProof: (proof: string) => void;
  onRefused: () => void;
  disabled?: boolean;
}

export function PlatformPhoneButton(_props: PlatformPhoneButtonProps) {
  return null;
}
