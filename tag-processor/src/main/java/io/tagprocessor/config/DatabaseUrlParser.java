package io.tagprocessor.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads {@code DATABASE_URL} in the JDBC form or the libpq form into a {@link DatabaseUrl}:
 * credentials move out of the URL (user info and {@code user}/{@code password} parameters), hosts
 * get the default port 5432, other parameters pass through. Error messages never quote the input,
 * which may hold a password.
 */
final class DatabaseUrlParser {

    static final String ACCEPTED_FORMS = "accepted forms: jdbc:postgresql://host[:port]/database[?params]"
            + " or postgresql://[user[:password]@]host[:port]/database[?params] (also postgres://);"
            + " percent-encode @ : / ? # [ ] in user and password";

    private static final String JDBC_PREFIX = "jdbc:postgresql://";
    private static final List<String> LIBPQ_PREFIXES = List.of("postgresql://", "postgres://");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern IPV6_ADDRESS = Pattern.compile("[0-9A-Za-z:.%]+");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final int DEFAULT_PORT = 5432;

    private DatabaseUrlParser() {}

    static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw invalid("it is empty");
        }
        String text = url.strip();
        boolean jdbc = text.toLowerCase(Locale.ROOT).startsWith(JDBC_PREFIX);
        String rest = text.substring(prefix(text, jdbc).length());
        int authorityEnd = indexOfAny(rest, "/?");
        String authority = rest.substring(0, authorityEnd);
        int at = authority.lastIndexOf('@');
        String hosts = hosts(authority.substring(at + 1));

        String tail = rest.substring(authorityEnd);
        int queryStart = tail.indexOf('?');
        String database = database(queryStart < 0 ? tail : tail.substring(0, queryStart));
        var credentials = new Credentials();
        if (at >= 0) {
            credentials.fromUserInfo(authority.substring(0, at));
        }
        String query = queryStart < 0 ? "" : credentials.extractFrom(tail.substring(queryStart + 1), jdbc);

        String jdbcUrl = JDBC_PREFIX + hosts + "/" + database + (query.isEmpty() ? "" : "?" + query);
        return new DatabaseUrl(jdbcUrl, credentials.username, credentials.password);
    }

    private static String prefix(String text, boolean jdbc) {
        if (jdbc) {
            return JDBC_PREFIX;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return LIBPQ_PREFIXES.stream()
                .filter(lower::startsWith)
                .findFirst()
                .orElseThrow(() -> invalid("it does not start with jdbc:postgresql://, postgresql:// or postgres://"));
    }

    private static String hosts(String hostList) {
        List<String> hosts = new ArrayList<>();
        for (String host : hostList.split(",", -1)) {
            hosts.add(hostAndPort(host));
        }
        return String.join(",", hosts);
    }

    private static String hostAndPort(String hostPort) {
        String host;
        String port;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0 || !IPV6_ADDRESS.matcher(hostPort.substring(1, close)).matches()) {
                throw invalid("an IPv6 host is not a bracketed address like [::1]");
            }
            host = hostPort.substring(0, close + 1);
            port = portAfter(hostPort.substring(close + 1));
        } else {
            int colon = hostPort.indexOf(':');
            if (colon >= 0 && hostPort.indexOf(':', colon + 1) >= 0) {
                throw invalid("an IPv6 host must be in brackets, like [::1]:5432");
            }
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            port = portAfter(colon < 0 ? "" : hostPort.substring(colon));
            if (!HOST_NAME.matcher(host).matches()) {
                throw invalid("the host is missing or has characters a host name cannot have");
            }
        }
        return host + ":" + port;
    }

    private static String portAfter(String colonAndPort) {
        if (colonAndPort.isEmpty()) {
            return String.valueOf(DEFAULT_PORT);
        }
        String port = colonAndPort.substring(1);
        if (!colonAndPort.startsWith(":")
                || !PORT.matcher(port).matches()
                || Integer.parseInt(port) < 1
                || Integer.parseInt(port) > 65535) {
            throw invalid("the port is not a number from 1 to 65535");
        }
        return String.valueOf(Integer.parseInt(port));
    }

    private static String database(String path) {
        if (path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw invalid("the database name is missing (…/database) or contains '/'");
        }
        return path.substring(1);
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    static String percentDecode(String text, String what) {
        var bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
                if (low < 0) {
                    throw invalid("the " + what + " has an invalid percent-encoding (expected %XX)");
                }
                bytes.write(high * 16 + low);
                i += 3;
            } else {
                int codePoint = text.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static IllegalArgumentException invalid(String reason) {
        return new IllegalArgumentException("DATABASE_URL (tag-processor.database.url) is not a usable PostgreSQL URL: "
                + reason + "; " + ACCEPTED_FORMS);
    }

    /** User and password found in the URL, decoded; empty means absent. */
    private static final class Credentials {
        private String username;
        private String password;

        void fromUserInfo(String userInfo) {
            int colon = userInfo.indexOf(':');
            username = emptyToNull(percentDecode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user"));
            password = colon < 0 ? null : emptyToNull(percentDecode(userInfo.substring(colon + 1), "password"));
        }

        /** Takes user and password parameters out of the query; returns the remaining query. */
        String extractFrom(String query, boolean jdbc) {
            List<String> kept = new ArrayList<>();
            for (String parameter : query.split("&")) {
                int equals = parameter.indexOf('=');
                String name = equals < 0 ? parameter : parameter.substring(0, equals);
                String value = equals < 0 ? "" : parameter.substring(equals + 1);
                switch (name) {
                    case "user" -> username = decodeParameter(value, name, jdbc);
                    case "password" -> password = decodeParameter(value, name, jdbc);
                    case "" -> {}
                    default -> kept.add(parameter);
                }
            }
            return String.join("&", kept);
        }

        private static String decodeParameter(String value, String name, boolean jdbc) {
            // pgjdbc decodes parameter values like form data ('+' is a space); libpq does not
            return emptyToNull(percentDecode(jdbc ? value.replace('+', ' ') : value, name + " parameter"));
        }

        private static String emptyToNull(String value) {
            return value.isEmpty() ? null : value;
        }
    }
}
