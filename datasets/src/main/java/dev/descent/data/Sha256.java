package dev.descent.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.HexFormat;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * SHA-256 of whole files, from the fastest provider this Java runtime has.
 *
 * <p>The JDK's own SHA-256 is Java code that only the C2 compiler turns into SHA-NI instructions;
 * the launcher runs C1 only, where it hashes about 120 MB/s (0.4 s for MNIST's training images).
 * Where the runtime ships a PKCS#11 configuration for NSS ({@code conf/security/nss.cfg}: Debian's
 * and Ubuntu's OpenJDK packages, which depend on libnss3), the JDK's SunPKCS11 provider hashes in
 * NSS's native code instead, about 1.3 GB/s here. The provider is configured privately (not added
 * to the JVM's provider list), checked once against the FIPS 180-2 test vector, and skipped with a
 * debug line if anything about it fails.
 */
final class Sha256 {
    private static final Logger LOG = LogManager.getLogger(Sha256.class);
    /** SHA-256("abc"), FIPS 180-2 appendix B.1. */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private Sha256() {}

    /** Lowercase hex SHA-256 of {@code content}. */
    static String hex(byte[] content) {
        return hex(ByteBuffer.wrap(content));
    }

    /** Lowercase hex SHA-256 of {@code content} from its position to its limit (the buffer is not moved). */
    static String hex(ByteBuffer content) {
        MessageDigest digest = digest(Native.PROVIDER);
        digest.update(content.duplicate());
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Name of the provider {@link #hex} uses ("SUN" when no native one is available). */
    static String providerName() {
        return digest(Native.PROVIDER).getProvider().getName();
    }

    private static MessageDigest digest(Provider provider) {
        try {
            return provider == null ? MessageDigest.getInstance("SHA-256") : MessageDigest.getInstance("SHA-256", provider);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    /** Holder: NSS is configured on first use only (about 40 ms), and only once. */
    private static final class Native {
        static final Provider PROVIDER = nss();

        private static Provider nss() {
            Path config = Path.of(System.getProperty("java.home"), "conf", "security", "nss.cfg");
            Provider base = Security.getProvider("SunPKCS11");
            if (base == null || !Files.isRegularFile(config)) {
                LOG.debug("SHA-256: the JDK's own provider (no SunPKCS11 or no {})", config);
                return null;
            }
            try {
                Provider nss = base.configure(config.toString());
                String abc = HexFormat.of().formatHex(digest(nss).digest("abc".getBytes(StandardCharsets.US_ASCII)));
                if (!ABC.equals(abc)) {
                    LOG.debug("SHA-256: {} gave {} for \"abc\"; using the JDK's own provider", nss.getName(), abc);
                    return null;
                }
                LOG.debug("SHA-256: native code through {} ({})", nss.getName(), config);
                return nss;
            } catch (RuntimeException e) { // ProviderException, InvalidParameterException, ...: no usable NSS
                LOG.debug("SHA-256: {} not usable ({}); using the JDK's own provider", config, e.toString());
                return null;
            }
        }
    }
}
