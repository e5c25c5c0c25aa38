package org.opsframework.scheduler.dispatch;

import java.util.List;
import java.util.UUID;

/**
 * How the broker answered a batch of publishes.
 *
 * @param confirmed persisted by the broker on a queue: these may become QUEUED
 * @param unroutable no queue is bound for their trigger function: no worker pool serves it yet
 * @param unconfirmed refused by the broker, or not confirmed in time: these stay PENDING
 */
record PublishResult(List<UUID> confirmed, List<UUID> unroutable, List<UUID> unconfirmed) {}
