-- Issue 13: imports COPY their rows straight into estoque / faturamento (no staging table and no
-- INSERT ... SELECT pass), so a row can arrive before the client it names has been created: the
-- import creates the missing clients after the COPY, in the same transaction, and defers the check
-- of the client reference to its commit (SET CONSTRAINTS ... DEFERRED). Every other writer still
-- gets the check at once (INITIALLY IMMEDIATE).
ALTER TABLE estoque ALTER CONSTRAINT estoque_cod_cliente_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE faturamento ALTER CONSTRAINT faturamento_cod_cliente_fkey DEFERRABLE INITIALLY IMMEDIATE;

-- import_id is written only by the import that created the data_imports row, in a transaction
-- after that row committed, and data_imports rows are never deleted (replaced imports keep theirs
-- with status 'replaced'). The per-row check cost 0.45 s of every 100,000 rows loaded and could
-- never fail, so it goes; the index on import_id stays.
ALTER TABLE estoque DROP CONSTRAINT estoque_import_id_fkey;
ALTER TABLE faturamento DROP CONSTRAINT faturamento_import_id_fkey;
