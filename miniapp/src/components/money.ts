/**
 * Money as people read it. Amounts travel as strings of yuan (what the form stores,
 * '3200000' or '1200.5'); they are shown with thousands separators and 元, and where
 * the citizen confirms a sum (the review before submitting) also in 大写, as on a
 * bank slip, so a slipped digit is seen before it is sent.
 */

/** '3200000' → '3,200,000.00'; null when the text is not an amount. */
export function groupThousands(value: string | number, decimals = 2): string | null {
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  const [whole, fraction = ''] = text.replace(/^-/, '').split('.');
  const cents = decimals > 0 ? `.${(fraction + '0'.repeat(decimals)).slice(0, decimals)}` : '';
  return `${text.startsWith('-') ? '-' : ''}${whole.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${cents}`;
}

/** '3200000' → '3,200,000.00 元' (or 'CNY 3,200,000.00' in English); the text as it was when it is not an amount. */
export function formatYuan(value: string | number, locale: 'zh' | 'en' = 'zh'): string {
  const grouped = groupThousands(value);
  if (grouped === null) return String(value);
  return locale === 'en' ? `CNY ${grouped}` : `${grouped} 元`;
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const BIG_UNITS = ['', '万', '亿', '万亿'];

/** One group of four digits (0-9999) in 大写, without leading 零. */
function fourDigits(n: number): string {
  let out = '';
  let zero = false;
  for (let i = 3; i >= 0; i--) {
    const d = Math.floor(n / 10 ** i) % 10;
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d] + SMALL_UNITS[i];
  }
  return out;
}

/**
 * The amount in Chinese financial capitals (人民币大写), as banks write it:
 * 3200000 → 叁佰贰拾万元整, 1200.5 → 壹仟贰佰元伍角, 10.05 → 壹拾元零伍分.
 * Null when it is not a non-negative amount with at most two decimals, or is 10^16 or more.
 */
export function toChineseCapital(value: string | number): string | null {
  const text = typeof value === 'number' ? value.toFixed(2) : value.trim();
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match || match[1].replace(/^0+/, '').length > 16) return null;
  const whole = BigInt(match[1]);
  const fraction = (match[2] ?? '').padEnd(2, '0');
  const jiao = Number(fraction[0]);
  const fen = Number(fraction[1]);

  let yuan = '';
  if (whole > 0n) {
    const groups: number[] = [];
    for (let rest = whole; rest > 0n; rest /= 10000n) groups.push(Number(rest % 10000n));
    let pendingZero = false;
    for (let i = groups.length - 1; i >= 0; i--) {
      const g = groups[i];
      if (g === 0) {
        pendingZero = yuan !== '';
        continue;
      }
      // A group under 1000 after a higher one reads with 零 (壹万零伍佰).
      if (yuan && (pendingZero || g < 1000)) yuan += '零';
      pendingZero = false;
      yuan += fourDigits(g) + BIG_UNITS[i];
    }
    yuan += '元';
  }
  if (jiao === 0 && fen === 0) return whole > 0n ? `${yuan}整` : '零元整';
  let cents = '';
  if (jiao > 0) cents += `${DIGITS[jiao]}角`;
  else if (whole > 0n) cents += '零';
  if (fen > 0) cents += `${DIGITS[fen]}分`;
  return yuan + cents;
}
