package org.opsframework.common;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The code an operation runs. Implement it as a Spring bean in a worker service; the worker pool
 * that lists its {@link #name()} consumes the operations that name it.
 *
 * <p>A function may run more than once for the same operation (at-least-once execution): a worker
 * can crash after the work is done but before the outcome is recorded. Make side effects
 * idempotent, for example by writing to a temporary file and moving it into place, or fence them
 * with {@link OperationContext#attempt()}.
 */
public interface TriggerFunction {

  /** The name operations use in {@code triggerFunction}; unique across all pools. */
  String name();

  /**
   * Runs the operation.
   *
   * @param context the operation id, attempt, deadline, storage root and progress callback
   * @param inputs the operation's JSON inputs, already validated as a JSON object
   * @return the JSON result stored on the operation
   * @throws OperationFailure to say whether a retry can help; any other exception is retried while
   *     the operation has attempts left
   * @throws OperationWait to park the operation in WAIT until a callback completes it, or until the
   *     wait interval passes and it runs again
   */
  JsonNode run(OperationContext context, ObjectNode inputs) throws Exception;
}
