import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Metrics } from '../upstream/metrics';

/**
 * RED metrics per GraphQL operation: rate and errors in `bff_graphql_operations_total`
 * (outcome ok, or error when the result carries any error: partial data counts),
 * duration in `bff_graphql_operation_seconds`. Labelled by the operation's type and
 * name; anonymous ones share `anonymous`, so a client cannot grow the label set
 * beyond the operation names it sends (the names of the app's operations, in practice).
 */
export function useOperationMetrics(metrics: Metrics): Plugin {
  return {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      const type = operation?.operation ?? 'unknown';
      const name = (operation?.name?.value ?? 'anonymous').slice(0, 64);
      const started = performance.now();
      return {
        onExecuteDone({ result }) {
          const errors = 'errors' in result && Array.isArray(result.errors) && result.errors.length > 0;
          metrics.graphqlOperations.labels(type, name, errors ? 'error' : 'ok').inc();
          metrics.graphqlDuration.labels(type, name).observe((performance.now() - started) / 1000);
        },
      };
    },
  };
}
