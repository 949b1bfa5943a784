/** axe-core in the running page (WCAG 2.1 A/AA rules): its serious and critical violations, one readable line each. */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export async function violacionesGraves(p: Page, pantalla: string): Promise<string[]> {
  // @axe-core/playwright types its page against the full playwright package; playwright-core's is the same object.
  const r = await new AxeBuilder({ page: p as unknown as ConstructorParameters<typeof AxeBuilder>[0]['page'] })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${pantalla}: ${v.id} (${v.impact}) ${v.help} → ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}
