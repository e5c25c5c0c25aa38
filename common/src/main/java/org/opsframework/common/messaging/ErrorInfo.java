package org.opsframework.common.messaging;

import java.time.Instant;

/**
 * Why an attempt failed, as stored in the operation's {@code errorInfo}.
 *
 * @param errorClass the exception class, or a short reason such as {@code expired}
 * @param message what went wrong, for a person
 * @param attempt the attempt that failed
 * @param worker the worker that ran it, when one did
 * @param time when it failed
 * @param retryable whether another attempt can help
 */
public record ErrorInfo(
    String errorClass,
    String message,
    int attempt,
    String worker,
    Instant time,
    boolean retryable) {}
