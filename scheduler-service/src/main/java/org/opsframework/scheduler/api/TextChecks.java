package org.opsframework.scheduler.api;

import org.springframework.http.HttpStatus;

/** Checks on client text that PostgreSQL would refuse or silently change. */
final class TextChecks {

  private TextChecks() {}

  /** Whether the text holds a UTF-16 surrogate without its pair (not encodable as UTF-8). */
  static boolean hasLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return true;
      }
      if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  static ApiProblem loneSurrogate(String where) {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "invalid-unicode",
        "Invalid Unicode in request",
        where + " contains an unpaired UTF-16 surrogate, which is not valid Unicode text");
  }

  /** Refuses a query parameter that would fail or be mangled in SQL. */
  static void checkParameter(String name, String value) {
    if (value == null) {
      return;
    }
    if (value.indexOf('\0') >= 0) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "nul-character",
          "NUL character in request",
          "parameter '" + name + "' contains a NUL character");
    }
    if (hasLoneSurrogate(value)) {
      throw loneSurrogate("parameter '" + name + "'");
    }
  }
}
