import { Image } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ICON_MARKUP, type IconName } from './icons/tabler';

export type { IconName };

/** The icon as an SVG data URI: every platform's <image> draws it, and no image file ships. */
export function iconSource(name: IconName, color: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="${color}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${ICON_MARKUP[name]}</svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/**
 * An icon from the app's set (Tabler icons, MIT; see icons/tabler.ts), drawn in one
 * colour. Always decorative: the words beside it say what it means, so it is hidden
 * from screen readers and never the only cue. `size` is in design px (750 wide).
 */
export function Icon({
  name,
  color = '#1f6feb',
  size = 40,
  className = '',
}: {
  name: IconName;
  color?: string;
  size?: number;
  className?: string;
}) {
  // Design px to the platform's unit (rpx, rem); a test stand-in without it gets CSS px at 375 wide.
  const side = typeof Taro.pxTransform === 'function' ? Taro.pxTransform(size) : `${size / 2}px`;
  return (
    <Image
      className={`icon ${className}`}
      src={iconSource(name, color)}
      style={{ width: side, height: side }}
      mode='aspectFit'
      aria-hidden='true'
    />
  );
}
