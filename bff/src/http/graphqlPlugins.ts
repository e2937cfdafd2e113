import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import { maskError as yogaMaskError, type Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { AppError } from '../errors';
import { isRedisUnavailable } from '../redis';
import { isDatabaseBusy } from '../db';

/**
 * Every error a client sees carries a stable `extensions.code` from the shared
 * registry. Errors that arrive without one are either request-level (bad variables:
 * BAD_USER_INPUT) or unexpected (masked by Yoga: INTERNAL_SERVER_ERROR).
 */
export function useErrorCodes(logger: Logger, options: { hideSuggestions?: boolean } = {}): Plugin {
  const withCode = (error: GraphQLError, requestId: string | undefined): GraphQLError => {
    const original = error.originalError;
    if (original instanceof AppError) return original.toGraphQLError(error);
    if (options.hideSuggestions && error.message.includes('Did you mean')) error = withoutSuggestion(error);
    if (error.extensions?.code) return error;
    const code = error.path ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT';
    if (code === 'INTERNAL_SERVER_ERROR')
      logger.error({ err: original ?? error, path: error.path, requestId }, 'unexpected resolver error');
    return new GraphQLError(error.message, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      path: error.path,
      extensions: { ...error.extensions, code },
    });
  };
  return {
    onResultProcess({ result, setResult, serverContext }) {
      if (
        Array.isArray(result) ||
        !result ||
        typeof result !== 'object' ||
        !('errors' in result) ||
        !result.errors?.length
      )
        return;
      // The id the Koa route handed Yoga (app.ts), so this line joins the request's own.
      const requestId = (serverContext as { requestId?: string }).requestId;
      setResult({ ...result, errors: result.errors.map((e) => withCode(e as GraphQLError, requestId)) });
    },
  };
}

/**
 * graphql-js appends "Did you mean …?" to unknown fields, enum values, input fields and
 * arguments; in production that would map the schema for a stranger (Armor's plugin
 * covers fields only), so every such sentence is cut from every message.
 */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;
function withoutSuggestion(error: GraphQLError): GraphQLError {
  return new GraphQLError(error.message.replace(SUGGESTION, ''), {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}

/** Introspection off in production: the schema is not a public map of personal data. */
export function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

/** Query-shape limits (GraphQL Armor): depth measured on our deepest operation, aliases, tokens. */
export function armorPlugins(options: { maxDepth: number; production: boolean }): Plugin[] {
  const plugins: Plugin[] = [
    maxDepthPlugin({ n: options.maxDepth, flattenFragments: true }) as Plugin,
    maxAliasesPlugin({ n: 15 }) as Plugin,
    maxTokensPlugin({ n: 1000 }) as Plugin,
  ];
  if (options.production) plugins.push(blockFieldSuggestionsPlugin() as Plugin);
  return plugins;
}

/**
 * Yoga's error masking, except that expected failures (AppError) pass through with
 * their code, and Redis out of reach or the database busy (no free connection in time, a
 * deadlock, a restart) in any resolver is SERVICE_UNAVAILABLE (try again soon), not an
 * internal error.
 */
export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof AppError) return original.toGraphQLError(error instanceof GraphQLError ? error : undefined);
  if (isRedisUnavailable(original) || isDatabaseBusy(original))
    return new AppError('SERVICE_UNAVAILABLE').toGraphQLError(error instanceof GraphQLError ? error : undefined);
  return yogaMaskError(error, message, isDev);
}
