package org.opsframework.scheduler.config;

import java.time.Duration;

/** Checks for settings that bean validation cannot express. */
final class Settings {

  /**
   * Longest accepted duration. Longer ones would overflow nanosecond arithmetic (at about 292
   * years) or move PostgreSQL timestamps out of range; no schedule needs them.
   */
  static final Duration LONGEST = Duration.ofDays(36_500);

  private Settings() {}

  /** Refuses a zero, negative or absurdly long duration, naming the property. */
  static Duration positive(String property, Duration value) {
    if (value != null && (value.isZero() || value.isNegative())) {
      throw new IllegalArgumentException(property + " must be positive, got " + value);
    }
    return atMostLongest(property, value);
  }

  /** Refuses a duration over {@link #LONGEST}, naming the property. */
  static Duration atMostLongest(String property, Duration value) {
    if (value != null && value.compareTo(LONGEST) > 0) {
      throw new IllegalArgumentException(
          property + " must be at most " + LONGEST.toDays() + " days, got " + value);
    }
    return value;
  }
}
