package org.opsframework.scheduler.api;

import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * The body of a callback that completes a WAIT operation: exactly one of {@code result} (it ends
 * SUCCESS with that result) or {@code error} (it ends FAILED, without a retry).
 *
 * @param result the operation's result, a JSON object
 * @param error why the awaited work failed
 */
public record CallbackRequest(JsonNode result, CallbackError error) {

  static final int MAX_MESSAGE_LENGTH = 4000;
  static final int MAX_ERROR_CLASS_LENGTH = 200;
  static final String DEFAULT_ERROR_CLASS = "CallbackError";

  /**
   * A failure reported by a callback.
   *
   * @param message what went wrong, for a person (required)
   * @param errorClass a short, stable kind of failure; default {@code CallbackError}
   */
  public record CallbackError(String message, String errorClass) {}

  /** Whether the callback carries a result (else it carries an error); a JSON null is absent. */
  boolean succeeded() {
    return result != null && !result.isNull();
  }

  /** The error class to store: the one given, or the default. */
  String errorClass() {
    return error.errorClass() == null ? DEFAULT_ERROR_CLASS : error.errorClass();
  }

  /**
   * Refuses a body that cannot be stored as it is: neither or both of result and error, a result
   * that is not a JSON object, a missing or oversized message, or a NUL character anywhere
   * (PostgreSQL cannot store one in text or jsonb).
   *
   * @throws ApiProblem a 400 that says what is wrong
   */
  void check() {
    boolean hasResult = succeeded();
    boolean hasError = error != null;
    if (hasResult == hasError) {
      throw ApiProblem.badRequest(
          hasResult
              ? "give either result or error, not both"
              : "give either result (a JSON object) or error ({\"message\": ...})");
    }
    if (hasResult) {
      if (!result.isObject()) {
        throw ApiProblem.badRequest(
            "result must be a JSON object, got " + result.getNodeType().name().toLowerCase());
      }
      String nulAt = firstNul(result, "result");
      if (nulAt != null) {
        throw nul(nulAt);
      }
      return;
    }
    if (error.message() == null || error.message().isBlank()) {
      throw ApiProblem.badRequest("error.message is required");
    }
    if (error.message().indexOf('\0') >= 0) {
      throw nul("error.message");
    }
    if (error.message().length() > MAX_MESSAGE_LENGTH) {
      throw ApiProblem.badRequest(
          "error.message must be at most " + MAX_MESSAGE_LENGTH + " characters");
    }
    String errorClass = error.errorClass();
    if (errorClass != null) {
      if (errorClass.indexOf('\0') >= 0) {
        throw nul("error.errorClass");
      }
      if (errorClass.isBlank() || errorClass.length() > MAX_ERROR_CLASS_LENGTH) {
        throw ApiProblem.badRequest(
            "error.errorClass must be 1 to " + MAX_ERROR_CLASS_LENGTH + " characters when given");
      }
    }
  }

  /** Where the first NUL character in a key or string of {@code node} is, or null. */
  private static String firstNul(JsonNode node, String where) {
    if (node.isString()) {
      return node.asString().indexOf('\0') >= 0 ? where : null;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String found = firstNul(node.get(i), where + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String name = printable(field.getKey());
        String found =
            field.getKey().indexOf('\0') >= 0
                ? where + "." + name + " (field name)"
                : firstNul(field.getValue(), where + "." + name);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** A client's field name fit for a message: NULs shown, length capped. */
  private static String printable(String text) {
    String clean = text.replace("\0", "\\u0000");
    return clean.length() > 100 ? clean.substring(0, 100) + "…" : clean;
  }

  private static ApiProblem nul(String where) {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "nul-character",
        "NUL character in request",
        where + " contains a NUL character (\\u0000), which cannot be stored");
  }
}
