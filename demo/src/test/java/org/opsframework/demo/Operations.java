package org.opsframework.demo;

import tools.jackson.databind.json.JsonMapper;

/** Test data: operations as the scheduler's REST API returns them. */
final class Operations {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private Operations() {}

  /** An operation of {@code function} on {@code input/<file>}, with the given extra fields. */
  static OperationView op(String function, String file, String status, String extraFields) {
    String text =
        """
        {"id":"0190a1b2-0000-7000-8000-000000000001","triggerFunction":"%s",
         "inputs":{"sourcePath":"input/%s"},"status":"%s","priority":0,"retryCounter":1,
         "maxRetries":3,"created":"2025-12-04T15:30:00.000Z","updated":"2025-12-04T15:30:01.250Z"
         %s}
        """
            .formatted(function, file, status, extraFields.isEmpty() ? "" : "," + extraFields);
    return OperationView.from(JSON.readTree(text));
  }
}
