/** The one study block that pays most now: `mrso stats`'s top module by expected exam points lost. */
export interface Weakest {
  module: number;
  title: string;
  pointsLost: number;
}

export interface TodayInput {
  today: string;
  examDate: string | null;
  cards: { due: number; fresh: number; learning: number };
  weakest: Weakest | null;
  /** The next held-out form to take, once readiness has enough first answers; null otherwise. */
  heldOutForm: number | null;
  lastMock: { finishedAt: string; daysAgo: number; correct: number; total: number; passed: boolean } | null;
  streak: { days: number; today: boolean };
}

export interface TodayLine {
  key: 'exam' | 'cards' | 'study' | 'mock' | 'streak';
  text: string;
  command: string;
}

export interface TodayView {
  today: string;
  daysToExam: number | null;
  cards: TodayInput['cards'];
  weakest: Weakest | null;
  lastMock: TodayInput['lastMock'];
  streak: TodayInput['streak'];
  lines: TodayLine[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function daysBetweenKeys(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `mrso` alone: today's dashboard, each line with the exact command to run. Pure: the counts are passed in. */
export function buildToday(input: TodayInput): TodayView {
  const daysToExam = input.examDate ? daysBetweenKeys(input.today, input.examDate) : null;
  const lines: TodayLine[] = [];
  if (daysToExam !== null && daysToExam > 0) lines.push({ key: 'exam', text: `Exam in ${plural(daysToExam, 'day')} (${input.examDate})`, command: 'mrso plan' });
  else if (daysToExam === 0) lines.push({ key: 'exam', text: 'Exam today: good luck. No new cards today', command: 'mrso cards' });
  else lines.push({ key: 'exam', text: input.examDate ? `Exam date ${input.examDate} has passed: set the next one` : 'No exam date set', command: 'mrso config set examDate YYYY-MM-DD' });

  const { due, fresh, learning } = input.cards;
  lines.push(
    due + fresh + learning > 0
      ? { key: 'cards', text: `Cards today: ${due} due, ${fresh} new${learning ? `, ${learning} learning` : ''}`, command: 'mrso cards' }
      : { key: 'cards', text: 'Cards: all done for today', command: 'mrso cards --cram' },
  );

  if (input.heldOutForm !== null) lines.push({ key: 'study', text: `Time for held-out form ${input.heldOutForm}: an honest readiness check`, command: `mrso exam --form ${input.heldOutForm}` });
  else if (input.weakest) lines.push({ key: 'study', text: `Study next: module ${input.weakest.module}, ${input.weakest.title} (about ${input.weakest.pointsLost.toFixed(1)} points to gain)`, command: `mrso exam --mode practice --module ${input.weakest.module} --count 20` });
  else lines.push({ key: 'study', text: 'Study next: a first practice quiz', command: 'mrso exam --mode practice --count 20' });

  const m = input.lastMock;
  lines.push(
    m
      ? { key: 'mock', text: `Last mock: ${Math.round((100 * m.correct) / Math.max(1, m.total))}% (${m.correct}/${m.total}), ${m.passed ? 'passed' : 'not passed'}, ${m.daysAgo === 0 ? 'today' : `${plural(m.daysAgo, 'day')} ago`}`, command: m.daysAgo >= 7 ? 'mrso exam' : 'mrso stats' }
      : { key: 'mock', text: 'No mock exam yet', command: 'mrso exam' },
  );
  const s = input.streak;
  lines.push({ key: 'streak', text: s.days === 0 ? 'No streak yet: study today to start one' : `Streak: ${plural(s.days, 'day')}${s.today ? '' : ' (keep it: study today)'}`, command: s.today ? 'mrso stats' : 'mrso cards' });
  return { today: input.today, daysToExam, cards: input.cards, weakest: input.weakest, lastMock: input.lastMock, streak: input.streak, lines };
}

/** Learning days in a row with any study, ending today (or yesterday, when today has none yet). */
export function streakFrom(activeDays: Set<number>, today: number): { days: number; today: boolean } {
  const studiedToday = activeDays.has(today);
  let day = studiedToday ? today : today - 1;
  let days = 0;
  while (activeDays.has(day)) {
    days++;
    day--;
  }
  return { days, today: studiedToday };
}
