package io.sentrycloud.server.meta.access;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** bcrypt password hashes (Bouncy Castle's OpenBSD-compatible {@code $2b$}), and random secrets. */
public final class Passwords {

    /** bcrypt's work factor: 2^10 rounds, about 50-100 ms on a small server. */
    static final int COST = 10;
    /** Shortest password accepted. */
    public static final int MIN_LENGTH = 8;
    /** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
    public static final int MAX_BYTES = 72;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    /** Why {@code password} cannot be used, or null when it can. */
    public static String problem(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "password must have at least " + MIN_LENGTH + " characters";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "password must have at most " + MAX_BYTES + " bytes (UTF-8)";
        }
        return null;
    }

    /** A new salted bcrypt hash of {@code password}. */
    public static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", password.toCharArray(), salt, COST);
    }

    /** Whether {@code password} matches {@code hash}, in time independent of where they differ. */
    public static boolean matches(String password, String hash) {
        if (password == null || password.isEmpty() || hash == null
                || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        try {
            return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
        } catch (IllegalArgumentException | org.bouncycastle.crypto.DataLengthException e) {
            return false; // not a bcrypt hash
        }
    }

    /** {@code bytes} random bytes as URL-safe base64 without padding. */
    public static String randomSecret(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
