import Taro from '@tarojs/taro';
import type { PayClientOutcome, StartedPayment } from './pay.types';

/** WeChat: wx.requestPayment with the parameters the BFF signed; "requestPayment:fail cancel" is the citizen closing the sheet. */
export async function requestPayment(started: StartedPayment): Promise<PayClientOutcome> {
  const p = started.wechat;
  if (!p) return 'failed';
  try {
    await Taro.requestPayment({
      timeStamp: p.timeStamp,
      nonceStr: p.nonceStr,
      package: p.package,
      signType: p.signType as 'HMAC-SHA256',
      paySign: p.paySign,
    });
    return 'done';
  } catch (error) {
    return /cancel/.test(String((error as { errMsg?: string })?.errMsg ?? '')) ? 'cancelled' : 'failed';
  }
}
