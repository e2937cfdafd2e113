import { OperatorRole, type Resolvers } from '../../generated/resolvers';
import { asEnum } from '../../enums';
import type { OperatorRow } from './service';

const view = (o: OperatorRow) => ({ id: o.id, username: o.username, role: asEnum(OperatorRole, o.role.toUpperCase()) });

export const operatorsResolvers: Resolvers = {
  Query: {
    operatorMe: async (_, __, ctx) => view(ctx.operators.requireRole(await ctx.operator(), 'clerk')),
  },
  Mutation: {
    operatorSignIn: async (_, args, ctx) => {
      const session = await ctx.operators.signIn(args.username, args.password);
      return { token: session.token, expiresAt: session.expiresAt, operator: view(session.operator) };
    },
    createOperator: async (_, args, ctx) => {
      const admin = ctx.operators.requireRole(await ctx.operator(), 'admin');
      return view(await ctx.operators.create(args.username, args.password, args.role.toLowerCase(), admin.username));
    },
  },
};
