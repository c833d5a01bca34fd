package io.waybill.label.rendering;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.multipdf.PDFMergerUtility;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Renders a 100×150 mm (4×6 in) shipping label as a one-page PDF with PDFBox, and merges labels
 * into one document.
 *
 * <p>Text uses the standard Helvetica fonts (WinAnsi encoding, not embedded). Characters that
 * encoding lacks are transliterated where a plain base letter exists ("Ł" → "L", "ź" → "z") and
 * otherwise replaced by {@code '?'}, so no input text makes rendering fail. The barcode is a
 * Code 128 of the tracking number drawn as vector bars, with module widths snapped to whole dots
 * of a 203 dpi thermal printer.
 *
 * <p>Stateless and thread-safe: every call builds its own document and fonts.
 */
public final class PdfLabelRenderer {

    /** PostScript points per millimetre. */
    static final float MM = 72f / 25.4f;
    public static final float PAGE_WIDTH = 100 * MM;   // 283.46 pt
    public static final float PAGE_HEIGHT = 150 * MM;  // 425.20 pt

    private static final float MARGIN = 3 * MM;
    private static final float CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
    /** One dot of a 203 dpi label printer, in points. */
    private static final float PRINTER_DOT = 72f / 203f;
    private static final int MAX_DOTS_PER_MODULE = 6;

    // Layout: distances from the top edge of the page, in points.
    private static final float HEADER_CARRIER_BASELINE = 24;
    private static final float HEADER_SERVICE_BASELINE = 37;
    private static final float RULE_AFTER_HEADER = 44;
    private static final float FROM_CAPTION_BASELINE = 52;
    private static final float FROM_FIRST_LINE = 61.5f;
    private static final float FROM_LEADING = 9.5f;
    private static final int FROM_ADDRESS_LINES = 2;
    private static final float RULE_AFTER_FROM = 105;
    private static final float TO_CAPTION_BASELINE = 114;
    private static final int TO_ADDRESS_LINES = 3;
    private static final float RULE_AFTER_TO = 216;
    private static final float RULE_AFTER_ROUTING = 264;
    private static final float INFO_ROW1_BASELINE = 278;
    private static final float INFO_ROW2_BASELINE = 292;
    private static final float RULE_AFTER_INFO = 299;
    private static final float BARCODE_TOP = 307;
    private static final float BARCODE_HEIGHT = 80;
    private static final float BARCODE_TEXT_BASELINE = 401;

    private static final String ELLIPSIS = "...";
    private static final Map<Integer, String> TRANSLITERATIONS = Map.ofEntries(
            Map.entry((int) 'Ł', "L"), Map.entry((int) 'ł', "l"),
            Map.entry((int) 'Đ', "D"), Map.entry((int) 'đ', "d"),
            Map.entry((int) 'Ħ', "H"), Map.entry((int) 'ħ', "h"),
            Map.entry((int) 'ı', "i"), Map.entry((int) 'ŀ', "l"), Map.entry((int) 'Ŀ', "L"),
            Map.entry((int) 'ŉ', "n"), Map.entry((int) 'ſ', "s"),
            Map.entry((int) 'Ŧ', "T"), Map.entry((int) 'ŧ', "t"));

    /** Renders one label as a single-page PDF. */
    public byte[] render(LabelData data) {
        Objects.requireNonNull(data, "data");
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(PAGE_WIDTH, PAGE_HEIGHT));
            document.addPage(page);
            try (PDPageContentStream stream = new PDPageContentStream(document, page)) {
                new Page(stream).draw(data);
            }
            document.getDocumentInformation().setTitle("Shipping label " + data.trackingNumber());
            document.getDocumentInformation().setCreator("Waybill label-service");
            ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not render label " + data.trackingNumber(), e);
        }
    }

    /** Merges PDFs (e.g. one label per parcel) into one document, pages in list order. */
    public byte[] merge(List<byte[]> pdfs) {
        Objects.requireNonNull(pdfs, "pdfs");
        if (pdfs.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        PDFMergerUtility merger = new PDFMergerUtility();
        for (byte[] pdf : pdfs) {
            merger.addSource(new RandomAccessReadBuffer(Objects.requireNonNull(pdf, "pdf")));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        merger.setDestinationStream(out);
        try {
            merger.mergeDocuments(IOUtils.createMemoryOnlyStreamCache());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not merge " + pdfs.size() + " label PDFs", e);
        }
        return out.toByteArray();
    }

    /**
     * Makes {@code text} printable with {@code font}: one line, characters the font's encoding
     * lacks transliterated to a base letter or replaced by '?'.
     */
    static String encodable(PDFont font, String text) {
        String line = LabelFormat.singleLine(text);
        StringBuilder sb = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            i += Character.charCount(cp);
            String ch = new String(Character.toChars(cp));
            if (canEncode(font, ch)) {
                sb.append(ch);
                continue;
            }
            String fallback = TRANSLITERATIONS.get(cp);
            if (fallback == null) {
                fallback = Normalizer.normalize(ch, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
            }
            sb.append(!fallback.isEmpty() && !fallback.equals(ch) && canEncode(font, fallback) ? fallback : "?");
        }
        return sb.toString();
    }

    private static boolean canEncode(PDFont font, String text) {
        try {
            font.encode(text);
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    /** Draws one label on one page; coordinates are given from the top edge, as read. */
    private static final class Page {
        private final PDPageContentStream stream;
        private final PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        private final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

        Page(PDPageContentStream stream) {
            this.stream = stream;
        }

        void draw(LabelData data) throws IOException {
            header(data);
            rule(RULE_AFTER_HEADER, 1.5f);
            from(data.sender());
            rule(RULE_AFTER_FROM, 0.75f);
            to(data.recipient());
            rule(RULE_AFTER_TO, 1.5f);
            routing(data.routingCode());
            rule(RULE_AFTER_ROUTING, 1.5f);
            info(data);
            rule(RULE_AFTER_INFO, 0.75f);
            barcode(data.trackingNumber());
        }

        private void header(LabelData data) throws IOException {
            left(bold, 16, 11, HEADER_CARRIER_BASELINE, data.carrierName(), CONTENT_WIDTH);
            left(regular, 10, 7, HEADER_SERVICE_BASELINE, data.serviceName(), CONTENT_WIDTH);
        }

        private void from(LabelData.Party sender) throws IOException {
            left(bold, 6.5f, 6.5f, FROM_CAPTION_BASELINE, "FROM", CONTENT_WIDTH);
            float y = FROM_FIRST_LINE;
            left(bold, 8, 6, y, sender.name(), CONTENT_WIDTH);
            if (sender.company() != null) {
                y += FROM_LEADING;
                left(regular, 8, 6, y, sender.company(), CONTENT_WIDTH);
            }
            for (String line : LabelFormat.addressLines(sender, FROM_ADDRESS_LINES)) {
                y += FROM_LEADING;
                left(regular, 8, 6, y, line, CONTENT_WIDTH);
            }
            y += FROM_LEADING;
            left(regular, 8, 6, y, LabelFormat.postalCity(sender) + ", " + sender.country(), CONTENT_WIDTH);
        }

        private void to(LabelData.Party recipient) throws IOException {
            left(bold, 7, 7, TO_CAPTION_BASELINE, "TO", CONTENT_WIDTH);
            float y = TO_CAPTION_BASELINE + 14;
            left(bold, 13, 9, y, recipient.name(), CONTENT_WIDTH);
            if (recipient.company() != null) {
                y += 13.5f;
                left(regular, 11, 8, y, recipient.company(), CONTENT_WIDTH);
            }
            for (String line : LabelFormat.addressLines(recipient, TO_ADDRESS_LINES)) {
                y += 13;
                left(regular, 11, 8, y, line, CONTENT_WIDTH);
            }
            y += 15.5f;
            left(bold, 13, 9, y, LabelFormat.postalCity(recipient), CONTENT_WIDTH);
            y += 14;
            left(bold, 11, 8, y, LabelFormat.countryName(recipient.country()), CONTENT_WIDTH);
        }

        private void routing(String routingCode) throws IOException {
            float regionTop = RULE_AFTER_TO;
            float regionHeight = RULE_AFTER_ROUTING - RULE_AFTER_TO;
            Fitted fitted = fit(bold, 30, 14, routingCode, CONTENT_WIDTH);
            float capHeight = bold.getFontDescriptor().getCapHeight() / 1000f * fitted.size;
            float baseline = regionTop + (regionHeight + capHeight) / 2;
            drawText(bold, fitted, (PAGE_WIDTH - fitted.width) / 2, baseline);
        }

        private void info(LabelData data) throws IOException {
            String parcel = LabelFormat.parcel(data);
            float parcelWidth = right(bold, 11, 8, INFO_ROW1_BASELINE, parcel, CONTENT_WIDTH / 2);
            left(bold, 11, 8, INFO_ROW1_BASELINE, "Weight: " + LabelFormat.weight(data.weightGrams()),
                    CONTENT_WIDTH - parcelWidth - 8);

            float dateWidth = right(regular, 9, 7, INFO_ROW2_BASELINE, "Date: " + LabelFormat.date(data),
                    CONTENT_WIDTH / 2);
            left(regular, 9, 6, INFO_ROW2_BASELINE, "Ref: " + data.orderReference(),
                    CONTENT_WIDTH - dateWidth - 8);
        }

        private void barcode(String trackingNumber) throws IOException {
            // width 0: ZXing's narrowest matrix, one column per module, quiet zones included.
            BitMatrix matrix = new Code128Writer().encode(trackingNumber, BarcodeFormat.CODE_128, 0, 1);
            int modules = matrix.getWidth();
            int dots = Math.min(MAX_DOTS_PER_MODULE, (int) Math.floor(CONTENT_WIDTH / modules / PRINTER_DOT));
            float module = dots >= 1 ? dots * PRINTER_DOT : CONTENT_WIDTH / modules;
            float x0 = (PAGE_WIDTH - modules * module) / 2;
            float bottom = PAGE_HEIGHT - BARCODE_TOP - BARCODE_HEIGHT;
            stream.setNonStrokingColor(0f);
            int x = 0;
            while (x < modules) {
                if (!matrix.get(x, 0)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < modules && matrix.get(x, 0)) {
                    x++;
                }
                stream.addRect(x0 + start * module, bottom, (x - start) * module, BARCODE_HEIGHT);
            }
            stream.fill();

            Fitted text = fit(regular, 11, 7, trackingNumber, CONTENT_WIDTH);
            drawText(regular, text, (PAGE_WIDTH - text.width) / 2, BARCODE_TEXT_BASELINE);
        }

        private void rule(float top, float thickness) throws IOException {
            stream.setLineWidth(thickness);
            stream.moveTo(MARGIN, PAGE_HEIGHT - top);
            stream.lineTo(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - top);
            stream.stroke();
        }

        private void left(PDFont font, float size, float minSize, float baseline, String text, float maxWidth)
                throws IOException {
            drawText(font, fit(font, size, minSize, text, maxWidth), MARGIN, baseline);
        }

        /** Right-aligned at the right margin; returns the width used. */
        private float right(PDFont font, float size, float minSize, float baseline, String text, float maxWidth)
                throws IOException {
            Fitted fitted = fit(font, size, minSize, text, maxWidth);
            drawText(font, fitted, PAGE_WIDTH - MARGIN - fitted.width, baseline);
            return fitted.width;
        }

        private void drawText(PDFont font, Fitted fitted, float x, float baseline) throws IOException {
            if (fitted.text.isEmpty()) {
                return;
            }
            stream.beginText();
            stream.setFont(font, fitted.size);
            stream.newLineAtOffset(x, PAGE_HEIGHT - baseline);
            stream.showText(fitted.text);
            stream.endText();
        }

        /** Shrinks the font down to {@code minSize}, then truncates with "...", to fit {@code maxWidth}. */
        private static Fitted fit(PDFont font, float size, float minSize, String raw, float maxWidth)
                throws IOException {
            String text = encodable(font, raw);
            float current = size;
            float width = width(font, text, current);
            while (width > maxWidth && current > minSize) {
                current = Math.max(minSize, current - 0.5f);
                width = width(font, text, current);
            }
            if (width > maxWidth) {
                String cut = text;
                while (!cut.isEmpty() && width(font, cut + ELLIPSIS, current) > maxWidth) {
                    cut = cut.substring(0, cut.length() - 1);
                }
                text = cut.stripTrailing() + ELLIPSIS;
                width = width(font, text, current);
            }
            return new Fitted(text, current, width);
        }

        private static float width(PDFont font, String text, float size) throws IOException {
            return font.getStringWidth(text) / 1000f * size;
        }
    }

    private record Fitted(String text, float size, float width) {
    }
}
