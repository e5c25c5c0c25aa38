package org.opsframework.scheduler.persistence;

import java.util.EnumSet;
import java.util.Set;

/** Where an operation is in its life; see the README for the transitions. */
public enum OperationStatus {
  PENDING,
  QUEUED,
  PROCESSING,
  WAIT,
  SUCCESS,
  FAILED,
  CANCELLED;

  /** Statuses a user may cancel from. */
  public static final Set<OperationStatus> CANCELLABLE =
      EnumSet.of(PENDING, QUEUED, WAIT, PROCESSING);

  public boolean terminal() {
    return this == SUCCESS || this == FAILED || this == CANCELLED;
  }
}
