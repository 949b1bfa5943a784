/** Opens a URL in the system browser; quietly does nothing where there is none (the caller prints the URL anyway). */
import { spawn } from 'node:child_process';

export function abrirEnNavegador(url: string) {
  const [programa, ...args] =
    process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '""', url]
        : ['xdg-open', url];
  try {
    const hijo = spawn(programa!, args, { stdio: 'ignore', detached: true });
    hijo.on('error', () => undefined);
    hijo.unref();
  } catch {
    // No browser launcher on this machine: the URL is on the console.
  }
}
