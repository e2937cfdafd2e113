import type Router from 'koa-router';
import { errorMessage } from '@citizen/shared';
import { AppError } from '../../errors';
import { bearerToken } from '../../http/bearer';
import { chinaCalendar } from '../../time/chinaTime';
import type { IdentityService } from '../identity/service';
import type { Results, Verification } from './service';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** China time, as the issuer wrote it: 2026-11-21 10:30. */
const chinaTime = (iso: string) => chinaCalendar(new Date(iso)).dateTime.slice(0, 16);

function page(v: Verification): string {
  const body = v.genuine
    ? `<h1 class="ok">✓ 文件真实有效 <small>Genuine</small></h1>
<dl><dt>文件 Document</dt><dd>${escape(v.title)}<br><small>${escape(v.titleEn)}</small></dd>
<dt>持有人 Holder</dt><dd>${escape(v.holder)}</dd>
<dt>出具单位 Issuer</dt><dd>${escape(v.issuer)}</dd>
<dt>出具时间 Issued</dt><dd>${escape(chinaTime(v.issuedAt))}（北京时间）</dd>
<dt>办件编号 Application</dt><dd>${escape(v.number)}</dd></dl>`
    : `<h1 class="bad">✕ 未找到该文件，可能是伪造或被篡改 <small>Not genuine: no document has this code</small></h1>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>电子文件核验</title>
<style>body{font-family:system-ui,sans-serif;margin:0;background:#f4f6fa;color:#1d2330}main{max-width:480px;margin:0 auto;padding:24px 16px}h1{font-size:22px}.ok{color:#146c3a}.bad{color:#b42318}small{display:block;font-size:14px;color:#4a5160;font-weight:400}dl{background:#fff;border-radius:12px;padding:16px}dt{color:#4a5160;font-size:14px;margin-top:12px}dd{margin:4px 0 0;font-size:17px}</style></head>
<body><main>${body}<p><small>核验结果以本页面为准。This page, not the paper, says whether a document is genuine.</small></p></main></body></html>`;
}

/**
 * GET /verify/<code>: the public check of a document's QR code — genuine or not, what,
 * issued when and by whom, for whom (masked); HTML for a person, JSON when asked for.
 * GET /documents/<id>/pdf: the citizen's own document as a PDF (their bearer token).
 */
export function addResultRoutes(router: Router, deps: { results: Results; identity: IdentityService }): void {
  router.get('/verify/:code', async (ctx) => {
    const verification = await deps.results.verify(String(ctx.params.code ?? '').slice(0, 64));
    ctx.set('Cache-Control', 'no-store');
    ctx.set('X-Robots-Tag', 'noindex');
    if (!verification.genuine) ctx.status = 404;
    if (ctx.accepts(['html', 'json']) === 'json') {
      ctx.body = verification;
      return;
    }
    ctx.type = 'html';
    ctx.body = page(verification);
  });

  router.get('/documents/:id/pdf', async (ctx) => {
    try {
      const { account } = await deps.identity.authenticate(bearerToken(ctx.get('authorization')) ?? '');
      const row = await deps.results.get(account, String(ctx.params.id ?? ''));
      if (row.kind === 'LICENCE') throw new AppError('NOT_FOUND', undefined, { field: 'id' });
      ctx.body = await deps.results.pdf(row);
      ctx.type = 'application/pdf';
      ctx.set('Content-Disposition', `attachment; filename="document-${row.id.slice(0, 8)}.pdf"`);
      ctx.set('Cache-Control', 'private, no-store');
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      ctx.status = error.code === 'NOT_FOUND' ? 404 : 401;
      ctx.body = { error: error.code, message: errorMessage(error.code, 'en') };
    }
  });
}
