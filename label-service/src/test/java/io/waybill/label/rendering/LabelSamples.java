package io.waybill.label.rendering;

import java.time.LocalDate;
import java.util.List;

/** Label inputs shared by the renderer tests. */
final class LabelSamples {

    static final String TRACKING = "1Z999AA10123456784";
    static final String ROUTING = "MAD-28 / 28001";
    static final String REFERENCE = "ORD-2025-000123";

    private LabelSamples() {
    }

    static LabelData.Party sender() {
        return new LabelData.Party("Anna Lindqvist", "Nordic Parts AB",
                List.of("Första Långgatan 12"), "413 27", "Göteborg", "se");
    }

    static LabelData.Party recipient() {
        return new LabelData.Party("Carmen Ruiz Ortega", "Talleres Ruiz S.L.",
                List.of("Calle de Alcalá 45", "Piso 3, Puerta B"), "28001", "Madrid", "ES");
    }

    static LabelData label() {
        return label(TRACKING, REFERENCE, sender(), recipient(), 1, 2);
    }

    static LabelData label(String tracking, String reference, LabelData.Party sender, LabelData.Party recipient,
            int parcel, int count) {
        return new LabelData("SEUR", "Express 24h", tracking, ROUTING, sender, recipient, 2450, reference,
                parcel, count, LocalDate.of(2025, 3, 14));
    }
}
