import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/tema.css';
import './app/marco.css';
import './app/textos';
import './sesion/textos';
import { App } from './app/App';

const raiz = document.getElementById('raiz');
if (!raiz) throw new Error('Falta el elemento #raiz en index.html');
createRoot(raiz).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
