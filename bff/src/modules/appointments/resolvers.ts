import type { Resolvers } from '../../generated/resolvers';

export const appointmentsResolvers: Resolvers = {
  Query: {
    serviceHalls: (_, args, ctx) => ctx.appointments.halls(args.serviceId),
    appointmentSlots: (_, args, ctx) => ctx.appointments.slots(String(args.hallId), String(args.serviceId), args.date),
    myAppointments: async (_, __, ctx) => ctx.appointments.mine(await ctx.auth.account()),
  },
  Mutation: {
    bookAppointment: async (_, args, ctx) =>
      ctx.appointments.book(await ctx.auth.account(), String(args.hallId), String(args.serviceId), args.startsAt),
    rescheduleAppointment: async (_, args, ctx) =>
      ctx.appointments.reschedule(await ctx.auth.account(), String(args.id), args.startsAt, args.hallId),
    cancelAppointment: async (_, args, ctx) => ctx.appointments.cancel(await ctx.auth.account(), String(args.id)),
  },
  ServiceHall: {
    nameEn: (h) => h.name_en,
    addressEn: (h) => h.address_en,
    hoursEn: (h) => h.hours_en,
    services: (h, _, ctx) => ctx.appointments.hallServices(h.id),
  },
  Appointment: {
    serviceId: (a) => a.service_id,
    serviceTitle: (a) => a.service.title,
    serviceTitleEn: (a) => a.service.titleEn,
    startsAt: (a) => a.starts_at,
    createdAt: (a) => a.created_at,
  },
};
