import { Button, type ButtonProps } from '@nutui/nutui-react-taro';
import './app-button.css';

export type AppButtonProps = Partial<ButtonProps> & {
  /** Accessible name when the visible text is not enough (e.g. a countdown). */
  label?: string;
};

/**
 * NutUI's button with an accessible name and role for the H5 build (its element is a custom element that
 * screen readers would not otherwise announce as a button), and a touch target of at least 44 px.
 */
export function AppButton({ label, className, children, ...rest }: AppButtonProps) {
  const a11y =
    process.env.TARO_ENV === 'h5'
      ? { role: 'button', 'aria-label': label, 'aria-disabled': rest.disabled || rest.loading || undefined }
      : {};
  return (
    <Button className={`app-button ${className ?? ''}`} {...a11y} {...rest}>
      {children}
    </Button>
  );
}
