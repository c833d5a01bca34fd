package io.waybill.label.rendering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfLabelRendererTest {

    private static final float MM = 72f / 25.4f;

    private final PdfLabelRenderer renderer = new PdfLabelRenderer();

    @Test
    void rendersOnePageOf100By150Millimetres() throws IOException {
        try (PDDocument document = Loader.loadPDF(renderer.render(LabelSamples.label()))) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            PDRectangle box = document.getPage(0).getMediaBox();
            assertThat(box.getWidth()).isCloseTo(100 * MM, org.assertj.core.data.Offset.offset(0.5f));
            assertThat(box.getHeight()).isCloseTo(150 * MM, org.assertj.core.data.Offset.offset(0.5f));
            assertThat(box.getWidth()).isCloseTo(283.46f, org.assertj.core.data.Offset.offset(0.5f));
            assertThat(box.getHeight()).isCloseTo(425.2f, org.assertj.core.data.Offset.offset(0.5f));
        }
    }

    @Test
    void printsEveryField() throws IOException {
        String text = text(renderer.render(LabelSamples.label()));

        assertThat(text).contains(
                "SEUR", "Express 24h",
                "Anna Lindqvist", "Nordic Parts AB", "Första Långgatan 12", "413 27 Göteborg, SE",
                "Carmen Ruiz Ortega", "Talleres Ruiz S.L.", "Calle de Alcalá 45", "Piso 3, Puerta B",
                "28001 Madrid", "SPAIN (ES)",
                LabelSamples.TRACKING, "Parcel 1 of 2", "1 of 2", "2.5 kg", LabelSamples.REFERENCE,
                LabelSamples.ROUTING, "2025-03-14");
    }

    @Test
    void barcodeScansAsTheTrackingNumber() throws Exception {
        byte[] pdf = renderer.render(LabelSamples.label());
        BufferedImage image = renderPage(pdf, 0);

        Path sample = Path.of("target", "label-sample.png");
        Files.createDirectories(sample.getParent());
        ImageIO.write(image, "png", sample.toFile());

        Result result = decode(image);
        assertThat(result.getBarcodeFormat()).isEqualTo(BarcodeFormat.CODE_128);
        assertThat(result.getText()).isEqualTo(LabelSamples.TRACKING);
    }

    @Test
    void longAndNumericTrackingNumbersStillScan() throws Exception {
        for (String tracking : List.of("9400111899223100012345", "JJD0001234567890123456789012", "A1")) {
            LabelData data = LabelSamples.label(tracking, LabelSamples.REFERENCE, LabelSamples.sender(),
                    LabelSamples.recipient(), 1, 1);
            assertThat(decode(renderPage(renderer.render(data), 0)).getText()).as(tracking).isEqualTo(tracking);
        }
    }

    @Test
    void replacesCharactersWinAnsiCannotEncode() throws IOException {
        LabelData.Party sender = new LabelData.Party("Björn Åkesson", null,
                List.of("Östra Hamngatan 5"), "411 10", "Göteborg", "SE");
        LabelData.Party recipient = new LabelData.Party("Zofia Łódź-Wąs", "Łódź Import 東京",
                List.of("Avenida Paulista 1578"), "01310-200", "São Paulo", "BR");
        LabelData data = LabelSamples.label(LabelSamples.TRACKING, "Zamówienie №7", sender, recipient, 1, 1);

        String text = text(renderer.render(data));

        assertThat(text).contains("Göteborg", "São Paulo", "Björn Åkesson", "Östra Hamngatan 5",
                "Zofia Lódz-Was", "Lódz Import ??", "BRAZIL (BR)", "Zamówienie ?7");
    }

    @Test
    void fitsOverlongTextIntoTheLabelWidth() throws Exception {
        String longName = "Maximiliane Alexandrina von und zu Hohenzollern-Sigmaringen-Hechingen-Haigerloch";
        LabelData.Party recipient = new LabelData.Party(longName, null,
                List.of("Line one", "Line two", "Line three", "Line four\twith a tab", "Line five"),
                "10115", "Berlin", "DE");
        LabelData data = LabelSamples.label(LabelSamples.TRACKING, "R".repeat(120), LabelSamples.sender(),
                recipient, 3, 3);

        byte[] pdf = renderer.render(data);
        String text = text(pdf);

        assertThat(text).contains("Maximiliane Alexandrina", "...", "Line one", "Line two",
                "Line three, Line four with a tab, Line five", "Parcel 3 of 3", "Date: 2025-03-14")
                .doesNotContain(longName);
        assertThat(decode(renderPage(pdf, 0)).getText()).isEqualTo(LabelSamples.TRACKING);
    }

    @Test
    void mergesLabelsIntoOneDocument() throws IOException {
        List<byte[]> labels = List.of(
                renderer.render(LabelSamples.label("TRK0000000001", "REF-A", LabelSamples.sender(),
                        LabelSamples.recipient(), 1, 3)),
                renderer.render(LabelSamples.label("TRK0000000002", "REF-A", LabelSamples.sender(),
                        LabelSamples.recipient(), 2, 3)),
                renderer.render(LabelSamples.label("TRK0000000003", "REF-A", LabelSamples.sender(),
                        LabelSamples.recipient(), 3, 3)));

        try (PDDocument merged = Loader.loadPDF(renderer.merge(labels))) {
            assertThat(merged.getNumberOfPages()).isEqualTo(3);
            PDFTextStripper stripper = new PDFTextStripper();
            for (int page = 1; page <= 3; page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                assertThat(stripper.getText(merged)).contains("TRK000000000" + page, "Parcel " + page + " of 3");
            }
        }
    }

    @Test
    void refusesToMergeNothing() {
        assertThatThrownBy(() -> renderer.merge(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsWeightInKilogramsWithOneDecimal() {
        assertThat(LabelFormat.weight(2450)).isEqualTo("2.5 kg");
        assertThat(LabelFormat.weight(2449)).isEqualTo("2.4 kg");
        assertThat(LabelFormat.weight(999)).isEqualTo("1.0 kg");
        assertThat(LabelFormat.weight(0)).isEqualTo("0.0 kg");
        assertThat(LabelFormat.weight(31_500)).isEqualTo("31.5 kg");
    }

    @Test
    void rejectsTrackingNumbersCode128OrZplCannotCarrySafely() {
        for (String bad : List.of("", " ", "1Z^XZ", "AB~C", "A_B", "A>B", "Łódź1")) {
            assertThatThrownBy(() -> LabelSamples.label(bad, "R", LabelSamples.sender(), LabelSamples.recipient(), 1, 1))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> LabelSamples.label(LabelSamples.TRACKING, "R", LabelSamples.sender(),
                LabelSamples.recipient(), 3, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static BufferedImage renderPage(byte[] pdf, int page) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFRenderer(document).renderImageWithDPI(page, 300, ImageType.GRAY);
        }
    }

    private static Result decode(BufferedImage image) throws NotFoundException {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        Map<DecodeHintType, Object> hints = Map.of(
                DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.CODE_128),
                DecodeHintType.TRY_HARDER, Boolean.TRUE);
        return new MultiFormatReader().decode(bitmap, hints);
    }
}
