/**
 * Baidu's answer to a <form report-submit report-type="subscribe"> submit, read as its
 * form documentation says: event.detail = { formId, status, message }; formId is the
 * template's formId (a string for one template-id, an object keyed by template-id for
 * several) and is empty unless the citizen authorised; status 500101 (refused for good),
 * 500102 (refused this time), 500103 (cancelled), 500104 (template failed) or 500105
 * (no formId, e.g. Baidu's web mode) mean no consent.
 */
export interface BaiduFormSubmitDetail {
  formId?: string | Record<string, string>;
  status?: number | string;
  message?: string;
}

const REFUSED = new Set([500101, 500102, 500103, 500104, 500105]);

/** Whether Baidu's answer carries a consent for `templateId`. */
export function consentFromBaiduForm(detail: BaiduFormSubmitDetail | undefined, templateId: string): boolean {
  if (!detail || REFUSED.has(Number(detail.status))) return false;
  const formId = typeof detail.formId === 'string' ? detail.formId : detail.formId?.[templateId];
  return typeof formId === 'string' && formId.length > 0;
}
