import { TILE_FALLBACK_ICON_COLOR, TILE_ICON_COLORS, TILE_ICONS } from '@citizen/shared';
import type { IconName } from '../../components/Icon';

/**
 * How the built-in icon set (shared TILE_ICONS, which the BFF checks tiles against) is
 * drawn: a tile names an icon, the app draws that Tabler SVG in white on a coloured
 * square (the same in every language: no character that means nothing in English).
 * Colours are dark enough for white strokes; colour is never the only cue (the title is
 * always shown). The colours are shared: the BFF's home shell draws the same squares.
 */
// Every built-in icon name is one the app can draw (a name added to TILE_ICONS without its SVG fails the typecheck).
const DRAWABLE: readonly IconName[] = TILE_ICONS;

export const ICONS = Object.fromEntries(
  DRAWABLE.map((name) => [name, { icon: name, color: TILE_ICON_COLORS[name as (typeof TILE_ICONS)[number]] }]),
) as Record<(typeof TILE_ICONS)[number], { icon: IconName; color: string }>;

export const FALLBACK_ICON: { icon: IconName; color: string } = { icon: 'service', color: TILE_FALLBACK_ICON_COLOR };

export function iconFor(name: string): { icon: IconName; color: string } {
  return ICONS[name as keyof typeof ICONS] ?? FALLBACK_ICON;
}
