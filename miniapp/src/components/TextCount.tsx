import { View } from '@tarojs/components';
import { countText, textLimitError } from '../forms/text-limit';
import './form.css';

interface TextCountProps {
  /** The element id, for aria-describedby of the box. */
  id?: string;
  value: string;
  max: number;
  /** The field's own error when one is shown (the over-limit line is then not repeated). */
  error?: string;
  className?: string;
}

/**
 * The count under every long text box, and — as soon as the text is longer than allowed — the line that says by
 * how much (forms/text-limit.ts). Put the box's `maxlength` at `inputCap(max)` so that nothing is cut.
 */
export function TextCount({ id, value, max, error, className }: TextCountProps) {
  const over = textLimitError(value, max);
  return (
    <View id={id} className={`text-count ${over ? 'text-count--over' : ''} ${className ?? ''}`}>
      <View className="text-count__figures">{countText(value, max)}</View>
      {over && over !== error && (
        <View className="form-field__error text-count__over" role="alert">
          {over}
        </View>
      )}
    </View>
  );
}
