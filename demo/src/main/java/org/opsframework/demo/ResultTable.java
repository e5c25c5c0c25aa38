package org.opsframework.demo;

import java.util.ArrayList;
import java.util.List;

/** Formats finished (or unfinished) operations as a plain-text table, one row per operation. */
final class ResultTable {

  private static final String[] HEADER = {
    "FUNCTION", "FILE", "STATUS", "ATTEMPTS", "DURATION", "RESULT"
  };

  /** Columns that hold numbers and line up on the right. */
  private static final boolean[] RIGHT_ALIGNED = {false, false, false, true, true, false};

  private static final String GAP = "  ";

  private ResultTable() {}

  static String render(List<OperationView> operations) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (OperationView op : operations) {
      rows.add(row(op));
    }

    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int column = 0; column < row.length; column++) {
        widths[column] = Math.max(widths[column], row[column].length());
      }
    }

    StringBuilder table = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      appendLine(table, rows.get(i), widths);
      if (i == 0) {
        String[] rule = new String[HEADER.length];
        for (int column = 0; column < rule.length; column++) {
          rule[column] = "-".repeat(widths[column]);
        }
        appendLine(table, rule, widths);
      }
    }
    return table.toString();
  }

  private static String[] row(OperationView op) {
    return new String[] {
      orDash(op.triggerFunction()),
      file(op.sourcePath()),
      orDash(op.status()),
      Integer.toString(op.retryCounter()),
      duration(op),
      ResultSummary.describe(op)
    };
  }

  /** Time from acceptance to the end, for finished operations only. */
  private static String duration(OperationView op) {
    if (!op.isTerminal()) {
      return "-";
    }
    return op.duration().map(duration -> duration.toMillis() + " ms").orElse("-");
  }

  /** The image's path below the input folder, which is how the user named it. */
  static String file(String sourcePath) {
    if (sourcePath == null) {
      return "-";
    }
    String prefix = OperationRequests.INPUT_FOLDER + "/";
    return sourcePath.startsWith(prefix) ? sourcePath.substring(prefix.length()) : sourcePath;
  }

  private static void appendLine(StringBuilder table, String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int column = 0; column < cells.length; column++) {
      if (column > 0) {
        line.append(GAP);
      }
      String padding = " ".repeat(widths[column] - cells[column].length());
      line.append(RIGHT_ALIGNED[column] ? padding + cells[column] : cells[column] + padding);
    }
    table.append(line.toString().stripTrailing()).append('\n');
  }

  private static String orDash(String value) {
    return value == null || value.isEmpty() ? "-" : value;
  }
}
