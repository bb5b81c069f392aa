import type { VerificationQueueQuery } from '../../gql/graphql';

export type QueueScore = VerificationQueueQuery['verificationQueue'][number];

/** A queue score with the names it refers to. */
export interface QueueRow extends QueueScore {
  taskNumber: number;
  taskText: string;
  maxPoints: string | null;
  evaluateeName: string;
  evaluateeSort: number;
}
