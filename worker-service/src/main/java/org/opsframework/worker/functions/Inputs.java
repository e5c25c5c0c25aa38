package org.opsframework.worker.functions;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.opsframework.common.OperationFailure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a function's inputs, failing permanently with a message that names the input and shows the
 * value received. A JSON {@code null} counts as absent.
 */
final class Inputs {

  private final ObjectNode values;

  Inputs(ObjectNode values) {
    this.values = values;
  }

  /** A string that must be present and not blank. */
  String requiredString(String name) {
    JsonNode value =
        present(name).orElseThrow(() -> invalid("input '" + name + "' is required", null));
    return string(name, value);
  }

  /** A string that may be absent, but not blank when present. */
  Optional<String> optionalString(String name) {
    return present(name).map(value -> string(name, value));
  }

  /** An integer in {@code [min, max]}, or {@code defaultValue} when absent. */
  int integer(String name, int defaultValue, int min, int max) {
    return optionalInteger(name, min, max).orElse(defaultValue);
  }

  /** An integer in {@code [min, max]} that may be absent. */
  OptionalInt optionalInteger(String name, int min, int max) {
    Optional<JsonNode> value = present(name);
    if (value.isEmpty()) {
      return OptionalInt.empty();
    }
    JsonNode node = value.get();
    if (!node.isIntegralNumber()
        || !node.canConvertToInt()
        || node.intValue() < min
        || node.intValue() > max) {
      throw invalid("input '" + name + "' must be an integer between " + min + " and " + max, node);
    }
    return OptionalInt.of(node.intValue());
  }

  /** A number in {@code [min, max]}, or {@code defaultValue} when absent. */
  double number(String name, double defaultValue, double min, double max) {
    Optional<JsonNode> value = present(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    JsonNode node = value.get();
    if (!node.isNumber() || node.doubleValue() < min || node.doubleValue() > max) {
      throw invalid("input '" + name + "' must be a number between " + min + " and " + max, node);
    }
    return node.doubleValue();
  }

  /** One of {@code allowed} (compared exactly), or {@code defaultValue} when absent. */
  String oneOf(String name, String defaultValue, List<String> allowed) {
    Optional<JsonNode> value = present(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    JsonNode node = value.get();
    if (!node.isString() || !allowed.contains(node.stringValue())) {
      throw invalid("input '" + name + "' must be one of " + String.join(", ", allowed), node);
    }
    return node.stringValue();
  }

  private Optional<JsonNode> present(String name) {
    JsonNode value = values.get(name);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  private static String string(String name, JsonNode value) {
    if (!value.isString() || value.stringValue().isBlank()) {
      throw invalid("input '" + name + "' must be a non-empty string", value);
    }
    return value.stringValue();
  }

  private static OperationFailure invalid(String problem, JsonNode received) {
    return OperationFailure.permanent(received == null ? problem : problem + ", got " + received);
  }
}
