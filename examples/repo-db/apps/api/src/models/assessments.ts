// Business rules on assessments: they live in the API, the storage in @repo/db.
import { type DbRecord, DbService } from '@repo/db';

/** How many of a user's assessments are in each status. */
export type AssessmentSummary = Record<DbRecord<'assessments'>['status'], number>;

/**
 * Marks an assessment completed with its score; `undefined` when there is no such assessment.
 * A score that is not a whole number from 0 to 100 is a `RangeError`.
 *
 * @example
 * ```ts
 * await completeAssessment(id, 87);
 * ```
 */
export async function completeAssessment(id: string, score: number): Promise<DbRecord<'assessments'> | undefined> {
  if (!Number.isInteger(score) || score < 0 || score > 100) {
    throw new RangeError('score must be a whole number from 0 to 100');
  }
  return DbService.update('assessments', id, { status: 'completed', score });
}

/**
 * Counts a user's assessments per status.
 *
 * @example
 * ```ts
 * const { completed } = await summarize(userId);
 * ```
 */
export async function summarize(userId: string): Promise<AssessmentSummary> {
  const [draft, inProgress, completed] = await Promise.all(
    (['draft', 'in_progress', 'completed'] as const).map((status) =>
      DbService.count('assessments', { userId, status }),
    ),
  );
  return { draft: draft ?? 0, in_progress: inProgress ?? 0, completed: completed ?? 0 };
}
