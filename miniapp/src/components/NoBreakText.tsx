import { Text } from '@tarojs/components';
import { noBreakParts } from './no-break';
import './no-break.css';

/** Text whose dates and time ranges never break inside (see no-break.ts). */
export function NoBreakText({ text }: { text: string }) {
  return (
    <>
      {noBreakParts(text).map((part, index) =>
        part.noBreak ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, in order
          <Text key={index} className="no-break">
            {part.text}
          </Text>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
