import axe from 'axe-core';

/**
 * Runs axe on a rendered tree and returns the violations as "rule: target" lines (empty when
 * clean). Colour contrast needs real layout and paint, which happy-dom has not: e2e checks it.
 */
export async function axeViolations(root: Element): Promise<string[]> {
  const results = await axe.run(root, {
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`),
  );
}
