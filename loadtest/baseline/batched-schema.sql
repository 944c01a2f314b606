-- For batched.sql: the 100 transfers of one transaction, drawn from its seed with the same mix as transfer.sql
-- (hotpct% of debits and of credits among accounts 1 to 10, the rest uniform; never an account to itself; 1 to
-- 1,000 cents). Hashes of (seed, transfer, draw) instead of random(), so that each statement of the transaction sees
-- the same transfers; drawn on the server, so that nothing is parsed but the seed.
CREATE FUNCTION draw(seed bigint, t int, k int) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT hashint8extended(t * 8 + k, seed) & 9223372036854775807
$$;
CREATE FUNCTION batch_transfers(seed bigint, accounts int, hotpct int)
RETURNS TABLE (debit bigint, credit bigint, amount bigint) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT d, CASE WHEN c = d THEN c % accounts + 1 ELSE c END, a
    FROM (SELECT CASE WHEN draw(seed, t, 1) % 100 < hotpct THEN draw(seed, t, 2) % 10 + 1
                      ELSE draw(seed, t, 3) % accounts + 1 END AS d,
                 CASE WHEN draw(seed, t, 4) % 100 < hotpct THEN draw(seed, t, 5) % 10 + 1
                      ELSE draw(seed, t, 6) % accounts + 1 END AS c,
                 draw(seed, t, 7) % 1000 + 1 AS a
          FROM generate_series(1, 100) AS t) AS drawn
$$;
