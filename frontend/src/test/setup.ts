import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { setEnumLabels } from '../lib/enumLabels';
import enumLabels from './enumLabels.json';

// The words the server's enumLabels answers (server/labels keeps this file
// equal to its catalogue): components under test read them as in the app.
setEnumLabels(enumLabels);

// findBy…/waitFor give up after this long (the default 1 s is too short for
// antd pages in jsdom on a loaded machine); they return as soon as the
// element shows, so passing tests are no slower.
configure({ asyncUtilTimeout: 10000 });

// jsdom lacks what Ant Design asks the browser for. Media queries answer as
// a 1280 px wide desktop window would.
const WIDTH = 1280;
function matches(query: string): boolean {
  const min = /min-width:\s*(\d+)px/.exec(query);
  const max = /max-width:\s*(\d+)px/.exec(query);
  return (!min || WIDTH >= Number(min[1])) && (!max || WIDTH <= Number(max[1]));
}
if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      matches: matches(query),
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
}
if (!window.ResizeObserver) {
  window.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});

// jsdom prints "Not implemented" for pseudo-elements; Ant Design only asks
// them for scrollbar sizes.
const computedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (el: Element) => computedStyle(el);
