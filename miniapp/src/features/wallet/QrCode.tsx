import { useMemo } from 'react';
import { View } from '@tarojs/components';
import { encode } from 'uqr';
import './wallet.scss';

/** At most this wide with its quiet zone: as large as fits the narrowest phone (320 px) inside the page's margins, for a scan across a counter. */
const TARGET_PX = 272;
/** The quiet zone a scanner needs around the code, in modules (the QR standard asks for 4). */
const QUIET = 4;

/** One row of the code as runs of the same colour: far fewer nodes than one per module. */
export function runs(row: boolean[]): Array<{ dark: boolean; length: number }> {
  const out: Array<{ dark: boolean; length: number }> = [];
  for (const dark of row) {
    const last = out[out.length - 1];
    if (last && last.dark === dark) last.length += 1;
    else out.push({ dark, length: 1 });
  }
  return out;
}

/**
 * A QR code drawn as rows of Views: every platform renders it the same way, with no
 * canvas (each mini-program platform has its own canvas API, and H5 another). Modules
 * are whole pixels, so no seams show between rows. Medium error correction: a
 * scratched or glaring phone screen still scans.
 */
export function QrCode({ text, label, className = '' }: { text: string; label: string; className?: string }) {
  const matrix = useMemo(() => encode(text, { ecc: 'M', border: 0 }), [text]);
  const unit = Math.max(2, Math.floor(TARGET_PX / (matrix.size + 2 * QUIET)));
  const side = unit * matrix.size;
  return (
    <View
      className={`qr ${className}`}
      role='img'
      aria-label={label}
      data-size={matrix.size}
      style={{ padding: `${unit * QUIET}px`, width: `${side}px` }}
    >
      {matrix.data.map((row, y) => (
        <View key={y} className='qr__row' aria-hidden='true' style={{ height: `${unit}px`, width: `${side}px` }}>
          {runs(row).map((run, x) => (
            <View
              key={x}
              className={run.dark ? 'qr__dark' : 'qr__light'}
              style={{ width: `${run.length * unit}px`, height: `${unit}px` }}
            />
          ))}
        </View>
      ))}
    </View>
  );
}
