-- A batch's body compressed with LZ4 rather than PostgreSQL's default pglz: pglz took about a tenth of the writer's
-- backend (perf, engine-pg), and storing the body uncompressed wrote more WAL and was slower still.
ALTER TABLE batches ALTER COLUMN body SET COMPRESSION lz4;
