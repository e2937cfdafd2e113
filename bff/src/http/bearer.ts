/**
 * The token in an `Authorization: Bearer <token>` header, or null. Every token the BFF
 * issues (citizen and operator JWTs) is base64url and dots, so nothing else is taken.
 */
export function bearerToken(header: string | null | undefined): string | null {
  return /^Bearer ([A-Za-z0-9._-]+)$/.exec(header ?? '')?.[1] ?? null;
}
