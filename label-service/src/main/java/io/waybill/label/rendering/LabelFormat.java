package io.waybill.label.rendering;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Wording and number formats shared by the PDF and the ZPL label, so both print the same. */
final class LabelFormat {

    private LabelFormat() {
    }

    /** Weight in kilograms with one decimal, rounded half-up, e.g. 2450 g → "2.5 kg". */
    static String weight(int grams) {
        return BigDecimal.valueOf(grams).movePointLeft(3).setScale(1, RoundingMode.HALF_UP).toPlainString() + " kg";
    }

    static String parcel(LabelData data) {
        return "Parcel " + data.parcelNumber() + " of " + data.parcelCount();
    }

    static String date(LabelData data) {
        return DateTimeFormatter.ISO_LOCAL_DATE.format(data.shipDate());
    }

    /** "28001 Madrid" or just "Madrid" when there is no postal code. */
    static String postalCity(LabelData.Party party) {
        String postal = party.postalCode().strip();
        return postal.isEmpty() ? party.city().strip() : postal + " " + party.city().strip();
    }

    /** "SPAIN (ES)", or just "ES" for a code the JDK has no English name for. */
    static String countryName(String iso2) {
        String name = Locale.of("", iso2).getDisplayCountry(Locale.ENGLISH);
        if (name.isBlank() || name.equalsIgnoreCase(iso2)) {
            return iso2;
        }
        return name.toUpperCase(Locale.ROOT) + " (" + iso2 + ")";
    }

    /**
     * Address lines limited to {@code max} lines: any lines past the limit are joined onto the
     * last one with ", " so nothing is silently dropped (the renderer then fits or truncates it).
     */
    static List<String> addressLines(LabelData.Party party, int max) {
        List<String> lines = new ArrayList<>();
        for (String line : party.addressLines()) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        if (lines.size() <= max) {
            return lines;
        }
        List<String> result = new ArrayList<>(lines.subList(0, max - 1));
        result.add(String.join(", ", lines.subList(max - 1, lines.size())));
        return result;
    }

    /** Control characters and unusual spaces become one plain space; runs of spaces collapse. */
    static String singleLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        boolean lastSpace = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            boolean space = Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp);
            if (space) {
                if (!lastSpace) {
                    sb.append(' ');
                }
            } else {
                sb.appendCodePoint(cp);
            }
            lastSpace = space;
        }
        return sb.toString().strip();
    }
}
