package org.opsframework.common.messaging;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * An operation on its way from the scheduler to a worker.
 *
 * @param operationId the operation's id
 * @param attempt the attempt this delivery belongs to; outcomes carry it back for fencing
 * @param triggerFunction the function to run, also the routing key
 * @param inputs the operation's JSON inputs
 * @param deadline when the worker stops waiting for the function and reports a timeout
 * @param traceparent a W3C trace context for the attempt
 */
public record OperationMessage(
    UUID operationId,
    int attempt,
    String triggerFunction,
    ObjectNode inputs,
    Instant deadline,
    String traceparent) {}
