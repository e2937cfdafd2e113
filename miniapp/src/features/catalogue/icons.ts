import type { TILE_ICONS } from '@citizen/shared';
import type { IconName } from '../../components/Icon';

/**
 * How the built-in icon set (shared TILE_ICONS, which the BFF checks tiles against) is
 * drawn: a tile names an icon, the app draws that Tabler SVG in white on a coloured
 * square (the same in every language: no character that means nothing in English).
 * Colours are dark enough for white strokes; colour is never the only cue (the title is
 * always shown).
 */
export const ICONS: Record<(typeof TILE_ICONS)[number], { icon: IconName; color: string }> = {
  shield: { icon: 'shield', color: '#1f6feb' },
  medical: { icon: 'medical', color: '#0f8a4c' },
  fund: { icon: 'fund', color: '#b45309' },
  car: { icon: 'car', color: '#2563eb' },
  bus: { icon: 'bus', color: '#0e7490' },
  warning: { icon: 'warning', color: '#dc2626' },
  passport: { icon: 'passport', color: '#7c3aed' },
  certificate: { icon: 'certificate', color: '#9333ea' },
  card: { icon: 'card', color: '#0369a1' },
  school: { icon: 'school', color: '#c2410c' },
  house: { icon: 'house', color: '#b45309' },
  rings: { icon: 'rings', color: '#db2777' },
  shop: { icon: 'shop', color: '#4d7c0f' },
  water: { icon: 'water', color: '#0284c7' },
  bolt: { icon: 'bolt', color: '#a16207' },
  flame: { icon: 'flame', color: '#c2410c' },
  hospital: { icon: 'hospital', color: '#047857' },
  scale: { icon: 'scale', color: '#475569' },
  phone: { icon: 'phone', color: '#15803d' },
  chat: { icon: 'chat', color: '#6366f1' },
};

export const FALLBACK_ICON: { icon: IconName; color: string } = { icon: 'service', color: '#64748b' };

export function iconFor(name: string): { icon: IconName; color: string } {
  return ICONS[name as keyof typeof ICONS] ?? FALLBACK_ICON;
}
