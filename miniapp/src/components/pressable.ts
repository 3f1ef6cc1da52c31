/**
 * Props that make a View a control: on H5 a role, a tab stop, and Enter or Space press it; in the mini-program
 * the role for WeChat's screen reader. Without `label` the control is named by its visible text, which is what
 * people see and say (voice control) — a label, when given, must contain that text (WCAG 2.5.3, axe
 * label-content-name-mismatch).
 */
export function pressable(
  onPress: () => void,
  { role = 'button', label }: { role?: 'button' | 'link'; label?: string } = {},
): Record<string, unknown> {
  if (process.env.TARO_ENV !== 'h5') return { ariaRole: role, ...(label ? { ariaLabel: label } : {}) };
  return {
    role,
    tabIndex: 0,
    ...(label ? { 'aria-label': label } : {}),
    onKeyDown: (event: { key: string; preventDefault: () => void }) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        onPress();
      }
    },
  };
}
