/** A refusal of the workshop: the HTTP status, the error code and a message that names the field. */
export class WorkshopError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly code: 'BAD_PAYLOAD' | 'NOT_FOUND' | 'DUPLICATE' | 'INVALID_STATE',
    message: string,
  ) {
    super(message);
    this.name = 'WorkshopError';
  }
}
