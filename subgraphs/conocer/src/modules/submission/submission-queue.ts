/** The consumer group (a durable queue on RabbitMQ) the submission worker reads; dead letters live beside it. */
export const SUBMISSION_GROUP = 'conocer.certification-submissions';
