import { POLICY_VERSIONS } from '../shared/src/policies';

/**
 * The BFF verifies a real name only for an account with recorded consent to the policy
 * versions in force, so tests agree first. Put CONSENT before verifyRealName in one
 * mutation: a mutation's fields run in order.
 */
export const CONSENT = `acceptPolicies(privacyVersion: "${POLICY_VERSIONS.PRIVACY}", termsVersion: "${POLICY_VERSIONS.TERMS}") { accepted }`;

/** Consent, then real-name verification with variables $n (name) and $i (ID number). */
export const VERIFY_REAL_NAME = `mutation($n: String!, $i: String!) { ${CONSENT} verifyRealName(name: $n, idNumber: $i) { level } }`;
