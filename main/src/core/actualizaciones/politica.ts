/**
 * Which release a desk takes, and when: the decisions of the updater that need no Electron, so they are tested under
 * Node. They agree with electron-updater's own (same version rules, same rollout bucket, same desk id file), because
 * in the app electron-updater downloads what this policy accepts.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import type { Canal, VersionPublicada } from './feed.js';

/**
 * A newer release for this channel? Stable desks never take a pre-release; beta desks take both. Never a downgrade:
 * IT pulls a bad release by publishing a higher version, so every desk moves forward.
 */
export function esMasNueva(publicada: VersionPublicada, actual: string, canal: Canal): boolean {
  if (canal === 'stable' && semver.prerelease(publicada.version)) return false;
  return semver.gt(publicada.version, actual);
}

/**
 * Staged rollout: a desk belongs to the first `porcentaje` % when the last 4 bytes of its id, read as a fraction of
 * 2^32-1, fall below it. It is electron-updater's formula over the same `.updaterId` file, so raising the percentage
 * only ever adds desks, and a desk keeps its bucket across restarts and updates.
 */
export function enDespliegue(idEscritorio: string, porcentaje: number | null): boolean {
  if (porcentaje === null) return true;
  const bytes = Buffer.from(idEscritorio.replace(/-/g, ''), 'hex');
  return bytes.readUInt32BE(12) / 0xffffffff < porcentaje / 100;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The desk's stable id: electron-updater's `.updaterId` in the data folder, created once if missing or invalid. */
export function idEscritorio(dataDir: string): string {
  const archivo = path.join(dataDir, '.updaterId');
  try {
    const id = fs.readFileSync(archivo, 'utf8');
    if (UUID.test(id)) return id;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const id = crypto.randomUUID();
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(archivo, id);
  return id;
}

/**
 * Restarting to install is the officer's choice, and never offered while a form has unsaved input (the renderer
 * reports it): an update must not cost anyone what she was typing. Otherwise it installs at the next quit.
 */
export const puedeReiniciar = (lista: boolean, ocupado: boolean) => lista && !ocupado;
