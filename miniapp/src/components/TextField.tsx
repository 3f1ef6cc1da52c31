import { Input, View } from '@tarojs/components';
import './form.css';

/**
 * A field is checked a moment after it loses focus: tapping a button blurs the field first, and an error
 * appearing at once would push that button away before the tap lands.
 */
const BLUR_CHECK_DELAY_MS = 250;

interface TextFieldProps {
  /** Unique on the page: ties the label, the input and its error together for screen readers. */
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  error?: string;
  hint?: string;
  placeholder?: string;
  /** Keyboard on the mini-program. */
  type?: 'text' | 'number' | 'idcard' | 'digit';
  /** input type on H5 (e.g. `tel`). */
  h5Type?: string;
  password?: boolean;
  maxlength?: number;
  autoComplete?: string;
  disabled?: boolean;
  /** Enter in the field (the keyboard's 完成 in the mini-program): the form's search or submit. */
  onEnter?: () => void;
}

/** A labelled text input with its hint and its error underneath, the error announced when it appears. */
export function TextField({
  id,
  label,
  value,
  onChange,
  onBlur,
  error,
  hint,
  placeholder,
  type = 'text',
  h5Type,
  password,
  maxlength = 140,
  autoComplete,
  disabled,
  onEnter,
}: TextFieldProps) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  const nativeProps =
    process.env.TARO_ENV === 'h5'
      ? {
          id,
          'aria-label': label,
          'aria-invalid': error ? 'true' : 'false',
          'aria-describedby': describedBy,
          autoComplete,
          ...(h5Type ? { type: h5Type } : {}),
        }
      : {};
  return (
    <View className={`form-field ${error ? 'form-field--invalid' : ''}`}>
      <View className="form-field__label">{label}</View>
      <Input
        className="form-field__input"
        value={value}
        type={type}
        password={password}
        placeholder={placeholder}
        placeholderClass="form-field__placeholder"
        maxlength={maxlength}
        disabled={disabled}
        ariaLabel={process.env.TARO_ENV === 'h5' ? undefined : label}
        nativeProps={nativeProps}
        onInput={(event) => onChange(event.detail.value)}
        onConfirm={onEnter && (() => onEnter())}
        onBlur={() => {
          if (onBlur) setTimeout(onBlur, BLUR_CHECK_DELAY_MS);
        }}
      />
      {hint && (
        <View id={hintId} className="form-field__hint">
          {hint}
        </View>
      )}
      {error && (
        <View id={errorId} className="form-field__error" role="alert">
          {error}
        </View>
      )}
    </View>
  );
}
