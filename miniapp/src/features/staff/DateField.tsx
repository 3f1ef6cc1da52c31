import { Picker, View } from '@tarojs/components';
import { TextField } from '../../components/TextField';
import '../../components/form.css';

interface DateFieldProps {
  id: string;
  label: string;
  mode: 'date' | 'time';
  /** `YYYY-MM-DD` or `HH:mm`. */
  value: string;
  onChange: (value: string) => void;
  error?: string;
}

/**
 * A date or a time: the browser's own picker on H5 (staff often work at a computer), WeChat's picker on the
 * mini-program.
 */
export function DateField({ id, label, mode, value, onChange, error }: DateFieldProps) {
  if (process.env.TARO_ENV === 'h5') {
    return (
      <TextField
        id={id}
        label={label}
        value={value}
        h5Type={mode}
        placeholder={mode === 'date' ? 'YYYY-MM-DD' : 'HH:mm'}
        maxlength={10}
        error={error}
        onChange={onChange}
      />
    );
  }
  return (
    <View className={`form-field ${error ? 'form-field--invalid' : ''}`}>
      <View className="form-field__label">{label}</View>
      <Picker mode={mode} value={value} onChange={(event) => onChange(String(event.detail.value))}>
        <View className="form-field__input" ariaLabel={`${label}：${value || '请选择'}`}>
          {value || (mode === 'date' ? '请选择日期' : '请选择时间')}
        </View>
      </Picker>
      {error && (
        <View className="form-field__error" role="alert">
          {error}
        </View>
      )}
    </View>
  );
}
