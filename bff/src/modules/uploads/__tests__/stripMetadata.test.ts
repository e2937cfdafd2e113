import exifr from 'exifr';
import { jpegWithGps, pngWithText } from '../../../../../test-support/images';
import { ImageFormatError, sniffImageType, stripMetadata } from '../stripMetadata';

describe('stripping photo metadata', () => {
  it('removes the EXIF GPS position and comments from a JPEG, and keeps the image segments', async () => {
    const original = jpegWithGps();
    // The fixture really carries a position, as a reader of EXIF sees it.
    const before = await exifr.gps(original);
    expect(before.latitude).toBeCloseTo(22.5431, 3);
    expect(before.longitude).toBeCloseTo(114.0579, 3);
    const { type, data } = stripMetadata(original);
    expect(type).toBe('image/jpeg');
    expect(await exifr.gps(data).catch(() => undefined)).toBeUndefined();
    expect(data.includes(Buffer.from('Exif'))).toBe(false);
    expect(data.includes(Buffer.from('22.5431'))).toBe(false);
    expect(data.includes(Buffer.from('JFIF'))).toBe(true);
    expect(data.subarray(-6)).toEqual(Buffer.from([0x12, 0x34, 0x56, 0x78, 0xff, 0xd9]));
  });

  it('removes text chunks from a PNG', () => {
    const { type, data } = stripMetadata(pngWithText());
    expect(type).toBe('image/png');
    expect(data.includes(Buffer.from('tEXt'))).toBe(false);
    expect(data.includes(Buffer.from('IDAT'))).toBe(true);
    expect(data.includes(Buffer.from('IEND'))).toBe(true);
  });

  it('knows a file by its bytes, not its name, and refuses what is not a photo', () => {
    expect(sniffImageType(Buffer.from('GIF89a......'))).toBeNull();
    expect(() => stripMetadata(Buffer.from('%PDF-1.7 not an image'))).toThrow(ImageFormatError);
    const truncated = jpegWithGps().subarray(0, 30);
    expect(() => stripMetadata(truncated)).toThrow(ImageFormatError);
  });
});
