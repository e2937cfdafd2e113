export type FaceOutcome = 'pass' | 'fail' | 'cancel' | 'pending';

/**
 * What the BFF asks of a mini-program platform. Each platform's wire format lives in
 * its own file; the identity service sees only this.
 */
export interface PlatformAuth {
  /** @returns the platform's stable user id, or throws LoginCodeInvalidError when the code is wrong, used or expired. */
  exchangeCode(code: string): Promise<{ userId: string }>;
  /** Starts a face verification for a verified name and ID number. */
  startFace(name: string, idNumber: string): Promise<{ verifyId: string; certifyUrl: string | null }>;
  /** The result as the platform's server reports it: the client's word is never taken. */
  faceResult(verifyId: string): Promise<FaceOutcome>;
  /** Sends a subscription (template) message to a platform user; throws unless the platform accepted it. */
  sendMessage(toUserId: string, templateId: string, data: Record<string, string>): Promise<void>;
}
