/**
 * Service halls a new city starts with, the services each books, and when. Times are
 * China time. Operators change halls later; this only fills an empty database.
 */
export interface HallSeed {
  id: string;
  name: string;
  nameEn: string;
  address: string;
  addressEn: string;
  /** Opening hours in words, for the screen. */
  hours: string;
  hoursEn: string;
  /** Slot start times (HH:MM) by ISO weekday (1 Monday … 7 Sunday); a day without is closed. */
  schedule: Record<number, string[]>;
  services: Array<{ serviceId: string; capacity: number }>;
}

const halfHours = (from: string, to: string): string[] => {
  const out: string[] = [];
  const [fh, fm] = from.split(':').map(Number) as [number, number];
  const [th, tm] = to.split(':').map(Number) as [number, number];
  for (let m = fh * 60 + fm; m < th * 60 + tm; m += 30)
    out.push(`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
  return out;
};
const WEEKDAY = [...halfHours('09:00', '12:00'), ...halfHours('14:00', '17:30')];

export const SEED_HALLS: HallSeed[] = [
  {
    id: 'citizen-centre',
    name: '市民中心政务服务大厅',
    nameEn: 'Citizen Centre Service Hall',
    address: '福田区福中三路市民中心B区',
    addressEn: 'Block B, Citizen Centre, Fuzhong 3rd Road, Futian',
    hours: '周一至周五 9:00-12:00，14:00-17:30；周六 9:00-12:00',
    hoursEn: 'Mon–Fri 9:00–12:00, 14:00–17:30; Sat 9:00–12:00',
    schedule: { 1: WEEKDAY, 2: WEEKDAY, 3: WEEKDAY, 4: WEEKDAY, 5: WEEKDAY, 6: halfHours('09:00', '12:00') },
    services: [
      { serviceId: 'endorsement-appointment', capacity: 6 },
      { serviceId: 'marriage-appointment', capacity: 4 },
      { serviceId: 'si-card', capacity: 8 },
    ],
  },
  {
    id: 'nanshan-hall',
    name: '南山区行政服务大厅',
    nameEn: 'Nanshan District Service Hall',
    address: '南山区南头街道南山大道2076号',
    addressEn: '2076 Nanshan Avenue, Nantou, Nanshan',
    hours: '周一至周五 9:00-12:00，14:00-17:30',
    hoursEn: 'Mon–Fri 9:00–12:00, 14:00–17:30',
    schedule: { 1: WEEKDAY, 2: WEEKDAY, 3: WEEKDAY, 4: WEEKDAY, 5: WEEKDAY },
    services: [
      { serviceId: 'endorsement-appointment', capacity: 4 },
      { serviceId: 'si-card', capacity: 6 },
    ],
  },
  {
    id: 'exit-entry-hall',
    name: '出入境证件办理大厅',
    nameEn: 'Exit and Entry Documents Hall',
    address: '罗湖区解放路4016号',
    addressEn: '4016 Jiefang Road, Luohu',
    hours: '每天 9:00-12:00，14:00-17:30',
    hoursEn: 'Daily 9:00–12:00, 14:00–17:30',
    schedule: { 1: WEEKDAY, 2: WEEKDAY, 3: WEEKDAY, 4: WEEKDAY, 5: WEEKDAY, 6: WEEKDAY, 7: WEEKDAY },
    services: [{ serviceId: 'endorsement-appointment', capacity: 10 }],
  },
];
