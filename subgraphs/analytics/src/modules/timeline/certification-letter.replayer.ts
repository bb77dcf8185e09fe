import type { LetterReplayer } from '../dead-letters';
import type { CertificationMilestoneRecorder } from './certification-milestone.recorder';

/** `replayDeadLetters` for letters of kind `certification`: each goes to the recorder again, one at a time, as it first came. */
export function certificationLetterReplayer(recorder: CertificationMilestoneRecorder): LetterReplayer {
  return {
    async replay(letters) {
      const results = [];
      for (const letter of letters) {
        const result = await recorder.record({ tenantId: letter.tenantId, data: letter.data, busEventId: letter.busEventId, receivedAt: letter.receivedAt, replayOf: letter.id });
        if (result.status === 'stored') results.push({ status: 'stored' as const, event: { id: result.id } });
        else if (result.status === 'duplicate') results.push({ status: 'duplicate' as const, eventId: result.id });
        else results.push(result);
      }
      return results;
    },
  };
}
