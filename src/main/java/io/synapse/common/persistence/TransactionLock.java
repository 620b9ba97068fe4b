package io.synapse.common.persistence;

import jakarta.persistence.EntityManager;

/**
 * A named PostgreSQL advisory lock held until the current transaction ends: what serialises one
 * kind of change across replicas (a user's budget reservations, an import per table, accounts per
 * e-mail). Names are hashed with hashtext, so two names rarely share a lock and never wrongly miss one.
 */
public final class TransactionLock {

    private TransactionLock() {
    }

    public static void acquire(EntityManager em, String name) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, name).getSingleResult();
    }
}
