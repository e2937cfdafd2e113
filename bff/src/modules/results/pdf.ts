import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { chinaCalendar } from '../../time/chinaTime';

export interface PrintedDocument {
  title: string;
  titleEn: string;
  holderName: string;
  /** Label and value, printed in order. */
  lines: Array<[string, string]>;
  issuer: string;
  issuedAt: string;
  verifyCode: string;
  verifyUrl: string;
}

/** The document's date as printed: China time, 2026年11月21日. */
const chinaDay = (iso: string) => {
  const [year, month, day] = chinaCalendar(new Date(iso)).day.split('-').map(Number);
  return `${year}年${month}月${day}日`;
};

/**
 * The document as a PDF (pdfkit), its Chinese set in the CJK font at `font.path` (a
 * TrueType collection is fine: `font.name` picks the face; pdfkit embeds only the glyphs
 * used), with a QR code of the public verification address. Nothing in it is trusted by
 * itself: the code, checked at /verify/<code>, is what says it is genuine.
 */
export async function renderPdf(doc: PrintedDocument, font: { path: string; name: string }): Promise<Buffer> {
  const qr = await QRCode.toBuffer(doc.verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: doc.title, Author: doc.issuer, Subject: doc.titleEn, CreationDate: new Date(doc.issuedAt) },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve);
    pdf.on('error', reject);
  });
  pdf.registerFont('cjk', font.path, font.name);
  pdf.font('cjk');

  pdf.fontSize(24).text(doc.title, { align: 'center' });
  pdf.moveDown(0.3).fontSize(11).fillColor('#555').text(doc.titleEn, { align: 'center' });
  pdf.moveDown(1.5).fillColor('#000').fontSize(13);
  pdf.text(`持有人：${doc.holderName}`);
  pdf.moveDown(0.5);
  for (const [label, value] of doc.lines) pdf.text(`${label}：${value}`, { lineGap: 6 });
  pdf.moveDown(2);
  pdf.text(`出具单位：${doc.issuer}`, { align: 'right' });
  pdf.text(chinaDay(doc.issuedAt), { align: 'right' });

  const top = 600;
  pdf.image(qr, 56, top, { width: 120 });
  pdf
    .fontSize(10)
    .fillColor('#333')
    .text('扫描二维码或访问下列地址核验本文件真伪：', 190, top + 10, { width: 340 })
    .text(doc.verifyUrl, 190, top + 30, { width: 340 })
    .text(`核验码 ${doc.verifyCode}`, 190, top + 62, { width: 340 })
    .text('本文件为电子文件，与纸质文件具有同等效力；核验结果以核验页面为准。', 190, top + 84, { width: 340 });
  pdf.end();
  await done;
  return Buffer.concat(chunks);
}
