package io.waybill.contracts;

import java.util.List;

/** Events are values: their lists must not change behind a consumer's back. */
final class Immutable {

    private Immutable() {
    }

    /**
     * An unmodifiable copy; {@code null} becomes an empty list so a consumer reading an older or
     * sparser message gets "nothing" rather than a {@code NullPointerException} later on.
     */
    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
