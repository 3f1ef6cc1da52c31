import { View } from '@tarojs/components';
import { AppButton } from '../../components/AppButton';
import { pageCount } from './queue-filter';
import './staff.css';

interface PagerProps {
  page: number;
  total: number;
  pageSize: number;
  onPage: (page: number) => void;
}

/** 上一页 / 第 x / y 页 / 下一页 under a paged list; nothing when everything fits on one page. */
export function Pager({ page, total, pageSize, onPage }: PagerProps) {
  const pages = pageCount(total, pageSize);
  if (pages <= 1) return null;
  return (
    <View className="staff-pager">
      <AppButton size="small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        上一页
      </AppButton>
      <View className="staff-pager__text">{`第 ${page} / ${pages} 页，共 ${total} 条`}</View>
      <AppButton size="small" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        下一页
      </AppButton>
    </View>
  );
}
