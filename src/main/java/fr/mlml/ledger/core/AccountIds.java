package fr.mlml.ledger.core;

/** The syntax of account and member ids: {@code [a-z0-9][a-z0-9:._-]{0,63}} (DESIGN.md §2). */
public final class AccountIds {
    public static final int MAX_LENGTH = 64;

    private AccountIds() {
    }

    public static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) return false;
        if (!isLowerAlnum(id.charAt(0))) return false;
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!isLowerAlnum(c) && c != ':' && c != '.' && c != '_' && c != '-') return false;
        }
        return true;
    }

    private static boolean isLowerAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
