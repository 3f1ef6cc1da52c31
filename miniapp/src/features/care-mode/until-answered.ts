/** How long a request may go unanswered before it is sent again, and how often at most. */
export const RESEND_AFTER_MS = 200;
export const MAX_SENDS = 50;

/**
 * Sends a request again until one answer comes back (success or failure), or until cancelled.
 *
 * Taro's H5 tab bar hears show/hide only once it has loaded; a request sent before that is dropped and its promise
 * never settles. After a full page load the page can ask before the tab bar has loaded, so the native bar would stay
 * on screen under the care-mode one.
 */
export function sendUntilAnswered(send: () => Promise<unknown> | undefined): () => void {
  let answered = false;
  let cancelled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const attempt = (sends: number) => {
    Promise.resolve(send()).then(
      () => {
        answered = true;
      },
      () => {
        answered = true;
      },
    );
    if (sends >= MAX_SENDS) return;
    timer = setTimeout(() => {
      if (!answered && !cancelled) attempt(sends + 1);
    }, RESEND_AFTER_MS);
  };
  attempt(1);
  return () => {
    cancelled = true;
    clearTimeout(timer);
  };
}
