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
                "^FDAnna Lindqvist^FS", "^FDNordic Parts AB^FS", "^FDF_C3_B6rsta L_C3_A5nggatan 12^FS",
                "^FD413 27 G_C3_B6teborg, SE^FS",
                "^FDCarmen Ruiz Ortega^FS", "^FDCalle de Alcal_C3_A1 45^FS", "^FD28001 Madrid^FS",
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
    void aNameWithZplCommandsPrintsLiterally() {
        LabelData.Party sender = new LabelData.Party("Acme ^XZ~JR", "Acme ^XA^FO0,0^GB800,1200,800^FS",
                List.of("~DGR:EVIL.GRF,1,1,FF"), "28001", "Madrid", "ES");
        LabelData.Party recipient = new LabelData.Party("Acme ^XZ~JR", null, List.of("_5E_7E street"), "1000",
                "Bruxelles", "BE");
        String zpl = renderer.render(LabelSamples.label(LabelSamples.TRACKING, "REF^XZ~JR", sender, recipient, 1, 1));

        assertThat(count(zpl, "^XA")).as("one format only").isEqualTo(1);
        assertThat(count(zpl, "^XZ")).isEqualTo(1);
        assertThat(zpl).endsWith("^XZ").doesNotContain("~").doesNotContain("^JR").doesNotContain("^GB800");
        assertThat(zpl.chars().allMatch(c -> c == '\n' || c >= 0x20 && c < 0x7F)).as("plain ASCII").isTrue();
        assertThat(printedTexts(zpl)).contains("Acme ^XZ~JR", "Acme ^XA^FO0,0^GB800,1200,800^FS",
                "~DGR:EVIL.GRF,1,1,FF", "_5E_7E street", "Ref: REF^XZ~JR");
    }

    @Test
    void writesNonAsciiTextAsEscapedUtf8() {
        LabelData.Party recipient = new LabelData.Party("Zofia Łódź", null,
                List.of("Avenida Paulista 1578 \uD83D\uDCE6"), "01310-200", "São Paulo", "BR");
        String zpl = renderer.render(LabelSamples.label(LabelSamples.TRACKING, "R", LabelSamples.sender(),
                recipient, 1, 1));

        assertThat(zpl).contains("^FDZofia _C5_81_C3_B3d_C5_BA^FS", "^FD01310-200 S_C3_A3o Paulo^FS",
                "^FDBRAZIL (BR)^FS", "G_C3_B6teborg");
        assertThat(zpl.chars().allMatch(c -> c < 0x80)).as("plain ASCII").isTrue();
        assertThat(printedTexts(zpl)).contains("Zofia Łódź", "01310-200 São Paulo", "413 27 Göteborg, SE",
                "Avenida Paulista 1578 \uD83D\uDCE6");
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

    /** The text a printer shows for each {@code ^FH^FD…^FS} field: {@code _XX} escapes decoded as UTF-8 bytes. */
    private static List<String> printedTexts(String zpl) {
        Matcher field = Pattern.compile("\\^FH\\^FD(.*?)\\^FS").matcher(zpl);
        List<String> texts = new java.util.ArrayList<>();
        while (field.find()) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            String data = field.group(1);
            for (int i = 0; i < data.length(); i++) {
                if (data.charAt(i) == '_') {
                    bytes.write(Integer.parseInt(data.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    bytes.write(data.charAt(i));
                }
            }
            texts.add(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
        return texts;
    }

    private static int count(String haystack, String needle) {
        int count = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            count++;
        }
        return count;
    }
}
