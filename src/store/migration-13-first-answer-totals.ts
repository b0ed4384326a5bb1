/**
 * Migration 13 (#17, stats at scale): each item's first answer (item_first,
 * migration 11) summed by module, topic, domain, right, marked a guess and on
 * a held-out form, per 64-day span, kept by triggers on item_first, so
 * readiness reads a few hundred rows instead of one per item.
 *
 * Readiness weighs an answer t days old by 0.5^(t / 42) (a half-life of six
 * weeks, DEFAULT_MODEL). That weight depends on today, but it factors: with f
 * the answer's days since the start of its span and D today's,
 * 0.5^((D - f) / 42) = 0.5^(D / 42) * 2^(f / 42). So each span keeps
 * growth = sum of 2^(f / 42) and growthDays = sum of 2^(f / 42) * f, and a
 * reader multiplies by 0.5^(D / 42) (src/store/readiness-queries.ts). Spans
 * are short so the terms stay between 1 and 3 (no overflow, no loss of
 * precision however long the history). Answers dated after today, and drill
 * items (a bank's numeric questions), are taken out by the reader from
 * item_first itself (the index on answered_at finds the former).
 */
/** Readiness's half-life in days that the totals are kept for (DEFAULT_MODEL.halfLifeWeeks × 7). */
export const FIRST_TOTALS_HALF_LIFE_DAYS = 42;
/** The days of a span. */
export const FIRST_TOTALS_SPAN_DAYS = 64;

/** SQL for an item_first row's span, days into it and growth term (X. stands for the row); the reader uses the same. */
export const SPAN = `(CAST(coalesce(unixepoch(X.answered_at), 0) / 86400 AS INTEGER) / 64) * 64`;
export const DAYS = `(coalesce(unixepoch(X.answered_at, 'subsec'), 0) / 86400.0 - ${SPAN})`;
export const GROWTH = `pow(2.0, ${DAYS} / 42.0)`;

const add = (row: 'NEW', sign: '+' | '-') => `
    INSERT INTO first_answer_totals (span, module, topic, domain, correct, guess, on_form, answers, growth, growth_days)
      VALUES (${SPAN}, X.module, X.topic, X.domain, X.correct, X.guess, X.form IS NOT NULL, ${sign}1, ${sign}${GROWTH}, ${sign}${GROWTH} * ${DAYS})
      ON CONFLICT (span, module, topic, domain, correct, guess, on_form) DO UPDATE SET
        answers = answers + excluded.answers, growth = growth + excluded.growth, growth_days = growth_days + excluded.growth_days;`.replaceAll('X.', `${row}.`);
const remove = (row: 'OLD') => add('NEW', '-').replaceAll('NEW.', `${row}.`);

export const MIGRATION_13_FIRST_ANSWER_TOTALS = `
  CREATE TABLE first_answer_totals (
    span        INTEGER NOT NULL,
    module      INTEGER NOT NULL,
    topic       TEXT    NOT NULL,
    domain      TEXT    NOT NULL,
    correct     INTEGER NOT NULL,
    guess       INTEGER NOT NULL,
    on_form     INTEGER NOT NULL,
    answers     INTEGER NOT NULL DEFAULT 0,
    growth      REAL    NOT NULL DEFAULT 0,
    growth_days REAL    NOT NULL DEFAULT 0,
    PRIMARY KEY (span, module, topic, domain, correct, guess, on_form)
  ) WITHOUT ROWID;
  CREATE INDEX item_first_by_time ON item_first (answered_at);

  CREATE TRIGGER item_first_totals_insert AFTER INSERT ON item_first
  BEGIN${add('NEW', '+')}
  END;
  CREATE TRIGGER item_first_totals_delete AFTER DELETE ON item_first
  BEGIN${remove('OLD')}
  END;
  CREATE TRIGGER item_first_totals_update AFTER UPDATE ON item_first
  BEGIN${remove('OLD')}${add('NEW', '+')}
  END;

  INSERT INTO first_answer_totals (span, module, topic, domain, correct, guess, on_form, answers, growth, growth_days)
    SELECT ${SPAN.replaceAll('X.', '')}, module, topic, domain, correct, guess, form IS NOT NULL, count(*), sum(${GROWTH.replaceAll('X.', '')}), sum(${GROWTH.replaceAll('X.', '')} * ${DAYS.replaceAll('X.', '')})
    FROM item_first GROUP BY 1, 2, 3, 4, 5, 6, 7;
`;
