package fr.mlml.ledger.cli;

/**
 * Amounts as people type and read them ("12,50" or "12.50") against the ledger's whole minor units (1250): decimal
 * text parsed digit by digit, never through floating point, with two decimals as every currency of the ledger has.
 */
final class Amounts {
    static final int DECIMALS = 2;

    private Amounts() {
    }

    static long parse(String text) {
        String t = text.trim();
        int mark = Math.max(t.indexOf(','), t.indexOf('.'));
        String units = mark < 0 ? t : t.substring(0, mark);
        String cents = mark < 0 ? "" : t.substring(mark + 1);
        if (units.isEmpty() || !units.chars().allMatch(Character::isDigit) || cents.length() > DECIMALS
                || !cents.chars().allMatch(Character::isDigit) || t.indexOf(',') >= 0 && t.indexOf('.') >= 0) {
            throw new IllegalArgumentException("not an amount: " + text + " (write 12,50 or 12.50)");
        }
        try {
            long minor = Math.multiplyExact(Long.parseLong(units), 100);
            long fraction = cents.isEmpty() ? 0 : Long.parseLong(cents) * (cents.length() == 1 ? 10 : 1);
            long amount = Math.addExact(minor, fraction);
            if (amount <= 0) throw new IllegalArgumentException("an amount is more than zero: " + text);
            return amount;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("amount too large: " + text);
        }
    }

    static String format(long minor) {
        String sign = minor < 0 ? "-" : "";
        long abs = Math.abs(minor);
        return sign + abs / 100 + "," + String.format("%02d", abs % 100);
    }
}
