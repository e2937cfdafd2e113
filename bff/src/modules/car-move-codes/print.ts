import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import sharp from 'sharp';

/** What a sticker shows: the scan address (in the QR), the owner's plate masked (so they know which car it goes on) and the code's number. */
export interface Sticker {
  scanUrl: string;
  maskedPlate: string;
  codeNumber: string;
}

/** The city's branding, as on the app's title bar. */
const BRAND = {
  name: '城市通',
  nameEn: 'City One',
  blue: '#1f6feb',
  line: '扫码通知车主挪车',
  lineEn: 'Scan to ask the owner to move this car',
};
const FOOT = '无需登录 · 不显示车主电话 · 城市政务服务';
const FOOT_EN = 'No sign-in needed · the owner’s number is never shown';

/**
 * A sticker to cut out and put behind the windscreen: A6, the city's blue band, the QR
 * code of the scan address (error correction Q: it survives a scratched windscreen), the
 * line telling passers-by what it is for. Chinese in the CJK font configured for documents.
 */
export async function renderCodePdf(sticker: Sticker, font: { path: string; name: string }): Promise<Buffer> {
  const qr = await QRCode.toBuffer(sticker.scanUrl, { errorCorrectionLevel: 'Q', margin: 1, width: 480 });
  const pdf = new PDFDocument({
    size: 'A6',
    margin: 20,
    info: { Title: `${BRAND.name} 挪车码 ${sticker.codeNumber}`, Author: BRAND.name },
  });
  pdf.registerFont('cjk', font.path, font.name);
  pdf.font('cjk');
  const width = pdf.page.width;
  pdf.rect(0, 0, width, 64).fill(BRAND.blue);
  pdf.fillColor('#fff').fontSize(20).text(`${BRAND.name} · 挪车码`, 0, 14, { width, align: 'center' });
  pdf.fontSize(9).text(BRAND.nameEn, 0, 40, { width, align: 'center' });
  pdf.fillColor('#1d2330').fontSize(14).text(BRAND.line, 0, 78, { width, align: 'center' });
  pdf.fontSize(8).fillColor('#4a5160').text(BRAND.lineEn, 0, 98, { width, align: 'center' });
  const size = 190;
  pdf.image(qr, (width - size) / 2, 116, { width: size });
  pdf
    .fillColor('#1d2330')
    .fontSize(10)
    .text(`${sticker.maskedPlate}   No. ${sticker.codeNumber}`, 0, 316, { width, align: 'center' });
  pdf
    .fontSize(8)
    .fillColor('#4a5160')
    .text(FOOT, 0, 340, { width, align: 'center' })
    .text(FOOT_EN, 0, 354, { width, align: 'center' });
  pdf.end();
  // The document is a readable stream: read it to the end.
  const parts: Buffer[] = [];
  for await (const part of pdf as unknown as AsyncIterable<Buffer>) parts.push(part);
  return Buffer.concat(parts);
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The same sticker as a PNG (600×840) for phones that print from the photo album. */
export async function renderCodePng(sticker: Sticker): Promise<Buffer> {
  const qr = await QRCode.toBuffer(sticker.scanUrl, { errorCorrectionLevel: 'Q', margin: 1, width: 440 });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="840">
<rect width="600" height="840" fill="#fff"/><rect width="600" height="150" fill="${BRAND.blue}"/>
<g font-family="Noto Sans CJK SC, sans-serif" text-anchor="middle">
<text x="300" y="80" font-size="48" fill="#fff">${BRAND.name} · 挪车码</text>
<text x="300" y="124" font-size="22" fill="#fff">${BRAND.nameEn}</text>
<text x="300" y="200" font-size="34" fill="#1d2330">${BRAND.line}</text>
<text x="300" y="234" font-size="19" fill="#4a5160">${escape(BRAND.lineEn)}</text>
<text x="300" y="730" font-size="24" fill="#1d2330">${escape(sticker.maskedPlate)}   No. ${escape(sticker.codeNumber)}</text>
<text x="300" y="770" font-size="19" fill="#4a5160">${FOOT}</text>
<text x="300" y="800" font-size="16" fill="#4a5160">${escape(FOOT_EN)}</text>
</g></svg>`;
  return sharp(Buffer.from(svg))
    .composite([{ input: qr, left: 80, top: 260 }])
    .png()
    .toBuffer();
}
