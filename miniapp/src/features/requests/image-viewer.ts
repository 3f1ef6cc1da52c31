import Taro from '@tarojs/taro';

/**
 * H5 only, loaded when the first image is opened (see openAttachment in files.ts): Taro's H5 image viewer brings
 * the Swiper library, ~190 KB of script that the request pages would otherwise download before they show.
 */
export function previewImage(path: string): Promise<unknown> {
  return Taro.previewImage({ urls: [path], current: path });
}
