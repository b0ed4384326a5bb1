/**
 * Wilson score interval for a proportion: honest with small counts, where
 * the plain p ± 1.96·SE interval collapses to [0, 0] or [1, 1].
 * @returns [low, high] in 0..1; [0, 1] when n is 0.
 */
export function wilsonInterval(correct: number, n: number, z = 1.959964): [number, number] {
  if (n <= 0) return [0, 1];
  const p = correct / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
