import Taro from '@tarojs/taro';
import { bookingEvent, buildIcs, icsFileName } from './ics';

type BookingForCalendar = Parameters<typeof bookingEvent>[0] & { slot: { date: string } };

function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none', duration: 2500 });
}

/** H5: downloads the .ics file; the phone or computer offers to open it in its calendar. */
function downloadIcs(booking: BookingForCalendar): void {
  const blob = new Blob([buildIcs(bookingEvent(booking))], { type: 'text/calendar;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = icsFileName(booking);
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  toast('已生成日历文件，请在下载中打开');
}

/** Mini-program: WeChat's addPhoneCalendar (base library 2.15+); older clients are told to note it down. */
async function addToPhoneCalendar(booking: BookingForCalendar): Promise<void> {
  const api = (Taro as { addPhoneCalendar?: typeof Taro.addPhoneCalendar }).addPhoneCalendar;
  const supported =
    typeof api === 'function' && (typeof Taro.canIUse !== 'function' || Taro.canIUse('addPhoneCalendar'));
  if (!supported) {
    toast('当前微信版本不支持添加到日历，请记下预约时间');
    return;
  }
  const event = bookingEvent(booking);
  try {
    await api({
      title: event.title,
      startTime: Math.floor(Date.parse(event.startsAt) / 1000),
      // WeChat takes seconds here too; Taro's typing says string.
      endTime: String(Math.floor(Date.parse(event.endsAt) / 1000)),
      location: event.location,
      description: event.description,
      alarm: true,
      alarmOffset: (event.alarmMinutesBefore ?? 0) * 60,
    });
    toast('已添加到手机日历');
  } catch {
    // Declined by the user, or no permission: nothing to add.
    toast('未添加到日历');
  }
}

/** 添加到日历: an .ics download on H5, the phone's calendar on the mini-program. */
export function addToCalendar(booking: BookingForCalendar): void {
  if (process.env.TARO_ENV === 'h5') downloadIcs(booking);
  else void addToPhoneCalendar(booking);
}
