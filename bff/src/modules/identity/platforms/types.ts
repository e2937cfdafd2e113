import { AppError } from '../../../errors';
import type { Deadline } from '../../../upstream/deadline';

export type FaceOutcome = 'pass' | 'fail' | 'cancel' | 'pending';

/** A face photo taken by the platform's camera in this step (base64 JPEG; passed on, never stored) and whom it must be. */
export interface FaceEvidence {
  image: string;
  name: string;
  idNumber: string;
}

/**
 * The platform refused a subscription message because the user holds no consent for it
 * (Baidu errno 4007: never subscribed, already used, or withdrawn). Not worth a retry:
 * the message goes by SMS instead.
 */
/** The platform gave no phone number for that proof (a used or expired code, an answer that does not decrypt). */
export class PhoneFromPlatformError extends AppError {
  constructor(reason: string) {
    super('PHONE_FROM_PLATFORM_FAILED', `no phone number from the platform: ${reason}`, { field: 'proof' });
  }
}

export class MessageNotSubscribedError extends AppError {
  constructor(platform: string) {
    super('PLATFORM_MESSAGE_NOT_SUBSCRIBED', `${platform} holds no subscription for this message`, { platform });
  }
}

/**
 * What the BFF asks of a mini-program platform. Each platform's wire format lives in
 * its own file; the identity service sees only this. A call made for a citizen's request
 * takes that request's deadline; messages are sent by the outbox, outside any request.
 */
export interface PlatformAuth {
  /** @returns the platform's stable user id, or throws LoginCodeInvalidError when the code is wrong, used or expired. */
  exchangeCode(code: string, deadline: Deadline): Promise<{ userId: string }>;
  /** Starts a face verification for a verified name and ID number. */
  startFace(
    name: string,
    idNumber: string,
    deadline: Deadline,
  ): Promise<{ verifyId: string; certifyUrl: string | null }>;
  /**
   * The result as the platform's server reports it: the client's word is never taken.
   * `evidence` carries what a platform checks in one server call instead of a session it
   * keeps (Baidu: the camera photo, with the name and ID number the BFF holds).
   */
  faceResult(verifyId: string, evidence: FaceEvidence | undefined, deadline: Deadline): Promise<FaceOutcome>;
  /**
   * Sends a subscription (template) message to a platform user; throws unless the platform accepted it.
   * `subscribeId` names the consent being spent where the platform sends by it (Baidu's subscribe-id).
   * @throws MessageNotSubscribedError when the platform says the user never gave (or withdrew) that consent.
   */
  sendMessage(toUserId: string, templateId: string, data: Record<string, string>, subscribeId?: string): Promise<void>;
  /**
   * The phone number the platform holds for the user, from the proof its client gave (WeChat:
   * the getPhoneNumber button's one-time code; Alipay: my.getPhoneNumber's encrypted answer).
   * Absent where the platform offers none. @throws PhoneFromPlatformError when the proof is not good.
   */
  phoneNumber?(proof: string, deadline: Deadline): Promise<string>;
}
