/**
 * The versions of the privacy policy and the user agreement in force. The app shows
 * the texts (miniapp/src/pages/privacy, pages/terms) and sends these versions when the
 * citizen agrees; the BFF records consent to these versions only, so a change here
 * asks everyone again. Bump a version whenever its text changes.
 */
export const POLICY_VERSIONS = {
  PRIVACY: '2026-11-21',
  TERMS: '2026-11-21',
} as const;

export type PolicyDocumentName = keyof typeof POLICY_VERSIONS;
