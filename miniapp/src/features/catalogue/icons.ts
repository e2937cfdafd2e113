import type { TILE_ICONS } from '@citizen/shared';

/**
 * How the built-in icon set (shared TILE_ICONS, which the BFF checks tiles against) is
 * drawn: a tile names an icon, the app draws it as a character on a
 * coloured disc. Characters render on every platform without image files, which
 * keeps the main package small; colour is never the only cue (the title is always shown).
 */
export const ICONS: Record<(typeof TILE_ICONS)[number], { glyph: string; color: string }> = {
  shield: { glyph: '保', color: '#1f6feb' },
  medical: { glyph: '医', color: '#0f9d58' },
  fund: { glyph: '金', color: '#d97706' },
  car: { glyph: '车', color: '#2563eb' },
  bus: { glyph: '公', color: '#0891b2' },
  warning: { glyph: '违', color: '#dc2626' },
  passport: { glyph: '境', color: '#7c3aed' },
  certificate: { glyph: '证', color: '#9333ea' },
  card: { glyph: '卡', color: '#0369a1' },
  school: { glyph: '学', color: '#ea580c' },
  house: { glyph: '房', color: '#b45309' },
  rings: { glyph: '婚', color: '#db2777' },
  shop: { glyph: '商', color: '#4d7c0f' },
  water: { glyph: '水', color: '#0284c7' },
  bolt: { glyph: '电', color: '#ca8a04' },
  flame: { glyph: '气', color: '#ea580c' },
  hospital: { glyph: '院', color: '#059669' },
  scale: { glyph: '法', color: '#475569' },
  phone: { glyph: '话', color: '#16a34a' },
  chat: { glyph: '问', color: '#6366f1' },
};

export const FALLBACK_ICON = { glyph: '办', color: '#64748b' };

export function iconFor(name: string): { glyph: string; color: string } {
  return ICONS[name as keyof typeof ICONS] ?? FALLBACK_ICON;
}
