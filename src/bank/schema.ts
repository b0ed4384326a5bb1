import * as z from 'zod';
import { DOMAINS } from './domains.js';

export const DomainSchema = z.enum(DOMAINS);

const text = z.string().trim().min(1, 'must not be empty');
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by "-"');

export const TopicSchema = z.strictObject({ title: text, domain: DomainSchema });

export const ModuleSchema = z.strictObject({
  number: z.number().int().min(1).max(99),
  title: text,
  weight: z.number().min(0).max(100),
  planned: z.strictObject({ questions: z.number().int().min(0), cards: z.number().int().min(0) }).optional(),
  summary: text.optional(),
  objectives: z.array(text).min(1),
  topics: z.record(slug, TopicSchema).refine((t) => Object.keys(t).length > 0, 'needs at least one topic'),
});
export type Module = z.infer<typeof ModuleSchema>;

export const ModulesFileSchema = z.strictObject({ modules: z.array(ModuleSchema).min(1) });

const letter = z.string().regex(/^[A-E]$/, 'must be a letter A–E');
const refs = z.array(text).min(1, 'needs at least one reference');

/** A literal block shown boxed above the stem, exactly as written (a label, a plot, a form); trailing newlines dropped. */
const exhibit = z
  .string()
  .transform((s) => s.replace(/\s+$/, ''))
  .refine((s) => s.trim() !== '', 'must not be empty');
/** One short line per choice, in choice order: why that option is right or wrong. */
const rationale = z.array(text).min(1);

/**
 * Content hashes this item had before edits that changed its wording only
 * (never its key, its choices' order or what is asked): a record of an
 * attempt that met the older wording still re-marks against it (report/remark.ts).
 */
const supersedes = z.array(z.string().regex(/^[0-9a-f]{16}$/, 'must be a 16-digit content hash')).min(1);

const questionBase = {
  id: z.string(),
  supersedes: supersedes.optional(),
  topic: slug,
  difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  exhibit: exhibit.optional(),
  stem: text,
  shuffle: z.boolean().default(true),
  explanation: text,
  refs,
};

export const SingleSchema = z.strictObject({
  ...questionBase,
  type: z.literal('single'),
  choices: z.array(text).min(3, 'needs 3–5 choices').max(5, 'needs 3–5 choices'),
  answer: letter,
  rationale: rationale.optional(),
});
export const MultiSchema = z.strictObject({
  ...questionBase,
  type: z.literal('multi'),
  choices: z.array(text).min(3, 'needs 3–5 choices').max(5, 'needs 3–5 choices'),
  answer: z.array(letter).min(1, 'needs at least one letter'),
  rationale: rationale.optional(),
});
export const TrueFalseSchema = z.strictObject({
  ...questionBase,
  type: z.literal('truefalse'),
  answer: z.boolean({ error: 'must be true or false' }),
});
/** A typed numeric answer (a drill item: practice, review and cards use it; mock exams and forms never draw it). */
export const NumericSchema = z.strictObject({
  ...questionBase,
  type: z.literal('numeric'),
  answer: z.strictObject({
    value: z.number({ error: 'must be a number' }),
    unit: z.string().trim().min(1, 'must name the unit'),
    tolerance: z.number().min(0).optional(),
  }),
});
export const QuestionSchema = z.discriminatedUnion('type', [SingleSchema, MultiSchema, TrueFalseSchema, NumericSchema]);
export type Question = z.infer<typeof QuestionSchema>;

export const CardSchema = z.strictObject({
  id: z.string(),
  topic: slug,
  front: text,
  back: text,
  refs,
});
export type Card = z.infer<typeof CardSchema>;

export const ModuleFileSchema = z.strictObject({
  module: z.number().int().min(1).max(99),
  questions: z.array(z.unknown()).default([]),
  cards: z.array(z.unknown()).default([]),
});

/** A typed numeric answer as given: the number and the unit it was typed in. */
export interface NumericResponse {
  value: number;
  unit: string;
}

/** A user's response, always in the item's own letters (not the shuffled display order); a quantity for numeric items. */
export type Response = string | string[] | boolean | NumericResponse;
