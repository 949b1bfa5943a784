import { beforeEach, describe, expect, it } from 'vitest';
import { useNavegacion } from '../../renderer/src/app/navegacion';

describe('useNavegacion', () => {
  beforeEach(() => useNavegacion.setState({ destino: { pantalla: 'bandeja' }, anteriores: [] }));

  it('ir() apila el destino anterior y volver() lo recupera', () => {
    const { ir } = useNavegacion.getState();
    ir({ pantalla: 'expediente', id: 'a' });
    ir({ pantalla: 'tramite', id: 'b' });
    expect(useNavegacion.getState().destino).toEqual({ pantalla: 'tramite', id: 'b' });
    useNavegacion.getState().volver();
    expect(useNavegacion.getState().destino).toEqual({ pantalla: 'expediente', id: 'a' });
    useNavegacion.getState().volver();
    useNavegacion.getState().volver();
    expect(useNavegacion.getState().destino).toEqual({ pantalla: 'bandeja' });
  });

  it('ir al mismo destino no duplica la pila; la pila tiene tope', () => {
    const { ir } = useNavegacion.getState();
    ir({ pantalla: 'ajustes' });
    ir({ pantalla: 'ajustes' });
    expect(useNavegacion.getState().anteriores).toHaveLength(1);
    for (let i = 0; i < 200; i++) ir({ pantalla: 'expediente', id: String(i) });
    expect(useNavegacion.getState().anteriores.length).toBeLessThanOrEqual(50);
  });
});
