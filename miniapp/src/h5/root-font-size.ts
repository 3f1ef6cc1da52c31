/**
 * H5 only. Taro turns the px of every stylesheet (NutUI's included) into rem against a root font size that its
 * inline script in index.html would set. The API server's Content-Security-Policy allows no inline scripts, so
 * the app sets it itself, with the same rule: 40px per 750px of the narrower side of the window, 20–40px.
 */
export function rootFontSize(width: number, height: number): number {
  const side = Math.min(...[width, height].filter((value) => value > 0));
  const size = (40 * side) / 750;
  if (!Number.isFinite(size) || size <= 20) return 20;
  return Math.min(size, 40);
}

export function keepRootFontSize(): void {
  const apply = () => {
    const root = document.documentElement;
    const { width, height } = root.getBoundingClientRect();
    root.style.fontSize = `${rootFontSize(width, height)}px`;
  };
  window.addEventListener('resize', () => {
    apply();
    setTimeout(apply, 500);
  });
  apply();
}
