package io.tagprocessor.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Compares passwords by their SHA-256 digests in constant time. Deliberately fast: the credentials
 * are long machine secrets from the environment (at least 16 characters), never user-chosen
 * passwords kept in a database, so a slow hash (bcrypt costs ~100 ms) would only tax every call of an
 * authenticated read API without protecting anything.
 */
final class Sha256PasswordEncoder implements PasswordEncoder {

    @Override
    public String encode(CharSequence raw) {
        return HexFormat.of().formatHex(digest(raw));
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        if (raw == null || encoded == null) {
            return false;
        }
        return MessageDigest.isEqual(digest(raw), parse(encoded));
    }

    private static byte[] parse(String hex) {
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static byte[] digest(CharSequence raw) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(raw.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
