import { Client, makeErrorResult, makeResult, type Exchange, type Operation } from '@urql/core';
import { filter, map, pipe } from 'wonka';
import enumLabels from './enumLabels.json';

export type Responder = (operation: Operation) => unknown;

/**
 * A real urql Client whose only exchange answers from fixed data by
 * operation name: the GraphQL boundary is mocked, everything above it
 * (hooks, components, router) runs as in the app. EnumLabels, which every
 * app start asks, answers with the server's catalogue unless overridden.
 */
export function mockClient(responses: Record<string, unknown | Responder>): { client: Client; operations: Operation[] } {
  const operations: Operation[] = [];
  const exchange: Exchange = () => (ops$) => {
    return pipe(
      ops$,
      filter((op) => op.kind !== 'teardown'),
      map((op) => {
        operations.push(op);
        const def = op.query.definitions.find((d) => d.kind === 'OperationDefinition');
        const name = def && 'name' in def && def.name ? def.name.value : '';
        const response = name === 'EnumLabels' && !(name in responses) ? { enumLabels } : responses[name];
        if (response === undefined) return makeErrorResult(op, new Error(`no mock for ${name}`));
        const data = typeof response === 'function' ? (response as Responder)(op) : response;
        return makeResult(op, { data: data as Record<string, unknown> });
      }),
    );
  };
  return { client: new Client({ url: 'http://test.invalid/graphql', exchanges: [exchange] }), operations };
}
