-- Knowledge base (seed 004 references, renamed: REFERENCES is an SQL keyword). A document is what
-- a user uploaded; its extracted text is split into chunks, each embedded and indexed for full-text
-- search. Seed 004 kept one vector(1536) per reference; we keep one per chunk, with the model and
-- dimension beside it, so a model change re-indexes instead of mixing incomparable vectors.
CREATE TABLE documents (
    id                  uuid PRIMARY KEY,
    user_id             uuid          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title               varchar(255)  NOT NULL,
    type                varchar(20)   NOT NULL DEFAULT 'document',
    source_uri          text,
    file_name           varchar(255),
    mime_type           varchar(100)  NOT NULL,
    file_size           bigint        NOT NULL,
    content_hash        char(64)      NOT NULL,
    visibility          varchar(10)   NOT NULL DEFAULT 'private',
    shared_with_role    varchar(20),
    tags                text[]        NOT NULL DEFAULT '{}',
    metadata            jsonb         NOT NULL DEFAULT '{}'::jsonb,
    -- language is the uploader's choice of text search configuration (null: guess); what
    -- extraction found is the text chunks point into (character offsets), the configuration
    -- used (search_config) and, for PDFs, the page count.
    language            varchar(20),
    content             text,
    search_config       varchar(20),
    page_count          integer,
    -- The indexing job: pending -> processing -> ready | failed (status_reason says why). A job
    -- holds a lease it renews while it works; an expired lease means its replica died, and the job
    -- is taken up again.
    status              varchar(12)   NOT NULL DEFAULT 'pending',
    status_reason       text,
    attempts            integer       NOT NULL DEFAULT 0,
    lease_until         timestamptz,
    -- A fencing token: a worker's writes count only while the document still holds its token, so a
    -- worker that outlived its lease cannot overwrite the next one's result.
    lease_token         uuid,
    chunk_count         integer       NOT NULL DEFAULT 0,
    embedding_model     varchar(100),
    embedding_dimension integer,
    indexed_at          timestamptz,
    created_at          timestamptz   NOT NULL DEFAULT now(),
    updated_at          timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT documents_type_ck CHECK (type IN ('document', 'dataset', 'configuration', 'model', 'other')),
    CONSTRAINT documents_visibility_ck CHECK (visibility IN ('private', 'role', 'everyone')),
    CONSTRAINT documents_role_ck CHECK ((visibility = 'role') = (shared_with_role IS NOT NULL)
        AND (shared_with_role IS NULL OR shared_with_role IN ('viewer', 'rep', 'manager', 'admin'))),
    CONSTRAINT documents_status_ck CHECK (status IN ('pending', 'processing', 'ready', 'failed')),
    CONSTRAINT documents_language_ck CHECK (language IS NULL OR language IN ('english', 'portuguese', 'simple')),
    CONSTRAINT documents_search_config_ck CHECK (search_config IS NULL OR search_config IN ('english', 'portuguese', 'simple')),
    CONSTRAINT documents_sizes_ck CHECK (file_size >= 0 AND chunk_count >= 0 AND attempts >= 0)
);
-- The same bytes twice for one owner is a conflict (or a replace, when asked).
CREATE UNIQUE INDEX documents_owner_hash_uq ON documents (user_id, content_hash);
CREATE INDEX documents_owner_idx ON documents (user_id, created_at DESC, id DESC);
CREATE INDEX documents_list_idx ON documents (created_at DESC, id DESC);
CREATE INDEX documents_shared_idx ON documents (visibility) WHERE visibility <> 'private';
CREATE INDEX documents_queue_idx ON documents (created_at) WHERE status IN ('pending', 'processing');
CREATE INDEX documents_tags_idx ON documents USING gin (tags);

-- The uploaded bytes, kept for re-indexing (a new extractor or embedding model) and apart from
-- documents so that lists never read them.
CREATE TABLE document_files (
    document_id uuid  PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    bytes       bytea NOT NULL
);

CREATE TABLE document_chunks (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id         uuid          NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal             integer       NOT NULL,
    heading             text,
    content             text          NOT NULL,
    start_offset        integer       NOT NULL,
    end_offset          integer       NOT NULL,
    page_number         integer,
    token_count         integer       NOT NULL,
    -- Written with the document's own configuration (title A, heading B, text D); queries search
    -- English and Portuguese stems at once (KnowledgeSearch), so one GIN index serves both.
    search              tsvector      NOT NULL,
    -- The embedding, unit length, so that cosine similarity is a dot product. Without pgvector,
    -- embedding_signature (its sign bits) lets an exact re-ranking start from a short list found by
    -- Hamming distance (ArrayVectorStore); with pgvector a vector column is added (PgVectorStore).
    embedding           real[],
    embedding_signature bit varying,
    embedding_model     varchar(100),
    embedding_dimension integer,
    created_at          timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT document_chunks_ordinal_uq UNIQUE (document_id, ordinal),
    CONSTRAINT document_chunks_offsets_ck CHECK (0 <= start_offset AND start_offset <= end_offset AND ordinal >= 0 AND token_count >= 0),
    CONSTRAINT document_chunks_embedding_ck CHECK (embedding IS NULL
        OR (embedding_model IS NOT NULL AND embedding_dimension = cardinality(embedding)
            AND length(embedding_signature) = embedding_dimension))
);
CREATE INDEX document_chunks_search_idx ON document_chunks USING gin (search);
CREATE INDEX document_chunks_model_idx ON document_chunks (embedding_model, embedding_dimension);

-- Cosine similarity of unit vectors; SQL, so the planner inlines it. In double precision: a product
-- of two small reals underflows real, and PostgreSQL raises an error on underflow. Exact re-ranking of a short
-- list only: over every row it would cost about 50 us a chunk (README: Knowledge).
CREATE FUNCTION knowledge_dot(a real[], b real[]) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT sum(x::float8 * y::float8) FROM unnest(a, b) AS u(x, y) $$;

-- Citations of generated replies point at the document and chunk they quote; a deleted document
-- or a re-index leaves the quoted snippet and drops the link.
ALTER TABLE citations
    ADD COLUMN document_id uuid   REFERENCES documents (id) ON DELETE SET NULL,
    ADD COLUMN chunk_id    bigint REFERENCES document_chunks (id) ON DELETE SET NULL;
CREATE INDEX citations_document_idx ON citations (document_id) WHERE document_id IS NOT NULL;
CREATE INDEX citations_chunk_idx ON citations (chunk_id) WHERE chunk_id IS NOT NULL;

-- Per-conversation default for grounded replies (a message may still say otherwise).
ALTER TABLE conversations ADD COLUMN use_knowledge boolean NOT NULL DEFAULT false;
