import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { runWithDeadline, type Deadline } from './deadline';

/**
 * Gives a mutation the write budget (once the operation is known) and runs execution
 * inside the request's deadline, so every agency call a resolver makes, directly or
 * through a service, stops when the request's time is up.
 */
export function useRequestDeadline(options: { writeMs: number }): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const deadline = (args.contextValue as { deadline?: Deadline }).deadline;
      if (!deadline) return;
      if (getOperationAST(args.document, args.operationName)?.operation === 'mutation')
        deadline.setBudget(options.writeMs);
      setExecuteFn((execArgs) => runWithDeadline(deadline, () => executeFn(execArgs)));
    },
  };
}
