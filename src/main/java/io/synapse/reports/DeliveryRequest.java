package io.synapse.reports;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.synapse.common.security.Role;

/** Recipients: named users, or everyone holding at least a role. Exactly one of the two. */
public record DeliveryRequest(@Size(min = 1, max = 1000) List<@NotNull UUID> userIds, Role role) {
}
