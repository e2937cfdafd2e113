/**
 * Masks for personal data in responses and messages (PIPL; patterns common in
 * Chinese government systems, see standards.md). Each is safe on short input.
 */
function keep(value: string, head: number, tail: number): string {
  const chars = Array.from(value);
  if (chars.length <= head + tail) return '*'.repeat(chars.length);
  return (
    chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join('')
  );
}

/** 11010519491231002X → 1***************2X */
export const maskIdNumber = (value: string): string => keep(value, 1, 2);
/** 13812345678 → 138****5678 */
export const maskPhone = (value: string): string => keep(value, 3, 4);
/** 张三 → 张*, 欧阳娜娜 → 欧*** */
export function maskName(value: string): string {
  const chars = Array.from(value);
  return chars.length === 0 ? '' : chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
/** 粤B12345 → 粤B1***5, 粤BD12345 → 粤BD****5 */
export const maskPlate = (value: string): string => keep(value, 3, 1);
/** 广东省深圳市南山区科技园路1号 → 广东省深圳市******** (the district level stays readable). */
export function maskAddress(value: string): string {
  const chars = Array.from(value);
  const head = Math.min(6, Math.floor(chars.length / 2));
  return chars.slice(0, head).join('') + '*'.repeat(Math.max(1, Math.min(8, chars.length - head)));
}
/** Account and card numbers: 4403201234567890 → 4403********7890 */
export const maskAccountNumber = (value: string): string => keep(value, 4, 4);
