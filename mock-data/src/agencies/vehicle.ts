import Router from 'koa-router';
import { maskName } from '@citizen/shared';
import type { World } from '../data/generate';
import type { SmsGateway } from './sms';
import { Agency, openapiDocument, s } from './agency';

const vehicleSchema = s.obj({
  plate: s.str, plateKind: { type: 'string', enum: ['ordinary', 'new-energy'] }, brand: s.str, model: s.str, color: s.str,
  vehicleType: s.str, registeredOn: s.str, inspectionValidUntil: s.str, ownerNameMasked: s.str,
});

/**
 * Vehicle register (交管): plate → vehicle with the owner masked. The owner's phone
 * never leaves the register: a notification is sent by the register to the SMS
 * gateway on the caller's behalf.
 */
/** Relay numbers bound to a pair of phones for a while (simulated cloud AXB binding). */
export class RelayNumbers {
  private readonly bindings = new Map<string, { bindingId: string; relayNumber: string; partyA: string; partyB: string; expiresAt: string }>();
  private serial = 0;

  bind(partyA: string, partyB: string, seconds: number) {
    const n = ++this.serial;
    const binding = { bindingId: `AXB${String(n).padStart(8, '0')}`, relayNumber: `1700000${String(n % 10000).padStart(4, '0')}`, partyA, partyB, expiresAt: new Date(Date.now() + seconds * 1000).toISOString() };
    this.bindings.set(binding.bindingId, binding);
    return binding;
  }

  release(id: string): boolean {
    return this.bindings.delete(id);
  }

  active() {
    const now = new Date().toISOString();
    return [...this.bindings.values()].filter((b) => b.expiresAt > now).map(({ bindingId, relayNumber, expiresAt }) => ({ bindingId, relayNumber, expiresAt }));
  }
}

export function vehicleAgency(world: World, sms: SmsGateway, smsDown: () => boolean = () => false, relays = new RelayNumbers()): Agency {
  const router = new Router();
  const notFound = { error: 'VEHICLE_NOT_FOUND', message: 'No vehicle with that plate' };
  router.get('/v1/vehicles/:plate', (ctx) => {
    const vehicle = world.vehicleByPlate.get(ctx.params.plate.toUpperCase());
    if (!vehicle) {
      ctx.status = 404;
      ctx.body = notFound;
      return;
    }
    const { ownerIdNumber, ...rest } = vehicle;
    ctx.body = { ...rest, ownerNameMasked: maskName(world.personById.get(ownerIdNumber)?.name ?? '') };
  });
  router.get('/v1/owners/:idNumber/vehicles', (ctx) => {
    ctx.body = { plates: world.vehicles.filter((v) => v.ownerIdNumber === ctx.params.idNumber).map((v) => v.plate) };
  });
  router.post('/v1/owner-notifications', (ctx) => {
    const { plate, templateId, params } = (ctx.request.body ?? {}) as { plate?: string; templateId?: string; params?: Record<string, string> };
    if (typeof plate !== 'string' || typeof templateId !== 'string') {
      ctx.status = 400;
      ctx.body = { error: 'BAD_REQUEST', message: 'plate and templateId are required' };
      return;
    }
    const vehicle = world.vehicleByPlate.get(plate.toUpperCase());
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
    const message = sms.send(owner.phone, templateId, params ?? {}, ctx.get('idempotency-key') || undefined);
    ctx.body = { notificationId: message.messageId, channel: 'sms', status: message.status };
  });

  // For authorised government systems: who owns the plate, as an ID number (never a phone).
  router.get('/v1/vehicles/:plate/owner', (ctx) => {
    const vehicle = world.vehicleByPlate.get(ctx.params.plate.toUpperCase());
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
    const vehicle = world.vehicleByPlate.get(ctx.params.plate.toUpperCase());
    const owner = vehicle && world.personById.get(vehicle.ownerIdNumber);
    const { callerPhone, expiresInSeconds } = (ctx.request.body ?? {}) as { callerPhone?: string; expiresInSeconds?: number };
    if (!owner) {
      ctx.status = 404;
      ctx.body = notFound;
      return;
    }
    if (typeof callerPhone !== 'string' || !/^1[3-9]\d{9}$/.test(callerPhone) || !Number.isInteger(expiresInSeconds) || expiresInSeconds! < 60 || expiresInSeconds! > 7200) {
      ctx.status = 400;
      ctx.body = { error: 'BAD_REQUEST', message: 'callerPhone (mainland mobile) and expiresInSeconds (60-7200) are required' };
      return;
    }
    const binding = relays.bind(callerPhone, owner.phone, expiresInSeconds!);
    ctx.body = { bindingId: binding.bindingId, relayNumber: binding.relayNumber, expiresAt: binding.expiresAt };
  });
  router.delete('/v1/relay-bindings/:id', (ctx) => {
    ctx.status = relays.release(ctx.params.id) ? 204 : 404;
  });
  // Simulator only: plates that exist, for tests and demos.
  router.get('/dev/vehicles', (ctx) => {
    const count = Math.min(Math.max(Number(ctx.query.count) || 10, 1), 1000);
    const offset = Math.max(Number(ctx.query.offset) || 0, 0);
    ctx.body = { vehicles: world.vehicles.slice(offset, offset + count).map((v) => ({ plate: v.plate, plateKind: v.plateKind })) };
  });
  router.get('/dev/relay-bindings', (ctx) => {
    ctx.body = { bindings: relays.active() };
  });

  return {
    name: 'vehicle',
    title: 'Vehicle register',
    router,
    openapi: openapiDocument('vehicle', 'Vehicle register', [
      { method: 'get', path: '/v1/vehicles/:plate', summary: 'A vehicle by plate, owner masked', params: ['plate'], response: vehicleSchema, errors: { '404': 'Unknown plate' } },
      { method: 'get', path: '/v1/vehicles/:plate/owner', summary: 'The owner’s ID number, for authorised government systems', params: ['plate'], response: s.obj({ ownerIdNumber: s.str }), errors: { '404': 'Unknown plate' } },
      {
        method: 'post', path: '/v1/vehicles/:plate/relay-bindings', summary: 'Bind a relay number between a caller and the plate’s owner (AXB)', params: ['plate'],
        body: s.obj({ callerPhone: s.str, expiresInSeconds: s.int }), response: s.obj({ bindingId: s.str, relayNumber: s.str, expiresAt: s.str }), errors: { '400': 'Bad caller or duration', '404': 'Unknown plate' },
      },
      { method: 'delete', path: '/v1/relay-bindings/:id', summary: 'Release a relay binding', params: ['id'], response: s.obj({}), errors: { '404': 'No such binding' } },
      { method: 'get', path: '/dev/vehicles', summary: 'Plates in the register (simulator only)', query: ['count', 'offset'], response: s.obj({ vehicles: s.arr({ type: 'object' }) }) },
      { method: 'get', path: '/dev/relay-bindings', summary: 'Active relay bindings (simulator only)', response: s.obj({ bindings: s.arr({ type: 'object' }) }) },
      { method: 'get', path: '/v1/owners/:idNumber/vehicles', summary: 'Plates registered to a person', params: ['idNumber'], response: s.obj({ plates: s.arr(s.str) }) },
      {
        method: 'post', path: '/v1/owner-notifications', summary: 'Send the owner of a plate an SMS without revealing their number',
        body: s.obj({ plate: s.str, templateId: s.str, params: { type: 'object', additionalProperties: s.str } }, ['plate', 'templateId']),
        response: s.obj({ notificationId: s.str, channel: s.str, status: s.str }), errors: { '400': 'Missing fields', '404': 'Unknown plate' },
      },
    ]),
  };
}
