import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { ConsoleHallsDocument, SaveHallDocument, type ConsoleHallsQuery, type HallInput } from '@citizen/shared';
import { asOperator, operatorSession } from '../../lib/session';
import { ConsoleShell } from '../../lib/ConsoleShell';
import { useT } from '../../../preferences';
import { Btn, NumberIn, TextIn } from '../../services/inputs';
import { errorText, outcome, type Message } from '../../services/messages';
import '../../services/services.scss';

const WEEKDAYS: Array<readonly [string, string]> = [
  ['周一', 'Mon'],
  ['周二', 'Tue'],
  ['周三', 'Wed'],
  ['周四', 'Thu'],
  ['周五', 'Fri'],
  ['周六', 'Sat'],
  ['周日', 'Sun'],
];
const EMPTY: HallInput = {
  id: '',
  name: '',
  nameEn: '',
  address: '',
  addressEn: '',
  hours: '',
  hoursEn: '',
  schedule: [],
  services: [],
};
type Hall = ConsoleHallsQuery['consoleHalls'][number];

const toInput = (hall: Hall): HallInput => ({
  id: hall.id,
  name: hall.name,
  nameEn: hall.nameEn,
  address: hall.address,
  addressEn: hall.addressEn,
  hours: hall.hours,
  hoursEn: hall.hoursEn,
  schedule: hall.schedule.map((d) => ({ weekday: d.weekday, times: [...d.times] })),
  services: hall.services.map((s) => ({ serviceId: s.serviceId, capacity: s.capacity })),
});

/** Halls: where and when they receive, and how many places each service has per slot (bookable slots follow). Publishers save. */
export default function HallsPage() {
  const t = useT();
  const role = operatorSession()?.operator.role;
  const canSave = role === 'PUBLISHER' || role === 'ADMIN';
  const [halls, setHalls] = useState<Hall[]>([]);
  const [hall, setHall] = useState<HallInput | null>(null);
  const [existing, setExisting] = useState(false);
  const [message, setMessage] = useState<Message>(null);

  const list = () =>
    void asOperator(ConsoleHallsDocument, {}).then((r) =>
      r.data ? setHalls(r.data.consoleHalls) : setMessage({ kind: 'error', text: errorText(r.errors[0]) }),
    );
  useEffect(list, []);
  const set = (change: Partial<HallInput>) => setHall((h) => h && { ...h, ...change });
  const times = (weekday: number) => hall?.schedule.find((d) => d.weekday === weekday)?.times.join(',') ?? '';
  const setTimes = (weekday: number, text: string) => {
    if (!hall) return;
    const list = text
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    const others = hall.schedule.filter((d) => d.weekday !== weekday);
    set({
      schedule: (list.length ? [...others, { weekday, times: list }] : others).sort((a, b) => a.weekday - b.weekday),
    });
  };

  async function save() {
    if (!hall) return;
    const result = await asOperator(SaveHallDocument, { hall });
    setMessage(outcome(result, t('大厅已保存，可预约时段随之更新', 'Hall saved; its bookable slots follow')));
    if (result.data) {
      setExisting(true);
      list();
    }
  }

  return (
    <ConsoleShell title={['办事大厅', 'Service halls']}>
      {message ? (
        <View className={`message message--${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          <Text>{message.text}</Text>
        </View>
      ) : null}
      <View className='panel'>
        {halls.map((h) => (
          <View
            key={h.id}
            className='row console-hall'
            role='link'
            onClick={() => {
              setHall(toInput(h));
              setExisting(true);
            }}
          >
            <Text style={{ minWidth: '220PX', fontWeight: 600 }}>{t(h.name, h.nameEn)}</Text>
            <Text style={{ color: '#4a5361' }}>{h.services.map((s) => `${s.serviceId}×${s.capacity}`).join('  ')}</Text>
          </View>
        ))}
        {canSave ? (
          <Btn
            label={t('新建大厅', 'New hall')}
            onClick={() => {
              setHall({ ...EMPTY });
              setExisting(false);
            }}
          />
        ) : null}
      </View>
      {hall ? (
        <View className='panel hall-editor'>
          <TextIn
            label={t('编号（小写字母、数字、连字符）', 'Id (lower-case letters, digits, hyphens)')}
            name='hall-id'
            value={hall.id}
            disabled={existing}
            onChange={(id) => set({ id })}
          />
          {(['name', 'address', 'hours'] as const).map((key) => (
            <View key={key} className='svc-pair'>
              <TextIn
                label={t(
                  { name: '名称', address: '地址', hours: '办公时间' }[key] + '（中文）',
                  { name: 'Name', address: 'Address', hours: 'Hours' }[key] + ' (Chinese)',
                )}
                name={`hall-${key}`}
                value={hall[key]}
                onChange={(v) => set({ [key]: v })}
              />
              <TextIn
                label={t(
                  { name: '名称', address: '地址', hours: '办公时间' }[key] + '（英文）',
                  { name: 'Name', address: 'Address', hours: 'Hours' }[key] + ' (English)',
                )}
                name={`hall-${key}-en`}
                value={hall[`${key}En`]}
                onChange={(v) => set({ [`${key}En`]: v })}
              />
            </View>
          ))}
          <Text className='label'>
            {t(
              '预约时段（每天的开始时间，整点或半点，逗号分隔）',
              'Slots (start times each day, on the hour or half hour, comma-separated)',
            )}
          </Text>
          <View className='svc-pair'>
            {WEEKDAYS.map((both, i) => (
              <TextIn
                key={i}
                label={t(...both)}
                name={`hall-day-${i + 1}`}
                value={times(i + 1)}
                onChange={(v) => setTimes(i + 1, v)}
              />
            ))}
          </View>
          <Text className='label'>{t('可预约的服务与每个时段的名额', 'Services booked here and places per slot')}</Text>
          {hall.services.map((s, i) => (
            <View key={i} className='svc-pair'>
              <TextIn
                label={t(`服务${i + 1} 编号`, `Service ${i + 1} id`)}
                name='hall-service'
                value={s.serviceId}
                onChange={(serviceId) =>
                  set({ services: hall.services.map((x, j) => (j === i ? { ...x, serviceId } : x)) })
                }
              />
              <NumberIn
                label={t(`服务${i + 1} 名额`, `Service ${i + 1} places`)}
                name='hall-capacity'
                value={s.capacity}
                onChange={(capacity) =>
                  set({ services: hall.services.map((x, j) => (j === i ? { ...x, capacity: capacity ?? 0 } : x)) })
                }
              />
              <Btn
                kind='danger'
                label={t(`移除服务${i + 1}`, `Remove service ${i + 1}`)}
                onClick={() => set({ services: hall.services.filter((_, j) => j !== i) })}
              />
            </View>
          ))}
          <Btn
            kind='ghost'
            label={t('添加服务', 'Add a service')}
            onClick={() => set({ services: [...hall.services, { serviceId: '', capacity: 4 }] })}
          />
          {canSave ? (
            <View style={{ marginTop: '12PX' }}>
              <Btn label={t('保存大厅', 'Save hall')} onClick={() => void save()} />
            </View>
          ) : null}
        </View>
      ) : null}
    </ConsoleShell>
  );
}
