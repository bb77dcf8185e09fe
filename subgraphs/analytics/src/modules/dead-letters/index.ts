export { type DeadLetterStage, DeadLetterEntity } from './dead-letter.entity';
export { type DeadLetterPayload, type RefusedEvent, resolveDeadLetters, writeDeadLetters } from './dead-letter.writer';
export { DeadLetterResolver } from './dead-letter.resolver';
export { DeadLetterService, type LetterReplayer, MAX_REPLAY, type ReplayedLetter } from './dead-letter.service';
export { DeadLetter, DeadLetterConnection } from './dead-letter.type';
