import type { Context } from '../../context';
import type { OperatorRow } from './service';

const view = (o: OperatorRow) => ({ id: o.id, username: o.username, role: o.role.toUpperCase() });

export const operatorsResolvers = {
  Query: {
    operatorMe: async (_: unknown, __: unknown, ctx: Context) => view(ctx.operators.requireRole(await ctx.operator(), 'clerk')),
  },
  Mutation: {
    operatorSignIn: async (_: unknown, args: { username: string; password: string }, ctx: Context) => {
      const session = await ctx.operators.signIn(args.username, args.password);
      return { token: session.token, expiresAt: session.expiresAt, operator: view(session.operator) };
    },
    createOperator: async (_: unknown, args: { username: string; password: string; role: string }, ctx: Context) => {
      const admin = ctx.operators.requireRole(await ctx.operator(), 'admin');
      return view(await ctx.operators.create(args.username, args.password, args.role.toLowerCase(), admin.username));
    },
  },
};
