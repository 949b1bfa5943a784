/**
 * electron-updater as the desk's installer (main/src/core/actualizaciones decides what and when; this downloads and
 * installs). Only in a packaged app: in development and in the web shell there is no installer, so updates are off.
 *
 * Generic provider over the deployment's feed, differential downloads through the blockmaps (electron-updater's
 * default), install at the next quit unless the officer restarts first. The rollout bucket electron-updater computes
 * from `.updaterId` is the one the core's policy already used (test/actualizaciones/politica.test.ts).
 */
import electronUpdater, { type ProgressInfo } from 'electron-updater';
import type { Canal } from './core/actualizaciones/feed.js';
import type { Instalador } from './core/actualizaciones/servicio.js';
import { ErrorCore } from './core/error-core.js';

export interface RegistroActualizador {
  info(mensaje: string): void;
  warn(mensaje: string): void;
  error(mensaje: string): void;
}

export function instaladorElectron(url: string, canal: Canal, registro: RegistroActualizador): Instalador {
  const u = electronUpdater.autoUpdater;
  u.logger = registro;
  u.autoDownload = false;
  u.autoInstallOnAppQuit = true;
  u.allowDowngrade = false;
  u.allowPrerelease = canal === 'beta';
  u.channel = canal === 'beta' ? 'beta' : 'latest';
  u.setFeedURL({ provider: 'generic', url, channel: u.channel });
  return {
    async descargar(v, progreso) {
      const alAvanzar = (p: ProgressInfo) => progreso(p.percent);
      u.on('download-progress', alAvanzar);
      try {
        const r = await u.checkForUpdates();
        if (!r?.isUpdateAvailable || r.updateInfo.version !== v.version)
          throw new ErrorCore('SERVICIO_NO_DISPONIBLE', 'El feed cambió durante la descarga; se intentará más tarde');
        await u.downloadUpdate();
      } finally {
        u.off('download-progress', alAvanzar);
      }
    },
    reiniciarEInstalar() {
      // isSilent=false shows the installer's progress on Windows; forceRunAfter=true reopens the app afterwards.
      u.quitAndInstall(false, true);
    },
  };
}
