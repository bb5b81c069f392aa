import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ShellProviders } from './app/provider';
import { AppRouter } from './app/router';
import './styles.css';

// The service worker (vite-plugin-pwa) keeps the app shell for offline use;
// it updates itself when a new build is deployed. Registered once the page
// has loaded, from a chunk of its own: it is not needed to show the first
// page, and its precaching should not compete with that page's downloads.
if ('serviceWorker' in navigator) {
  const register = () => void import('virtual:pwa-register').then(({ registerSW }) => registerSW({ immediate: true }));
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ShellProviders>
      <AppRouter />
    </ShellProviders>
  </StrictMode>,
);
