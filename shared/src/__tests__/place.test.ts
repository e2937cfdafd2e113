import { validatePlace } from '../validators';

describe('validatePlace (the place in a car-moving SMS)', () => {
  it.each([
    ['天河路123号地库出口', '天河路123号地库出口'],
    ['  东门 B2层 3栋1单元1502 ', '东门 B2层 3栋1单元1502'],
    ['Gate 3, Block A (north side)', 'Gate 3, Block A (north side)'],
    ['人民医院·急诊入口，消防通道', '人民医院·急诊入口，消防通道'],
    ['', null],
    [null, null],
  ])('accepts %j', (input, value) => {
    expect(validatePlace(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['x'.repeat(31), 'TOO_LONG'],
    ['天'.repeat(31), 'TOO_LONG'],
    ['门口🚗', 'CHARACTERS'],
    ['<script>alert(1)</script>', 'CHARACTERS'],
    ['加我QQ@群', 'CHARACTERS'],
    ['东门１３８００１３８０００', 'CHARACTERS'],
    ['看 http://t.cn/abc', 'LINK'],
    ['详情 www.example', 'LINK'],
    ['点 evil.com 领奖', 'LINK'],
    ['打 bit . ly 看', 'LINK'],
    ['联系13800138000', 'NUMBER'],
    ['联系 138 0013 8000', 'NUMBER'],
    ['电话 138-0013-8000', 'NUMBER'],
    ['QQ 12345', 'NUMBER'],
    ['打幺三八零零幺三八零零零', 'NUMBER'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(validatePlace(input)).toEqual({ ok: false, problem: 'CAR_MOVE_PLACE_INVALID', reason });
  });
});
