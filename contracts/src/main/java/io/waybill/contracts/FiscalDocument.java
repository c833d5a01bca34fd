package io.waybill.contracts;

import java.time.LocalDate;

/**
 * The tax document that travels with the goods, e.g. a Brazilian NF-e ({@code type} "NFE").
 *
 * <p>Carriers in some countries refuse to collect without it, so it is part of the shipment and
 * of the label. {@code accessKey} is the NF-e's 44-digit chave de acesso; {@code series} and
 * {@code accessKey} may be null for document types that have none.
 */
public record FiscalDocument(
        String type,
        String number,
        String series,
        String accessKey,
        LocalDate issueDate) {
}
