package org.opsframework.common.messaging;

import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * An operation on its way from the scheduler to a worker.
 *
 * @param operationId the operation's id
 * @param attempt the attempt this delivery belongs to; outcomes carry it back for fencing
 * @param triggerFunction the function to run, also the routing key
 * @param inputs the operation's JSON inputs
 * @param timeoutMillis how long the attempt may run once a worker starts it; the worker turns it
 *     into the attempt's deadline. A deadline fixed at publish time would count the wait in the
 *     queue against the run, and a backlog would time out operations that never started.
 * @param traceparent a W3C trace context for the attempt
 */
public record OperationMessage(
    UUID operationId,
    int attempt,
    String triggerFunction,
    ObjectNode inputs,
    long timeoutMillis,
    String traceparent) {}
