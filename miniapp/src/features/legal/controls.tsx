import { Picker, Textarea, View } from '@tarojs/components';
import { TextCount } from '../../components/TextCount';
import { TextField } from '../../components/TextField';
import { inputCap } from '../../forms/text-limit';
import '../../components/form.css';
import './legal.css';

const h5 = () => process.env.TARO_ENV === 'h5';

interface TextAreaFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  placeholder?: string;
  maxlength: number;
}

/** A labelled multi-line input with a character count, its hint and its error announced underneath. */
export function TextAreaField({ id, label, value, onChange, error, hint, placeholder, maxlength }: TextAreaFieldProps) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <View className={`form-field ${error ? 'form-field--invalid' : ''}`}>
      <View className="form-field__label">{label}</View>
      <Textarea
        className="form-field__input legal-textarea"
        value={value}
        placeholder={placeholder}
        placeholderClass="form-field__placeholder"
        maxlength={inputCap(maxlength)}
        ariaLabel={h5() ? undefined : label}
        nativeProps={
          h5()
            ? { id, 'aria-label': label, 'aria-invalid': error ? 'true' : 'false', 'aria-describedby': describedBy }
            : {}
        }
        onInput={(event) => onChange(event.detail.value)}
      />
      {hint && (
        <View id={hintId} className="form-field__hint">
          {hint}
        </View>
      )}
      <TextCount value={value} max={maxlength} error={error} />
      {error && (
        <View id={errorId} className="form-field__error" role="alert">
          {error}
        </View>
      )}
    </View>
  );
}

interface DateTimeFieldProps {
  id: string;
  label: string;
  mode: 'date' | 'time';
  /** `YYYY-MM-DD` or `HH:MM`. */
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
}

/**
 * A date or a time: the browser's own picker on H5 (staff often work at a computer), WeChat's picker on the
 * mini-program.
 */
export function DateTimeField({ id, label, mode, value, onChange, error, hint }: DateTimeFieldProps) {
  if (h5()) {
    return (
      <TextField
        id={id}
        label={label}
        value={value}
        h5Type={mode}
        placeholder={mode === 'date' ? 'YYYY-MM-DD' : 'HH:MM'}
        maxlength={10}
        error={error}
        hint={hint}
        onChange={onChange}
      />
    );
  }
  const shown = value || (mode === 'date' ? '请选择日期' : '请选择时间');
  return (
    <View className={`form-field ${error ? 'form-field--invalid' : ''}`}>
      <View className="form-field__label">{label}</View>
      <Picker mode={mode} value={value} onChange={(event) => onChange(String(event.detail.value))}>
        {/* The name says the field and exactly what is shown (WCAG 2.5.3). */}
        <View className="form-field__input" ariaLabel={`${label}：${shown}`}>
          {shown}
        </View>
      </Picker>
      {hint && <View className="form-field__hint">{hint}</View>}
      {error && (
        <View className="form-field__error" role="alert">
          {error}
        </View>
      )}
    </View>
  );
}

interface CheckGroupProps<T extends string | number> {
  id: string;
  label: string;
  options: readonly { value: T; label: string }[];
  values: readonly T[];
  onChange: (values: T[]) => void;
  error?: string;
}

/** Several choices among a few options (e.g. weekdays), as large toggle buttons that read as checkboxes. */
export function CheckGroup<T extends string | number>({
  id,
  label,
  options,
  values,
  onChange,
  error,
}: CheckGroupProps<T>) {
  const errorId = `${id}-error`;
  return (
    <View className={`form-field ${error ? 'form-field--invalid' : ''}`}>
      <View className="form-field__label" id={`${id}-label`}>
        {label}
      </View>
      <View
        className="choice-group"
        {...(h5()
          ? { role: 'group', 'aria-labelledby': `${id}-label`, 'aria-describedby': error ? errorId : undefined }
          : {})}
      >
        {options.map((option) => {
          const checked = values.includes(option.value);
          return (
            <View
              key={String(option.value)}
              className={`choice ${checked ? 'choice--checked' : ''}`}
              {...(h5() ? { role: 'checkbox', 'aria-checked': checked ? 'true' : 'false', tabIndex: 0 } : {})}
              onClick={() =>
                onChange(checked ? values.filter((value) => value !== option.value) : [...values, option.value])
              }
            >
              {option.label}
            </View>
          );
        })}
      </View>
      {error && (
        <View id={errorId} className="form-field__error" role="alert">
          {error}
        </View>
      )}
    </View>
  );
}

interface ToggleProps {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
}

/** One yes/no choice as a full-width row with a tick box (a checkbox for screen readers). */
export function Toggle({ id, label, checked, onChange, hint }: ToggleProps) {
  return (
    <View className="form-field">
      <View
        id={id}
        className={`legal-toggle ${checked ? 'legal-toggle--checked' : ''}`}
        onClick={() => onChange(!checked)}
        {...(h5()
          ? { role: 'checkbox', 'aria-checked': checked ? 'true' : 'false', 'aria-label': label, tabIndex: 0 }
          : {})}
      >
        <View className="legal-toggle__box">{checked ? '✓' : ''}</View>
        <View className="legal-toggle__label">{label}</View>
      </View>
      {hint && <View className="form-field__hint">{hint}</View>}
    </View>
  );
}
