import { Input, View } from '@tarojs/components';
import { ARTICLE_SEARCH_MAX } from '@veterans/shared';
import { useEffect, useState } from 'react';
import { AppButton } from '../../components/AppButton';
import '../../components/form.css';
import './articles.css';

interface SearchBoxProps {
  /** The search in force (shown in the box when it changes from outside, e.g. 清除). */
  value: string;
  onSearch: (text: string) => void;
}

/** 搜索文章: a box and its 搜索 button; the keyboard's search key searches too. */
export function SearchBox({ value, onSearch }: SearchBoxProps) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const h5 = process.env.TARO_ENV === 'h5';
  return (
    <View className="article-search" {...(h5 ? { role: 'search' } : {})}>
      <View className="form-field">
        <Input
          className="form-field__input"
          value={text}
          type="text"
          confirmType="search"
          placeholder="搜索标题或正文，如：优待证"
          placeholderClass="form-field__placeholder"
          maxlength={ARTICLE_SEARCH_MAX}
          ariaLabel={h5 ? undefined : '搜索文章'}
          nativeProps={h5 ? { 'aria-label': '搜索文章', type: 'search', enterKeyHint: 'search' } : {}}
          onInput={(event) => setText(event.detail.value)}
          onConfirm={(event) => onSearch(String(event.detail.value ?? text).trim())}
        />
      </View>
      <AppButton className="article-search__go" type="primary" onClick={() => onSearch(text.trim())}>
        搜索
      </AppButton>
    </View>
  );
}
