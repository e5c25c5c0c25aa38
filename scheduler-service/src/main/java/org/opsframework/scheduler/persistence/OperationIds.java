package org.opsframework.scheduler.persistence;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Makes time-ordered UUIDs (version 7, RFC 9562): 48 bits of Unix milliseconds, then random bits.
 * New rows land at the right edge of the primary-key index, which keeps it compact, and ids sort by
 * creation time, which keyset pagination relies on.
 */
@Component
public class OperationIds {

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public OperationIds(Clock clock) {
    this.clock = clock;
  }

  public UUID next() {
    long millis = clock.millis();
    long randA = random.nextInt(1 << 12);
    long msb = (millis << 16) | (0x7L << 12) | randA;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}
