/**
 * H5 only. Taro's router shows each page in its own container (`.taro_page`), and that container is what
 * scrolls. A long page of plain text (an article, the privacy policy, a receipt) has nothing focusable inside,
 * so a keyboard user could not scroll it (axe scrollable-region-focusable). Every page container therefore
 * becomes a focusable region, named by the navigation bar's title (the page's own title, kept current by
 * Taro), as soon as the router adds it.
 */
const PAGE_SELECTOR = '.taro_page';
const TITLE_SELECTOR = '.taro-navigation-bar-title';
const TITLE_ID = 'app-page-title';

function titleId(): string | null {
  const title = document.querySelector<HTMLElement>(TITLE_SELECTOR);
  if (!title) return null;
  if (!title.id) title.id = TITLE_ID;
  return title.id;
}

export function makePageRegion(page: HTMLElement): void {
  if (page.hasAttribute('tabindex')) return;
  page.tabIndex = 0;
  page.setAttribute('role', 'region');
  const labelledBy = titleId();
  if (labelledBy) page.setAttribute('aria-labelledby', labelledBy);
  else page.setAttribute('aria-label', document.title || '页面内容');
}

export function keepPagesScrollableByKeyboard(): void {
  const apply = () => {
    for (const page of Array.from(document.querySelectorAll<HTMLElement>(PAGE_SELECTOR))) makePageRegion(page);
  };
  // The router adds page containers (and the navigation bar) after the app module has run, and more with
  // every navigation.
  new MutationObserver(apply).observe(document.documentElement, { childList: true, subtree: true });
  apply();
}
