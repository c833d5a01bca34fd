package io.waybill.gateway.webhooks.delivering;

import static org.assertj.core.api.Assertions.assertThat;

import io.waybill.gateway.webhooks.WebhooksConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    record Settings(Duration initialDelay, double multiplier, Duration maxDelay, double jitter, Duration giveUpAfter)
            implements WebhooksConfig.Retry {
    }

    static final Settings PRODUCTION = new Settings(Duration.ofSeconds(30), 2.0, Duration.ofHours(1), 0.2,
            Duration.ofHours(25));

    @Test
    void delaysDoubleUpToTheCap() {
        RetrySchedule noJitter = new RetrySchedule(PRODUCTION, () -> 0.0);
        assertThat(noJitter.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(noJitter.delayAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(noJitter.delayAfter(5)).isEqualTo(Duration.ofSeconds(480));
        assertThat(noJitter.delayAfter(8)).isEqualTo(Duration.ofHours(1));
        assertThat(noJitter.delayAfter(40)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void jitterShortensByUpToItsShare() {
        assertThat(new RetrySchedule(PRODUCTION, () -> 1.0).delayAfter(1)).isEqualTo(Duration.ofSeconds(24));
        assertThat(new RetrySchedule(PRODUCTION, () -> 0.5).delayAfter(1)).isEqualTo(Duration.ofSeconds(27));
    }

    @Test
    void theDefaultScheduleKeepsTryingForMoreThanADay() {
        // Parked when the next attempt would fall after give-up-after (25 h); the longest delay is 1 h, so the
        // last attempt happens after at least 24 h of retrying. Here: how many attempts that takes at most.
        RetrySchedule noJitter = new RetrySchedule(PRODUCTION, () -> 0.0);
        Duration elapsed = Duration.ZERO;
        int attempts = 1;
        while (elapsed.plus(noJitter.delayAfter(attempts)).compareTo(PRODUCTION.giveUpAfter()) <= 0) {
            elapsed = elapsed.plus(noJitter.delayAfter(attempts));
            attempts++;
        }
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofHours(24));
        assertThat(attempts).isBetween(25, 40);
    }
}
