package fr.mlml.ledger.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Profiles hold tokens: kept readable by their owner only, read back as written; amounts typed as people type. */
class ProfilesTest {
    @TempDir
    Path dir;

    @Test
    void profilesAreKeptForTheirOwnerOnly() throws Exception {
        Profiles profiles = new Profiles(dir.resolve("conf").resolve("profiles.json"));
        profiles.put("default", new Profiles.Profile("https://ledger.example", "tok-1", "/k/dupont.key", "k1"));
        profiles.put("office", new Profiles.Profile("https://ledger.example", "tok-2", null, null));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(profiles.file())));
        assertEquals(new Profiles.Profile("https://ledger.example", "tok-1", "/k/dupont.key", "k1"),
                profiles.all().get("default"));
        assertEquals("tok-2", profiles.all().get("office").token());
    }

    @Test
    void amountsAreReadWithoutFloatingPoint() {
        assertEquals(1250, Amounts.parse("12,50"));
        assertEquals(1250, Amounts.parse("12.5"));
        assertEquals(1200, Amounts.parse("12"));
        assertEquals(1, Amounts.parse("0,01"));
        assertEquals("-3,07", Amounts.format(-307));
        for (String bad : new String[] {"12,505", "1.2.3", "-1", "0", "abc", "1,2.3", "", "99999999999999999999"}) {
            assertThrows(IllegalArgumentException.class, () -> Amounts.parse(bad), bad);
        }
    }
}
