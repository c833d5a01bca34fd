package io.waybill.label.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ZplLabelRendererTest {

    private final ZplLabelRenderer renderer = new ZplLabelRenderer();

    @Test
    void isOneCompleteFourBySixLabelAt203Dpi() {
        String zpl = renderer.render(LabelSamples.label());

        assertThat(zpl).startsWith("^XA").endsWith("^XZ")
                .contains("^CI28", "^PW812", "^LL1218");
        assertThat(count(zpl, "^XA")).isEqualTo(1);
        assertThat(count(zpl, "^XZ")).isEqualTo(1);
        assertThat(count(zpl, "^FO")).as("every field is closed").isEqualTo(count(zpl, "^FS"));
    }

    @Test
    void encodesTheTrackingNumberAsCode128() {
        String zpl = renderer.render(LabelSamples.label());

        assertThat(zpl).contains("^BY3");
        assertThat(zpl).containsPattern(
                Pattern.compile("\\^BCN,200,Y,N,N\\^FD" + Pattern.quote(LabelSamples.TRACKING) + "\\^FS"));
        assertThat(zpl).containsPattern(Pattern.compile("\\^BC[^\\n]*\\^FD" + LabelSamples.TRACKING + "\\^FS"));
    }

    @Test
    void centresTheBarcodeInsideTheLabel() {
        String zpl = renderer.render(LabelSamples.label());
        Matcher m = Pattern.compile("\\^FO(\\d+),(\\d+)\\^BC").matcher(zpl);
        assertThat(m.find()).isTrue();
        int x = Integer.parseInt(m.group(1));
        int width = ZplLabelRenderer.code128Modules(LabelSamples.TRACKING) * 3;
        assertThat(x).isGreaterThanOrEqualTo(30);   // 10-module quiet zone at 3 dots
        assertThat(x + width).isLessThanOrEqualTo(812 - 30);
    }

    @Test
    void narrowsTheBarcodeModuleForLongTrackingNumbers() {
        String tracking = "JJD0001234567890123456789012";
        String zpl = renderer.render(LabelSamples.label(tracking, "R", LabelSamples.sender(),
                LabelSamples.recipient(), 1, 1));

        assertThat(zpl).contains("^BY2").doesNotContain("^BY3").contains("^FD" + tracking + "^FS");
    }

    @Test
    void printsEveryField() {
        String zpl = renderer.render(LabelSamples.label());

        assertThat(zpl).contains(
                "^FDSEUR^FS", "^FDExpress 24h^FS",
                "^FDAnna Lindqvist^FS", "^FDNordic Parts AB^FS", "^FDFörsta Långgatan 12^FS",
                "^FD413 27 Göteborg, SE^FS",
                "^FDCarmen Ruiz Ortega^FS", "^FDCalle de Alcalá 45^FS", "^FD28001 Madrid^FS",
                "^FDSPAIN (ES)^FS",
                "^FD" + LabelSamples.ROUTING + "^FS",
                "^FDParcel 1 of 2^FS", "^FDWeight: 2.5 kg^FS",
                "^FDRef: " + LabelSamples.REFERENCE + "^FS", "^FDDate: 2025-03-14^FS");
    }

    @Test
    void escapesZplControlCharactersInData() {
        LabelData.Party recipient = new LabelData.Party("Evil ^XZ~JA Name", "Under_score Ltd",
                List.of("Line\nbreak ^FS street"), "1000", "Bruxelles", "BE");
        String zpl = renderer.render(LabelSamples.label(LabelSamples.TRACKING, "A^B~C", LabelSamples.sender(),
                recipient, 1, 2));

        assertThat(count(zpl, "^XA")).isEqualTo(1);
        assertThat(count(zpl, "^XZ")).isEqualTo(1);
        assertThat(zpl).doesNotContain("~");
        assertThat(count(zpl, "^FO")).isEqualTo(count(zpl, "^FS"));
        assertThat(zpl).contains(
                "^FH^FDRef: A_5EB_7EC^FS",
                "^FH^FDEvil _5EXZ_7EJA Name^FS",
                "^FH^FDUnder_5Fscore Ltd^FS",
                "^FH^FDLine break _5EFS street^FS");
    }

    @Test
    void keepsNonAsciiTextAsUtf8() {
        LabelData.Party recipient = new LabelData.Party("Zofia Łódź", null,
                List.of("Avenida Paulista 1578"), "01310-200", "São Paulo", "BR");
        String zpl = renderer.render(LabelSamples.label(LabelSamples.TRACKING, "R", LabelSamples.sender(),
                recipient, 1, 1));

        assertThat(zpl).contains("^FDZofia Łódź^FS", "^FD01310-200 São Paulo^FS", "^FDBRAZIL (BR)^FS",
                "Göteborg");
    }

    @Test
    void truncatesTextThatWouldRunOffTheLabel() {
        LabelData data = LabelSamples.label(LabelSamples.TRACKING, "R".repeat(200), LabelSamples.sender(),
                LabelSamples.recipient(), 1, 1);
        String zpl = renderer.render(data);

        Matcher m = Pattern.compile("\\^FO30,(\\d+)\\^A0N,(\\d+),\\d+\\^FH\\^FD(Ref: R+\\.\\.\\.)\\^FS").matcher(zpl);
        assertThat(m.find()).as(zpl).isTrue();
        int height = Integer.parseInt(m.group(2));
        assertThat(m.group(3).length() * height * 0.6).isLessThanOrEqualTo(752);
    }

    private static int count(String haystack, String needle) {
        int count = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            count++;
        }
        return count;
    }
}
