package fr.mlml.ledger.cli;

import fr.mlml.ledger.client.AuditVerifier;

import java.io.PrintWriter;

/** How a command prints its result: a table for people, one JSON object for scripts. */
enum Output {
    table, json;

    static void print(PrintWriter out, Output format, AuditVerifier.Result r) {
        if (format == json) {
            out.println("{\"ok\":" + r.ok() + ",\"batches_checked\":" + r.batchesChecked() + ",\"head_sequence\":"
                    + r.headSequence() + (r.headHash() == null ? "" : ",\"last_good_hash\":\"" + r.headHash() + "\"")
                    + (r.firstBadSequence() == null ? "" : ",\"first_bad_sequence\":" + r.firstBadSequence()
                    + ",\"problem\":\"" + r.problem().replace("\\", "\\\\").replace("\"", "\\\"") + "\"") + "}");
        } else {
            out.printf("ok              %s%n", r.ok() ? "yes" : "NO");
            out.printf("batches checked %d%n", r.batchesChecked());
            out.printf("head (header)   %d%n", r.headSequence());
            if (r.headHash() != null) out.printf("last good hash  %s%n", r.headHash());
            if (r.firstBadSequence() != null) {
                out.printf("first bad batch %d%n", r.firstBadSequence());
                out.printf("problem         %s%n", r.problem());
            }
        }
        out.flush();
    }
}
