import { GraphQLError, NoSchemaIntrospectionCustomRule, type DocumentNode } from 'graphql';
import { getDocumentString } from '@envelop/core';
import { useGraphQlJit } from '@envelop/graphql-jit';
import * as shared from '@citizen/shared';
import { TypedDocumentString } from '@citizen/shared';
import { maskError as yogaMaskError, type Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { AppError } from '../errors';
import { isRedisUnavailable } from '../redis';
import { isDatabaseBusy } from '../db';
import type { Deadline } from '../upstream/deadline';

/** What a resolver or plugin threw, out of the GraphQLError that carries it. */
function thrown(error: unknown): unknown {
  return error instanceof GraphQLError ? error.originalError : error;
}

/** The database or Redis briefly out of reach: answered SERVICE_UNAVAILABLE, no fault of the code. */
function isBusy(error: unknown): boolean {
  return isRedisUnavailable(error) || isDatabaseBusy(error);
}

/**
 * Every error a client sees carries a stable `extensions.code` from the shared
 * registry. Errors that arrive without one are either request-level (bad variables:
 * BAD_USER_INPUT) or unexpected (masked by Yoga: INTERNAL_SERVER_ERROR).
 */
export function useErrorCodes(logger: Logger, options: { hideSuggestions?: boolean } = {}): Plugin {
  const withCode = (error: GraphQLError): GraphQLError => {
    const original = error.originalError;
    if (original instanceof AppError) return original.toGraphQLError(error);
    if (options.hideSuggestions && error.message.includes('Did you mean')) error = withoutSuggestion(error);
    if (error.extensions?.code) return error;
    const code = error.path ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT';
    return new GraphQLError(error.message, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      path: error.path,
      extensions: { ...error.extensions, code },
    });
  };
  return {
    // Before Yoga masks them: each unexpected error is logged once, whole, with the request's id.
    onExecute({ args }) {
      const requestId = (args.contextValue as { deadline?: Deadline }).deadline?.requestId;
      return {
        onExecuteDone({ result }) {
          if (!('errors' in result) || !result.errors?.length) return;
          for (const error of result.errors) {
            const original = error.originalError;
            if (original instanceof AppError || isBusy(original)) continue;
            if (!error.path) continue; // a request's own mistake (variables), not the server's
            logger.error({ err: original ?? error, path: error.path, requestId }, 'unexpected resolver error');
          }
        },
      };
    },
    onResultProcess({ result, setResult }) {
      if (
        Array.isArray(result) ||
        !result ||
        typeof result !== 'object' ||
        !('errors' in result) ||
        !result.errors?.length
      )
        return;
      setResult({ ...result, errors: result.errors.map((e) => withCode(e as GraphQLError)) });
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
  const original = thrown(error);
  if (original instanceof AppError) return original.toGraphQLError(error instanceof GraphQLError ? error : undefined);
  if (isBusy(original))
    return new AppError('SERVICE_UNAVAILABLE').toGraphQLError(error instanceof GraphQLError ? error : undefined);
  return yogaMaskError(error, message, isDev);
}

/**
 * Yoga's own log lines, through pino. Yoga logs, at error level, every error its masking
 * replaced; most are a citizen's coded refusal (an AppError: a wrong code, an ended
 * session), which is no fault of the service, so those go to debug, and a busy database
 * or Redis (answered SERVICE_UNAVAILABLE) to warn. Anything else stays an error: a
 * resolver's was also logged once with its request id by useErrorCodes, but one from
 * outside execution (the context, a plugin) is logged only here.
 */
export function yogaLogging(logger: Logger) {
  const text = (args: unknown[]) => args.map(String).join(' ');
  return {
    debug: (...args: unknown[]) => logger.debug(text(args)),
    info: (...args: unknown[]) => logger.info(text(args)),
    warn: (...args: unknown[]) => logger.warn(text(args)),
    error: (...args: unknown[]) => {
      const original = thrown(args[0]);
      if (original instanceof AppError) logger.debug(text(args));
      else if (isBusy(original)) logger.warn(text(args));
      else logger.error(text(args));
    },
  };
}

/**
 * graphql-jit (through @envelop/graphql-jit) for the app's own operations: it compiles an
 * operation once into a function that resolves and completes its fields without graphql-js's
 * generic walk, which was the largest single part of a long list's CPU (issue 12). Only
 * the documents in `shared/` (the ones the app sends, byte for byte) are compiled: a
 * stranger's query would make the server compile code for every new text it sends, so
 * anything else runs on graphql-js as before. Two differences a client can see, neither of
 * which the app reads: a field's error from a compiled operation has no `locations`
 * (graphql-jit gives its errors no AST nodes, from which Yoga works them out), and a
 * variable of the wrong type is refused in graphql-jit's words, as is a resolver returning
 * null for a non-null field (graphql-js masks that as "Unexpected error."). Codes, paths and
 * data are the same (bff/test/graphql-jit.test.ts, which also compiles every app document).
 * Compiled operations are kept by text, so at most one per app document, whatever else
 * clients send; a document that fails to compile is logged and answered with the error.
 */
export function useJitForAppOperations(logger?: Logger): Plugin {
  const known = new Set(
    Object.values(shared)
      .filter((value) => value instanceof TypedDocumentString)
      .map(String),
  );
  // Yoga's parse cache hands back the same document for the same text, so each is looked up once.
  const decided = new WeakMap<DocumentNode, boolean>();
  return useGraphQlJit(
    {},
    {
      cache: new Map(),
      onError: (result) => logger?.error({ errors: result.errors }, 'an app operation did not compile'),
      enableIf: ({ document }) => {
        let enabled = decided.get(document);
        if (enabled === undefined) {
          enabled = known.has(getDocumentString(document) ?? '');
          decided.set(document, enabled);
        }
        return enabled;
      },
    },
  ) as Plugin;
}
