import { View } from '@tarojs/components';
import './form.css';

interface ChoiceGroupProps<T extends string> {
  id: string;
  label: string;
  options: readonly { value: T; label: string }[];
  value: T | undefined;
  onChange: (value: T) => void;
  error?: string;
}

/** A single choice among a few options, as large buttons (easier to hit than radio dots) that read as radios. */
export function ChoiceGroup<T extends string>({ id, label, options, value, onChange, error }: ChoiceGroupProps<T>) {
  const errorId = `${id}-error`;
  const h5 = process.env.TARO_ENV === 'h5';
  return (
    <View className={`form-field ${error ? 'form-field--invalid' : ''}`}>
      <View className="form-field__label" id={`${id}-label`}>
        {label}
      </View>
      <View
        className="choice-group"
        {...(h5
          ? { role: 'radiogroup', 'aria-labelledby': `${id}-label`, 'aria-describedby': error ? errorId : undefined }
          : {})}
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
      {error && (
        <View id={errorId} className="form-field__error" role="alert">
          {error}
        </View>
      )}
    </View>
  );
}
