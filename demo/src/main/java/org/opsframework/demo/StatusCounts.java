package org.opsframework.demo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How many operations are in each status, in lifecycle order. */
final class StatusCounts {

  /** Statuses in the order an operation passes through them. */
  static final List<String> ORDER =
      List.of("PENDING", "QUEUED", "PROCESSING", "WAIT", "SUCCESS", "FAILED", "CANCELLED");

  private final Map<String, Integer> counts;
  private final int total;

  private StatusCounts(Map<String, Integer> counts, int total) {
    this.counts = counts;
    this.total = total;
  }

  static StatusCounts of(Collection<OperationView> operations) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    ORDER.forEach(status -> counts.put(status, 0));
    for (OperationView op : operations) {
      String status = op.status() == null ? "UNKNOWN" : op.status();
      counts.merge(status, 1, Integer::sum);
    }
    return new StatusCounts(counts, operations.size());
  }

  int count(String status) {
    return counts.getOrDefault(status, 0);
  }

  int total() {
    return total;
  }

  /** Non-zero counts, for example {@code QUEUED 20, SUCCESS 52}. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    counts.forEach(
        (status, count) -> {
          if (count > 0) {
            parts.add(status + " " + count);
          }
        });
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StatusCounts that && counts.equals(that.counts);
  }

  @Override
  public int hashCode() {
    return counts.hashCode();
  }
}
