package fr.mlml.loadtest;

/**
 * The members and MLC accounts a run sets up: {@code members} businesses (at most 10) own {@code accounts} accounts
 * between them, account {@code a} belonging to member {@code a % members}. Accounts 0 to 9 are the hot ones of the
 * hot mix, so with 10 members each owns exactly one.
 */
final class Population {
    static final int HOT = 10;

    final int members;
    final int accounts;
    final RequestSigner[] signers;
    final String[] tokens;

    Population(int members, int accounts) {
        if (members < 1 || members > HOT || accounts < 2 * HOT) {
            throw new IllegalArgumentException("need 1 to 10 members and at least 20 accounts");
        }
        this.members = members;
        this.accounts = accounts;
        this.signers = new RequestSigner[members];
        this.tokens = new String[members];
    }

    static String memberId(int member) {
        return String.format("lt-business-%02d", member);
    }

    static String accountId(int account) {
        return String.format("mlc:lt-%06d", account);
    }

    int owner(int account) {
        return account % members;
    }

    /** How many accounts member {@code m} owns; its k-th is {@code m + k * members}. */
    int ownedBy(int member) {
        return (accounts - member + members - 1) / members;
    }

    /** How many hot accounts member {@code m} owns; its k-th is {@code m + k * members}, as above. */
    int hotOwnedBy(int member) {
        return (HOT - member + members - 1) / members;
    }
}
