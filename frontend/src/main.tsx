import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProviders } from './app/provider';
import { AppRouter } from './app/router';
import './styles.css';
import { registerSW } from 'virtual:pwa-register';

// The service worker (vite-plugin-pwa) keeps the app shell for offline use;
// it updates itself when a new build is deployed.
if ('serviceWorker' in navigator) registerSW({ immediate: true });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProviders>
      <AppRouter />
    </AppProviders>
  </StrictMode>,
);
