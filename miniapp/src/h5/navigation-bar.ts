/**
 * H5 only. Taro draws the navigation bar (#taro-navigation-bar, outside every page) with its home and back
 * buttons as bare 24 × 24 px divs: no role, no name, not reachable by keyboard. Taro keeps the same two elements
 * for the whole visit, so they are given a role, a name and a tab stop once; app.css sizes them to the touch
 * target of the page shown (PageRoot passes it on: its variables never reach the bar, which is outside it).
 */
const buttons = [
  { className: 'taro-navigation-bar-home', name: '返回首页' },
  { className: 'taro-navigation-bar-back', name: '返回' },
] as const;

function makeButton(element: HTMLElement, name: string): void {
  element.setAttribute('role', 'button');
  element.setAttribute('aria-label', name);
  element.tabIndex = 0;
  element.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    element.click();
  });
}

function enhance(bar: HTMLElement): void {
  for (const { className, name } of buttons) {
    const element = bar.querySelector<HTMLElement>(`.${className}`);
    if (element) makeButton(element, name);
  }
}

export function keepNavigationBarAccessible(): void {
  const existing = document.getElementById('taro-navigation-bar');
  if (existing) {
    enhance(existing);
    return;
  }
  // Taro's router adds the bar after the app module has run.
  const observer = new MutationObserver(() => {
    const bar = document.getElementById('taro-navigation-bar');
    if (!bar) return;
    observer.disconnect();
    enhance(bar);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
}

/** The shown page's touch target (44 px; 60 px in care mode) for the bar's buttons. */
export function sizeNavigationBarButtons(touchTarget: string | undefined): void {
  if (touchTarget) document.getElementById('taro-navigation-bar')?.style.setProperty('--app-touch-target', touchTarget);
}
