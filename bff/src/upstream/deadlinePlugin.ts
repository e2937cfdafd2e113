import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Deadline } from './deadline';

/**
 * Gives a mutation the write budget once the operation is known. The context's deadline
 * is the one every agency call made for the request is handed (UpstreamRequest.deadline).
 */
export function useRequestDeadline(options: { writeMs: number }): Plugin {
  return {
    onExecute({ args }) {
      const deadline = (args.contextValue as { deadline?: Deadline }).deadline;
      if (!deadline) return;
      if (getOperationAST(args.document, args.operationName)?.operation === 'mutation')
        deadline.setBudget(options.writeMs);
    },
  };
}
