/**
 * Upload and download progress of documents, from the core's `documentos.progreso` events, kept by sha256 so the
 * registration form, the case detail and the viewer each show the bar of the file they know. The last event of each
 * file stays, so "subido" remains visible after a quick upload.
 */
import { create } from 'zustand';
import type { ProgresoDocumento } from '#shared/bridge/tipos';
import { puente } from '../puente';

interface EstadoProgreso {
  porSha: Record<string, ProgresoDocumento>;
  registrar(p: ProgresoDocumento): void;
}

export const useProgresoDocumentos = create<EstadoProgreso>((set) => ({
  porSha: {},
  registrar: (p) => set((s) => ({ porSha: { ...s.porSha, [p.sha256]: p } })),
}));

// Subscribed when the module loads (with the app), not when a bar mounts: a small file is uploaded by the sync right
// after the command is queued, often before the confirmation screen has rendered its bar.
puente.on('documentos.progreso', (p) => useProgresoDocumentos.getState().registrar(p));

/** 0–1, or null while the total is unknown. */
export const fraccion = (p: ProgresoDocumento): number | null => (p.total ? Math.min(1, p.cargados / p.total) : null);
