package org.opsframework.scheduler.api;

import java.util.List;
import java.util.UUID;
import org.opsframework.scheduler.persistence.Operation;

/**
 * One page of a listing.
 *
 * @param nextCursor pass as {@code after} for the next page; null on the last page
 */
public record OperationPage(List<Operation> items, UUID nextCursor) {}
