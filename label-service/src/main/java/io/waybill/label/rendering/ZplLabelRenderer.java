package io.waybill.label.rendering;

import java.util.Objects;

/**
 * Renders a 4×6 in shipping label as ZPL II for a 203 dpi printer (812 × 1218 dots).
 *
 * <p>The label is declared UTF-8 ({@code ^CI28}) but the returned string is plain ASCII. Every
 * text field carries {@code ^FH}, and the characters that would break out of field data —
 * {@code ^} (command prefix), {@code ~} (control prefix) and {@code _} (the {@code ^FH} escape
 * itself) — are written as {@code _5E}, {@code _7E} and {@code _5F}; every non-ASCII character as
 * the {@code _XX} escapes of its UTF-8 bytes ({@code é} → {@code _C3_A9}), so no printer code page
 * or transport encoding can turn it into a command; control characters become spaces. So a name
 * like {@code Acme ^XZ~JR} prints literally. Text is fitted to its width by shrinking the font,
 * then truncating.
 *
 * <p>Stateless and thread-safe.
 */
public final class ZplLabelRenderer {

    public static final int DPI = 203;
    public static final int WIDTH_DOTS = 812;    // 4 in
    public static final int LENGTH_DOTS = 1218;  // 6 in

    private static final int MARGIN = 30;
    private static final int CONTENT_WIDTH = WIDTH_DOTS - 2 * MARGIN;
    private static final int BARCODE_TOP = 870;
    private static final int BARCODE_HEIGHT = 200;
    private static final int PREFERRED_MODULE_DOTS = 3;
    private static final int QUIET_ZONE_MODULES = 10;
    /**
     * Conservative average advance of font 0 (CG Triumvirate Bold Condensed) as a fraction of
     * its height, used to keep text inside its column without printer-side metrics.
     */
    private static final double CHAR_WIDTH_FACTOR = 0.6;

    /** Renders one label as a complete ZPL format, {@code ^XA} … {@code ^XZ}. */
    public String render(LabelData data) {
        Objects.requireNonNull(data, "data");
        Zpl zpl = new Zpl();
        zpl.line("^XA");
        zpl.line("^CI28");
        zpl.line("^PW" + WIDTH_DOTS);
        zpl.line("^LL" + LENGTH_DOTS);
        zpl.line("^LH0,0");

        // Header
        zpl.text(MARGIN, 28, 48, 34, data.carrierName(), CONTENT_WIDTH);
        zpl.text(MARGIN, 84, 30, 22, data.serviceName(), CONTENT_WIDTH);
        zpl.rule(124, 4);

        // FROM: 24-dot lines, 27 dots apart
        LabelData.Party sender = data.sender();
        zpl.text(MARGIN, 136, 20, 20, "FROM", CONTENT_WIDTH);
        int y = 160;
        zpl.text(MARGIN, y, 24, 20, sender.name(), CONTENT_WIDTH);
        y += 27;
        if (sender.company() != null) {
            zpl.text(MARGIN, y, 24, 20, sender.company(), CONTENT_WIDTH);
            y += 27;
        }
        for (String line : LabelFormat.addressLines(sender, 2)) {
            zpl.text(MARGIN, y, 24, 20, line, CONTENT_WIDTH);
            y += 27;
        }
        zpl.text(MARGIN, y, 24, 20, LabelFormat.postalCity(sender) + ", " + sender.country(), CONTENT_WIDTH);
        zpl.rule(300, 2);

        // TO: larger type; at most name, company, 3 address lines, postal code + city, country
        LabelData.Party recipient = data.recipient();
        zpl.text(MARGIN, 312, 22, 22, "TO", CONTENT_WIDTH);
        y = 338;
        zpl.text(MARGIN, y, 40, 28, recipient.name(), CONTENT_WIDTH);
        y += 44;
        if (recipient.company() != null) {
            zpl.text(MARGIN, y, 32, 24, recipient.company(), CONTENT_WIDTH);
            y += 36;
        }
        for (String line : LabelFormat.addressLines(recipient, 3)) {
            zpl.text(MARGIN, y, 32, 24, line, CONTENT_WIDTH);
            y += 36;
        }
        y += 4;
        zpl.text(MARGIN, y, 40, 28, LabelFormat.postalCity(recipient), CONTENT_WIDTH);
        y += 46;
        zpl.text(MARGIN, y, 32, 24, LabelFormat.countryName(recipient.country()), CONTENT_WIDTH);
        zpl.rule(620, 4);

        // Routing code, large and centred in the band between the rules at 620 and 745
        zpl.centred(640, 90, 40, data.routingCode());
        zpl.rule(745, 4);

        // Weight / parcel, reference / date
        String parcel = LabelFormat.parcel(data);
        int parcelWidth = zpl.rightAligned(760, 32, 24, parcel, CONTENT_WIDTH / 2);
        zpl.text(MARGIN, 760, 32, 24, "Weight: " + LabelFormat.weight(data.weightGrams()),
                CONTENT_WIDTH - parcelWidth - 20);
        int dateWidth = zpl.rightAligned(805, 26, 20, "Date: " + LabelFormat.date(data), CONTENT_WIDTH / 2);
        zpl.text(MARGIN, 805, 26, 20, "Ref: " + data.orderReference(), CONTENT_WIDTH - dateWidth - 20);
        zpl.rule(845, 2);

        // Code 128 of the tracking number, centred, with the interpretation line below it.
        // LabelData restricts tracking numbers to characters that need no escaping here.
        String tracking = data.trackingNumber();
        int moduleDots = moduleDots(tracking);
        int barcodeWidth = code128Modules(tracking) * moduleDots;
        int x = Math.max(0, (WIDTH_DOTS - barcodeWidth) / 2);
        zpl.line("^BY" + moduleDots);
        zpl.line("^FO" + x + "," + BARCODE_TOP + "^BCN," + BARCODE_HEIGHT + ",Y,N,N^FD" + tracking + "^FS");

        zpl.append("^XZ");
        return zpl.toString();
    }

    /**
     * Escapes text for a {@code ^FH} field (whose escape character is {@code _}): {@code ^ ~ _} and
     * every non-ASCII character as hex escapes of their UTF-8 bytes, control characters as spaces
     * (one line). The result is printable ASCII without {@code ^} or {@code ~}.
     */
    static String escapeFieldData(String text) {
        String line = LabelFormat.singleLine(text);
        StringBuilder sb = new StringBuilder(line.length() + 8);
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= 0x20 && cp < 0x7F && cp != '^' && cp != '~' && cp != '_') {
                sb.append((char) cp);
            } else if (cp < 0x80) {
                hex(sb, cp);
            } else if (cp < 0x800) {
                hex(sb, 0xC0 | cp >> 6);
                hex(sb, 0x80 | cp & 0x3F);
            } else if (cp < 0x10000) {
                hex(sb, 0xE0 | cp >> 12);
                hex(sb, 0x80 | cp >> 6 & 0x3F);
                hex(sb, 0x80 | cp & 0x3F);
            } else {
                hex(sb, 0xF0 | cp >> 18);
                hex(sb, 0x80 | cp >> 12 & 0x3F);
                hex(sb, 0x80 | cp >> 6 & 0x3F);
                hex(sb, 0x80 | cp & 0x3F);
            }
        }
        return sb.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static void hex(StringBuilder sb, int octet) {
        sb.append('_').append(HEX[octet >> 4 & 0xF]).append(HEX[octet & 0xF]);
    }

    /**
     * Modules of a Code 128 subset B symbol as ZPL prints it in mode N without a start code:
     * start (11) + 11 per character + check (11) + stop (13).
     */
    static int code128Modules(String data) {
        return 11 * data.length() + 35;
    }

    /** {@code ^BY3} where the symbol and its quiet zones fit the label width; narrower otherwise. */
    static int moduleDots(String data) {
        int modules = code128Modules(data) + 2 * QUIET_ZONE_MODULES;
        for (int dots = PREFERRED_MODULE_DOTS; dots > 1; dots--) {
            if (modules * dots <= WIDTH_DOTS) {
                return dots;
            }
        }
        return 1;
    }

    /** Accumulates ZPL commands, one per line. */
    private static final class Zpl {
        private final StringBuilder out = new StringBuilder(2048);

        void line(String command) {
            out.append(command).append('\n');
        }

        void append(String command) {
            out.append(command);
        }

        void rule(int y, int thickness) {
            line("^FO" + MARGIN + "," + y + "^GB" + CONTENT_WIDTH + "," + thickness + "," + thickness + "^FS");
        }

        /** Left-aligned text at (x, y), fitted into {@code maxWidth} dots. */
        void text(int x, int y, int height, int minHeight, String raw, int maxWidth) {
            Fitted fitted = fit(raw, height, minHeight, maxWidth);
            if (!fitted.text.isEmpty()) {
                field(x, y, fitted, "");
            }
        }

        /** Right-aligned at the right margin; returns the estimated width used. */
        int rightAligned(int y, int height, int minHeight, String raw, int maxWidth) {
            Fitted fitted = fit(raw, height, minHeight, maxWidth);
            if (!fitted.text.isEmpty()) {
                field(MARGIN, y, fitted, "^FB" + CONTENT_WIDTH + ",1,0,R,0");
            }
            return fitted.width;
        }

        /** Centred horizontally, and vertically within {@code height} dots from {@code top} when shrunk. */
        void centred(int top, int height, int minHeight, String raw) {
            Fitted fitted = fit(raw, height, minHeight, CONTENT_WIDTH);
            if (!fitted.text.isEmpty()) {
                field(MARGIN, top + (height - fitted.height) / 2, fitted, "^FB" + CONTENT_WIDTH + ",1,0,C,0");
            }
        }

        private void field(int x, int y, Fitted fitted, String block) {
            line("^FO" + x + "," + y + "^A0N," + fitted.height + "," + fitted.height + block
                    + "^FH^FD" + escapeFieldData(fitted.text) + "^FS");
        }

        private static Fitted fit(String raw, int height, int minHeight, int maxWidth) {
            String text = LabelFormat.singleLine(raw);
            int length = text.codePointCount(0, text.length());
            int h = height;
            while (h > minHeight && estimatedWidth(length, h) > maxWidth) {
                h--;
            }
            if (estimatedWidth(length, h) > maxWidth) {
                int keep = Math.max(0, (int) (maxWidth / (h * CHAR_WIDTH_FACTOR)) - 3);
                text = text.substring(0, text.offsetByCodePoints(0, Math.min(keep, length))).stripTrailing() + "...";
                length = text.codePointCount(0, text.length());
            }
            return new Fitted(text, h, estimatedWidth(length, h));
        }

        private static int estimatedWidth(int characters, int height) {
            return (int) Math.ceil(characters * height * CHAR_WIDTH_FACTOR);
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }

    private record Fitted(String text, int height, int width) {
    }
}
