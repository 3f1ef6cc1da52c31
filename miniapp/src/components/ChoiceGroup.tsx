import { View } from '@tarojs/components';
import './form.css';

interface ChoiceGroupProps<T extends string> {
  id: string;
  label: string;
  options: readonly { value: T; label: string }[];
  value: T | undefined;
  onChange: (value: T) => void;
  error?: string;
  hint?: string;
  /**
   * `list`: one full-width row per option, for longer labels and lists (care mode's replacement for a picker
   * wheel: nothing to swipe, no small 确定 in a corner). Default: buttons side by side.
   */
  layout?: 'buttons' | 'list';
  /** Shown instead of the options while there are none (e.g. still loading). */
  emptyText?: string;
}

/** A single choice among options, as large buttons or rows (easier to hit than radio dots) that read as radios. */
export function ChoiceGroup<T extends string>({
  id,
  label,
  options,
  value,
  onChange,
  error,
  hint,
  layout = 'buttons',
  emptyText,
}: ChoiceGroupProps<T>) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  const h5 = process.env.TARO_ENV === 'h5';
  return (
    <View className={`form-field ${error ? 'form-field--invalid' : ''}`}>
      <View className="form-field__label" id={`${id}-label`}>
        {label}
      </View>
      {options.length === 0 && emptyText && <View className="form-field__hint">{emptyText}</View>}
      <View
        className={`choice-group choice-group--${layout}`}
        {...(h5 ? { role: 'radiogroup', 'aria-labelledby': `${id}-label`, 'aria-describedby': describedBy } : {})}
      >
        {options.map((option) => {
          const checked = option.value === value;
          return (
            <View
              key={option.value}
              className={`choice ${checked ? 'choice--checked' : ''}`}
              {...(h5 ? { role: 'radio', 'aria-checked': checked ? 'true' : 'false', tabIndex: 0 } : {})}
              onClick={() => onChange(option.value)}
            >
              {option.label}
            </View>
          );
        })}
      </View>
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
