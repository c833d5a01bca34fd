package io.waybill.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each proxied route class when order- and label-service answer garbage (502), tracking- and returns-service are down (503). */
@QuarkusTest
@TestProfile(BrokenServices.GarbageFirst.class)
class BrokenServicesGarbageFirstTest {

    @ParameterizedTest
    @MethodSource("io.waybill.gateway.BrokenServices#routes")
    void failsQuicklyAsProblemJson(BrokenServices.Route route) {
        BrokenServices.assertFailure(route, route.garbageInFirstProfile());
    }
}
