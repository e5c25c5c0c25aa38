package org.opsframework.scheduler.api;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opsframework.common.StoragePaths;
import org.opsframework.scheduler.config.SchedulerProperties;
import org.opsframework.scheduler.persistence.NewOperation;
import org.opsframework.scheduler.persistence.OperationIds;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a submit before anything is stored: a known trigger function, inputs that are a JSON
 * object within the size limit, no NUL character anywhere, storage paths that stay under the root,
 * and numbers in range. Every problem of a request is reported, not only the first.
 */
@Component
class SubmissionValidator {

  static final int MIN_PRIORITY = -100;
  static final int MAX_PRIORITY = 100;
  static final int MAX_RETRIES = 100;
  static final long MAX_DELAY_MILLIS = Duration.ofDays(366).toMillis();
  static final int MAX_TEXT_LENGTH = 200;
  static final String DEFAULT_OWNER = "api";

  private final Set<String> triggerFunctions;
  private final SchedulerProperties.Api api;
  private final OperationIds ids;
  private final JsonMapper json;
  private final Clock clock;

  SubmissionValidator(
      SchedulerProperties properties, OperationIds ids, JsonMapper json, Clock clock) {
    this.triggerFunctions = Set.copyOf(properties.triggerFunctions());
    this.api = properties.api();
    this.ids = ids;
    this.json = json;
    this.clock = clock;
  }

  /** Validates one submit; {@code at} prefixes field names (for example {@code operations[3].}). */
  NewOperation validate(SubmitRequest request, String at) {
    List<ApiProblem> problems = new ArrayList<>();
    NewOperation op = check(request, at, problems);
    if (!problems.isEmpty()) {
      throw combine(problems);
    }
    return op;
  }

  /** Validates a whole batch; refuses all of it when any operation is refused. */
  List<NewOperation> validateBatch(BatchRequest batch) {
    if (batch == null || batch.operations() == null || batch.operations().isEmpty()) {
      throw ApiProblem.badRequest("operations must be a non-empty array");
    }
    if (batch.operations().size() > api.maxBatchSize()) {
      throw new ApiProblem(
          HttpStatus.CONTENT_TOO_LARGE,
          "batch-too-large",
          "Batch too large",
          "a batch holds at most "
              + api.maxBatchSize()
              + " operations, got "
              + batch.operations().size());
    }
    List<ApiProblem> problems = new ArrayList<>();
    List<NewOperation> ops = new ArrayList<>();
    for (int i = 0; i < batch.operations().size(); i++) {
      ops.add(check(batch.operations().get(i), "operations[" + i + "].", problems));
    }
    if (!problems.isEmpty()) {
      throw combine(problems);
    }
    return ops;
  }

  private NewOperation check(SubmitRequest request, String at, List<ApiProblem> problems) {
    if (request == null) {
      problems.add(ApiProblem.badRequest(at + " must be an object, got null"));
      return null;
    }
    checkTriggerFunction(request.triggerFunction(), at, problems);
    ObjectNode inputs = checkInputs(request.inputs(), at, problems);
    int priority =
        checkRange(request.priority(), 0, MIN_PRIORITY, MAX_PRIORITY, at + "priority", problems);
    int maxRetries =
        checkRange(
            request.maxRetries(),
            api.defaultMaxRetries(),
            1,
            MAX_RETRIES,
            at + "maxRetries",
            problems);
    String owner = checkText(request.owner(), at + "owner", problems);
    String key = checkText(request.idempotencyKey(), at + "idempotencyKey", problems);
    Duration delay = checkDelay(request, at, problems);
    return new NewOperation(
        ids.next(),
        request.triggerFunction(),
        inputs,
        priority,
        maxRetries,
        delay,
        owner == null ? DEFAULT_OWNER : owner,
        key);
  }

  private void checkTriggerFunction(String name, String at, List<ApiProblem> problems) {
    if (name == null || name.isBlank()) {
      problems.add(ApiProblem.badRequest(at + "triggerFunction is required"));
    } else if (!triggerFunctions.contains(name)) {
      problems.add(
          new ApiProblem(
              HttpStatus.BAD_REQUEST,
              "unknown-trigger-function",
              "Unknown trigger function",
              at
                  + "triggerFunction '"
                  + printable(name)
                  + "' is not served by any worker pool; known: "
                  + triggerFunctions.stream().sorted().toList()));
    }
  }

  private ObjectNode checkInputs(JsonNode inputs, String at, List<ApiProblem> problems) {
    if (inputs == null || !inputs.isObject()) {
      String got = inputs == null ? "nothing" : inputs.getNodeType().name().toLowerCase();
      problems.add(
          new ApiProblem(
              HttpStatus.BAD_REQUEST,
              "inputs-not-object",
              "Inputs must be a JSON object",
              at + "inputs must be a JSON object, got " + got));
      return null;
    }
    int size = json.writeValueAsString(inputs).getBytes(StandardCharsets.UTF_8).length;
    if (size > api.maxInputSize().toBytes()) {
      problems.add(
          new ApiProblem(
              HttpStatus.CONTENT_TOO_LARGE,
              "inputs-too-large",
              "Inputs too large",
              at
                  + "inputs are "
                  + size
                  + " bytes as JSON; the limit is "
                  + api.maxInputSize().toBytes()
                  + " bytes"));
      return null;
    }
    checkTree(inputs, at + "inputs", problems);
    return (ObjectNode) inputs;
  }

  /** Walks the inputs: no NUL in any key or string, and path fields that stay under the root. */
  private void checkTree(JsonNode node, String where, List<ApiProblem> problems) {
    if (node.isString() && node.asString().indexOf('\0') >= 0) {
      problems.add(nul(where));
    } else if (node.isString() && TextChecks.hasLoneSurrogate(node.asString())) {
      problems.add(TextChecks.loneSurrogate(where));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkTree(node.get(i), where + "[" + i + "]", problems);
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String name = field.getKey();
        String child = where + "." + printable(name);
        if (name.indexOf('\0') >= 0) {
          problems.add(nul(child + " (field name)"));
          continue;
        }
        if (TextChecks.hasLoneSurrogate(name)) {
          problems.add(TextChecks.loneSurrogate(child + " (field name)"));
          continue;
        }
        if (StoragePaths.isPathField(name)) {
          checkPath(field.getValue(), child, problems);
        }
        checkTree(field.getValue(), child, problems);
      }
    }
  }

  private static void checkPath(JsonNode value, String where, List<ApiProblem> problems) {
    if (!value.isString()) {
      problems.add(ApiProblem.badRequest(where + " holds a storage path and must be a string"));
      return;
    }
    String path = value.asString();
    if (path.indexOf('\0') >= 0) {
      return; // reported as a NUL character by checkTree
    }
    StoragePaths.problem(path)
        .ifPresent(
            why ->
                problems.add(
                    new ApiProblem(
                        HttpStatus.BAD_REQUEST,
                        "path-outside-storage-root",
                        "Path outside the storage root",
                        where + " '" + printable(path) + "' " + why)));
  }

  private static int checkRange(
      Integer value, int fallback, int min, int max, String name, List<ApiProblem> problems) {
    if (value == null) {
      return fallback;
    }
    if (value < min || value > max) {
      problems.add(
          ApiProblem.badRequest(
              name + " must be between " + min + " and " + max + ", got " + value));
    }
    return value;
  }

  private static String checkText(String value, String name, List<ApiProblem> problems) {
    if (value == null) {
      return null;
    }
    if (value.indexOf('\0') >= 0) {
      problems.add(nul(name));
    } else if (TextChecks.hasLoneSurrogate(value)) {
      problems.add(TextChecks.loneSurrogate(name));
    } else if (value.isBlank() || value.length() > MAX_TEXT_LENGTH) {
      problems.add(
          ApiProblem.badRequest(
              name + " must be 1 to " + MAX_TEXT_LENGTH + " characters when given"));
    }
    return value;
  }

  private Duration checkDelay(SubmitRequest request, String at, List<ApiProblem> problems) {
    if (request.runAt() != null && request.delayMillis() != null) {
      problems.add(ApiProblem.badRequest(at + "give runAt or delayMillis, not both"));
      return Duration.ZERO;
    }
    Duration delay = Duration.ZERO;
    if (request.delayMillis() != null) {
      delay = Duration.ofMillis(request.delayMillis());
    } else if (request.runAt() != null) {
      // Seconds, not millis: an extreme runAt would overflow a long of milliseconds.
      delay = Duration.between(clock.instant(), request.runAt());
      delay = delay.isNegative() ? Duration.ZERO : delay;
    }
    if (delay.isNegative() || delay.getSeconds() > MAX_DELAY_MILLIS / 1000) {
      problems.add(
          ApiProblem.badRequest(
              at
                  + (request.runAt() != null ? "runAt" : "delayMillis")
                  + " must make the operation due within 366 days and not in the past by"
                  + " delay, got "
                  + (request.runAt() != null ? request.runAt() : request.delayMillis() + " ms")));
      return Duration.ZERO;
    }
    return delay;
  }

  private static ApiProblem nul(String where) {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "nul-character",
        "NUL character in request",
        where + " contains a NUL character (\\u0000), which cannot be stored");
  }

  /** Shows a client's text in a message without NULs or runaway length. */
  private static String printable(String text) {
    String clean = text.replace("\0", "\\u0000");
    return clean.length() > 100 ? clean.substring(0, 100) + "…" : clean;
  }

  /** One problem stays as it is; several become one 400 (or 413) listing them all. */
  private static ApiProblem combine(List<ApiProblem> problems) {
    if (problems.size() == 1) {
      return problems.get(0);
    }
    boolean tooLarge = problems.stream().allMatch(p -> p.status() == HttpStatus.CONTENT_TOO_LARGE);
    return new ApiProblem(
        tooLarge ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST,
        "invalid-operations",
        "Invalid operations",
        problems.size() + " problems; see errors",
        problems.stream().map(ApiProblem::getMessage).toList());
  }
}
