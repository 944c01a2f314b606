package fr.mlml.ledger.api;

/** Minor units written as exact decimals for the exports: never through floating point. */
final class Decimals {
    private Decimals() {
    }

    /** {@code minor} (not negative) with {@code scale} decimal places after {@code point}. */
    static String of(long minor, int scale, char point) {
        assert minor >= 0 && scale >= 0;
        if (scale == 0) return Long.toString(minor);
        String digits = Long.toString(minor);
        if (digits.length() <= scale) digits = "0".repeat(scale - digits.length() + 1) + digits;
        return digits.substring(0, digits.length() - scale) + point + digits.substring(digits.length() - scale);
    }
}
