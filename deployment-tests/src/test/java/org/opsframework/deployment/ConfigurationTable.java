package org.opsframework.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * The configuration table of the README: the one table in its "Configuration" section whose header
 * is {@link #HEADER}. Property, variable and Helm value cells are code spans.
 */
final class ConfigurationTable {

  static final String HEADER =
      "| Spring property | Environment variable | Helm value | Default | Meaning |";

  /** One setting: a row of the table. {@code helmValue} of a pool field is {@code pools[].x}. */
  record Row(
      String property, String variable, String helmValue, String defaultText, String meaning) {

    static final String POOL_PREFIX = "pools[].";

    boolean isPoolField() {
      return helmValue.startsWith(POOL_PREFIX);
    }

    String poolField() {
      return helmValue.substring(POOL_PREFIX.length());
    }

    /** The default cell's leading code span, or null when it is prose ("empty", "none"). */
    String defaultValue() {
      if (!defaultText.startsWith("`")) {
        return null;
      }
      return defaultText.substring(1, defaultText.indexOf('`', 1));
    }
  }

  private ConfigurationTable() {}

  static List<Row> read(String markdown) {
    List<String> section = section(markdown, "## Configuration");
    int header = section.indexOf(HEADER);
    assertThat(header)
        .as("the Configuration section has a table with the header %s", HEADER)
        .isNotNegative();
    List<Row> rows = new ArrayList<>();
    for (String line : section.subList(header + 2, section.size())) {
      if (!line.startsWith("|")) {
        break;
      }
      rows.add(row(line));
    }
    assertThat(rows).as("rows of the configuration table").isNotEmpty();
    return rows;
  }

  private static List<String> section(String markdown, String heading) {
    List<String> lines = markdown.lines().map(String::strip).toList();
    int start = lines.indexOf(heading);
    assertThat(start).as("the README has a section %s", heading).isNotNegative();
    int end = start + 1;
    while (end < lines.size() && !lines.get(end).startsWith("## ")) {
      end++;
    }
    return lines.subList(start + 1, end);
  }

  private static Row row(String line) {
    List<String> cells = cells(line);
    assertThat(cells).as("cells of %s", line).hasSize(5);
    return new Row(
        code(cells.get(0), line),
        code(cells.get(1), line),
        code(cells.get(2), line),
        cells.get(3),
        cells.get(4));
  }

  /** Splits a table row on the pipes that are not escaped. */
  private static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    for (int i = 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '|') {
        cell.append('|');
        i++;
      } else if (c == '|') {
        cells.add(cell.toString().strip());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    return cells;
  }

  private static String code(String cell, String line) {
    assertThat(cell).as("a code span in %s", line).matches("`[^`]+`");
    return cell.substring(1, cell.length() - 1);
  }
}
