import type { RequestDetail } from '@veterans/shared';
import { session } from '../../api/session';
import { routes } from '../../navigation/routes';
import { fetchRequest } from './api';

/**
 * H5: when the app opens straight on a request's 办件详情 (a link in a notification, a reload), its data is asked
 * for as the app starts, while the page's own script is still on its way, instead of after that script has run:
 * on a phone's connection the two waits then overlap. The page takes the answer once; every later load of it
 * (back from 补正, 重试) asks the API again.
 */

/** The request id the address opens, when it is the detail page's; the pure part of the rule. */
export function requestIdOpenedBy(pathname: string, search: string): number | undefined {
  if (pathname !== routes.requestDetail) return undefined;
  const id = Number(new URLSearchParams(search).get('id'));
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

let early: { id: number; answer: Promise<RequestDetail> } | undefined;

/** Whether an access token (a JWT) is still good for `marginSeconds`; false when it cannot tell. */
export function tokenGoodFor(token: string, nowMs: number, marginSeconds: number): boolean {
  try {
    const payload: unknown = JSON.parse(atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/')));
    const exp = (payload as { exp?: unknown }).exp;
    return typeof exp === 'number' && exp * 1000 > nowMs + marginSeconds * 1000;
  } catch {
    return false;
  }
}

/**
 * Called once as the app starts on H5. Only with a citizen's session (the page shows a sign-in card otherwise)
 * whose access token is still good: renewing it, or sending the user to sign in, is left to the page itself,
 * which does that once it is on screen.
 */
export function fetchRequestOpenedBy(pathname: string, search: string): void {
  const id = requestIdOpenedBy(pathname, search);
  const current = session.get();
  if (id === undefined || current?.user.type !== 'citizen') return;
  if (!tokenGoodFor(current.accessToken, Date.now(), 60)) return;
  const answer = fetchRequest(id);
  // A failure is the page's to show when it takes the answer; one it never takes must not reach the console.
  answer.catch(() => {});
  early = { id, answer };
}

/** The detail page's load: the early answer the first time for its request, the API after that. */
export function loadRequest(id: number): Promise<RequestDetail> {
  const taken = early?.id === id ? early.answer : undefined;
  early = undefined;
  return taken ?? fetchRequest(id);
}
