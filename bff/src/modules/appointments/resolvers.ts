import type { Context } from '../../context';
import type { ServiceHallTable } from '../../db/schema';
import type { AppointmentView } from './service';

export const appointmentsResolvers = {
  Query: {
    serviceHalls: (_: unknown, args: { serviceId?: string | null }, ctx: Context) => ctx.appointments.halls(args.serviceId),
    appointmentSlots: (_: unknown, args: { hallId: string; serviceId: string; date: string }, ctx: Context) => ctx.appointments.slots(String(args.hallId), String(args.serviceId), args.date),
    myAppointments: async (_: unknown, __: unknown, ctx: Context) => ctx.appointments.mine(await ctx.auth.account()),
  },
  Mutation: {
    bookAppointment: async (_: unknown, args: { hallId: string; serviceId: string; startsAt: string }, ctx: Context) =>
      ctx.appointments.book(await ctx.auth.account(), String(args.hallId), String(args.serviceId), args.startsAt),
    rescheduleAppointment: async (_: unknown, args: { id: string; startsAt: string; hallId?: string | null }, ctx: Context) =>
      ctx.appointments.reschedule(await ctx.auth.account(), String(args.id), args.startsAt, args.hallId),
    cancelAppointment: async (_: unknown, args: { id: string }, ctx: Context) => ctx.appointments.cancel(await ctx.auth.account(), String(args.id)),
  },
  ServiceHall: {
    nameEn: (h: ServiceHallTable) => h.name_en,
    addressEn: (h: ServiceHallTable) => h.address_en,
    hoursEn: (h: ServiceHallTable) => h.hours_en,
    services: (h: ServiceHallTable, _: unknown, ctx: Context) => ctx.appointments.hallServices(h.id),
  },
  Appointment: {
    serviceId: (a: AppointmentView) => a.service_id,
    serviceTitle: (a: AppointmentView) => a.service.title,
    serviceTitleEn: (a: AppointmentView) => a.service.titleEn,
    startsAt: (a: AppointmentView) => a.starts_at,
    createdAt: (a: AppointmentView) => a.created_at,
  },
};
