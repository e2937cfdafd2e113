import Router from 'koa-router';
import { PLATE_TYPES, maskName, type PlateTypeName } from '@citizen/shared';
import { plateTypeKey, type Vehicle, type World } from '../data/generate';
import type { SmsGateway } from './sms';
import { Agency, openapiDocument, s } from './agency';

const vehicleSchema = s.obj({
  plate: s.str,
  plateKind: { type: 'string', enum: ['ordinary', 'new-energy', 'special'] },
  plateType: {
    type: 'string',
    description:
      '号牌种类, GA 36 code (02 small, 01 large, 52/51 new-energy small/large, 15 trailer, 16 driving school)',
  },
  brand: s.str,
  model: s.str,
  color: s.str,
  vehicleType: s.str,
  registeredOn: s.str,
  inspectionValidUntil: s.str,
  ownerNameMasked: s.str,
});

/**
 * Vehicle register (交管): plate → vehicle with the owner masked. The owner's phone
 * never leaves the register: a notification is sent by the register to the SMS
 * gateway on the caller's behalf.
 */
/** Relay numbers bound to a pair of phones for a while (simulated cloud AXB binding). */
export class RelayNumbers {
  private readonly bindings = new Map<
    string,
    { bindingId: string; relayNumber: string; partyA: string; partyB: string; expiresAt: string }
  >();
  private serial = 0;

  bind(partyA: string, partyB: string, seconds: number) {
    const n = ++this.serial;
    const binding = {
      bindingId: `AXB${String(n).padStart(8, '0')}`,
      relayNumber: `1700000${String(n % 10000).padStart(4, '0')}`,
      partyA,
      partyB,
      expiresAt: new Date(Date.now() + seconds * 1000).toISOString(),
    };
    this.bindings.set(binding.bindingId, binding);
    return binding;
  }

  release(id: string): boolean {
    return this.bindings.delete(id);
  }

  active() {
    const now = new Date().toISOString();
    return [...this.bindings.values()]
      .filter((b) => b.expiresAt > now)
      .map(({ bindingId, relayNumber, expiresAt }) => ({ bindingId, relayNumber, expiresAt }));
  }
}

/**
 * The traffic police's districts, by a point near each district's centre: enough to name
 * the district a car-moving request comes from. A real register would hold the district
 * boundaries; nearest centre within 15 km is the simulator's honest approximation.
 */
const DISTRICTS: Array<{ divisionCode: string; city: string; district: string; latitude: number; longitude: number }> =
  [
    { divisionCode: '440104', city: '广州市', district: '越秀区', latitude: 23.129, longitude: 113.2668 },
    { divisionCode: '440105', city: '广州市', district: '海珠区', latitude: 23.0839, longitude: 113.3172 },
    { divisionCode: '440106', city: '广州市', district: '天河区', latitude: 23.1247, longitude: 113.3612 },
    { divisionCode: '440111', city: '广州市', district: '白云区', latitude: 23.1575, longitude: 113.273 },
    { divisionCode: '440113', city: '广州市', district: '番禺区', latitude: 22.9376, longitude: 113.3841 },
    { divisionCode: '440303', city: '深圳市', district: '罗湖区', latitude: 22.5484, longitude: 114.1315 },
    { divisionCode: '440304', city: '深圳市', district: '福田区', latitude: 22.5213, longitude: 114.0551 },
    { divisionCode: '440305', city: '深圳市', district: '南山区', latitude: 22.5333, longitude: 113.9305 },
    { divisionCode: '440306', city: '深圳市', district: '宝安区', latitude: 22.5553, longitude: 113.8832 },
    { divisionCode: '440307', city: '深圳市', district: '龙岗区', latitude: 22.7205, longitude: 114.247 },
    { divisionCode: '110101', city: '北京市', district: '东城区', latitude: 39.9288, longitude: 116.416 },
    { divisionCode: '110102', city: '北京市', district: '西城区', latitude: 39.9123, longitude: 116.366 },
    { divisionCode: '110105', city: '北京市', district: '朝阳区', latitude: 39.9215, longitude: 116.4431 },
    { divisionCode: '110108', city: '北京市', district: '海淀区', latitude: 39.9599, longitude: 116.2981 },
    { divisionCode: '310101', city: '上海市', district: '黄浦区', latitude: 31.2315, longitude: 121.4846 },
    { divisionCode: '310115', city: '上海市', district: '浦东新区', latitude: 31.2215, longitude: 121.5447 },
  ];

function districtAt(latitude: number, longitude: number) {
  // Equirectangular distance: plenty for "which centre is nearest" at city scale.
  const km = (d: (typeof DISTRICTS)[number]) =>
    Math.hypot((d.latitude - latitude) * 111, (d.longitude - longitude) * 111 * Math.cos((latitude * Math.PI) / 180));
  const nearest = [...DISTRICTS].sort((a, b) => km(a) - km(b))[0];
  return nearest && km(nearest) <= 15 ? nearest : null;
}

const PLATE_TYPE_NAMES = Object.keys(PLATE_TYPES) as PlateTypeName[];
const TYPE_BY_CODE = new Map(Object.entries(PLATE_TYPES).map(([type, t]) => [t.code as string, type as PlateTypeName]));

/**
 * The vehicle with these characters and this 号牌种类 (GA 36 code), as the register keys
 * them: the same characters on another type are another vehicle. Without a type, the
 * first vehicle with the characters (callers from before plate types).
 */
function findVehicle(world: World, plate: string, typeCode: unknown): Vehicle | undefined {
  const characters = String(plate ?? '').toUpperCase();
  if (typeCode === undefined || typeCode === null || typeCode === '') return world.vehicleByPlate.get(characters);
  const type = TYPE_BY_CODE.get(String(typeCode));
  return type ? world.vehicleByPlateAndType.get(plateTypeKey(characters, type)) : undefined;
}

export function vehicleAgency(
  world: World,
  sms: SmsGateway,
  smsDown: () => boolean = () => false,
  relays = new RelayNumbers(),
): Agency {
  const router = new Router();
  const codeOf = (v: Vehicle) => PLATE_TYPES[v.plateType].code;
  const notFound = { error: 'VEHICLE_NOT_FOUND', message: 'No vehicle with that plate' };
  // What the register sent owners, for tests: plate, template and parameters as received.
  const notifications: Array<{
    plate: string;
    plateType: string;
    templateId: string;
    params: Record<string, string>;
    at: string;
  }> = [];
  router.get('/v1/districts/at', (ctx) => {
    const latitude = Number(ctx.query.latitude);
    const longitude = Number(ctx.query.longitude);
    if (
      !Number.isFinite(latitude) ||
      !Number.isFinite(longitude) ||
      Math.abs(latitude) > 90 ||
      Math.abs(longitude) > 180
    ) {
      ctx.status = 400;
      ctx.body = { error: 'BAD_REQUEST', message: 'latitude and longitude are required' };
      return;
    }
    const found = districtAt(latitude, longitude);
    if (!found) {
      ctx.status = 404;
      ctx.body = { error: 'DISTRICT_NOT_FOUND', message: 'No district of this register near that point' };
      return;
    }
    ctx.body = { divisionCode: found.divisionCode, city: found.city, district: found.district };
  });
  router.get('/dev/owner-notifications', (ctx) => {
    ctx.body = { notifications };
  });
  router.get('/v1/vehicles/:plate', (ctx) => {
    const vehicle = findVehicle(world, ctx.params.plate, ctx.query.plateType);
    if (!vehicle) {
      ctx.status = 404;
      ctx.body = notFound;
      return;
    }
    const { ownerIdNumber, ...rest } = vehicle;
    ctx.body = {
      ...rest,
      plateType: codeOf(vehicle),
      ownerNameMasked: maskName(world.personById.get(ownerIdNumber)?.name ?? ''),
    };
  });
  router.get('/v1/owners/:idNumber/vehicles', (ctx) => {
    const owned = world.vehicles.filter((v) => v.ownerIdNumber === ctx.params.idNumber);
    ctx.body = {
      plates: owned.map((v) => v.plate),
      vehicles: owned.map((v) => ({
        plate: v.plate,
        plateType: codeOf(v),
        brand: v.brand,
        model: v.model,
        color: v.color,
      })),
    };
  });
  // The same by a body, so the ID number is in no URL (no access log, no trace path).
  router.post('/v1/owners/vehicles', (ctx) => {
    const { idNumber } = (ctx.request.body ?? {}) as { idNumber?: string };
    if (typeof idNumber !== 'string') {
      ctx.status = 400;
      ctx.body = { error: 'BAD_REQUEST', message: 'idNumber is required' };
      return;
    }
    const owned = world.vehicles.filter((v) => v.ownerIdNumber === idNumber);
    ctx.body = {
      plates: owned.map((v) => v.plate),
      vehicles: owned.map((v) => ({
        plate: v.plate,
        plateType: codeOf(v),
        brand: v.brand,
        model: v.model,
        color: v.color,
      })),
    };
  });
  router.post('/v1/owner-notifications', (ctx) => {
    const { plate, plateType, templateId, params } = (ctx.request.body ?? {}) as {
      plate?: string;
      plateType?: string;
      templateId?: string;
      params?: Record<string, string>;
    };
    if (typeof plate !== 'string' || typeof templateId !== 'string') {
      ctx.status = 400;
      ctx.body = { error: 'BAD_REQUEST', message: 'plate and templateId are required' };
      return;
    }
    const vehicle = findVehicle(world, plate, plateType);
    const owner = vehicle && world.personById.get(vehicle.ownerIdNumber);
    if (!owner) {
      ctx.status = 404;
      ctx.body = notFound;
      return;
    }
    // The register sends through the SMS gateway: when the gateway is down, so is this.
    if (smsDown()) {
      ctx.status = 503;
      ctx.body = { error: 'SMS_GATEWAY_UNAVAILABLE', message: 'the SMS gateway is not answering' };
      return;
    }
    const sentBefore = sms.outbox.length;
    const message = sms.send(owner.phone, templateId, params ?? {}, ctx.get('idempotency-key') || undefined);
    if (sms.outbox.length > sentBefore)
      notifications.push({
        plate: vehicle.plate,
        plateType: codeOf(vehicle),
        templateId,
        params: params ?? {},
        at: new Date().toISOString(),
      });
    ctx.body = { notificationId: message.messageId, channel: 'sms', status: message.status };
  });

  // For authorised government systems: who owns the plate, as an ID number (never a phone).
  router.get('/v1/vehicles/:plate/owner', (ctx) => {
    const vehicle = findVehicle(world, ctx.params.plate, ctx.query.plateType);
    if (!vehicle) {
      ctx.status = 404;
      ctx.body = notFound;
      return;
    }
    ctx.body = { ownerIdNumber: vehicle.ownerIdNumber };
  });

  // Privacy numbers (an "AXB" binding): the caller and the owner each dial the relay
  // number and reach the other; neither learns the other's number.
  router.post('/v1/vehicles/:plate/relay-bindings', (ctx) => {
    const { callerPhone, expiresInSeconds, plateType } = (ctx.request.body ?? {}) as {
      callerPhone?: string;
      expiresInSeconds?: number;
      plateType?: string;
    };
    const vehicle = findVehicle(world, ctx.params.plate, plateType);
    const owner = vehicle && world.personById.get(vehicle.ownerIdNumber);
    if (!owner) {
      ctx.status = 404;
      ctx.body = notFound;
      return;
    }
    if (
      typeof callerPhone !== 'string' ||
      !/^1[3-9]\d{9}$/.test(callerPhone) ||
      !Number.isInteger(expiresInSeconds) ||
      expiresInSeconds! < 60 ||
      expiresInSeconds! > 7200
    ) {
      ctx.status = 400;
      ctx.body = {
        error: 'BAD_REQUEST',
        message: 'callerPhone (mainland mobile) and expiresInSeconds (60-7200) are required',
      };
      return;
    }
    const binding = relays.bind(callerPhone, owner.phone, expiresInSeconds!);
    ctx.body = { bindingId: binding.bindingId, relayNumber: binding.relayNumber, expiresAt: binding.expiresAt };
  });
  // A voice call to the owner through a relay number (simulated AXB voice: the register's
  // platform rings the owner and reads the template); neither number reaches the caller.
  // Idempotent by key: a retried call rings once.
  const voiceCalls = new Map<
    string,
    { callId: string; plate: string; plateType: string; templateId: string; params: Record<string, string>; at: string }
  >();
  router.post('/v1/vehicles/:plate/voice-calls', (ctx) => {
    const { plateType, templateId, params } = (ctx.request.body ?? {}) as {
      plateType?: string;
      templateId?: string;
      params?: Record<string, string>;
    };
    const vehicle = findVehicle(world, ctx.params.plate, plateType);
    if (!vehicle || !world.personById.get(vehicle.ownerIdNumber)) {
      ctx.status = 404;
      ctx.body = notFound;
      return;
    }
    const key = ctx.get('idempotency-key') || `call-${voiceCalls.size + 1}`;
    const call = voiceCalls.get(key) ?? {
      callId: `VC${String(voiceCalls.size + 1).padStart(8, '0')}`,
      plate: vehicle.plate,
      plateType: codeOf(vehicle),
      templateId: String(templateId ?? 'CAR_MOVE_VOICE'),
      params: params ?? {},
      at: new Date().toISOString(),
    };
    voiceCalls.set(key, call);
    ctx.body = { callId: call.callId, status: 'RINGING' };
  });
  router.get('/dev/voice-calls', (ctx) => {
    ctx.body = { calls: [...voiceCalls.values()] };
  });
  // The local 122 desk's case queue: a car-moving request handed over by its number, so the
  // officer who answers the requester's call sees the case. Idempotent by case number.
  const hotlineCases = new Map<string, Record<string, unknown>>();
  router.post('/v1/hotline-cases', (ctx) => {
    const { caseNumber, plate, plateType, place, reason } = (ctx.request.body ?? {}) as Record<
      string,
      string | undefined
    >;
    const vehicle = plate ? findVehicle(world, plate, plateType) : undefined;
    if (typeof caseNumber !== 'string' || !/^[A-Z0-9-]{6,40}$/.test(caseNumber) || !vehicle) {
      ctx.status = 400;
      ctx.body = { error: 'BAD_REQUEST', message: 'caseNumber and a known plate and plateType are required' };
      return;
    }
    if (!hotlineCases.has(caseNumber))
      hotlineCases.set(caseNumber, {
        caseNumber,
        plate: vehicle.plate,
        plateType: codeOf(vehicle),
        place: place ?? null,
        reason: reason ?? null,
        at: new Date().toISOString(),
      });
    ctx.body = { caseNumber, hotline: '122' };
  });
  router.get('/dev/hotline-cases', (ctx) => {
    ctx.body = { cases: [...hotlineCases.values()] };
  });
  router.delete('/v1/relay-bindings/:id', (ctx) => {
    ctx.status = relays.release(ctx.params.id) ? 204 : 404;
  });
  // Simulator only: plates that exist, for tests and demos.
  router.get('/dev/vehicles', (ctx) => {
    const count = Math.min(Math.max(Number(ctx.query.count) || 10, 1), 1000);
    const offset = Math.max(Number(ctx.query.offset) || 0, 0);
    // ?plateType=01 picks one type; ?twins=1 only characters the register holds on more than one type.
    let list = world.vehicles;
    if (ctx.query.plateType) list = list.filter((v) => codeOf(v) === String(ctx.query.plateType));
    if (ctx.query.twins)
      list = list.filter(
        (v) => PLATE_TYPE_NAMES.filter((t) => world.vehicleByPlateAndType.has(plateTypeKey(v.plate, t))).length > 1,
      );
    ctx.body = {
      vehicles: list
        .slice(offset, offset + count)
        .map((v) => ({ plate: v.plate, plateKind: v.plateKind, plateType: codeOf(v) })),
    };
  });
  router.get('/dev/relay-bindings', (ctx) => {
    ctx.body = { bindings: relays.active() };
  });

  return {
    name: 'vehicle',
    title: 'Vehicle register',
    router,
    openapi: openapiDocument('vehicle', 'Vehicle register', [
      {
        method: 'get',
        path: '/v1/vehicles/:plate',
        summary:
          'A vehicle by plate and 号牌种类 (?plateType=GA 36 code; the same characters on another type are another vehicle), owner masked',
        params: ['plate'],
        query: ['plateType'],
        response: vehicleSchema,
        errors: { '404': 'Unknown plate' },
      },
      {
        method: 'get',
        path: '/v1/vehicles/:plate/owner',
        summary: 'The owner’s ID number, for authorised government systems',
        params: ['plate'],
        query: ['plateType'],
        response: s.obj({ ownerIdNumber: s.str }),
        errors: { '404': 'Unknown plate' },
      },
      {
        method: 'post',
        path: '/v1/vehicles/:plate/relay-bindings',
        summary: 'Bind a relay number between a caller and the plate’s owner (AXB)',
        params: ['plate'],
        body: s.obj({ callerPhone: s.str, expiresInSeconds: s.int, plateType: s.str }),
        response: s.obj({ bindingId: s.str, relayNumber: s.str, expiresAt: s.str }),
        errors: { '400': 'Bad caller or duration', '404': 'Unknown plate' },
      },
      {
        method: 'post',
        path: '/v1/vehicles/:plate/voice-calls',
        summary:
          'Ring the owner through a relay number and read a template (AXB voice call); idempotent by Idempotency-Key',
        params: ['plate'],
        body: s.obj({ plateType: s.str, templateId: s.str, params: { type: 'object', additionalProperties: s.str } }),
        response: s.obj({ callId: s.str, status: s.str }),
        errors: { '404': 'Unknown plate and type' },
      },
      {
        method: 'post',
        path: '/v1/hotline-cases',
        summary: 'Hand a car-moving request to the local 122 desk by its number; idempotent by caseNumber',
        body: s.obj({ caseNumber: s.str, plate: s.str, plateType: s.str, place: s.str, reason: s.str }, [
          'caseNumber',
          'plate',
          'plateType',
        ]),
        response: s.obj({ caseNumber: s.str, hotline: s.str }),
        errors: { '400': 'Missing case number or unknown vehicle' },
      },
      {
        method: 'get',
        path: '/dev/voice-calls',
        summary: 'Voice calls placed (simulator only)',
        response: s.obj({ calls: s.arr({ type: 'object' }) }),
      },
      {
        method: 'get',
        path: '/dev/hotline-cases',
        summary: 'Cases handed to 122 (simulator only)',
        response: s.obj({ cases: s.arr({ type: 'object' }) }),
      },
      {
        method: 'delete',
        path: '/v1/relay-bindings/:id',
        summary: 'Release a relay binding',
        params: ['id'],
        response: s.obj({}),
        errors: { '404': 'No such binding' },
      },
      {
        method: 'get',
        path: '/dev/vehicles',
        summary: 'Plates in the register (simulator only)',
        query: ['count', 'offset', 'plateType', 'twins'],
        response: s.obj({ vehicles: s.arr({ type: 'object' }) }),
      },
      {
        method: 'get',
        path: '/v1/districts/at',
        summary: 'The traffic-police district a point falls in (nearest district centre within 15 km)',
        query: ['latitude', 'longitude'],
        response: s.obj({ divisionCode: s.str, city: s.str, district: s.str }),
        errors: { '400': 'Missing or bad coordinates', '404': 'No district near that point' },
      },
      {
        method: 'get',
        path: '/dev/owner-notifications',
        summary: 'Owner notifications the register sent (simulator only)',
        response: s.obj({ notifications: s.arr({ type: 'object' }) }),
      },
      {
        method: 'get',
        path: '/dev/relay-bindings',
        summary: 'Active relay bindings (simulator only)',
        response: s.obj({ bindings: s.arr({ type: 'object' }) }),
      },
      {
        method: 'get',
        path: '/v1/owners/:idNumber/vehicles',
        summary: 'Plates registered to a person',
        params: ['idNumber'],
        response: s.obj({ plates: s.arr(s.str) }),
      },
      {
        method: 'post',
        path: '/v1/owners/vehicles',
        summary: 'Plates registered to a person, asked by a body (the ID number in no URL)',
        body: s.obj({ idNumber: s.str }, ['idNumber']),
        response: s.obj({ plates: s.arr(s.str) }),
        errors: { '400': 'Missing idNumber' },
      },
      {
        method: 'post',
        path: '/v1/owner-notifications',
        summary: 'Send the owner of a plate an SMS without revealing their number',
        body: s.obj(
          {
            plate: s.str,
            plateType: s.str,
            templateId: s.str,
            params: { type: 'object', additionalProperties: s.str },
          },
          ['plate', 'templateId'],
        ),
        response: s.obj({ notificationId: s.str, channel: s.str, status: s.str }),
        errors: { '400': 'Missing fields', '404': 'Unknown plate' },
      },
    ]),
  };
}
