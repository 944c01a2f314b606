-- A batch's body compressed with LZ4 rather than PostgreSQL's default pglz: pglz took about a tenth of the writer's
-- backend (perf, engine-pg), and storing the body uncompressed wrote more WAL and was slower still. A server built
-- without LZ4 (some packaged builds) keeps pglz: the data is the same either way, only its cost differs.
DO $$
BEGIN
    ALTER TABLE batches ALTER COLUMN body SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'this PostgreSQL has no LZ4: batch bodies keep the default compression';
END
$$;
