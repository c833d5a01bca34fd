package io.waybill.tracking.registering;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which carrier a tracking number belongs to, from its format alone. Pure.
 * <ul>
 * <li>UPU S10 ({@code AA} + 8-digit serial + check digit + 2-letter country, e.g. {@code SB12345678 5WB})
 * with a valid mod-11 check digit (weights 8 6 4 2 3 5 9 7; check = 11 − sum mod 11, 10 → 0, 11 → 5):
 * {@code sandbox} when the country part is {@code WB}. Other S10 numbers belong to postal operators
 * Waybill has no plug-in for yet, so they are not detected.</li>
 * <li>Coordinadora guide numbers: exactly 11 digits.</li>
 * </ul>
 * Anything else (including an S10 shape with a wrong check digit) is not detected: the caller names the carrier.
 */
public final class CarrierDetection {

    public static final String SANDBOX = "sandbox";
    public static final String COORDINADORA = "coordinadora";

    private static final Pattern S10 = Pattern.compile("^[A-Z]{2}[0-9]{8}[0-9][A-Z]{2}$");
    private static final Pattern COORDINADORA_GUIDE = Pattern.compile("^[0-9]{11}$");
    private static final int[] WEIGHTS = {8, 6, 4, 2, 3, 5, 9, 7};

    private CarrierDetection() {
    }

    /** The carrier code for {@code trackingNumber}, or empty when its format names none. */
    public static Optional<String> detect(String trackingNumber) {
        if (trackingNumber == null) {
            return Optional.empty();
        }
        String number = normalize(trackingNumber);
        if (isValidS10(number)) {
            return number.endsWith("WB") ? Optional.of(SANDBOX) : Optional.empty();
        }
        if (COORDINADORA_GUIDE.matcher(number).matches()) {
            return Optional.of(COORDINADORA);
        }
        return Optional.empty();
    }

    /** True for an S10 number whose check digit (the 11th character) matches its serial. */
    public static boolean isValidS10(String number) {
        if (number == null || !S10.matcher(number).matches()) {
            return false;
        }
        return number.charAt(10) - '0' == checkDigit(number.substring(2, 10));
    }

    /** The S10 check digit of an 8-digit serial. */
    public static int checkDigit(String serial) {
        if (serial == null || !serial.matches("[0-9]{8}")) {
            throw new IllegalArgumentException("an S10 serial has 8 digits");
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (serial.charAt(i) - '0') * WEIGHTS[i];
        }
        int check = 11 - (sum % 11);
        return check == 10 ? 0 : check == 11 ? 5 : check;
    }

    /** Tracking numbers are compared without surrounding blanks and in upper case. */
    public static String normalize(String trackingNumber) {
        return trackingNumber.strip().toUpperCase(java.util.Locale.ROOT);
    }
}
