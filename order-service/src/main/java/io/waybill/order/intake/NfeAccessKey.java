package io.waybill.order.intake;

/**
 * Brazil's NF-e access key (chave de acesso): 43 digits and a modulo-11 check digit, weights 2..9
 * repeating from the right; a remainder of 0 or 1 gives check digit 0.
 */
public final class NfeAccessKey {

    private NfeAccessKey() {
    }

    public static boolean checkDigitValid(String key) {
        if (key == null || !key.matches("^[0-9]{44}$")) {
            return false;
        }
        return checkDigit(key.substring(0, 43)) == key.charAt(43) - '0';
    }

    public static int checkDigit(String first43) {
        int sum = 0;
        int weight = 2;
        for (int i = first43.length() - 1; i >= 0; i--) {
            sum += (first43.charAt(i) - '0') * weight;
            weight = weight == 9 ? 2 : weight + 1;
        }
        int remainder = sum % 11;
        return remainder < 2 ? 0 : 11 - remainder;
    }
}
