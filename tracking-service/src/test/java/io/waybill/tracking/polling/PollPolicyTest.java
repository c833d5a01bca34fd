package io.waybill.tracking.polling;

import static org.assertj.core.api.Assertions.assertThat;

import io.waybill.contracts.TrackingStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollPolicyTest {

    final PollPolicy policy = PollPolicy.DEFAULT;

    @Test
    void intervalsFollowTheStatus() {
        assertThat(policy.afterPoll(null, false).delay()).isEqualTo(Duration.ofHours(6));
        assertThat(policy.afterPoll(TrackingStatus.INFO_RECEIVED, false).delay()).isEqualTo(Duration.ofHours(6));
        assertThat(policy.afterPoll(TrackingStatus.IN_TRANSIT, false).delay()).isEqualTo(Duration.ofHours(1));
        assertThat(policy.afterPoll(TrackingStatus.DELIVERY_FAILED, false).delay()).isEqualTo(Duration.ofHours(1));
        assertThat(policy.afterPoll(TrackingStatus.OUT_FOR_DELIVERY, false).delay()).isEqualTo(Duration.ofMinutes(30));
        assertThat(policy.afterPoll(TrackingStatus.CUSTOMS, false).delay()).isEqualTo(Duration.ofHours(1));
        // expired: the carrier stopped reporting, but a return may follow: slow polling, never stopped
        assertThat(policy.afterPoll(TrackingStatus.EXPIRED, true).delay()).isEqualTo(Duration.ofHours(6));
        assertThat(policy.afterPoll(TrackingStatus.EXPIRED, true).stop()).isFalse();
    }

    @Test
    void aFinalStatusGetsOneConfirmingPollThenStops() {
        PollPolicy.Next first = policy.afterPoll(TrackingStatus.DELIVERED, false);
        assertThat(first.stop()).isFalse();
        assertThat(first.finalSeen()).isTrue();
        assertThat(policy.afterPoll(TrackingStatus.DELIVERED, true).stop()).isTrue();
        assertThat(policy.afterPoll(TrackingStatus.RETURNED, true).stop()).isTrue();
        // the confirming poll found it moved on (a regression): back to regular polling
        PollPolicy.Next moved = policy.afterPoll(TrackingStatus.RETURNING, true);
        assertThat(moved.stop()).isFalse();
        assertThat(moved.finalSeen()).isFalse();
    }

    @Test
    void backOffDoublesUpToTheCap() {
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(policy.backoff(5)).isEqualTo(Duration.ofMinutes(16));
        assertThat(policy.backoff(20)).isEqualTo(Duration.ofHours(6));
        assertThat(policy.backoff(1000)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void jitterStaysWithinItsFraction() {
        assertThat(policy.jittered(Duration.ofHours(1), 0.0)).isEqualTo(Duration.ofMinutes(54));
        assertThat(policy.jittered(Duration.ofHours(1), 0.5)).isEqualTo(Duration.ofHours(1));
        assertThat(policy.jittered(Duration.ofHours(1), 0.999999)).isBetween(Duration.ofMinutes(65), Duration.ofMinutes(66));
    }
}
