import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { AppButton } from '../../../components/AppButton';
import { PageRoot } from '../../../components/PageRoot';
import { RequireCitizen } from '../../../components/RequireCitizen';
import { exportMyData, type MyDataExport } from '../../../features/account/api';
import { exportFileName, exportJson } from '../../../features/account/export-file';
import './index.css';

/** 导出我的数据: everything the app keeps about the user, shown here and saved as a JSON file. */
export default function ExportPage() {
  return (
    <PageRoot className="export-page">
      <RequireCitizen>{() => <Export />}</RequireCitizen>
    </PageRoot>
  );
}

function Export() {
  const [data, setData] = useState<MyDataExport | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    setBusy(true);
    try {
      setData(await exportMyData());
    } catch {
      // toast shown
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <View className="card">
        <View className="card__title">导出我的数据</View>
        <View className="body-text">
          导出本程序保存的您的全部个人信息，包括完整的身份证号码。请在安全的环境下查看，并妥善保管导出的文件。
        </View>
        <AppButton className="export-button" type="primary" size="large" block loading={busy} onClick={load}>
          {data ? '重新导出' : '导出'}
        </AppButton>
      </View>
      {data && (
        <>
          <View className="card">
            <View className="body-text">{data.notice}</View>
            <View className="body-text">{`导出时间：${new Date(data.exportedAt).toLocaleString('zh-CN')}`}</View>
            <SaveButton data={data} />
          </View>
          {data.sections.map((section) => (
            <View key={section.key} className="card export-section">
              <View className="card__title">{section.title}</View>
              <Text className="export-json" userSelect>
                {JSON.stringify(section.data, null, 2)}
              </Text>
            </View>
          ))}
        </>
      )}
    </>
  );
}

/** H5: downloads the JSON file. Mini-program: saves it and offers to send it to a chat, or copies it. */
function SaveButton({ data }: { data: MyDataExport }) {
  const json = exportJson(data);
  const name = exportFileName(data);
  if (process.env.TARO_ENV === 'h5') {
    return (
      <AppButton
        className="download-button"
        size="large"
        block
        onClick={() => {
          const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
          const link = document.createElement('a');
          link.href = url;
          link.download = name;
          document.body.appendChild(link);
          link.click();
          link.remove();
          setTimeout(() => URL.revokeObjectURL(url), 1000);
        }}
      >
        下载 JSON 文件
      </AppButton>
    );
  }
  return (
    <>
      <AppButton
        className="download-button"
        size="large"
        block
        onClick={() => {
          try {
            const filePath = `${Taro.env.USER_DATA_PATH}/${name}`;
            Taro.getFileSystemManager().writeFileSync(filePath, json, 'utf8');
            void Taro.shareFileMessage({ filePath, fileName: name });
          } catch {
            void Taro.showToast({ title: '保存失败，请改用“复制全部数据”', icon: 'none', duration: 2500 });
          }
        }}
      >
        保存为文件并发送
      </AppButton>
      <AppButton className="copy-button" size="large" block onClick={() => void Taro.setClipboardData({ data: json })}>
        复制全部数据
      </AppButton>
    </>
  );
}
