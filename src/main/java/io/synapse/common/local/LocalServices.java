package io.synapse.common.local;

import java.nio.file.Path;

/** Starts throw-away PostgreSQL and Redis servers for a local run when none is running. */
public interface LocalServices {

    /** Starts (or finds already running) an embedded PostgreSQL keeping its data in dataDir. */
    void startPostgres(Path dataDir, int port) throws Exception;

    void startRedis(int port) throws Exception;
}
