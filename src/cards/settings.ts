/** Settings a learner can change with `mrso config set`, with their checks and defaults. */
export interface SettingSpec {
  key: string;
  description: string;
  example: string;
  defaultValue: string | null;
  /** Returns the normalised value, or an error message. */
  check(value: string, today: string): { value: string } | { error: string };
}

const number = (min: number, max: number, integer: boolean) => (value: string) => {
  const n = Number(value);
  const ok = value.trim() !== '' && Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n));
  return ok ? { value: String(n) } : { error: `expected ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}` };
};

export const SETTINGS: SettingSpec[] = [
  { key: 'cards.newPerDay', description: 'new flashcards introduced per day', example: '30', defaultValue: '20', check: number(0, 1000, true) },
  {
    key: 'cards.dayStartsAt',
    description: 'local hour (0-23) at which your study day rolls over, as in Anki (reviews before it count for the day before)',
    example: '4',
    defaultValue: '4',
    check: number(0, 23, true),
  },
  { key: 'cards.maxReviewsPerDay', description: 'most reviews a day; plan spreads exam-date reviews under it', example: '200', defaultValue: '200', check: number(1, 10000, true) },
  { key: 'cards.retention', description: 'desired retention: the recall probability FSRS schedules for', example: '0.9', defaultValue: '0.9', check: number(0.7, 0.99, false) },
  {
    key: 'examDate',
    description: 'your exam day (YYYY-MM-DD): pulls reviews forward and spreads new cards to finish in time',
    example: '2027-03-01',
    defaultValue: null,
    check: (value, today) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
        return { error: 'expected a date as YYYY-MM-DD' };
      }
      return value <= today ? { error: `${value} is ${value === today ? 'today' : 'in the past'}: set a later day` } : { value };
    },
  },
  { key: 'exam.targetRecall', description: 'recall wanted on exam day; cards predicted below it are reviewed before the exam', example: '0.95', defaultValue: '0.95', check: number(0.7, 0.99, false) },
];

export function settingSpec(key: string): SettingSpec | undefined {
  return SETTINGS.find((s) => s.key === key);
}

/** Stored values over defaults. */
export function effectiveSettings(stored: Record<string, string>): Record<string, string | null> {
  return Object.fromEntries(SETTINGS.map((s) => [s.key, stored[s.key] ?? s.defaultValue]));
}
