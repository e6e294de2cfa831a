package dev.descent.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Security;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SHA-256 from whichever provider {@link Sha256} picked, against FIPS 180-2 vectors and the JDK's own code. */
class Sha256Test {
    private static String ascii(String s) {
        return Sha256.hex(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void fipsVectors() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ascii(""));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ascii("abc"));
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
        byte[] millionA = new byte[1_000_000];
        Arrays.fill(millionA, (byte) 'a');
        assertEquals("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Sha256.hex(millionA));
    }

    @Test
    void agreesWithTheJdkOnLargeArrays() throws Exception {
        // larger than the PKCS#11 wrapper's copy buffer, and not a multiple of the 64-byte block
        byte[] data = new byte[9_437_187];
        new Random(7).nextBytes(data);
        String jdk = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256", "SUN").digest(data));
        assertEquals(jdk, Sha256.hex(data));
    }

    @Test
    void usesNssWhereTheRuntimeShipsItsConfiguration() {
        assumeTrue(Files.isRegularFile(Path.of(System.getProperty("java.home"), "conf", "security", "nss.cfg"))
                && Security.getProvider("SunPKCS11") != null, "this runtime has no NSS configuration");
        assertEquals("SunPKCS11-NSS", Sha256.providerName());
    }
}
