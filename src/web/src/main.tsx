import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { cookieFrom, createClient } from './api/client';
import { StatusProvider } from './components/status';
import './styles.css';

const client = createClient({
  fetch: (input, init) => window.fetch(input, init),
  readCookie: (name) => cookieFrom(document.cookie, name),
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <StatusProvider>
        <App client={client} />
      </StatusProvider>
    </StrictMode>,
  );
}
