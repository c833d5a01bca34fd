package io.waybill.tracking.registering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CarrierDetectionTest {

    @Test
    void checkDigitFollowsTheUpuRule() {
        // 4*8 + 7*6 + 3*4 + 9*2 + 6*3 + 0*5 + 1*9 + 0*7 = 131; 131 mod 11 = 10; 11 - 10 = 1
        assertThat(CarrierDetection.checkDigit("47396010")).isEqualTo(1);
        // sum 0 -> 11 - 0 = 11 -> 5
        assertThat(CarrierDetection.checkDigit("00000000")).isEqualTo(5);
        // 1*8 = 8 -> 11 - 8 = 3
        assertThat(CarrierDetection.checkDigit("10000000")).isEqualTo(3);
        // 0*8 + 0*6 + 0*4 + 0*2 + 0*3 + 0*5 + 0*9 + 1*7 = 7 -> 4
        assertThat(CarrierDetection.checkDigit("00000001")).isEqualTo(4);
        // 3*4 = 12, 12 mod 11 = 1 -> 10 -> 0
        assertThat(CarrierDetection.checkDigit("00300000")).isEqualTo(0);
        // 6*6 = 36, 36 mod 11 = 3 -> 8
        assertThat(CarrierDetection.checkDigit("06000000")).isEqualTo(8);
    }

    @Test
    void aValidS10EndingInWbIsTheSandbox() {
        assertThat(CarrierDetection.isValidS10("RR473960101WB")).isTrue();
        assertThat(CarrierDetection.detect("RR473960101WB")).contains("sandbox");
        assertThat(CarrierDetection.detect(" sb000000005wb ")).contains("sandbox");
    }

    @Test
    void aWrongCheckDigitIsNotDetected() {
        assertThat(CarrierDetection.isValidS10("RR473960102WB")).isFalse();
        assertThat(CarrierDetection.detect("RR473960102WB")).isEmpty();
        assertThat(CarrierDetection.detect("SB000000000WB")).isEmpty();
    }

    @Test
    void aValidS10OfAnotherOperatorIsNotDetected() {
        assertThat(CarrierDetection.isValidS10("RR473960101ES")).isTrue();
        assertThat(CarrierDetection.detect("RR473960101ES")).isEmpty();
    }

    @Test
    void elevenDigitsAreCoordinadora() {
        assertThat(CarrierDetection.detect("12345678901")).contains("coordinadora");
        assertThat(CarrierDetection.detect("1234567890")).isEmpty();
        assertThat(CarrierDetection.detect("123456789012")).isEmpty();
    }

    @Test
    void otherShapesAreNotDetected() {
        assertThat(CarrierDetection.detect(null)).isEmpty();
        assertThat(CarrierDetection.detect("")).isEmpty();
        assertThat(CarrierDetection.detect("1Z999AA10123456784")).isEmpty();
        assertThatThrownBy(() -> CarrierDetection.checkDigit("123")).isInstanceOf(IllegalArgumentException.class);
    }
}
