// The evidence rule is shared with objections (lib/evidence.ts).
export { evidenceExtensions, evidenceProblem, MAX_EVIDENCE_BYTES } from '../../lib/evidence';
