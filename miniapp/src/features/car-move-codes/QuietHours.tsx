import { useEffect, useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import {
  ClearCarMoveQuietHoursDocument,
  MyCarMoveQuietHoursDocument,
  SetCarMoveQuietHoursDocument,
  type CarMoveQuietHoursFieldsFragment,
} from '@citizen/shared';
import { authed } from '../identity/session';
import { useT } from '../../preferences';
import { ActionButton } from '../../components/ActionButton';
import { Card } from '../../components/Card';
import { Notice } from '../../components/Notice';

/** On the hour or half hour, as the BFF accepts them. */
const TIMES = Array.from(
  { length: 48 },
  (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
);

/**
 * The owner's quiet hours for car moving (China time): requests still arrive in the app
 * at once; the SMS waits for the end unless the requester marked it urgent (a blocked
 * exit always is). Set and cleared through car moving's own mutations.
 */
export function QuietHours() {
  const t = useT();
  const [current, setCurrent] = useState<CarMoveQuietHoursFieldsFragment | null>(null);
  const [starts, setStarts] = useState('22:00');
  const [ends, setEnds] = useState('07:00');
  const [loaded, setLoaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    void authed(MyCarMoveQuietHoursDocument, {}).then((r) => {
      setLoaded(true);
      if (r.data?.myCarMoveQuietHours) {
        setCurrent(r.data.myCarMoveQuietHours);
        setStarts(r.data.myCarMoveQuietHours.startsAt);
        setEnds(r.data.myCarMoveQuietHours.endsAt);
      } else if (r.errors[0]) setNotice({ kind: 'error', text: r.errors[0].message });
    });
  }, []);

  async function save() {
    setBusy(true);
    const r = await authed(SetCarMoveQuietHoursDocument, { startsAt: starts, endsAt: ends });
    setBusy(false);
    if (r.data) {
      setCurrent(r.data.setCarMoveQuietHours);
      setNotice({ kind: 'ok', text: t(`已设置：${starts}–${ends} 短信暂缓发送`, `Set: SMS waits ${starts}–${ends}`) });
    } else setNotice({ kind: 'error', text: r.errors[0].message });
  }

  async function clear() {
    setBusy(true);
    const r = await authed(ClearCarMoveQuietHoursDocument, {});
    setBusy(false);
    if (r.data) {
      setCurrent(null);
      setNotice({ kind: 'ok', text: t('已关闭免打扰时段', 'Quiet hours are off') });
    } else setNotice({ kind: 'error', text: r.errors[0].message });
  }

  return (
    <Card title={t('免打扰时段', 'Quiet hours')} icon='clock' className='vehicles__card quiet-hours'>
      <Text className='vehicles__muted'>
        {t(
          '时段内挪车请求仍会在应用内送达，短信会在时段结束后发送；挡住出口等紧急情况不受限制。',
          'Requests still reach you in the app; the SMS waits until the end, except urgent ones such as a blocked exit.',
        )}
      </Text>
      {!loaded ? <Text className='vehicles__muted'>{t('正在加载…', 'Loading…')}</Text> : null}
      {current ? (
        <Text className='vehicles__line'>
          {t(
            `当前：${current.startsAt}–${current.endsAt}（北京时间）`,
            `Now: ${current.startsAt}–${current.endsAt} (China time)`,
          )}
        </Text>
      ) : null}
      <View className='vehicles__actions'>
        <Picker
          mode='selector'
          range={TIMES}
          value={TIMES.indexOf(starts)}
          onChange={(e) => setStarts(TIMES[Number(e.detail.value)])}
        >
          <View
            className='secondary-button quiet-hours__starts'
            role='button'
            aria-label={t(`开始时间 ${starts}`, `Starts ${starts}`)}
          >
            <Text>{t(`开始时间 ${starts}`, `Starts ${starts}`)}</Text>
          </View>
        </Picker>
        <Picker
          mode='selector'
          range={TIMES}
          value={TIMES.indexOf(ends)}
          onChange={(e) => setEnds(TIMES[Number(e.detail.value)])}
        >
          <View
            className='secondary-button quiet-hours__ends'
            role='button'
            aria-label={t(`结束时间 ${ends}`, `Ends ${ends}`)}
          >
            <Text>{t(`结束时间 ${ends}`, `Ends ${ends}`)}</Text>
          </View>
        </Picker>
      </View>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      <View className='vehicles__actions'>
        <ActionButton
          className='primary-button quiet-hours__save'
          label={t('保存免打扰时段', 'Save quiet hours')}
          loading={busy}
          onClick={() => void save()}
        />
        {current ? (
          <ActionButton
            className='secondary-button quiet-hours__clear'
            label={t('关闭', 'Turn off')}
            onClick={() => void clear()}
          />
        ) : null}
      </View>
    </Card>
  );
}
