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
export function vehicleAgency(world: World, sms: SmsGateway): Agency {
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
    const message = sms.send(owner.phone, templateId, params ?? {});
    ctx.body = { notificationId: message.messageId, channel: 'sms', status: message.status };
  });

  return {
    name: 'vehicle',
    title: 'Vehicle register',
    router,
    openapi: openapiDocument('vehicle', 'Vehicle register', [
      { method: 'get', path: '/v1/vehicles/:plate', summary: 'A vehicle by plate, owner masked', params: ['plate'], response: vehicleSchema, errors: { '404': 'Unknown plate' } },
      { method: 'get', path: '/v1/owners/:idNumber/vehicles', summary: 'Plates registered to a person', params: ['idNumber'], response: s.obj({ plates: s.arr(s.str) }) },
      {
        method: 'post', path: '/v1/owner-notifications', summary: 'Send the owner of a plate an SMS without revealing their number',
        body: s.obj({ plate: s.str, templateId: s.str, params: { type: 'object', additionalProperties: s.str } }, ['plate', 'templateId']),
        response: s.obj({ notificationId: s.str, channel: s.str, status: s.str }), errors: { '400': 'Missing fields', '404': 'Unknown plate' },
      },
    ]),
  };
}
