// Kept apart from schema.ts (zod) so reports and screens can name domains without loading the schema library.

/** The seven ABMRS exam content domains; every topic maps to one. */
export const DOMAINS = [
  'static-field',
  'gradient-field',
  'rf-field',
  'gadolinium-pregnancy',
  'facilities-cryogens',
  'standards-regulatory',
  'clinical',
] as const;
export type Domain = (typeof DOMAINS)[number];

export const DOMAIN_TITLES: Record<Domain, string> = {
  'static-field': 'Static magnetic fields',
  'gradient-field': 'Gradient (time-varying) magnetic fields',
  'rf-field': 'Radiofrequency fields',
  'gadolinium-pregnancy': 'Gadolinium / pregnancy',
  'facilities-cryogens': 'Facilities / cryogens',
  'standards-regulatory': 'Standards / regulatory',
  clinical: 'Clinical applications',
};
