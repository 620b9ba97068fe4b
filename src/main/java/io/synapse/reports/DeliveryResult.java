package io.synapse.reports;

import java.util.List;
import java.util.UUID;

/** What a delivery request did: new rows (e-mail ones already attempted), and who got nothing new. */
public record DeliveryResult(UUID reportId, int recipients, int created, int alreadyDelivered, int excludedSuspended, List<DeliveryView> deliveries) {
}
