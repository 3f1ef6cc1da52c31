import { type Me, PRIVACY_POLICY_VERSION, type Session } from '@veterans/shared';
import { session } from '../../api/session';
import { clearAllDrafts } from '../../hooks/drafts';
import { fetchMe, recordConsent } from '../account/api';
import { revokeRefreshToken } from './api';

/**
 * A citizen has just signed in, having agreed to the privacy policy on the sign-in page first: record that
 * consent (once per policy version), then keep the session. Until then nothing else sees the session, so no page
 * can act for a user whose consent is not on record; when this fails, it can simply be tried again.
 */
export async function completeCitizenSignIn(signedIn: Session): Promise<Me> {
  const pending = { accessToken: signedIn.accessToken, refreshToken: signedIn.refreshToken, user: signedIn.user };
  let me = await fetchMe(pending);
  if (me.consents.privacyPolicyVersion !== PRIVACY_POLICY_VERSION) {
    const consents = await recordConsent('privacy-policy', PRIVACY_POLICY_VERSION, true, pending);
    me = { ...me, consents };
  }
  // Whoever was signed in on this device before is signed out (their drafts go too); the same user's older
  // session simply ends.
  const previous = session.get();
  if (previous && (previous.user.type !== pending.user.type || previous.user.id !== pending.user.id)) await signOut();
  else if (previous) await revokeRefreshToken(previous.refreshToken).catch(() => undefined);
  session.set(pending);
  return me;
}

/** Signs out here and on the server; drafts go too (the next person on this device must not see them). */
export async function signOut(): Promise<void> {
  const ended = session.get();
  session.clear();
  clearAllDrafts();
  if (ended) await revokeRefreshToken(ended.refreshToken).catch(() => undefined);
}
