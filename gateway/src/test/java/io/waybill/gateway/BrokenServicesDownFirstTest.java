package io.waybill.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each proxied route class when order- and label-service are down (503), tracking- and returns-service answer garbage (502). */
@QuarkusTest
@TestProfile(BrokenServices.DownFirst.class)
class BrokenServicesDownFirstTest {

    @ParameterizedTest
    @MethodSource("io.waybill.gateway.BrokenServices#routes")
    void failsQuicklyAsProblemJson(BrokenServices.Route route) {
        BrokenServices.assertFailure(route, !route.garbageInFirstProfile());
    }
}
