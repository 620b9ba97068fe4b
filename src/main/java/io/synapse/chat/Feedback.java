package io.synapse.chat;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One user's rating of one message (seed 002 feedback); a second rating replaces the first. */
@Entity
@Table(name = "feedback")
public class Feedback extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID messageId;

    public UUID userId;

    public Rating rating;

    public String comment;

    public Instant createdAt;

    public Instant updatedAt;

    public static Optional<Feedback> of(UUID messageId, UUID userId) {
        return find("messageId = ?1 and userId = ?2", messageId, userId).firstResultOptional();
    }

    public static List<Feedback> ofUser(Collection<UUID> messageIds, UUID userId) {
        if (messageIds.isEmpty() || userId == null) {
            return List.of();
        }
        return list("messageId in ?1 and userId = ?2", messageIds, userId);
    }
}
