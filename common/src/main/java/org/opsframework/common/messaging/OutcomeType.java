package org.opsframework.common.messaging;

/** What a worker reports about an attempt. */
public enum OutcomeType {
  /** A worker started the attempt. */
  PROCESSING,
  /** The attempt is still running; refreshes the operation's liveness. */
  TOUCH,
  /** The function returned a result. */
  SUCCESS,
  /** The function failed; {@link ErrorInfo#retryable()} says whether a retry can help. */
  FAILED,
  /**
   * The function asked to wait on something outside (it threw {@code OperationWait}); the reason is
   * in {@link OutcomeMessage#result()} as {@code {"waitReason": "..."}}.
   */
  WAIT
}
