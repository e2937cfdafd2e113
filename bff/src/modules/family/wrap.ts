import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context';

type Resolver = (parent: unknown, args: Record<string, unknown>, ctx: Context, info: GraphQLResolveInfo) => unknown;

/**
 * Gives every root Query and Mutation resolver a view of the caller for that operation
 * alone (RequestAuth.forOperation), so that while a session acts for someone else each
 * operation is checked against the acting table (scopes.ts) the moment it asks for the
 * account, and operations that never ask (the home screen, operators) cost nothing.
 */
export function withActingChecks<R extends Record<string, unknown>>(resolvers: R): R {
  const wrapped: Record<string, unknown> = { ...resolvers };
  for (const type of ['Query', 'Mutation']) {
    const fields = resolvers[type] as Record<string, unknown> | undefined;
    if (!fields) continue;
    wrapped[type] = Object.fromEntries(
      Object.entries(fields).map(([field, resolve]) => [
        field,
        typeof resolve !== 'function'
          ? resolve
          : (((parent, args, ctx, info) => {
              const scoped = Object.assign(Object.create(ctx) as Context, {
                auth: ctx.auth.forOperation(field, args ?? {}),
              });
              return (resolve as Resolver)(parent, args, scoped, info);
            }) as Resolver),
      ]),
    );
  }
  return wrapped as R;
}
