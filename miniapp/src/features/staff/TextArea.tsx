import { Textarea, View } from '@tarojs/components';
import { TextCount } from '../../components/TextCount';
import { inputCap } from '../../forms/text-limit';
import '../../components/form.css';
import './staff.css';

interface TextAreaProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The cursor or selection, for inserting text where the user is writing. */
  onSelection?: (selection: { start: number; end: number }) => void;
  error?: string;
  hint?: string;
  placeholder?: string;
  maxlength?: number;
  disabled?: boolean;
}

/** A labelled multi-line input with its hint and error underneath (the staff pages' replies, reasons, notes). */
export function TextArea({
  id,
  label,
  value,
  onChange,
  onSelection,
  error,
  hint,
  placeholder,
  maxlength = 2000,
  disabled,
}: TextAreaProps) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  const h5 = process.env.TARO_ENV === 'h5';
  const remember = (target: unknown) => {
    if (!onSelection || !target || typeof target !== 'object') return;
    const { selectionStart, selectionEnd } = target as { selectionStart?: unknown; selectionEnd?: unknown };
    if (typeof selectionStart === 'number' && typeof selectionEnd === 'number') {
      onSelection({ start: selectionStart, end: selectionEnd });
    }
  };
  const nativeProps = h5
    ? {
        id,
        'aria-label': label,
        'aria-invalid': error ? 'true' : 'false',
        'aria-describedby': describedBy,
        onSelect: (event: { target: unknown }) => remember(event.target),
        onKeyUp: (event: { target: unknown }) => remember(event.target),
        onClick: (event: { target: unknown }) => remember(event.target),
      }
    : {};
  return (
    <View className={`form-field ${error ? 'form-field--invalid' : ''}`}>
      <View className="form-field__label">{label}</View>
      <Textarea
        className="form-field__input staff-textarea"
        value={value}
        placeholder={placeholder}
        placeholderClass="form-field__placeholder"
        maxlength={inputCap(maxlength)}
        disabled={disabled}
        ariaLabel={h5 ? undefined : label}
        nativeProps={nativeProps}
        onInput={(event) => {
          onChange(event.detail.value);
          const { cursor } = event.detail as { cursor?: number };
          if (onSelection && typeof cursor === 'number') onSelection({ start: cursor, end: cursor });
        }}
        onBlur={(event) => {
          const { cursor } = event.detail as { cursor?: number };
          if (onSelection && typeof cursor === 'number') onSelection({ start: cursor, end: cursor });
        }}
      />
      <TextCount value={value} max={maxlength} error={error} />
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
