import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { GraphiQL, type GraphiQLProps } from 'graphiql';
import { csrfHeader } from '../../../lib/urql';

// What the SPA sends on every GraphQL request (lib/urql.ts): the CSRF
// header and the session cookie (same origin). Nothing else is needed, and
// GraphiQL's own headers editor stays available for the reader's own.
const fetcher: GraphiQLProps['fetcher'] = async (params, options) => {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { ...options?.headers, 'Content-Type': 'application/json', [csrfHeader]: '1' },
    body: JSON.stringify(params),
  });
  return response.json();
};

const example = `query DimensionRates {
  aggregate(spec: { measures: [RATE_MEAN, SCORE_COUNT], rows: [DIMENSION] }) {
    live
    rows {
      labels
      values
    }
  }
}
`;

export default function GraphiQLEditor({ exampleComment }: { exampleComment: string }) {
  return <GraphiQL fetcher={fetcher} defaultQuery={`${exampleComment}\n${example}`} forcedTheme="light" />;
}
