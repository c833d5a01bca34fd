package io.waybill.fulfillment.followingpartners;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.waybill.eventstore.Transactions;
import io.waybill.fulfillment.followingpartners.PartnerReports.UnusableReport;
import io.waybill.fulfillment.partners.spi.FulfillmentPartner;
import io.waybill.fulfillment.partners.spi.OpenOrder;
import io.waybill.fulfillment.partners.spi.PartnerException;
import io.waybill.fulfillment.partners.spi.PartnerMessage;
import io.waybill.fulfillment.partners.spi.PartnerRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Asks every configured partner on a schedule what happened to the open orders (status polling, the
 * file partner's confirmation files) and for its stock. A message is acknowledged (a file archived)
 * only after it was recorded; one that cannot be used is rejected with the reason.
 */
@ApplicationScoped
public class PartnerPoller {

    private static final Logger LOG = Logger.getLogger(PartnerPoller.class);

    private final AgroalDataSource dataSource;
    private final PartnerRegistry partners;
    private final PartnerReports reports;

    public PartnerPoller(AgroalDataSource dataSource, PartnerRegistry partners, PartnerReports reports) {
        this.dataSource = dataSource;
        this.partners = partners;
        this.reports = reports;
    }

    @Scheduled(every = "${waybill.fulfillment.poll.every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pollStatus() {
        for (PartnerRegistry.Binding binding : partners.all()) {
            try {
                poll(binding.tenant(), binding.partner());
            } catch (PartnerException e) {
                LOG.warnf("Polling %s for tenant %s failed (%s): %s", binding.partner().code(), binding.tenant(), e.code(),
                        e.getMessage());
            }
        }
    }

    @Scheduled(every = "${waybill.fulfillment.stock.every:15m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pollStock() {
        for (PartnerRegistry.Binding binding : partners.all()) {
            try {
                binding.partner().stockLevels().ifPresent(report -> reports.stock(binding.tenant(), binding.partner().code(),
                        report));
            } catch (PartnerException e) {
                LOG.warnf("Reading stock of %s for tenant %s failed (%s): %s", binding.partner().code(), binding.tenant(),
                        e.code(), e.getMessage());
            }
        }
    }

    void poll(String tenant, FulfillmentPartner partner) throws PartnerException {
        List<OpenOrder> open = openOrders(tenant, partner.code());
        for (PartnerMessage message : partner.poll(open)) {
            if (message.malformed() != null) {
                reject(tenant, partner, message, message.malformed());
                continue;
            }
            try {
                reports.apply(tenant, partner.code(), message.source(), message.updates());
                if (message.stock() != null) {
                    reports.stock(tenant, partner.code(), message.stock());
                }
                partner.acknowledge(message);
            } catch (UnusableReport e) {
                reject(tenant, partner, message, e.getMessage());
            }
        }
    }

    private void reject(String tenant, FulfillmentPartner partner, PartnerMessage message, String reason)
            throws PartnerException {
        LOG.warnf("Rejected %s from %s (tenant %s): %s", message.source(), partner.code(), tenant, reason);
        reports.recordRejected(tenant, partner.code(), message.source(), reason);
        partner.reject(message, reason);
    }

    private List<OpenOrder> openOrders(String tenant, String partner) {
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT shipment_id, partner_reference FROM fulfillment_orders
                     WHERE tenant_id = ? AND partner = ? AND status IN ('SENT', 'IN_PROGRESS')
                     ORDER BY updated_at LIMIT 500
                    """)) {
                select.setString(1, tenant);
                select.setString(2, partner);
                List<OpenOrder> open = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        open.add(new OpenOrder(rs.getString(1), rs.getString(2)));
                    }
                }
                return open;
            }
        });
    }
}
