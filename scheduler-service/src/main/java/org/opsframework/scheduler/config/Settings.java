package org.opsframework.scheduler.config;

import java.time.Duration;

/** Checks for settings that bean validation cannot express. */
final class Settings {

  private Settings() {}

  /** Refuses a zero or negative duration, naming the property. */
  static Duration positive(String property, Duration value) {
    if (value != null && (value.isZero() || value.isNegative())) {
      throw new IllegalArgumentException(property + " must be positive, got " + value);
    }
    return value;
  }
}
