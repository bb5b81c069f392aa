import { Fragment, type ReactNode } from 'react';

const SLOT = '\u0000';

/**
 * A translated sentence with a piece of data (a period's or unit's name) in
 * it, the data marked `data-i18n="data"` so the English check tells the
 * sentence's words from the names it quotes. `render` gets the placeholder
 * to pass as the value: t('notPublishedYet', { period: slot }).
 */
export function WithData({ value, render }: { value: ReactNode; render: (slot: string) => string }) {
  const parts = render(SLOT).split(SLOT);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <span data-i18n="data">{value}</span>}
          {part}
        </Fragment>
      ))}
    </>
  );
}
